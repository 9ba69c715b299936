// How a request's session cookie is read (lib/session-token.ts): next-auth's cookie name and
// chunking, its own token format (a token made by the same encoder next-auth's sign-in uses),
// and the memory of decoded tokens, which must never outlive a token's expiry or accept an
// altered one. lib/session.ts's checks on top of it: tests/unit/session.test.ts; the whole path
// with next-auth's real sign-in route: tests/integration/sessions.test.ts.
import { describe, expect, it, vi } from 'vitest';
import type { JWT } from 'next-auth/jwt';

const SECRET = 's'.repeat(43);
vi.mock('@/lib/env', () => ({ env: () => ({ authSecret: SECRET }) }));

const { decodeSessionCookie, sessionCookieName, sessionCookieValue } = await import('@/lib/session-token');
const { encodeSessionToken } = await import('@/lib/auth-jwt');

const claims = (over: Partial<JWT> = {}) => ({ uid: 'u1', name: '王芳', role: 'cadre', sv: 2, sid: 'abc', authAt: 1, seenAt: 1, ...over }) as JWT;

describe('the session cookie', () => {
  it('is named as next-auth names it: with the __Secure- prefix only for an https site', () => {
    expect(sessionCookieName('https://relief.example.gov.cn')).toBe('__Secure-next-auth.session-token');
    expect(sessionCookieName('http://localhost:3000')).toBe('next-auth.session-token');
    expect(sessionCookieName(undefined)).toBe('next-auth.session-token');
  });

  it('is read whole, or from its chunks in numeric order, and never from a look-alike name', () => {
    const name = 'next-auth.session-token';
    expect(sessionCookieValue([{ name, value: 'abc' }], name)).toBe('abc');
    expect(sessionCookieValue([{ name: `${name}.10`, value: 'C' }, { name: `${name}.2`, value: 'B' }, { name: `${name}.0`, value: 'A' }], name)).toBe('ABC');
    expect(sessionCookieValue([{ name: `${name}x`, value: 'evil' }, { name: `${name}.x`, value: 'evil' }], name)).toBeNull();
    expect(sessionCookieValue([{ name: `__Secure-${name}`, value: 'abc' }], name)).toBeNull();
    expect(sessionCookieValue([], name)).toBeNull();
  });
});

describe('decoding a session token', () => {
  it('gives the claims of a token next-auth made with the same secret', async () => {
    const token = await encodeSessionToken({ token: claims(), secret: SECRET, maxAge: 3600 });
    expect(await decodeSessionCookie(token)).toMatchObject({ uid: 'u1', role: 'cadre', sv: 2, sid: 'abc' });
    // The second read comes from memory and is the same, frozen so no caller can change it.
    const again = await decodeSessionCookie(token);
    expect(again).toMatchObject({ uid: 'u1' });
    expect(Object.isFrozen(again)).toBe(true);
  });

  it('refuses an altered token, one from another secret, and text that is no token', async () => {
    const token = await encodeSessionToken({ token: claims(), secret: SECRET, maxAge: 3600 });
    const parts = token.split('.');
    const cipher = parts[3]!;
    parts[3] = (cipher[0] === 'A' ? 'B' : 'A') + cipher.slice(1);
    expect(await decodeSessionCookie(parts.join('.'))).toBeNull();
    expect(await decodeSessionCookie(await encodeSessionToken({ token: claims(), secret: 'o'.repeat(43), maxAge: 3600 }))).toBeNull();
    expect(await decodeSessionCookie('not-a-token')).toBeNull();
  });

  it('refuses an expired token, including one it decoded earlier while it was valid', async () => {
    const nowS = Math.floor(Date.now() / 1000);
    expect(await decodeSessionCookie(await encodeSessionToken({ token: claims(), secret: SECRET, maxAge: -60 }))).toBeNull();
    const token = await encodeSessionToken({ token: claims({ uid: 'u2' }), secret: SECRET, maxAge: 60 });
    expect(await decodeSessionCookie(token, nowS)).toMatchObject({ uid: 'u2' });
    expect(await decodeSessionCookie(token, nowS + 30)).toMatchObject({ uid: 'u2' });
    expect(await decodeSessionCookie(token, nowS + 60 + 16)).toBeNull();
    // Once forgotten it is decoded afresh, and jose checks its expiry against the real clock.
    expect(await decodeSessionCookie(token, nowS)).toMatchObject({ uid: 'u2' });
  });
});
