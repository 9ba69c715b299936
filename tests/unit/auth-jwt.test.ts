import { describe, expect, it } from 'vitest';
import { decode, encode } from 'next-auth/jwt';
import { decodeSessionToken, encodeSessionToken } from '@/lib/auth-jwt';

const secret = 'unit-test-secret-0123456789abcdef0123456789';
const token = { uid: 'u1', role: 'resident' as const, sv: 1, sid: 's1', authAt: 1_700_000_000, seenAt: 1_700_000_100 };

describe('session cookie encoding (lib/auth-jwt.ts)', () => {
  it('reads a cookie next-auth itself wrote, and next-auth reads ours: sessions survive the switch either way', async () => {
    const theirs = await encode({ token, secret, maxAge: 3600 });
    expect(await decodeSessionToken({ token: theirs, secret })).toMatchObject(token);
    const ours = await encodeSessionToken({ token, secret, maxAge: 3600 });
    expect(await decode({ token: ours, secret })).toMatchObject(token);
  });

  it('refuses a cookie encrypted under another secret and a tampered one', async () => {
    const ours = await encodeSessionToken({ token, secret, maxAge: 3600 });
    await expect(decodeSessionToken({ token: ours, secret: `${secret}-other` })).rejects.toThrow();
    const parts = ours.split('.');
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith('AA') ? 'BB' : 'AA');
    await expect(decodeSessionToken({ token: parts.join('.'), secret })).rejects.toThrow();
  });

  it('refuses an expired cookie', async () => {
    const expired = await encodeSessionToken({ token, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret })).rejects.toThrow();
  });

  it('gives no session for a missing cookie', async () => {
    expect(await decodeSessionToken({ token: undefined, secret })).toBeNull();
  });
});
