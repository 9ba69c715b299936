// Applies the drizzle-kit migrations in db/migrations on either driver (same files, same order).
import path from 'node:path';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { Db } from './client';

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

export async function applyMigrations(db: Db, kind: 'pglite' | 'postgres'): Promise<void> {
  if (kind === 'pglite') {
    await migratePglite(db as unknown as PgliteDatabase<Record<string, unknown>>, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    await migratePg(db, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}
