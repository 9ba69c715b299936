// The waiver-list actions for an official whose places are one township (not county-wide):
// every action answers 'forbidden' and writes nothing, while the county-wide official's same
// call goes through (the access matrix covers anonymous callers, residents and cadres). The
// signed-in identity is faked (lib/session is mocked), as in access-matrix.test.ts.
import { makeHousehold, seedProgrammes, useTestDatabase } from './helpers';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as s from '@/db/schema';
import type { SessionUser } from '@/lib/session';
import type * as DbClient from '@/db/client';
import type * as Notifications from '@/db/queries/notifications';

const t = useTestDatabase();
const hoisted = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => hoisted.user, getUserForPasswordChange: async () => hoisted.user }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '10.9.9.9' }), cookies: async () => ({ get: () => undefined }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock('@/db/client', async (importOriginal) => ({ ...(await importOriginal<typeof DbClient>()), getDb: () => t.db }));
vi.mock('@/db/queries/notifications', async (importOriginal) => ({ ...(await importOriginal<typeof Notifications>()), drainSoon: () => undefined }));

const actions = await import('@/app/county/waivers/actions');

interface World {
  county: s.Place;
  town: s.Place;
  village: s.Place;
  countyWide: SessionUser;
  townOfficial: SessionUser;
  companyId: number;
  listId: string;
}
const w = {} as World;

async function place(level: s.Place['level'], parent: s.Place | null): Promise<s.Place> {
  const [p] = await t.db.insert(s.places).values({ level, name: `${level}-${Math.random()}`, nameEn: level, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

const form = (values: Record<string, string | number>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.set(k, String(v));
  return fd;
};

beforeAll(async () => {
  await seedProgrammes(t.db, { noticeDays: 0 });
  w.county = await place('county', null);
  w.town = await place('township', w.county);
  w.village = await place('village', w.town);
  const a = await makeHousehold(t.db, { role: 'official' });
  const b = await makeHousehold(t.db, { role: 'official' });
  w.countyWide = { id: a.user.id, name: '县', role: 'official', placeIds: [w.county.id], placePaths: [w.county.path] };
  w.townOfficial = { id: b.user.id, name: '镇', role: 'official', placeIds: [w.town.id], placePaths: [w.town.path] };
  const [c] = await t.db.insert(s.serviceCompanies).values({ kind: 'heating', name: '镇测热力' }).returning();
  w.companyId = c!.id;
  await t.db.insert(s.placeCompanies).values({ placeId: w.town.id, kind: 'heating', companyId: w.companyId });
  // One approved heating-fee-waiver case in the township's village, on a sent list.
  const m = await makeHousehold(t.db);
  await t.db.update(s.households).set({ placeId: w.village.id, kind: 'urban' }).where(eq(s.households.id, m.household.id));
  const [app] = await t.db.insert(s.applications).values({ reference: `ZZ-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`, householdId: m.household.id, programmeCode: 'heating_fee_waiver', status: 'approved', version: 3, entitlement: { kind: 'waiver', season: true }, decidedAt: new Date() }).returning();
  const [l] = await t.db.insert(s.waiverLists).values({ reference: 'WL-TEST-1', programmeCode: 'heating_fee_waiver', companyId: w.companyId, itemCount: 1, createdBy: w.countyWide.id }).returning();
  await t.db.insert(s.waiverListItems).values({ listId: l!.id, applicationId: app!.id });
  w.listId = l!.id;
});

async function snapshot() {
  return {
    companies: await t.db.select().from(s.serviceCompanies),
    assignments: await t.db.select().from(s.placeCompanies),
    lists: await t.db.select().from(s.waiverLists),
    items: await t.db.select().from(s.waiverListItems),
    apps: await t.db.select({ id: s.applications.id, status: s.applications.status, version: s.applications.version }).from(s.applications),
  };
}

describe('a township\'s official', () => {
  it('is refused every waiver action, even on a list and company of their own township, and nothing is written', async () => {
    hoisted.user = w.townOfficial;
    const before = await snapshot();
    const calls: [string, () => Promise<{ status: string }>][] = [
      ['create', () => actions.createCompanyAction(null, form({ kind: 'heating', name: '越权热力', nameEn: '', contact: '' }))],
      ['assign', () => actions.assignCompanyPlaceAction(null, form({ companyId: w.companyId, placeId: w.village.id }))],
      ['unassign', () => actions.unassignCompanyPlaceAction(null, form({ companyId: w.companyId, placeId: w.town.id }))],
      ['make', () => actions.makeWaiverListAction(null, form({ companyId: w.companyId, programme: 'heating_fee_waiver' }))],
      ['confirm', () => actions.confirmWaiverListAction(null, form({ listId: w.listId, version: 1, confirmedOn: '2026-01-05', note: '' }))],
      ['cancel', () => actions.cancelWaiverListAction(null, form({ listId: w.listId, version: 1 }))],
    ];
    for (const [name, call] of calls) expect([name, (await call()).status]).toEqual([name, 'forbidden']);
    expect(await snapshot()).toEqual(before);
  });

  it('while the county-wide official\'s same call goes through', async () => {
    hoisted.user = w.countyWide;
    const r = await actions.confirmWaiverListAction(null, form({ listId: w.listId, version: 1, confirmedOn: '2026-01-05', note: '回函' }));
    expect(r).toEqual({ status: 'ok', data: { fulfilled: 1, skipped: 0 } });
    // A date after today is refused next to the field.
    const later = await actions.confirmWaiverListAction(null, form({ listId: w.listId, version: 2, confirmedOn: '2999-01-01', note: '' }));
    expect(later).toEqual({ status: 'invalid', fieldErrors: { confirmedOn: ['countyWaivers.errors.date'] } });
  });
});
