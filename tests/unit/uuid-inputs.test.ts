// Ids inside cursors and form values are checked with UUID_TEXT's shape (lib/validators.ts)
// before any query. Each parser keeps what it accepted before the shape was shared: the
// hand-out and queue cursors only in lower case (as PostgreSQL writes ids), the visits cursor
// and the batch items of the decisions queue in either case.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/session';
import type * as CountyVisits from '@/server/visits/county-visits';

const current = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => current.user }));
vi.mock('@/db/client', () => ({ getDb: () => ({}) }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '10.1.1.1' }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/server', () => ({ after: () => undefined }));
vi.mock('@/db/queries/notifications', () => ({ drainSoon: () => undefined }));
// The reads behind the two actions: every case asked for is reachable, and the visits list is empty.
vi.mock('@/db/queries/cases', () => ({ reachableReferences: async ({ ids }: { ids: string[] }) => ids.map((id) => ({ id, reference: `REF-${id.slice(0, 4)}` })) }));
vi.mock('@/server/applications/approve-batch', () => ({
  approveBatch: async ({ items }: { items: { id: string; reference: string }[] }) => items.map((i) => ({ ok: true, id: i.id, reference: i.reference, status: 'approved' })),
}));
vi.mock('@/server/visits/county-visits', async (importOriginal) => ({
  ...(await importOriginal<typeof CountyVisits>()),
  openVisitsPlace: async () => ({ place: { id: 1, path: '/1/' }, filters: { placePath: null, round: null, from: null, to: null } }),
  readVisitsAfter: async () => ({ rows: [], next: null }),
}));

const { decodeHandoutCursor, encodeHandoutCursor } = await import('@/db/queries/handouts');
const { decodeQueueCursor } = await import('@/db/queries/queue');
const { parseVisitQuery } = await import('@/server/visits/county-visits');
const { approveBatchAction } = await import('@/app/county/decisions/actions');
const { moreVisitsAction } = await import('@/app/county/visits/actions');

const ID = '3f2b8c1e-5d4a-4b6c-9e7f-0a1b2c3d4e5f';
const UPPER = ID.toUpperCase();
/** 36 characters of the right alphabet but not the 8-4-4-4-12 shape. */
const MISSHAPEN = ['-'.repeat(36), '3f2b8c1e5d4a4b6c9e7f0a1b2c3d4e5f----', '3f2b8c1e-5d4a-4b6c-9e7f0-a1b2c3d4e5f'];
const AT = '2026-11-30T08:15:00.123456Z';

beforeEach(() => {
  current.user = { id: '00000000-0000-4000-8000-000000000001', name: '测试', role: 'official', placeIds: [1], placePaths: ['/1/'] };
});

describe('hand-out cursor', () => {
  const cursor = (id: string) => Buffer.from(`${AT}|${id}`, 'utf8').toString('base64url');
  it('reads back what it wrote', () => {
    expect(decodeHandoutCursor(encodeHandoutCursor({ decidedAt: AT, id: ID }))).toEqual({ decidedAt: AT, id: ID });
  });
  it('refuses an id in capitals or of another shape (the list starts over)', () => {
    for (const id of [UPPER, ...MISSHAPEN, `${ID}0`]) expect(decodeHandoutCursor(cursor(id))).toBeNull();
  });
});

describe('queue cursor', () => {
  it('reads a lower-case id, refuses capitals and other shapes', () => {
    expect(decodeQueueCursor(`1.1732500000000000.${ID}`)).toEqual({ seg: 1, us: '1732500000000000', id: ID });
    for (const id of [UPPER, ...MISSHAPEN]) expect(decodeQueueCursor(`1.1732500000000000.${id}`)).toBeNull();
  });
});

describe('visits cursor', () => {
  it('the page reads an id in either case (as lower case), and nothing of another shape', () => {
    expect(parseVisitQuery({ cursor: `2026-11-30~${ID}` }).cursor).toEqual({ day: '2026-11-30', id: ID });
    expect(parseVisitQuery({ cursor: `2026-11-30~${UPPER}` }).cursor).toEqual({ day: '2026-11-30', id: ID });
    for (const id of MISSHAPEN) expect(parseVisitQuery({ cursor: `2026-11-30~${id}` }).cursor).toBeNull();
  });

  it('"load more" takes the same cursors and refuses the others as invalid input', async () => {
    for (const id of [ID, UPPER]) expect(await moreVisitsAction({ cursor: `2026-11-30~${id}` })).toMatchObject({ status: 'ok', data: { rows: [], nextCursor: null } });
    for (const cursor of [...MISSHAPEN.map((id) => `2026-11-30~${id}`), `2026-11-30~${ID}x`, `2026-11-30${ID}`]) {
      expect(await moreVisitsAction({ cursor })).toEqual({ status: 'invalid', fieldErrors: { cursor: ['validation.invalidType'] } });
    }
  });
});

describe('batch approval items', () => {
  const form = (...items: string[]) => {
    const fd = new FormData();
    for (const i of items) fd.append('item', i);
    return fd;
  };
  it('takes `<id>:<version>` with the id in either case', async () => {
    const r = await approveBatchAction(null, form(`${ID}:3`, `${UPPER.replace('3F2B', '4A2B')}:123456789`));
    expect(r.status).toBe('ok');
  });
  it('refuses a misshapen id, a missing or too long version, or anything around it', async () => {
    for (const item of [...MISSHAPEN.map((id) => `${id}:1`), `${ID}:`, `${ID}:1234567890`, `${ID}`, ` ${ID}:1`, `${ID}:1 `]) {
      expect(await approveBatchAction(null, form(item)), item).toEqual({ status: 'invalid', fieldErrors: { item: ['validation.invalidType'] } });
    }
  });
});
