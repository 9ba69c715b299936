// TRUST A2 and D2, checked on the running portal: server-action requests from another origin
// are refused with 403 before any action runs, and every page carries the security headers.
import { expect, test } from '@playwright/test';

test('every page carries the security headers', async ({ request }) => {
  for (const path of ['/', '/sign-in', '/notice', '/api/health']) {
    const res = await request.get(path);
    const h = res.headers();
    expect(h['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(h['content-security-policy'], path).toContain("object-src 'none'");
    expect(h['x-content-type-options'], path).toBe('nosniff');
    expect(h['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    expect(h['x-frame-options'], path).toBe('DENY');
    expect(h['x-powered-by'], path).toBeUndefined();
  }
});

test('a server-action POST with Origin null or a foreign origin is refused with 403', async ({ request, baseURL }) => {
  for (const origin of ['null', 'https://evil.example', 'http://localhost.evil.example']) {
    const res = await request.post('/notice', {
      headers: { origin, 'next-action': '0'.repeat(42), 'content-type': 'text/plain;charset=UTF-8' },
      data: '[]',
      maxRedirects: 0,
    });
    expect(res.status(), origin).toBe(403);
    expect(await res.text()).not.toMatch(/at \w+ \(|node_modules|Error:/);
  }
  // The same request from the site itself reaches Next (an unknown action id is not a 403).
  const own = await request.post('/notice', { headers: { origin: baseURL!, 'next-action': '0'.repeat(42), 'content-type': 'text/plain;charset=UTF-8' }, data: '[]', maxRedirects: 0 });
  expect(own.status()).not.toBe(403);
});
