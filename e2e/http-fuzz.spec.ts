// TRUST V1 over HTTP: every page and route handler of the app, found by walking app/, gets
// generated query strings, path segments and form bodies (control characters, very long
// strings, invalid UTF-8 percent-escapes, wrong types), as each role. No answer may be a
// 5xx, and no body may carry a stack trace or SQL. Deterministic: fast-check with a fixed
// seed, so a failure names a value that reproduces.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { ACCOUNTS, signInOverHttp } from './fixtures';

interface Route {
  /** e.g. /resident/applications/[id] */
  pattern: string;
  kind: 'page' | 'handler';
}

/** Every page.tsx and route.ts under app/, as URL patterns (route groups and private folders dropped). */
function discoverRoutes(): Route[] {
  const root = path.join(process.cwd(), 'app');
  const out: Route[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name.startsWith('_')) continue;
        walk(full, /^\(.*\)$/.test(name) ? segments : [...segments, name]);
      } else if (/^page\.tsx?$/.test(name)) out.push({ pattern: `/${segments.join('/')}`, kind: 'page' });
      else if (/^route\.tsx?$/.test(name)) out.push({ pattern: `/${segments.join('/')}`, kind: 'handler' });
    }
  };
  walk(root, []);
  return out.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

const ROUTES = discoverRoutes();

// Hand-picked hostile values, then generated ones. Strings here are written raw into URLs
// and bodies: "%C0%AF" stays a (malformed) escape on the wire.
const HOSTILE_RAW = ['%00', '%0A%0D', '%09', '%C0%AF', '%FF%FE', '%E0%A4%A', '%', '%%32%65', '%u0041', '..', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '%2F', '-1', '0', '99999999999999999999', '1e309', 'NaN', 'null', '[]', '%7B%7D', "'%3B%20DROP%20TABLE%20users%3B--", '%E4%B8%AD%E6%96%87', 'a'.repeat(4000)];
const SEED = 20261129;

/** Generated strings with control characters, lone surrogates and odd Unicode, percent-encoded for the wire. */
function generated(n: number, seed: number): string[] {
  const raw = fc.sample(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 10 }), fc.constantFrom('\uD800', '\uDFFF', '\u202E', '\uFEFF', '\\', '//', '\r\n')), { seed, numRuns: n });
  return raw.map((s) => encodeWtf(s));
}

/** Percent-encodes a string, leaving lone surrogates as their raw UTF-16 bytes (invalid UTF-8). */
function encodeWtf(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) out += `%ED%${(0xa0 + ((code >> 6) & 0x1f)).toString(16).toUpperCase()}%${(0x80 + (code & 0x3f)).toString(16).toUpperCase()}`;
    else out += encodeURIComponent(ch).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  }
  return out || '%20';
}

const VALUES = [...HOSTILE_RAW, ...generated(12, SEED)];
const QUERY_KEYS = ['callbackUrl', 'done', 'changed', 'filed', 'saved', 'id', 'page', 'cursor', 'after', 'before', 'place', 'village', 'township', 'status', 'programme', 'q', 'lang'];

function pick<T>(xs: readonly T[], i: number): T {
  return xs[i % xs.length]!;
}

function queryStrings(i: number): string[] {
  const v = (k: number) => pick(VALUES, i * 7 + k);
  return [
    `${pick(QUERY_KEYS, i)}=${v(0)}`,
    `${pick(QUERY_KEYS, i + 1)}=${v(1)}&${pick(QUERY_KEYS, i + 1)}=${v(2)}`, // a repeated key arrives as an array
    `${pick(QUERY_KEYS, i + 2)}[]=${v(3)}&${pick(QUERY_KEYS, i + 3)}[x]=${v(4)}`,
    `${v(5)}=${v(6)}&=&&==${v(7)}`,
  ];
}

function fillPattern(pattern: string, value: string): string {
  return pattern.replace(/\[\.\.\.[^\]]+\]/g, `${value}/${value}`).replace(/\[[^\]]+\]/g, value);
}

/** The ways a body or a stack could leak: a Node stack frame, a Drizzle/PostgreSQL error, SQL text. */
const LEAKS: [string, RegExp][] = [
  ['stack frame', /\n\s+at [^\n]{0,200}:\d+:\d+\)?/],
  ['stack frame (escaped)', /\\n\s+at [^\\]{0,200}:\d+:\d+/],
  ['Drizzle error', /Failed query/],
  ['PostgreSQL error', /\b(?:syntax error at or near|violates (?:foreign key|unique|check) constraint|invalid input syntax for type)\b/],
  ['SQL', /\b(?:SELECT\b[^<]{0,300}\bFROM\s+"|INSERT INTO\s+"|UPDATE\s+"\w+"\s+SET|DELETE FROM\s+")/],
];

/** What is wrong with one answer, or null: a 5xx, or a body that leaks a stack or SQL. */
async function problem(res: APIResponse, label: string): Promise<string | null> {
  if (res.status() >= 500) return `${label} → ${res.status()}`;
  const body = await res.text();
  for (const [what, re] of LEAKS) if (re.test(body)) return `${label}: the body contains a ${what}: ${body.match(re)?.[0]}`;
  return null;
}

/** A request context of its own (no redirects followed), signed in as `phone` unless it is null. */
async function signedInContext(baseURL: string, phone: string | null): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL, maxRedirects: 0 });
  if (!phone) return ctx;
  await signInOverHttp(ctx, phone);
  return ctx;
}

