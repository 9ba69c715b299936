// Integration-test helpers: one fresh, migrated database per test file on the real PostgreSQL
// server named by TEST_DATABASE_URL (scripts/with-postgres.ts provides one), plus a minimal
// place + user + household.
//
// Import this module first in a test file: it points DATA_DIR at a temp folder and turns demo
// mode on before lib/env is first used, so each test file gets its own generated PII keys.
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes, randomInt } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDb, type Db } from '@/db/client';
import { applyMigrations } from '@/db/migrate';
import { budgets, households, places, programmes, users, type Budget, type Household, type Place, type User } from '@/db/schema';
import type { ProgrammeCode, Role } from '@/lib/domain';
import { AppError } from '@/lib/errors';
import { hashPassword } from '@/lib/password';
import { createRng, fakeChineseName, fakeIdNumber } from '@/lib/pii';
import { PROGRAMMES } from '@/lib/programs';
import { lookupHash, sealPii } from '@/lib/protect';

// lib/env reads the environment lazily (on the first env() call, never at import), so setting
// it here, in the body of the first module a test file imports, is early enough.

const dataDir = mkdtempSync(path.join(tmpdir(), 'relief-it-'));
process.env.DATA_DIR = dataDir;
process.env.DEMO_MODE = '1';
// Keys come from DATA_DIR/secrets.json (generated), never from the developer's shell.
delete process.env.PII_ENC_KEYS;
delete process.env.PII_HMAC_KEY;
delete process.env.NEXTAUTH_SECRET;
// lib/env caches on globalThis; a worker reused from an earlier file must not keep that file's env.
delete (globalThis as { __reliefEnv?: unknown }).__reliefEnv;

export interface TestDatabase {
  /** e.g. t_3f9a0c1b2d4e */
  name: string;
  /** Connection string of this database (the server's superuser). */
  url: string;
  db: Db;
  /** The node-postgres pool behind `db`, for raw queries and for holding several connections. */
  pool: pg.Pool;
  /** Closes the pool and drops the database. */
  close: () => Promise<void>;
}

function baseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'TEST_DATABASE_URL is not set. Run the integration tests through scripts/with-postgres.ts ' +
        '(npm run test:integration), which starts a throwaway PostgreSQL, or set TEST_DATABASE_URL yourself.',
    );
  }
  return url;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: baseUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * Creates `t_<random>` on the test server, opens it with openDb and applies the migrations: a
 * copy of the run's migrated template (global-setup.ts), where applying them finds nothing
 * left to do, or an empty database when there is no template.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const template = inject('templateDatabase');
  await admin((c) => c.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`));
  const u = new URL(baseUrl());
  u.pathname = `/${name}`;
  const url = u.toString();
  const handle = openDb({ databaseUrl: url });
  try {
    await applyMigrations(handle.db, handle.kind);
  } catch (err) {
    await handle.close().catch(() => {});
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch(() => {});
    throw err;
  }
  let closed = false;
  return {
    name,
    url,
    db: handle.db,
    // drizzle() puts the driver client on `$client`; the shared Db type does not declare it.
    pool: (handle.db as unknown as { $client: pg.Pool }).$client,
    close: async () => {
      if (closed) return;
      closed = true;
      await handle.close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/**
 * Registers beforeAll/afterAll for a fresh database for the whole test file. The returned
 * object is filled in by beforeAll: read its fields inside tests and hooks, not at import.
 */
export function useTestDatabase(): TestDatabase {
  const ctx = {} as TestDatabase;
  beforeAll(async () => {
    Object.assign(ctx, await createTestDatabase());
  });
  afterAll(async () => {
    try {
      await ctx.close?.();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
  return ctx;
}

/** A random valid-looking mobile number on a test-only prefix (170: virtual operators). */
export function randomMobile(): string {
  let digits = '';
  for (let i = 0; i < 8; i++) digits += String(randomInt(10));
  return `170${digits}`;
}

/** A random ID number that passes the check digit (synthetic: nobody's). */
/**
 * A valid ID number no other test in this run is likely to draw. Test files run in parallel
 * against one database whose users' ID numbers are unique; with one region code there were
 * only ~17M numbers, and a full run draws enough of them to collide now and then (about one run
 * in fifteen). A random region code makes the space ~900,000 times larger.
 */
export function randomIdNumber(): string {
  return fakeIdNumber(createRng(randomInt(2 ** 31)), { regionCode: String(randomInt(100_000, 1_000_000)), minYear: 1950, maxYear: 1995 });
}

export interface MadeHousehold {
  place: Place;
  user: User;
  household: Household;
  /** The plaintext credentials and ID, for sign-in tests and for looking for leaks. */
  phone: string;
  password: string;
  idNumber: string;
}

/**
 * A village, an account (resident unless `role` says otherwise) with a real argon2id password
 * hash and sealed phone, and a household owned by that account. Every value is unique per
 * call, so many can live in one database.
 */
export async function makeHousehold(db: Db, opts: { role?: Role; password?: string; phone?: string } = {}): Promise<MadeHousehold> {
  const phone = opts.phone ?? randomMobile();
  const password = opts.password ?? `pw-${randomBytes(6).toString('hex')}`;
  const idNumber = randomIdNumber();
  const suffix = randomBytes(4).toString('hex');

  const [inserted] = await db.insert(places).values({ level: 'village', name: `测试村-${suffix}`, nameEn: `Test village ${suffix}`, path: 'pending' }).returning();
  const [place] = await db.update(places).set({ path: `/${inserted!.id}/` }).where(eq(places.id, inserted!.id)).returning();
  const [user] = await db
    .insert(users)
    .values({
      role: opts.role ?? 'resident',
      realName: fakeChineseName(createRng(randomInt(2 ** 31))),
      phoneHash: lookupHash(phone),
      phoneEnc: sealPii(phone),
      passwordHash: await hashPassword(password),
    })
    .returning();
  const [household] = await db
    .insert(households)
    .values({
      ownerUserId: user!.id,
      headName: user!.realName,
      headIdNumberHash: lookupHash(idNumber),
      headIdNumberEnc: sealPii(idNumber),
      headPhoneEnc: sealPii(phone),
      headPhoneHash: lookupHash(phone),
      placeId: place!.id,
      kind: 'rural',
      createdBy: user!.id,
    })
    .returning();
  return { place: place!, user: user!, household: household!, phone, password, idNumber };
}

/**
 * The PostgreSQL error behind a rejection: drizzle wraps driver errors in DrizzleQueryError
 * (whose message is the SQL, not the reason), so follow `.cause` to the one with a SQLSTATE.
 */
export function pgErrorOf(err: unknown): { code?: string; message: string; constraint?: string } {
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    const x = e as { code?: unknown; message?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof x.code === 'string' && /^[0-9A-Z]{5}$/.test(x.code)) {
      return { code: x.code, message: String(x.message), constraint: typeof x.constraint === 'string' ? x.constraint : undefined };
    }
    e = x.cause;
  }
  return { message: err instanceof Error ? err.message : String(err) };
}

/** Awaits a promise that must reject with a PostgreSQL error, and returns that error. */
export async function rejection(p: Promise<unknown>): Promise<{ code?: string; message: string; constraint?: string }> {
  try {
    await p;
  } catch (err) {
    return pgErrorOf(err);
  }
  throw new Error('expected the statement to be rejected, but it succeeded');
}

/**
 * What a step answered: the code of the AppError it threw (`conflict:application`, …), or 'ok'
 * when it went through. Any other error is not a refusal and is thrown on, so a crash never
 * passes for a refusal.
 */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return 'ok';
}

/**
 * Inserts every programme of the registry with its default parameters (an unseeded database has
 * none; skipped where the row exists already). `noticeDays` overrides the programmes' own notice
 * periods: one number for all of them, or per programme for those named (e.g. `{ building_materials:
 * 0 }` so that approval can follow recommendation directly).
 */
export async function seedProgrammes(db: Db, opts: { noticeDays?: number | Partial<Record<ProgrammeCode, number>> } = {}): Promise<void> {
  const noticeDays = (code: ProgrammeCode): number => {
    if (typeof opts.noticeDays === 'number') return opts.noticeDays;
    return opts.noticeDays?.[code] ?? PROGRAMMES[code].noticeDays;
  };
  await db
    .insert(programmes)
    .values(Object.values(PROGRAMMES).map((p) => ({ code: p.code, nameZh: p.code, nameEn: p.code, params: p.defaultParams as unknown, needsApplication: p.needsApplication, noticeDays: noticeDays(p.code) })))
    .onConflictDoNothing();
}

/**
 * Opens a cash programme's budget line holding `yuan`, none of it committed. Only the line, with
 * no 'allocate' row on the budget ledger: where the ledger itself is under test, open the line
 * through server/budgets/allocate.ts instead.
 */
export async function openBudgetLine(db: Db, programmeCode: ProgrammeCode, yuan: number): Promise<Budget> {
  const [line] = await db.insert(budgets).values({ programmeCode, totalYuan: yuan, remainingYuan: yuan }).returning();
  return line!;
}
