// Wipes a PostgreSQL database for `npm run db:reset` (scripts/reset-db.ts): the app's schema
// and drizzle's migration journal, so the next prepareDatabase() migrates and seeds from
// nothing. Never called by the app itself.
import { sql } from 'drizzle-orm';
import type { Db } from './client';

export async function dropAllSchemas(db: Db): Promise<void> {
  await db.execute(sql`DROP SCHEMA IF EXISTS public CASCADE`);
  await db.execute(sql`DROP SCHEMA IF EXISTS drizzle CASCADE`);
  await db.execute(sql`CREATE SCHEMA public`);
}
