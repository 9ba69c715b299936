// next-auth's own callbacks as configured in lib/auth.ts (TRUST S3, S4): the jwt callback is
// where the idle and absolute limits are enforced on every request, so it is called here
// directly, the way next-auth calls it, rather than building session states it never makes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JWT } from 'next-auth/jwt';

vi.mock('@/db/client', () => ({ getDb: () => ({}) }));
vi.mock('@/db/queries/auth', () => ({ endSession: vi.fn() }));
vi.mock('@/server/auth/sign-in', () => ({ signIn: vi.fn() }));
vi.mock('@/lib/env', () => ({ env: () => ({ authSecret: 'x'.repeat(40) }) }));

const { getAuthOptions, IDLE_TIMEOUT_S, SESSION_MAX_AGE_S } = await import('@/lib/auth');

const callbacks = getAuthOptions().callbacks!;
type JwtParams = Parameters<NonNullable<typeof callbacks.jwt>>[0];
const jwt = (params: Partial<JwtParams>) => callbacks.jwt!({ trigger: 'update', account: null, ...params } as JwtParams) as Promise<JWT> | JWT;

const T0 = Date.UTC(2026, 10, 29, 8, 0, 0);
afterEach(() => vi.useRealTimers());

async function signedIn(role: 'resident' | 'cadre' | 'official'): Promise<JWT> {
  vi.useFakeTimers({ now: T0 });
  const user = { id: 'u1', name: '王芳', role, sessionVersion: 7, placeIds: [3], placePaths: ['/1/3/'] };
  return jwt({ token: { name: 'ignored' } as JWT, user, trigger: 'signIn' });
}

describe('the jwt callback', () => {
  it('at sign-in keeps only id, a new session id, name, role, session version and the two times', async () => {
    const token = await signedIn('cadre');
    expect(token).toMatchObject({ uid: 'u1', name: '王芳', role: 'cadre', sv: 7, authAt: T0 / 1000, seenAt: T0 / 1000 });
    expect(token.sid).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect((await signedIn('cadre')).sid).not.toBe(token.sid); // each sign-in is its own session
    // Places are read from the database on each request, never trusted from the cookie.
    expect(token).not.toHaveProperty('placeIds');
    expect(token).not.toHaveProperty('placePaths');
  });

  it('counts each request inside the idle limit as activity', async () => {
    const token = await signedIn('cadre');
    vi.setSystemTime(T0 + (IDLE_TIMEOUT_S.cadre - 60) * 1000);
    const next = await jwt({ token });
    expect(next.expired).toBeUndefined();
    expect(next.seenAt).toBe(T0 / 1000 + IDLE_TIMEOUT_S.cadre - 60);
  });

  it('marks a staff session expired after 30 idle minutes, and it stays expired', async () => {
    const token = await signedIn('official');
    vi.setSystemTime(T0 + (IDLE_TIMEOUT_S.official + 1) * 1000);
    const lapsed = await jwt({ token });
    expect(lapsed.expired).toBe(true);
    expect(lapsed.seenAt).toBe(T0 / 1000); // a lapsed session is not refreshed by the very request it refuses
    vi.setSystemTime(T0 + (IDLE_TIMEOUT_S.official + 2) * 1000);
    expect((await jwt({ token: lapsed })).expired).toBe(true);
  });

  it('gives a resident two idle hours, not thirty minutes', async () => {
    const token = await signedIn('resident');
    vi.setSystemTime(T0 + 31 * 60 * 1000);
    expect((await jwt({ token })).expired).toBeUndefined();
    vi.setSystemTime(T0 + 31 * 60 * 1000 + (IDLE_TIMEOUT_S.resident + 1) * 1000);
    expect((await jwt({ token })).expired).toBe(true);
  });

  it('ends even an always-active session 12 hours after sign-in', async () => {
    let token = await signedIn('cadre');
    for (let minutes = 20; minutes <= 12 * 60; minutes += 20) {
      vi.setSystemTime(T0 + minutes * 60 * 1000);
      token = await jwt({ token });
      expect(token.expired).toBeUndefined();
    }
    vi.setSystemTime(T0 + (SESSION_MAX_AGE_S + 1) * 1000);
    expect((await jwt({ token })).expired).toBe(true);
  });
});

describe('the session callback', () => {
  it('passes the expiry mark on, so getCurrentUser treats the person as signed out', async () => {
    const token = { ...(await signedIn('cadre')), expired: true };
    const session = (await callbacks.session!({ session: { expires: '' }, token } as never)) as { expired?: boolean; user: { id: string } };
    expect(session.expired).toBe(true);
    expect(session.user.id).toBe('u1');
  });
});

describe('the redirect callback', () => {
  it('keeps a local callback and turns anything else into the home page', async () => {
    const baseUrl = 'http://localhost:3000';
    expect(await callbacks.redirect!({ url: '/resident', baseUrl })).toBe(`${baseUrl}/resident`);
    expect(await callbacks.redirect!({ url: '/\t/evil.example/', baseUrl })).toBe(baseUrl);
    expect(await callbacks.redirect!({ url: 'https://evil.example/', baseUrl })).toBe(baseUrl);
  });
});
