// Runs once before the integration test files: migrates one template database on the test
// server, so that each file's fresh database (helpers.ts createTestDatabase) is a copy of it
// (CREATE DATABASE … TEMPLATE, a file copy inside PostgreSQL) instead of some thirty
// migrations applied again per file. Dropped after the run. Without TEST_DATABASE_URL nothing
// happens here: helpers.ts says how to get one.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDb } from '@/db/client';
import { applyMigrations } from '@/db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated template database's name, or '' when there is none. */
    templateDatabase: string;
  }
}

async function admin(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const url = process.env.TEST_DATABASE_URL;
  project.provide('templateDatabase', '');
  if (!url) return undefined;
  const name = `t_template_${randomBytes(6).toString('hex')}`;
  await admin(url, `CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  // Every connection to the template must be closed before it can be copied.
  const handle = openDb({ databaseUrl: u.toString() });
  try {
    await applyMigrations(handle.db, handle.kind);
  } finally {
    await handle.close();
  }
  project.provide('templateDatabase', name);
  return async () => {
    await admin(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
}
