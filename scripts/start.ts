// First half of `npm start` (the second is scripts/serve.ts, see package.json): validates the
// environment, builds when there is no build yet, and migrates (in demo mode also seeds) the
// database, then exits. It runs as its own process so that the memory PGlite used for seeding
// is returned before the server starts, and so that only one process has the folder open.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { EnvError, env } from '../lib/env';
import { closeDb } from '../db/client';
import { prepareDatabase } from './prepare-db';

const nextBin = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');

async function main() {
  try {
    env();
  } catch (err) {
    console.error(err instanceof EnvError ? err.message : err);
    process.exit(1);
  }
  if (!existsSync(path.join(process.cwd(), process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID'))) {
    console.log('[start] no build yet: running next build (about a minute on 2 cores)…');
    const built = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env: process.env });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  await prepareDatabase();
  await closeDb();
}

main().catch(async (err: unknown) => {
  console.error('[start] could not start:', err instanceof Error ? err.message : err);
  await closeDb().catch(() => {});
  process.exit(1);
});
