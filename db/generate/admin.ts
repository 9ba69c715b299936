// Server-level chores for the county-scale generator and its local server (scripts/county-db.ts):
// databases are created and dropped here because only db/ may talk to PostgreSQL directly.
import pg from 'pg';

/** `url` with its database name replaced (the maintenance database `postgres` by default). */
export function withDatabase(url: string, database = 'postgres'): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Creates `database` on the server behind `serverUrl` unless it exists already. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl) });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${quoteIdent(database)}`);
  } finally {
    await client.end();
  }
}

/** Drops `database` (closing other sessions on it first); nothing happens when it is missing. */
export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl) });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** True when a PostgreSQL server answers at `url` (any database). */
export async function serverAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: withDatabase(url), connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
