// `npm run db:reset`: start over with a fresh database and fresh demo data.
// Embedded: deletes the PGlite folder and uploads. PostgreSQL: drops and recreates the public schema.
import { rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { env } from '../lib/env';
import { closeDb, getDb } from '../db/client';
import { prepareDatabase } from './prepare-db';

async function main() {
  const e = env();
  if (e.databaseUrl) {
    await getDb().execute(sql`DROP SCHEMA IF EXISTS public CASCADE`);
    await getDb().execute(sql`DROP SCHEMA IF EXISTS drizzle CASCADE`);
    await getDb().execute(sql`CREATE SCHEMA public`);
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
