// `npm start`: one command from a fresh clone to a running portal. Validates the environment,
// builds when there is no build yet, migrates (and in demo mode seeds) the database in this
// process, closes it, then hands over to `next start`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { EnvError, env } from '../lib/env';
import { closeDb } from '../db/client';
import { prepareDatabase } from './prepare-db';

const port = process.env.PORT ?? '3000';
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
const nextBin = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');

async function main() {
  try {
    env();
  } catch (err) {
    console.error(err instanceof EnvError ? err.message : err);
    process.exit(1);
  }
  if (!existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'))) {
    console.log('[start] no build yet: running next build (about a minute on 2 cores)…');
    const built = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env: process.env });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  await prepareDatabase();
  await closeDb();
  const child = spawn(process.execPath, [nextBin, 'start', '-p', port], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}

main().catch(async (err: unknown) => {
  console.error('[start] could not start:', err instanceof Error ? err.message : err);
  await closeDb().catch(() => {});
  process.exit(1);
});
