// TRUST A2, D2 and V1, checked on the running portal: server-action requests from another origin
// are refused with 403 before any action runs, and ones whose body no page sends with 400 or 415;
// every page carries the security headers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

// TRUST V1 on the server-action endpoint: a hand-made POST naming a real action but carrying a
// body the pages never send (empty, not JSON, multipart without a boundary or without the
// arguments' part, another content type, arguments that refer to parts that are not there or are
// not an argument list, too many or too deeply nested, a body over 1 MB) is refused by proxy.ts
// with 400, 413 or 415. Next's decoding threw on each of these and answered 500. The bodies the
// pages do send still reach the action.
test('a server-action POST with a body or arguments no page sends is refused with 400, 413 or 415, never a 500', async ({ request, baseURL }) => {
  const manifest = JSON.parse(readFileSync(join(process.env.NEXT_DIST_DIR || '.next', 'server', 'server-reference-manifest.json'), 'utf8')) as { node: Record<string, { exportedName?: string }> };
  const id = Object.entries(manifest.node).find(([, a]) => a.exportedName === 'lodgeObjectionAction')?.[0];
  expect(id, 'the objection form’s action is in the build').toBeTruthy();
  const post = (contentType: string | null, data: string) =>
    request.post('/notice', { headers: { origin: baseURL!, 'next-action': id!, ...(contentType ? { 'content-type': contentType } : {}) }, data: Buffer.from(data), maxRedirects: 0 });
  const form = (parts: Record<string, string> | [string, string][]) => {
    const body = (Array.isArray(parts) ? parts : Object.entries(parts)).map(([k, v]) => `--b0undary\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('');
    return `${body}--b0undary--\r\n`;
  };
  const refused: [string, string | null, string, number][] = [
    ['empty text', 'text/plain;charset=UTF-8', '', 400],
    ['text that is not JSON', 'text/plain;charset=UTF-8', 'garbage', 400],
    ['empty multipart without a boundary', 'multipart/form-data', '', 400],
    ['empty multipart', 'multipart/form-data; boundary=b0undary', '', 400],
    ['multipart cut short', 'multipart/form-data; boundary=b0undary', '--b0undary\r\nContent-Disposition: form-data; name="0"\r\n\r\n[]', 400],
    ['multipart without the arguments', 'multipart/form-data; boundary=b0undary', form({ x: '1' }), 400],
    ['multipart with two argument parts', 'multipart/form-data; boundary=b0undary', form([['0', '[]'], ['0', '5']]), 400],
    ['a reference to a part that is not there', 'text/plain;charset=UTF-8', '["$1"]', 400],
    ['a map from a part that is not there', 'multipart/form-data; boundary=b0undary', form({ '0': '[{"a":"$Q1"}]' }), 400],
    ['a bigint that is not a number', 'text/plain;charset=UTF-8', '["$nabc"]', 400],
    ['arguments that are not a list', 'text/plain;charset=UTF-8', '5', 400],
    ['400,000 arguments', 'text/plain;charset=UTF-8', `[${'0,'.repeat(399_999)}0]`, 400],
    ['arguments nested 20,000 deep', 'text/plain;charset=UTF-8', '['.repeat(20_000) + ']'.repeat(20_000), 400],
    ['a body over 1 MB', 'text/plain;charset=UTF-8', `["${'x'.repeat(1_100_000)}"]`, 413],
    ['JSON', 'application/json', '', 415],
    ['no content type', null, '', 415],
  ];
  for (const [label, type, data, status] of refused) {
    const res = await post(type, data);
    expect(res.status(), label).toBe(status);
    expect(await res.text(), label).not.toMatch(/at \w+ \(|node_modules|Error:/);
  }
  // What the pages send (React's reply encoding, as text or as multipart) still reaches the action,
  // which answers with its own result.
  for (const [label, type, data] of [
    ['text', 'text/plain;charset=UTF-8', '[]'],
    ['multipart', 'multipart/form-data; boundary=b0undary', form({ '0': '[]' })],
  ] as const) {
    const res = await post(type, data);
    expect(res.status(), label).toBe(200);
    expect(await res.text(), label).toContain('"status"');
  }
});
