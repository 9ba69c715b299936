import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EnvError, readEnv } from '@/lib/env';

const key = () => randomBytes(32).toString('base64');

describe('environment', () => {
  it('uses PGlite and generates demo secrets once when DATABASE_URL is unset', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'env-'));
    const a = readEnv({ DATA_DIR: dir });
    expect(a.demo).toBe(true);
    expect(a.databaseUrl).toBeUndefined();
    expect(a.pgliteDir).toBe(path.join(dir, 'pglite'));
    const b = readEnv({ DATA_DIR: dir });
    expect(b.authSecret).toBe(a.authSecret);
    expect(b.piiHmacKey.equals(a.piiHmacKey)).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, 'secrets.json'), 'utf8')).authSecret).toBe(a.authSecret);
  });

  it('stops with a sentence naming the missing secrets outside demo mode', () => {
    expect(() => readEnv({ DATABASE_URL: 'postgres://db/relief', NODE_ENV: 'production' })).toThrow(EnvError);
    expect(() => readEnv({ DATABASE_URL: 'postgres://db/relief', NODE_ENV: 'production' })).toThrow(/NEXTAUTH_SECRET, PII_ENC_KEYS, PII_HMAC_KEY are not set/);
  });

  it('rejects a malformed DATABASE_URL and a short key with a clear message', () => {
    expect(() => readEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must start with postgres/);
    expect(() =>
      readEnv({ DATABASE_URL: 'postgres://db/r', NEXTAUTH_SECRET: 'x'.repeat(40), PII_ENC_KEYS: `k1:${randomBytes(16).toString('base64')}`, PII_HMAC_KEY: key() }),
    ).toThrow(/must be 32 bytes/);
  });

  it('accepts a full production environment and picks the first key as active', () => {
    const e = readEnv({ DATABASE_URL: 'postgres://db/r', NODE_ENV: 'production', NEXTAUTH_SECRET: 'x'.repeat(40), PII_ENC_KEYS: `k2:${key()},k1:${key()}`, PII_HMAC_KEY: key() });
    expect(e.demo).toBe(false);
    expect(e.piiKeys.activeId).toBe('k2');
    expect(Object.keys(e.piiKeys.keys)).toEqual(['k2', 'k1']);
  });
});
