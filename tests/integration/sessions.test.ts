// Sessions through next-auth's real route and a real PostgreSQL (TRUST S3, S5, V1/P4): sign in
// with the credentials form's request, keep the cookie next-auth sets, and send it with the
// next request, the way a browser does. Only the request plumbing (next/headers' cookie jar)
// is stood in for; the JWT, the callbacks, sign-out and the database checks are the real ones.
import { makeHousehold, useTestDatabase, type MadeHousehold } from './helpers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { openDb, type Db } from '@/db/client';
import { places, userPlaces, users } from '@/db/schema';
import { endSessions } from '@/db/queries/auth';

const ORIGIN = 'http://localhost:3000';
process.env.NEXTAUTH_URL = ORIGIN;

const browser = vi.hoisted(() => ({ jar: new Map<string, string>(), db: null as unknown }));
// next-auth reads next/headers with a CommonJS require, which vi.mock does not reach: put the
// stand-in into Node's module cache under the real module's path instead.
vi.hoisted(async () => {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const file = require.resolve('next/headers');
  const cookieHeader = () => [...browser.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const fake = {
    cookies: async () => ({
      // Next hands cookie values over percent-decoded, as a browser's Cookie header is read.
      getAll: () => [...browser.jar].map(([name, value]) => ({ name, value: decodeURIComponent(value) })),
      get: (name: string) => (browser.jar.has(name) ? { name, value: decodeURIComponent(browser.jar.get(name)!) } : undefined),
      set: () => {},
    }),
    headers: async () => new Headers({ host: 'localhost:3000', cookie: cookieHeader() }),
  };
  require.cache[file] = { id: file, filename: file, loaded: true, exports: fake } as never;
});
vi.mock('@/db/client', async (orig) => ({ ...(await orig<Record<string, unknown>>()), getDb: () => browser.db }));
// React's cache() memoises per request; here every call is a new request.
vi.mock('react', async (orig) => ({ ...(await orig<Record<string, unknown>>()), cache: <T,>(fn: T) => fn }));

const t = useTestDatabase();
const route = await import('@/app/api/auth/[...nextauth]/route');
const { getCurrentUser } = await import('@/lib/session');
const SESSION_COOKIE = 'next-auth.session-token';

/** One request to next-auth's route, as the browser sends it; Set-Cookie lands in the jar. */
async function authRequest(method: 'GET' | 'POST', action: string[], form?: Record<string, string>): Promise<Response> {
  const req = new NextRequest(`${ORIGIN}/api/auth/${action.join('/')}`, {
    method,
    headers: { ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), cookie: [...browser.jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  const res = method === 'GET' ? await route.GET(req, { params: Promise.resolve({ nextauth: action }) }) : await route.POST(req, { params: Promise.resolve({ nextauth: action }) });
  for (const line of res.headers.getSetCookie()) {
    const [pair, ...attrs] = line.split(';');
    const eqAt = pair!.indexOf('=');
    const name = pair!.slice(0, eqAt).trim();
    const value = pair!.slice(eqAt + 1).trim();
    const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
    if (expired || value === '') browser.jar.delete(name);
    else browser.jar.set(name, value);
  }
  return res;
}

async function csrf(): Promise<string> {
  const res = await authRequest('GET', ['csrf']);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

async function signIn(phone: string, password: string): Promise<Response> {
  return authRequest('POST', ['callback', 'credentials'], { csrfToken: await csrf(), phone, password, callbackUrl: '/', json: 'true' });
}

async function signOut(): Promise<Response> {
  return authRequest('POST', ['signout'], { csrfToken: await csrf(), callbackUrl: '/', json: 'true' });
}

async function village(db: Db, name: string) {
  const [p] = await db.insert(places).values({ level: 'village', name, nameEn: name, path: 'pending' }).returning();
  const [withPath] = await db.update(places).set({ path: `/${p!.id}/` }).where(eq(places.id, p!.id)).returning();
  return withPath!;
}

let person: MadeHousehold;
beforeEach(async () => {
  browser.db = t.db;
  browser.jar.clear();
  person = await makeHousehold(t.db);
  const res = await signIn(person.phone, person.password);
  expect(res.status).toBe(200);
  expect(browser.jar.has(SESSION_COOKIE)).toBe(true);
  expect(await getCurrentUser()).toMatchObject({ id: person.user.id, role: 'resident' });
});
afterEach(() => vi.useRealTimers());

describe('a session ends on the server', () => {
  it('a cookie copied before sign-out is refused after it (TRUST S5)', async () => {
    const copied = browser.jar.get(SESSION_COOKIE)!;
    const res = await signOut();
    expect(res.status).toBe(200);
    expect(browser.jar.has(SESSION_COOKIE)).toBe(false); // the browser forgot it …
    browser.jar.set(SESSION_COOKIE, copied); // … but someone kept a copy
    expect(await getCurrentUser()).toBeNull();
    const { rows } = await t.pool.query(`SELECT actor_id FROM audit_events WHERE action = 'auth.sign_out' AND entity_id = $1`, [person.user.id]);
    expect(rows).toEqual([{ actor_id: person.user.id }]);
  });

  it("signing out on one phone leaves the same person's session on another device working", async () => {
    const phone = browser.jar.get(SESSION_COOKIE)!;
    browser.jar.clear();
    await signIn(person.phone, person.password);
    const computer = new Map(browser.jar);
    browser.jar.clear();
    browser.jar.set(SESSION_COOKIE, phone);
    await signOut();
    browser.jar.set(SESSION_COOKIE, phone);
    expect(await getCurrentUser()).toBeNull();
    browser.jar.clear();
    for (const [k, v] of computer) browser.jar.set(k, v);
    expect(await getCurrentUser()).toMatchObject({ id: person.user.id });
  });

  it('signing in again after signing out works, and the new session is valid', async () => {
    await signOut();
    await signIn(person.phone, person.password);
    expect(await getCurrentUser()).toMatchObject({ id: person.user.id });
  });

  it('ending every session of a person (password change) refuses every cookie on the next request', async () => {
    const first = browser.jar.get(SESSION_COOKIE)!;
    await signIn(person.phone, person.password);
    expect(browser.jar.get(SESSION_COOKIE)).not.toBe(first);
    await endSessions({ db: t.db, userId: person.user.id, reason: 'password_changed' });
    expect(await getCurrentUser()).toBeNull();
    browser.jar.set(SESSION_COOKIE, first);
    expect(await getCurrentUser()).toBeNull();
  });

  it('deactivation takes effect on the next request', async () => {
    await t.db.update(users).set({ active: false }).where(eq(users.id, person.user.id));
    expect(await getCurrentUser()).toBeNull();
  });

  it('a role change takes effect on the next request', async () => {
    await t.db.update(users).set({ role: 'cadre' }).where(eq(users.id, person.user.id));
    expect(await getCurrentUser()).toBeNull();
  });

  it('a cadre idle for more than 30 minutes is signed out on the next request; one active every 20 minutes is not', async () => {
    const staff = await makeHousehold(t.db, { role: 'cadre' });
    browser.jar.clear();
    vi.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
    await signIn(staff.phone, staff.password);
    const start = Date.now();
    for (let m = 20; m <= 100; m += 20) {
      vi.setSystemTime(start + m * 60_000);
      await authRequest('GET', ['session']); // the page's session refresh, as activity
      expect(await getCurrentUser()).toMatchObject({ id: staff.user.id });
    }
    vi.setSystemTime(start + 100 * 60_000 + 31 * 60_000);
    expect(await getCurrentUser()).toBeNull();
  });
});

describe("a cadre's places come from the database on every request", () => {
  it('assigning and unassigning a place changes what the same cookie reaches', async () => {
    const staff = await makeHousehold(t.db, { role: 'cadre' });
    const a = await village(t.db, `甲村-${staff.user.id.slice(0, 6)}`);
    const b = await village(t.db, `乙村-${staff.user.id.slice(0, 6)}`);
    await t.db.insert(userPlaces).values({ userId: staff.user.id, placeId: a.id });
    browser.jar.clear();
    await signIn(staff.phone, staff.password);
    expect(await getCurrentUser()).toMatchObject({ placeIds: [a.id], placePaths: [a.path] });

    await t.db.insert(userPlaces).values({ userId: staff.user.id, placeId: b.id });
    expect((await getCurrentUser())!.placePaths.sort()).toEqual([a.path, b.path].sort());

    await t.db.delete(userPlaces).where(eq(userPlaces.userId, staff.user.id));
    expect(await getCurrentUser()).toMatchObject({ placeIds: [], placePaths: [] });
  });
});

describe('a database failure during sign-in (TRUST V1, P4)', () => {
  it('answers the usual failure, with no SQL and no keyed hash in the body, and logs without parameters', async () => {
    browser.jar.clear();
    const broken = openDb({ databaseUrl: `${t.url.replace(/\/[^/]+$/, '')}/no_such_database_${Date.now()}` });
    browser.db = broken.db;
    const logged: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    try {
      const res = await signIn(person.phone, person.password);
      const body = await res.text();
      expect(res.status).toBeLessThan(500);
      expect(body).toContain('CredentialsSignin');
      expect(body).not.toMatch(/select|insert|from "users"|phone_hash|does not exist/i);
      expect(logged.some((l) => l.includes('[auth.sign_in]'))).toBe(true);
      const hash = (await t.db.select({ h: users.phoneHash }).from(users).where(eq(users.id, person.user.id)))[0]!.h;
      for (const text of [body, ...logged]) {
        expect(text).not.toContain(hash);
        expect(text).not.toContain(person.phone);
      }
    } finally {
      spy.mockRestore();
      await broken.close().catch(() => {});
    }
    expect(browser.jar.has(SESSION_COOKIE)).toBe(false);
    expect((await t.db.execute(sql`select 1 as ok`)).rows).toHaveLength(1);
  });
});
