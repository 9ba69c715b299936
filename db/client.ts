// The one database client. Edit only to change how the app connects.
// PGlite (embedded, under DATA_DIR) when DATABASE_URL is unset; node-postgres when it is set.
// One instance per process on globalThis, opened lazily: `next build` must not open the data
// folder, and the auth route gets its own module copy, which must not open a second PGlite.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { env } from '../lib/env';
import * as schema from './schema';

/** One type for both drivers: queries are written once and run on either. */
export type Db = NodePgDatabase<typeof schema>;
/** A transaction handle has the same query API. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

interface Handle {
  db: Db;
  kind: 'pglite' | 'postgres';
  close: () => Promise<void>;
}

const g = globalThis as unknown as { __reliefDb?: Handle };

export function openDb(options: { databaseUrl?: string; pgliteDir?: string; pglite?: PGlite } = {}): Handle {
  if (options.pglite) {
    const client = options.pglite;
    return { db: drizzlePglite(client, { schema }) as unknown as Db, kind: 'pglite', close: () => client.close() };
  }
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, idleTimeoutMillis: 30_000 });
    // A dropped idle connection must not crash the process; the next query reconnects.
    pool.on('error', (err) => console.error('[db] idle client error:', err.message));
    return { db: drizzlePg(pool, { schema }), kind: 'postgres', close: () => pool.end() };
  }
  const dir = options.pgliteDir;
  if (!dir) throw new Error('openDb: give databaseUrl, pgliteDir or pglite');
  mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir);
  return { db: drizzlePglite(client, { schema }) as unknown as Db, kind: 'pglite', close: () => client.close() };
}

function handle(): Handle {
  if (!g.__reliefDb) {
    const e = env();
    g.__reliefDb = e.databaseUrl ? openDb({ databaseUrl: e.databaseUrl }) : openDb({ pgliteDir: e.pgliteDir });
  }
  return g.__reliefDb;
}

export function getDb(): Db {
  return handle().db;
}

export function dbKind(): 'pglite' | 'postgres' {
  return handle().kind;
}

export async function closeDb(): Promise<void> {
  const h = g.__reliefDb;
  g.__reliefDb = undefined;
  if (h) await h.close();
}
