// Every request re-checks the session against the database (TRUST S3): a password change,
// role change or deactivation (session_version bump) ends every session at once, and the
// idle and absolute limits hold even for a cookie that is still valid.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const state = {
  session: null as null | Record<string, unknown>,
  row: null as null | { active: boolean; role: string; sessionVersion: number; name: string },
};
vi.mock('next-auth', () => ({ getServerSession: async () => state.session }));
vi.mock('@/db/client', () => ({ getDb: () => ({}) }));
vi.mock('@/db/queries/auth', () => ({ sessionUserState: async () => state.row, attemptSignIn: async () => ({ status: 'invalid' }) }));
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
function cadreSession(over: Record<string, unknown> = {}) {
  return { user: { id: 'u1', name: 'x', role: 'cadre', sessionVersion: 3, placeIds: [4], placePaths: ['/1/4/'], authAt: now() - 60, seenAt: now() - 60, ...over }, expired: false };
}

beforeEach(() => {
  state.session = cadreSession();
  state.row = { active: true, role: 'cadre', sessionVersion: 3, name: '李红梅' };
});

describe('getCurrentUser', () => {
  it('returns the person, with the name from the database, when everything matches', async () => {
    expect(await getCurrentUser()).toEqual({ id: 'u1', name: '李红梅', role: 'cadre', placeIds: [4], placePaths: ['/1/4/'] });
  });
  it('ends the session when the session version was bumped (password or role change)', async () => {
    state.row = { ...state.row!, sessionVersion: 4 };
    expect(await getCurrentUser()).toBeNull();
  });
  it('ends the session of a deactivated account or a changed role', async () => {
    state.row = { ...state.row!, active: false };
    expect(await getCurrentUser()).toBeNull();
    state.row = { active: true, role: 'official', sessionVersion: 3, name: 'x' };
    expect(await getCurrentUser()).toBeNull();
  });
  it('ends a staff session idle for more than 30 minutes, and any session older than 12 hours', async () => {
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
