// `npm run db:reset`: start over with a fresh database and fresh demo data.
// Embedded: deletes the PGlite folder and uploads. PostgreSQL: drops and recreates the public schema.
import { rmSync } from 'node:fs';
import { env } from '../lib/env';
import { closeDb, getDb } from '../db/client';
import { dropAllSchemas } from '../db/reset';
import { prepareDatabase } from './prepare-db';

async function main() {
  const e = env();
  if (e.databaseUrl) {
    await dropAllSchemas(getDb());
  } else {
    rmSync(e.pgliteDir, { recursive: true, force: true });
  }
  rmSync(e.uploadDir, { recursive: true, force: true });
  await prepareDatabase();
  await closeDb();
  console.log('[db] reset done');
}

main().catch(async (err: unknown) => {
  console.error('[db:reset] failed:', err instanceof Error ? err.message : err);
  await closeDb().catch(() => {});
  process.exit(1);
});
