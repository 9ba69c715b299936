// The one staff search route (server/queue/search-route.ts) behind the queue, the household
// list, the visit search and the county staff list: who may use it, what comes back in the
// URL (a sealed search, or only what is wrong with a number, never the words), and which of
// the page's own filters travel back with the search.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/session';

const current = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => current.user }));

// Keys for sealing come from a demo data folder of this test's own (lib/env reads it lazily).
process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'relief-search-route-'));
process.env.DEMO_MODE = '1';
delete process.env.PII_ENC_KEYS;
delete process.env.PII_HMAC_KEY;
delete (globalThis as { __reliefEnv?: unknown }).__reliefEnv;

const queue = await import('@/app/cadre/queue/search/route');
const households = await import('@/app/cadre/households/search/route');
const visits = await import('@/app/cadre/visits/new/search/route');
const staff = await import('@/app/county/staff/search/route');
const { openSearch } = await import('@/server/queue/search-token');

const CADRE: SessionUser = { id: '00000000-0000-4000-8000-000000000002', name: '测试干部', role: 'cadre', placeIds: [2], placePaths: ['/1/2/'] };
const OFFICIAL: SessionUser = { id: '00000000-0000-4000-8000-000000000003', name: '测试县干部', role: 'official', placeIds: [1], placePaths: ['/1/'] };
const RESIDENT: SessionUser = { id: '00000000-0000-4000-8000-000000000004', name: '测试居民', role: 'resident', placeIds: [], placePaths: [] };
/** A valid ID number (GB 11643 check digit) and the same with its check digit changed. */
const ID = '11010519491231002X';
const WRONG_CHECK = '110105194912310021';

function post(url: string, fields: Record<string, string>): Request {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  return new Request(`http://localhost${url}`, { method: 'POST', body });
}

function target(res: Response): URL {
  expect(res.status).toBe(303);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return new URL(res.headers.get('location')!, 'http://localhost');
}

const ROUTES = [
  { name: 'queue', route: queue, url: '/cadre/queue/search', page: '/cadre/queue', user: CADRE },
  { name: 'household list', route: households, url: '/cadre/households/search', page: '/cadre/households', user: CADRE },
  { name: 'visit search', route: visits, url: '/cadre/visits/new/search', page: '/cadre/visits/new', user: CADRE },
  { name: 'staff list', route: staff, url: '/county/staff/search', page: '/county/staff', user: OFFICIAL },
];

beforeEach(() => {
  current.user = null;
});

describe.each(ROUTES)('the $name search', ({ route, url, page, user }) => {
  it('sends a person who is not signed in to sign in, and back to the page after', async () => {
    const to = target(await route.POST(post(url, { text: ID })));
    expect(to.pathname).toBe('/sign-in');
    expect(to.searchParams.get('callbackUrl')).toBe(page);
  });

  it('refuses a role without the capability with 403', async () => {
    current.user = user.role === 'official' ? CADRE : RESIDENT;
    expect((await route.POST(post(url, { text: ID }))).status).toBe(403);
  });

  it('sends back a sealed search that holds neither the number nor shows it unmasked', async () => {
    current.user = user;
    const to = target(await route.POST(post(url, { text: ID })));
    expect(to.pathname).toBe(page);
    expect(to.href).not.toContain(ID);
    const opened = openSearch(to.searchParams.get('q') ?? undefined);
    expect(opened?.search.kind).toBe('id');
    expect(opened?.shown).not.toContain(ID.slice(6, 14));
  });

  it('does not search an ID number whose check digit is wrong: only what is wrong comes back', async () => {
    current.user = user;
    const to = target(await route.POST(post(url, { text: WRONG_CHECK })));
    expect(to.pathname).toBe(page);
    expect(to.searchParams.get('idCheck')).toBe('checksum');
    expect(to.searchParams.has('q')).toBe(false);
    expect(to.href).not.toContain(WRONG_CHECK);
  });

  it('goes back to the page with no search when nothing was typed, or the form cannot be read', async () => {
    current.user = user;
    expect(target(await route.POST(post(url, { text: '  ' }))).searchParams.has('q')).toBe(false);
    const unreadable = new Request(`http://localhost${url}`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: 'not a form' });
    expect(target(await route.POST(unreadable)).pathname).toBe(page);
  });
});

describe('filters chosen beside the search travel back with it', () => {
  it("the queue keeps its own filters and drops anything it does not know", async () => {
    current.user = CADRE;
    const to = target(await queue.POST(post('/cadre/queue/search', { text: '张', programme: 'appliance_repair', overdue: '1', bogus: 'x' })));
    expect(to.searchParams.get('programme')).toBe('appliance_repair');
    expect(to.searchParams.get('overdue')).toBe('1');
    expect(to.searchParams.has('bogus')).toBe(false);
    expect(openSearch(to.searchParams.get('q') ?? undefined)?.search).toEqual({ kind: 'name', prefix: '张' });
  });

  it('the household list keeps its place and check filters, and drops an overlong value', async () => {
    current.user = CADRE;
    const to = target(await households.POST(post('/cadre/households/search', { text: WRONG_CHECK, place: '12', gradeD: '1', unverified: 'x'.repeat(21) })));
    expect(to.searchParams.get('place')).toBe('12');
    expect(to.searchParams.get('gradeD')).toBe('1');
    expect(to.searchParams.has('unverified')).toBe(false);
    expect(to.searchParams.get('idCheck')).toBe('checksum');
  });
});
