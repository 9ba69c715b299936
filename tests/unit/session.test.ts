// getCurrentUser's own decisions with the session and the database row stubbed (TRUST S3).
// The same claims through a real cookie and a real database: tests/integration/sessions.test.ts.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const state = {
  session: null as null | Record<string, unknown>,
  row: null as null | { active: boolean; role: string; sessionVersion: number; name: string; placeIds: number[]; placePaths: string[]; ended: boolean },
};
vi.mock('@/lib/session-token', () => ({ readSessionToken: async () => state.session }));
vi.mock('@/db/client', () => ({ getDb: () => ({}) }));
vi.mock('@/db/queries/auth', () => ({ sessionUserState: async () => state.row }));
vi.mock('@/server/auth/sign-in', () => ({ signIn: async () => ({ status: 'invalid' }) }));
vi.mock('next/navigation', () => ({
  redirect: (url: string) => {
    throw new Error(`redirect:${url}`);
  },
  forbidden: () => {
    throw new Error('forbidden');
  },
}));
// React's cache() memoises per request; in tests each call must see the current state.
vi.mock('react', async (orig) => ({ ...(await orig<Record<string, unknown>>()), cache: <T,>(fn: T) => fn }));

const { getCurrentUser, requireRole } = await import('@/lib/session');

const now = () => Math.floor(Date.now() / 1000);
/** The claims a cadre's session cookie carries (lib/auth.ts's jwt callback writes them). */
function cadreSession(over: Record<string, unknown> = {}) {
  return { uid: 'u1', name: 'x', role: 'cadre', sv: 3, sid: 's1', authAt: now() - 60, seenAt: now() - 60, ...over };
}

beforeEach(() => {
  state.session = cadreSession();
  state.row = { active: true, role: 'cadre', sessionVersion: 3, name: '李红梅', placeIds: [4], placePaths: ['/1/4/'], ended: false };
});

describe('getCurrentUser', () => {
  it('returns the person, with the name and places from the database, when everything matches', async () => {
    expect(await getCurrentUser()).toEqual({ id: 'u1', name: '李红梅', role: 'cadre', placeIds: [4], placePaths: ['/1/4/'] });
  });
  it('ends the session when the session version was bumped (password or role change)', async () => {
    state.row = { ...state.row!, sessionVersion: 4 };
    expect(await getCurrentUser()).toBeNull();
  });
  it('ends a session that was signed out, or one without its own id', async () => {
    state.row = { ...state.row!, ended: true };
    expect(await getCurrentUser()).toBeNull();
    state.row = { ...state.row!, ended: false };
    state.session = cadreSession({ sid: undefined });
    expect(await getCurrentUser()).toBeNull();
  });
  it('ends the session of a deactivated account or a changed role', async () => {
    state.row = { ...state.row!, active: false };
    expect(await getCurrentUser()).toBeNull();
    state.row = { active: true, role: 'official', sessionVersion: 3, name: 'x', placeIds: [], placePaths: [], ended: false };
    expect(await getCurrentUser()).toBeNull();
  });
  it('refuses a session whose own times are past the limits even if the JWT callback did not mark it (second guard; the callback is tested in auth-callbacks.test.ts)', async () => {
    state.session = cadreSession({ seenAt: now() - 31 * 60 });
    expect(await getCurrentUser()).toBeNull();
    state.session = cadreSession({ authAt: now() - 12 * 3600 - 5, seenAt: now() });
    expect(await getCurrentUser()).toBeNull();
  });
  it('treats a session marked expired by the JWT callback, or none at all, as signed out', async () => {
    state.session = { ...cadreSession(), expired: true };
    expect(await getCurrentUser()).toBeNull();
    state.session = null;
    expect(await getCurrentUser()).toBeNull();
  });
});

describe('requireRole', () => {
  it('sends an anonymous visitor to sign in and back, and gives another role the 403 page', async () => {
    state.session = null;
    await expect(requireRole('cadre', '/cadre/cases/1')).rejects.toThrow('redirect:/sign-in?callbackUrl=%2Fcadre%2Fcases%2F1');
    state.session = cadreSession();
    await expect(requireRole('official', '/county')).rejects.toThrow('forbidden');
    await expect(requireRole('cadre', '/cadre')).resolves.toMatchObject({ id: 'u1' });
  });
});
