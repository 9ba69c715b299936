// Rate limits on a real PostgreSQL server (TRUST S6): the counter itself (trips at its
// threshold and not before, parallel attempts never pass more than the limit, the window runs
// out, no value stored in clear); registration per address, per phone, per ID number and
// overall, successful registrations counting too, refusals audited, and a forged
// X-Forwarded-For buying nothing through the real action; objections per account per day.
import { makeHousehold, randomIdNumber, randomMobile, useTestDatabase, type MadeHousehold } from './helpers';
import { and, desc, eq, sql } from 'drizzle-orm';
import type * as DbClient from '@/db/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

type SessionUser = { id: string; name: string; role: 'resident' | 'cadre' | 'official'; placeIds: number[]; placePaths: string[] };
const mocks = vi.hoisted(() => ({ db: null as unknown, user: null as null | SessionUser, headers: new Headers() }));
vi.mock('@/db/client', async (importOriginal) => ({ ...(await importOriginal<typeof DbClient>()), getDb: () => mocks.db }));
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => mocks.user }));
vi.mock('next/headers', () => ({ headers: async () => mocks.headers, cookies: async () => ({ get: () => undefined }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const s = await import('@/db/schema');
const { takeRateLimitSlot, rateLimitKey, OBJECTION_LIMIT } = await import('@/db/queries/rate-limit');
const { REGISTRATION_LIMITS } = await import('@/db/queries/registration');
const { registerResident } = await import('@/server/registration/register-resident');
const { registerAction } = await import('@/app/(public)/register/actions');
const { lodgeObjectionAction } = await import('@/app/(public)/notice/actions');
const { CLIENT_ADDRESS_HEADER, clientAddress, markAddressesFromServer } = await import('@/lib/client-address');

const t = useTestDatabase();
beforeAll(() => {
  mocks.db = t.db;
  // As under scripts/serve.ts: clientIp() reads only the header the server set from the socket.
  markAddressesFromServer();
});
afterAll(() => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('relief.clientAddressFromServer')];
});

const PASSWORD = 'flood-relief-2023';
const input = (over: Partial<{ phone: string; idNumber: string }> = {}) => ({ realName: '测试居民', idNumber: over.idNumber ?? randomIdNumber(), phone: over.phone ?? randomMobile(), password: PASSWORD, locale: 'zh-CN' as const });

/** Sets a counter as if `count` attempts had been made in the current window. */
async function setCounter(bucket: string, value: string, count: number) {
  await t.db
    .insert(s.rateLimits)
    .values({ bucket, key: rateLimitKey(bucket, value), count, windowStart: sql`now()` })
    .onConflictDoUpdate({ target: [s.rateLimits.bucket, s.rateLimits.key], set: { count, windowStart: sql`now()` } });
}

/** Moves a counter's window back so it has run out. */
async function expire(bucket: string, value: string, seconds: number) {
  await t.db
    .update(s.rateLimits)
    .set({ windowStart: sql`now() - make_interval(secs => ${seconds + 1})` })
    .where(and(eq(s.rateLimits.bucket, bucket), eq(s.rateLimits.key, rateLimitKey(bucket, value))));
}

async function lastAudit(action: string) {
  const [row] = await t.db.select().from(s.auditEvents).where(eq(s.auditEvents.action, action)).orderBy(desc(s.auditEvents.id)).limit(1);
  return row!;
}

describe('the counter', () => {
  const limit = { bucket: 'test.counter', max: 3, windowSeconds: 60 };

  it('allows exactly `max` attempts per window, refuses the next without counting it, and opens a new window when the old one ran out', async () => {
    const got = [];
    for (let i = 0; i < 5; i++) got.push(await takeRateLimitSlot({ db: t.db, limit, value: 'a' }));
    expect(got).toEqual([{ allowed: true, count: 1 }, { allowed: true, count: 2 }, { allowed: true, count: 3 }, { allowed: false }, { allowed: false }]);
    // Another value has its own counter.
    expect(await takeRateLimitSlot({ db: t.db, limit, value: 'b' })).toEqual({ allowed: true, count: 1 });
    await expire(limit.bucket, 'a', limit.windowSeconds);
    expect(await takeRateLimitSlot({ db: t.db, limit, value: 'a' })).toEqual({ allowed: true, count: 1 });
  });

  it('lets exactly `max` of 30 parallel attempts through', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => takeRateLimitSlot({ db: t.db, limit: { ...limit, max: 7 }, value: 'parallel' })));
    const allowed = results.filter((r) => r.allowed);
    expect(allowed).toHaveLength(7);
    expect(allowed.map((r) => (r.allowed ? r.count : 0)).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('stores keyed hashes, never the phone, ID number or address', async () => {
    const phone = randomMobile();
    const idNumber = randomIdNumber();
    await registerResident({ db: t.db, input: input({ phone, idNumber }), ip: '192.0.2.200' });
    const dump = JSON.stringify((await t.pool.query('SELECT * FROM rate_limits')).rows);
    for (const secret of [phone, idNumber, '192.0.2.200']) expect(dump).not.toContain(secret);
    expect(dump).toContain(rateLimitKey('register.phone', phone));
  });
});

describe('registration', () => {
  it('per address: successful registrations count, and the attempt after the limit is refused and audited', async () => {
    const ip = '192.0.2.10';
    const { max } = REGISTRATION_LIMITS.address;
    // Every one of these succeeds: a limit that counted only refusals would never trip here.
    for (let i = 0; i < max; i++) expect((await registerResident({ db: t.db, input: input(), ip })).status).toBe('ok');
    const before = await t.db.select({ n: sql<number>`count(*)::int` }).from(s.users);
    expect(await registerResident({ db: t.db, input: input(), ip })).toEqual({ status: 'rate_limited', limit: 'address' });
    expect(await t.db.select({ n: sql<number>`count(*)::int` }).from(s.users)).toEqual(before);
    const audit = await lastAudit('user.register');
    expect(audit).toMatchObject({ success: false, ip, details: { reason: 'rate_limited', limit: 'address' } });
    // Another address is not affected; an hour later this one may try again.
    expect((await registerResident({ db: t.db, input: input(), ip: '192.0.2.11' })).status).toBe('ok');
    await expire(REGISTRATION_LIMITS.address.bucket, ip, REGISTRATION_LIMITS.address.windowSeconds);
    expect((await registerResident({ db: t.db, input: input(), ip })).status).toBe('ok');
  });

  it('per phone: the registration and the "taken" answers count, from any address', async () => {
    const phone = randomMobile();
    const { max } = REGISTRATION_LIMITS.phone;
    expect((await registerResident({ db: t.db, input: input({ phone }), ip: '198.51.100.1' })).status).toBe('ok');
    for (let i = 1; i < max; i++) expect(await registerResident({ db: t.db, input: input({ phone }), ip: `198.51.100.${i + 1}` })).toMatchObject({ status: 'taken', phone: true });
    expect(await registerResident({ db: t.db, input: input({ phone }), ip: '198.51.100.99' })).toEqual({ status: 'rate_limited', limit: 'phone' });
    expect((await lastAudit('user.register')).details).toMatchObject({ reason: 'rate_limited', limit: 'phone' });
  });

  it('per ID number: the registration and the "taken" answers count, from any address', async () => {
    const idNumber = randomIdNumber();
    const { max } = REGISTRATION_LIMITS.idNumber;
    expect((await registerResident({ db: t.db, input: input({ idNumber }), ip: '198.51.101.1' })).status).toBe('ok');
    for (let i = 1; i < max; i++) expect(await registerResident({ db: t.db, input: input({ idNumber }), ip: `198.51.101.${i + 1}` })).toMatchObject({ status: 'taken', idNumber: true });
    expect(await registerResident({ db: t.db, input: input({ idNumber }), ip: '198.51.101.99' })).toEqual({ status: 'rate_limited', limit: 'idNumber' });
  });

  it('overall: once the county-wide limit is reached, nobody registers until the window ends', async () => {
    const { bucket, max, windowSeconds } = REGISTRATION_LIMITS.global;
    await setCounter(bucket, 'all', max - 1);
    expect((await registerResident({ db: t.db, input: input(), ip: '203.0.113.1' })).status).toBe('ok');
    expect(await registerResident({ db: t.db, input: input(), ip: '203.0.113.2' })).toEqual({ status: 'rate_limited', limit: 'global' });
    await expire(bucket, 'all', windowSeconds);
    expect((await registerResident({ db: t.db, input: input(), ip: '203.0.113.3' })).status).toBe('ok');
  });

  it('through the real action behind the production server, a new X-Forwarded-For on every attempt buys nothing', async () => {
    mocks.user = null;
    const socket = '192.0.2.77';
    const attempt = async (i: number) => {
      // What scripts/serve.ts does for each request: the client wrote X-Forwarded-For (and even
      // our own header); the server sets ours from the socket, overwriting what was sent.
      const forged = `203.0.113.${i % 250}, 198.51.100.${i % 250}`;
      mocks.headers = new Headers({ 'x-forwarded-for': forged, [CLIENT_ADDRESS_HEADER]: clientAddress({ socketAddress: socket, forwardedFor: forged, hops: 0 })! });
      const fd = new FormData();
      for (const [k, v] of Object.entries({ ...input(), passwordConfirm: PASSWORD, consent: 'on' })) fd.set(k, v);
      return registerAction(null, fd);
    };
    for (let i = 0; i < REGISTRATION_LIMITS.address.max; i++) expect(await attempt(i)).toEqual({ status: 'ok', data: null });
    expect(await attempt(999)).toEqual({ status: 'rate_limited', code: 'rate_limited:registration' });
    expect(await lastAudit('user.register')).toMatchObject({ success: false, ip: socket });
  });
});

describe('objections', () => {
  let objector: MadeHousehold;
  const cases: string[] = [];

  beforeAll(async () => {
    await t.db.insert(s.programmes).values({ code: 'appliance_repair', nameZh: 'x', nameEn: 'x', params: {} }).onConflictDoNothing();
    objector = await makeHousehold(t.db);
    for (let i = 0; i <= OBJECTION_LIMIT.max; i++) {
      const h = await makeHousehold(t.db);
      const [a] = await t.db
        .insert(s.applications)
        .values({ reference: `RL-${i}-${h.household.id.slice(0, 8)}`, householdId: h.household.id, programmeCode: 'appliance_repair', status: 'in_public_notice', noticeStartsAt: new Date(), noticeEndsAt: new Date(Date.now() + 5 * 86_400_000) })
        .returning({ id: s.applications.id });
      cases.push(a!.id);
    }
  });

  const lodge = (as: MadeHousehold, applicationId: string) => {
    mocks.user = { id: as.user.id, name: as.user.realName, role: 'resident', placeIds: [], placePaths: [] };
    mocks.headers = new Headers({ [CLIENT_ADDRESS_HEADER]: '192.0.2.50' });
    const fd = new FormData();
    fd.set('applicationId', applicationId);
    fd.set('reason', '据我了解这户的情况与申报不符。');
    return lodgeObjectionAction(null, fd);
  };

  it(`allows ${OBJECTION_LIMIT.max} a day per account, refuses the next with its own message and audits it; others are not affected`, async () => {
    for (let i = 0; i < OBJECTION_LIMIT.max; i++) expect(await lodge(objector, cases[i]!)).toMatchObject({ status: 'ok' });
    expect(await lodge(objector, cases[OBJECTION_LIMIT.max]!)).toEqual({ status: 'rate_limited', code: 'rate_limited:objection' });
    expect(await lastAudit('objection.lodge')).toMatchObject({ actorId: objector.user.id, success: false, entityId: cases[OBJECTION_LIMIT.max], ip: '192.0.2.50', details: { reason: 'rate_limited' } });
    const [n] = await t.db.select({ n: sql<number>`count(*)::int` }).from(s.objections).where(eq(s.objections.filedBy, objector.user.id));
    expect(n!.n).toBe(OBJECTION_LIMIT.max);

    const neighbour = await makeHousehold(t.db);
    expect(await lodge(neighbour, cases[OBJECTION_LIMIT.max]!)).toMatchObject({ status: 'ok' });
    // The next day the objector may lodge again.
    await expire(OBJECTION_LIMIT.bucket, objector.user.id, OBJECTION_LIMIT.windowSeconds);
    expect(await lodge(objector, cases[OBJECTION_LIMIT.max]!)).toMatchObject({ status: 'ok' });
  });
});
