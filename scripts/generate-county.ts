// npm run db:generate-county -- --households 250000 [--seed 1] [--pglite]
// Fills a database with a plausible county (db/generate/): the local county PostgreSQL of
// scripts/county-db.ts (.data/county-pg; DATABASE_URL instead when set), or with --pglite
// the embedded database the dev server uses. Replaces everything in it.
import { hash as argonHash } from '@node-rs/argon2';
import { loadavg } from 'node:os';
import { runCountyGeneration } from '../db/generate';
import { ARGON_OPTIONS } from '../lib/password';
import { DEMO_PASSWORD } from '../lib/demo-accounts';
import { env } from '../lib/env';
import { startCountyDb } from './county-db';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = process.argv[i + 1];
  return v && !v.startsWith('--') ? v : '';
}

async function main() {
  const households = Number(arg('households') ?? 250_000);
  const seed = Number(arg('seed') ?? 1);
  const pglite = arg('pglite') !== undefined;
  if (!Number.isInteger(households) || households < 2) throw new Error('--households must be a whole number of at least 2');
  if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number');

  const load = loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`[generate-county] ${households} households, seed ${seed}, ${pglite ? 'PGlite' : 'PostgreSQL'}; load average before: ${load}`);
  // Every account gets the demo password: one argon2 hash, computed once.
  const passwordHash = await argonHash(DEMO_PASSWORD, ARGON_OPTIONS);
  const log = (line: string) => console.log(line);

  let stop = async () => {};
  let target: { url: string } | { pgliteDir: string };
  if (pglite) target = { pgliteDir: env().pgliteDir };
  else {
    const db = await startCountyDb();
    stop = db.stop;
    target = { url: db.url };
  }
  try {
    const run = await runCountyGeneration(target, { households, seed, passwordHash, log });
    console.log('\nrows per table:');
    for (const [t, n] of Object.entries(run.counts)) console.log(`  ${t.padEnd(20)} ${n.toLocaleString('en-GB').padStart(11)}`);
    console.log('applications per state:');
    for (const [s, n] of Object.entries(run.states)) console.log(`  ${s.padEnd(20)} ${n.toLocaleString('en-GB').padStart(11)}`);
    console.log(`first reference ${run.firstReference}`);
    console.log(`done in ${run.totalSeconds.toFixed(1)} s (load average now: ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);
    if ('url' in target) console.log(`data: ${target.url.replace(/:[^:@/]*@/, ':***@')}`);
    else console.log(`data: ${target.pgliteDir}`);
  } finally {
    await stop();
  }
}

main().catch((err) => {
  console.error('[generate-county] failed:', err instanceof Error ? err.stack ?? err.message : err);
  process.exitCode = 1;
});
