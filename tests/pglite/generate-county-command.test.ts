// `npm run db:generate-county` as a developer types it (README, docs/performance.md): the
// package.json command itself, not runCountyGeneration called from a test, so a command that
// cannot even load its modules (as on 2026-11-30, when it lacked the react-server condition
// and stopped on the first server-only import) fails here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';

const dataDir = mkdtempSync(path.join(tmpdir(), 'relief-generate-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm run db:generate-county', () => {
  it('fills an embedded database with a small county of the size asked for', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DEMO_MODE: '1' };
    for (const k of ['DATABASE_URL', 'PII_ENC_KEYS', 'PII_HMAC_KEY', 'NODE_OPTIONS']) delete env[k];
    const run = spawnSync('npm', ['run', '--silent', 'db:generate-county', '--', '--households', '120', '--pglite'], {
      cwd: process.cwd(),
      env,
      encoding: 'utf8',
      timeout: 110_000,
    });
    expect(run.stderr + run.stdout).toContain('done in');
    expect(run.status).toBe(0);

    const client = new PGlite(path.join(dataDir, 'pglite'));
    try {
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM households');
      expect(rows[0]!.n).toBe(120);
    } finally {
      await client.close();
    }
  });
});
