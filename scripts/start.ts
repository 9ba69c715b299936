// First half of `npm start` (the second is scripts/serve.ts, see package.json): validates the
// environment, builds when there is no build yet, compiles the production server to plain
// JavaScript, and migrates (in demo mode also seeds) the database, then exits. It runs as its own process so that the memory PGlite used for seeding
// is returned before the server starts, and so that only one process has the folder open.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { EnvError, env } from '../lib/env';
import { closeDb, getDb } from '../db/client';
import { prepareDatabase } from './prepare-db';
import { setupState } from '../db/queries/setup';
import { setupAdvice } from './setup';

const nextBin = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');

async function main() {
  try {
    env();
  } catch (err) {
    console.error(err instanceof EnvError ? err.message : err);
    process.exit(1);
  }
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (!existsSync(path.join(process.cwd(), distDir, 'BUILD_ID'))) {
    console.log('[start] no build yet: running next build (about a minute on 2 cores)…');
    const built = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env: process.env });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  // The server runs as plain JavaScript under `node`: run under tsx's loader, every module Next
  // loads passes through its hooks, which cost about 170 MB of memory (532 MB against 702 MB
  // after the benchmark's walk). Compiled each start (0.3 s), so it is never stale.
  await build({
    entryPoints: [path.join(process.cwd(), 'scripts', 'serve.ts')],
    outfile: path.join(process.cwd(), distDir, 'relief-serve.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  await prepareDatabase();
  // A real database that has not been set up yet: one paragraph telling the operator what to
  // run. The server still starts and shows a "not set up yet" page (app/layout.tsx).
  const advice = setupAdvice(await setupState({ db: getDb() }));
  if (advice) console.warn(advice);
  await closeDb();
}

main().catch(async (err: unknown) => {
  console.error('[start] could not start:', err instanceof Error ? err.message : err);
  await closeDb().catch(() => {});
  process.exit(1);
});
