import { describe, expect, it, vi } from 'vitest';

vi.mock('@/db/client', () => ({ getDb: () => ({}) }));
vi.mock('@/db/queries/auth', () => ({}));
vi.mock('@/server/auth/sign-in', () => ({ signIn: vi.fn() }));

const { safeCallbackUrl, safeLocalPath, isExpired, IDLE_TIMEOUT_S, SESSION_MAX_AGE_S } = await import('@/lib/auth');

describe('callback URLs stay inside the site (TRUST S4)', () => {
  const base = 'http://localhost:3000';
  // Values as they arrive after the query string is decoded once (searchParams does that).
  const hostile: [string, string][] = [
    ['tab after the slash', '/\t/evil.example/'],
    ['tab, backslash', '/\t\\evil.example/'],
    ['line feed', '/\n/evil.example/'],
    ['carriage return', '/\r/evil.example/'],
    ['NUL', '/\u0000/evil.example/'],
    ['DEL', '/\u007f/evil.example/'],
    ['backslash first', '/\\evil.example'],
    ['two backslashes', '\\\\evil.example'],
    ['backslash then slash', '\\/evil.example'],
    ['percent-encoded tab', '/%09/evil.example/'],
    ['percent-encoded line feed', '/%0A/evil.example/'],
    ['percent-encoded backslash', '/%5Cevil.example'],
    ['percent-encoded tab and backslash', '/%09%5Cevil.example'],
    ['double-encoded tab', '/%2509/evil.example/'],
    ['percent-encoded slash', '/%2F/evil.example'],
    ['malformed escape', '/%E0%A4%A'],
    ['javascript:', 'javascript:alert(1)'],
    ['JavaScript: with spaces', '  JavaScript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['protocol-relative', '//evil.example/'],
    ['three slashes', '///evil.example/'],
    ['slash backslash', '/\\evil.example/'],
    ['dot segments to //', '/.//evil.example/'],
    ['dot-dot segments to //', '/x/..//evil.example/'],
    ['absolute URL elsewhere', 'https://evil.example/'],
    ['same host, other port', 'http://localhost:3001/county'],
    ['same host, other scheme', 'https://localhost:3000/county'],
    ['credentials in URL', 'http://evil.example@localhost:3000/'],
    ['user info look-alike', 'http://localhost:3000@evil.example/'],
    ['no leading slash', 'evil.example/x'],
    ['empty', ''],
    ['very long', `/${'a'.repeat(5000)}`],
  ];
  it.each(hostile)('refuses %s', (_label, value) => {
    expect(safeLocalPath(value, base)).toBeNull();
    expect(safeCallbackUrl(value, base)).toBe(base);
  });

  it.each([
    ['/resident', '/resident'],
    ['/county/cases/42?tab=events#history', '/county/cases/42?tab=events#history'],
    ['/resident/applications/a%20b', '/resident/applications/a%20b'],
    ['/cadre/../county', '/county'],
    ['http://localhost:3000/county', '/county'],
  ])('keeps the local path %s', (value, local) => {
    expect(safeLocalPath(value, base)).toBe(local);
    expect(safeCallbackUrl(value, base)).toBe(`${base}${local}`);
  });

  it('refuses values that are not strings (a repeated query parameter arrives as an array)', () => {
    expect(safeLocalPath(null)).toBeNull();
    expect(safeLocalPath(undefined)).toBeNull();
    expect(safeLocalPath(['/a', '/b'] as unknown as string)).toBeNull();
  });

  it('never returns a value a browser would read as another host, for any printable input', () => {
    const alphabet = ['/', '\\', '%', '0', '9', 'A', 'C', '5', 'F', '.', ':', '@', '?', '#', 'e', '\t', ' '];
    let seen = 0;
    for (let i = 0; i < 20000; i++) {
      let v = '';
      const n = 1 + (i % 8);
      for (let j = 0, x = i * 2654435761; j < n; j++, x = Math.floor(x / alphabet.length) + j * 7919) v += alphabet[x % alphabet.length];
      const local = safeLocalPath(v, base);
      if (local === null) continue;
      seen++;
      expect(new URL(local, base).origin).toBe(base);
      expect(local.startsWith('//')).toBe(false);
      expect(/[\u0000-\u001f\\]/.test(local)).toBe(false);
    }
    expect(seen).toBeGreaterThan(100);
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
});