const ROLES = [
  ['anonymous', null],
  ['resident', ACCOUNTS.resident.phone],
  ['cadre', ACCOUNTS.cadre.phone],
  ['official', ACCOUNTS.official.phone],
] as const;

test('the route list is read from app/ and covers pages and route handlers', () => {
  expect(ROUTES.filter((r) => r.kind === 'page').length).toBeGreaterThan(20);
  expect(ROUTES.map((r) => r.pattern)).toEqual(expect.arrayContaining(['/', '/sign-in', '/resident/applications/[id]', '/api/uploads/[id]', '/api/auth/[...nextauth]']));
});

for (const [role, phone] of ROLES) {
  test(`as ${role}: no generated request gets a 5xx, a stack trace or SQL`, async ({ baseURL }) => {
    test.slow(); // several hundred requests against a production build on two busy cores
    const ctx = await signedInContext(baseURL!, phone);
    let sent = 0;
    const problems: string[] = [];
    const check = async (res: APIResponse, label: string) => {
      const p = await problem(res, label);
      if (p) problems.push(p);
    };
    for (const [i, route] of ROUTES.entries()) {
      const dynamic = /\[/.test(route.pattern);
      const paths = dynamic ? [0, 1, 2, 3, 4, 5].map((k) => fillPattern(route.pattern, pick(VALUES, i + k * 5))) : [route.pattern];
      // A real-looking id too, so the page gets past parsing and into its own lookups.
      if (dynamic) paths.push(fillPattern(route.pattern, '00000000-0000-4000-8000-000000000000'));
      for (const [k, p] of paths.entries()) {
        const qs = queryStrings(i + k);
        for (const q of dynamic ? qs.slice(0, 1) : qs) {
          await check(await ctx.get(`${p}?${q}`), `${role} GET ${p}?${q.slice(0, 120)}`);
          sent++;
        }
      }
      // Form bodies: urlencoded and multipart, with a server-action header naming no action and without one.
      const target = paths[0]!;
      const v = (k: number) => decodeURIComponentSafe(pick(VALUES, i * 3 + k));
      const forms: [string, Parameters<APIRequestContext['post']>[1]][] = [
        ['urlencoded', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, data: `${pick(VALUES, i)}=${pick(VALUES, i + 1)}&phone=${pick(VALUES, i + 2)}&amount=-1&amount=1e309` }],
        ['multipart', { multipart: { phone: v(0), password: v(1), file: { name: v(2).slice(0, 60) || 'x', mimeType: 'application/pdf', buffer: Buffer.from(v(3)) } } }],
        ['bogus action', { headers: { 'next-action': 'f'.repeat(42), 'content-type': 'text/plain;charset=UTF-8' }, data: `["${v(4).replace(/["\\]/g, '')}",{"$undefined":1}]` }],
        ['json', { headers: { 'content-type': 'application/json' }, data: '{"phone":[1,2],"password":{"$gt":""},"csrfToken":null' }],
      ];
      for (const [label, options] of forms) {
        await check(await ctx.post(target, options), `${role} POST ${target} (${label})`);
        sent++;
      }
    }
    expect(problems).toEqual([]);
    expect(sent).toBeGreaterThan(ROUTES.length * 5);
    await ctx.dispose();
  });
}

// Values the generator does not reach: well-shaped keyset cursors whose date does not exist
// (13th month, 40th day) and ids past what an int4 or a uuid column holds. Each must give the
// list's first page or "not found", never a failed query.
const NO_SUCH_TIME = '2024-13-40T25:00:00.000000Z';
const SOME_ID = '00000000-0000-4000-8000-000000000000';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const IMPOSSIBLE: Record<'cadre' | 'official', string[]> = {
  cadre: [
    ...['/cadre/inbox', '/cadre/objections', '/cadre/grievances'].map((p) => `${p}?after=${b64(JSON.stringify([NO_SUCH_TIME, SOME_ID]))}`),
    `/cadre/handouts?after=${b64(`${NO_SUCH_TIME}|${SOME_ID}`)}`,
    `/cadre/visits/owed?after=${b64(JSON.stringify(['/99999999999/', SOME_ID]))}`,
    '/cadre/households?place=99999999999',
    '/cadre/queue?village=99999999999',
    '/cadre/households/------------------------------------',
  ],
  official: [
    `/county/decisions?after=${NO_SUCH_TIME}_${SOME_ID}`,
    `/county/grievances?after=${b64(JSON.stringify([NO_SUCH_TIME, SOME_ID]))}`,
    `/county/payments?before=${NO_SUCH_TIME}_------------------------------------`,
    '/county/staff/------------------------------------',
    '/county/dashboard?place=99999999999',
  ],
};

for (const role of ['cadre', 'official'] as const) {
  test(`as ${role}: impossible dates in cursors and out-of-range ids give a page, not a failed query`, async ({ baseURL }) => {
    const ctx = await signedInContext(baseURL!, ACCOUNTS[role].phone);
    const problems: string[] = [];
    for (const url of IMPOSSIBLE[role]) {
      const p = await problem(await ctx.get(url), `${role} GET ${url}`);
      if (p) problems.push(p);
    }
    expect(problems).toEqual([]);
    await ctx.dispose();
  });
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
