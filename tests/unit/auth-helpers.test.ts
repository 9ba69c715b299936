import { describe, expect, it, vi } from 'vitest';

vi.mock('@/db/client', () => ({ getDb: () => ({}) }));
vi.mock('@/db/queries/auth', () => ({ attemptSignIn: vi.fn() }));

const { safeCallbackUrl, safeLocalPath, isExpired, IDLE_TIMEOUT_S, SESSION_MAX_AGE_S } = await import('@/lib/auth');
const { clientIp } = await import('@/lib/client-address');

describe('callback URLs stay inside the site (TRUST S4)', () => {
  const base = 'http://localhost:3000';
  it.each([
    ['/resident', `${base}/resident`],
    ['http://localhost:3000/county', `${base}/county`],
    ['https://evil.example/', base],
    ['//evil.example/x', base],
    ['/\\evil.example', base],
    ['javascript:alert(1)', base],
    ['', base],
  ])('%s → %s', (input, expected) => {
    expect(safeCallbackUrl(input, base)).toBe(expected);
  });
  it('keeps only local paths from a query string', () => {
    expect(safeLocalPath('/cadre')).toBe('/cadre');
    expect(safeLocalPath('https://evil.example')).toBeNull();
    expect(safeLocalPath('//evil.example')).toBeNull();
    expect(safeLocalPath(null)).toBeNull();
  });
});

describe('session lifetimes (TRUST S3)', () => {
  const now = 1_000_000;
  it('ends a staff session after 30 idle minutes but not a resident one', () => {
    expect(IDLE_TIMEOUT_S.cadre).toBe(1800);
    expect(isExpired({ role: 'cadre', authAt: now - 1900, seenAt: now - 1801 }, now)).toBe(true);
    expect(isExpired({ role: 'cadre', authAt: now - 1900, seenAt: now - 1700 }, now)).toBe(false);
    expect(isExpired({ role: 'resident', authAt: now - 1900, seenAt: now - 1801 }, now)).toBe(false);
  });
  it('ends every session 12 hours after sign-in, however active', () => {
    expect(SESSION_MAX_AGE_S).toBe(12 * 3600);
    expect(isExpired({ role: 'official', authAt: now - 12 * 3600 - 1, seenAt: now }, now)).toBe(true);
  });
  it('reads the client address from forwarding headers', () => {
    expect(clientIp(new Headers({ 'x-forwarded-for': '10.0.0.1, 10.0.0.2' }))).toBe('10.0.0.1');
    expect(clientIp({ 'x-real-ip': '10.0.0.9' })).toBe('10.0.0.9');
    expect(clientIp(undefined)).toBeNull();
  });
});
