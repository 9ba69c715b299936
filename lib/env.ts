// The environment, validated once. Edit this when the app needs a new setting.
// DATABASE_URL unset means the embedded PGlite database under DATA_DIR, on purpose (demo mode).
// In demo mode missing secrets are generated once into DATA_DIR/secrets.json; otherwise a
// missing secret stops the start with a sentence that says what to set.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const boolish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const rawSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  DEMO_MODE: boolish.optional(),
  NEXTAUTH_SECRET: z.string().min(32, 'NEXTAUTH_SECRET must be at least 32 characters').optional(),
  /** Comma-separated `keyId:base64key` pairs, 32-byte keys; the first is used to encrypt. */
  PII_ENC_KEYS: z.string().regex(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/=_-]+(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=_-]+)*$/, 'PII_ENC_KEYS must look like k1:BASE64[,k0:BASE64]').optional(),
  /** base64, 32 bytes: HMAC key for lookups of phone and ID numbers. */
  PII_HMAC_KEY: z.string().min(40, 'PII_HMAC_KEY must be 32 bytes, base64').optional(),
  UPLOAD_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /**
   * How many proxies in front of the portal append to X-Forwarded-For and are trusted (TRUST
   * S6); 0 (the default) means clients connect directly and only the socket's address counts.
   */
  TRUSTED_PROXY_HOPS: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string()
      .trim()
      .regex(/^\d{1,2}$/, 'TRUSTED_PROXY_HOPS must be a whole number of proxies (0 when clients connect to the portal directly)')
      .transform(Number)
      .pipe(z.number().max(10, 'TRUSTED_PROXY_HOPS must be at most 10'))
      .default(0),
  ),
});

export interface AppEnv {
  nodeEnv: 'development' | 'production' | 'test';
  databaseUrl: string | undefined;
  dataDir: string;
  pgliteDir: string;
  uploadDir: string;
  demo: boolean;
  authSecret: string;
  piiKeys: { activeId: string; keys: Record<string, Buffer> };
  piiHmacKey: Buffer;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Proxies in front of the portal whose X-Forwarded-For entries are trusted (lib/client-address.ts). */
  trustedProxyHops: number;
}

export class EnvError extends Error {
  override name = 'EnvError';
}

interface DemoSecrets {
  authSecret: string;
  piiKeyId: string;
  piiKey: string;
  piiHmacKey: string;
}

function loadDemoSecrets(dataDir: string): DemoSecrets {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DemoSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: DemoSecrets = {
    authSecret: randomBytes(32).toString('base64url'),
    piiKeyId: 'demo1',
    piiKey: randomBytes(32).toString('base64'),
    piiHmacKey: randomBytes(32).toString('base64'),
  };
  // 'wx' fails if another process wrote it meanwhile; then read theirs so both agree.
  try {
    writeFileSync(file, JSON.stringify(secrets, null, 2), { flag: 'wx', mode: 0o600 });
    return secrets;
  } catch {
    return JSON.parse(readFileSync(file, 'utf8')) as DemoSecrets;
  }
}

function parseKeys(spec: string): { activeId: string; keys: Record<string, Buffer> } {
  const keys: Record<string, Buffer> = {};
  let activeId = '';
  for (const pair of spec.split(',')) {
    const [id, b64] = pair.split(':') as [string, string];
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32) throw new EnvError(`PII_ENC_KEYS: key "${id}" must be 32 bytes (base64 of 32 random bytes).`);
    keys[id] = key;
    if (!activeId) activeId = id;
  }
  return { activeId, keys };
}

export function readEnv(source: Record<string, string | undefined> = process.env): AppEnv {
  const parsed = rawSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`The portal cannot start: the environment is not valid.\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ e.DATA_DIR);
  const demo = e.DEMO_MODE ?? !e.DATABASE_URL;

  let authSecret = e.NEXTAUTH_SECRET;
  let piiSpec = e.PII_ENC_KEYS;
  let hmac = e.PII_HMAC_KEY;
  if (!authSecret || !piiSpec || !hmac) {
    if (!demo) {
      const missing = [!authSecret && 'NEXTAUTH_SECRET', !piiSpec && 'PII_ENC_KEYS', !hmac && 'PII_HMAC_KEY'].filter(Boolean);
      throw new EnvError(
        `The portal cannot start: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set. ` +
          'Outside demo mode every secret must come from the environment (see README, "Using a real PostgreSQL").',
      );
    }
    const s = loadDemoSecrets(dataDir);
    authSecret ??= s.authSecret;
    piiSpec ??= `${s.piiKeyId}:${s.piiKey}`;
    hmac ??= s.piiHmacKey;
  }
  const piiHmacKey = Buffer.from(hmac, 'base64');
  if (piiHmacKey.length < 32) throw new EnvError('PII_HMAC_KEY must be at least 32 bytes (base64).');

  return {
    nodeEnv: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    pgliteDir: path.join(dataDir, 'pglite'),
    uploadDir: path.resolve(/*turbopackIgnore: true*/ e.UPLOAD_DIR ?? path.join(dataDir, 'uploads')),
    demo,
    authSecret,
    piiKeys: parseKeys(piiSpec),
    piiHmacKey,
    logLevel: e.LOG_LEVEL,
    trustedProxyHops: e.TRUSTED_PROXY_HOPS,
  };
}

const cache = globalThis as unknown as { __reliefEnv?: AppEnv };

/** The validated environment of this process (read once). */
export function env(): AppEnv {
  cache.__reliefEnv ??= readEnv();
  return cache.__reliefEnv;
}
