// Cases a 免申即享 enrolment created (db/queries/enrolment.ts) are approved without ever being
// submitted (submitted_at NULL), later fulfilled. The application_counts rollup counts them, so
// the cadre's queue, its export and the dashboard's drill-down must list them: every page walked
// with no filter, a programme, a state, both, and in the village ("narrow") shape, in one stable
// keyset order that neither repeats nor skips a row, and as many rows as the counts say.
// Before migration 0026 the walk read only cases with a submission time and dropped them all.
import { openBudgetLine, randomIdNumber, seedProgrammes, useTestDatabase } from './helpers';
import { randomBytes } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import { queueCounts, queuePage, queueRows, type QueueCursor, type QueueFilters } from '@/db/queries/queue';
import { enrolEligibleHouseholds } from '@/db/queries/enrolment';
import { exportQueue } from '@/server/queue/export-queue';
import type { ApplicationStatus } from '@/lib/domain';
import type { Actor } from '@/lib/permissions';
import { lookupHash, sealPii } from '@/lib/protect';

const t = useTestDatabase();
const suffix = () => randomBytes(4).toString('hex');
const DAY = 86_400_000;

async function place(level: s.Place['level'], parent: s.Place | null): Promise<s.Place> {
  const name = `${level}-${suffix()}`;
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

async function person(role: 'cadre' | 'official', at: s.Place[]): Promise<Actor> {
  const [u] = await t.db.insert(s.users).values({ role, realName: '测试', phoneHash: lookupHash(`p-${suffix()}`), phoneEnc: sealPii('17000000000'), passwordHash: 'unused' }).returning({ id: s.users.id });
  await t.db.insert(s.userPlaces).values(at.map((p) => ({ userId: u!.id, placeId: p.id })));
  return { id: u!.id, role, placePaths: at.map((p) => p.path) };
}

/** A rural household whose "affected" fact is verified true: warm winter enrols it. */
async function affectedHousehold(village: s.Place): Promise<string> {
  const idNumber = randomIdNumber();
  const [h] = await t.db
    .insert(s.households)
    .values({ headName: '王秀英', headIdNumberHash: lookupHash(idNumber), headIdNumberEnc: sealPii(idNumber), placeId: village.id, kind: 'rural', addressDetail: '一组1号' })
    .returning({ id: s.households.id });
  const earlier = new Date(Date.now() - DAY);
  await t.db.insert(s.householdFacts).values({ householdId: h!.id, key: 'affected', declaredValue: true, declaredAt: earlier, verifiedValue: true, verifiedAt: earlier, verifyMethod: 'visit' });
  return h!.id;
}

let cadre: Actor;
let township: s.Place;
let village: s.Place;
let enrolled: string[] = [];
let fulfilled: string[] = [];

beforeAll(async () => {
  await seedProgrammes(t.db);
  await openBudgetLine(t.db, 'warm_winter', 1_000_000);
  const county = await place('county', null);
  township = await place('township', county);
  village = await place('village', township);
  cadre = await person('cadre', [township]);
  const official = await person('official', [county]);

  const homes: string[] = [];
  for (let i = 0; i < 7; i++) homes.push(await affectedHousehold(village));
  // Cases people applied for, around the enrolment in time, so the orders interleave:
  // one submitted long ago (overdue), one submitted and approved, one still a draft.
  const now = Date.now();
  await t.db.insert(s.applications).values([
    { reference: `T-${suffix()}`, householdId: homes[0]!, programmeCode: 'building_materials', status: 'submitted', submittedAt: new Date(now - 30 * DAY), createdAt: new Date(now - 31 * DAY) },
    { reference: `T-${suffix()}`, householdId: homes[1]!, programmeCode: 'building_materials', status: 'approved', submittedAt: new Date(now + 60_000), createdAt: new Date(now - 2 * DAY) },
    { reference: `T-${suffix()}`, householdId: homes[2]!, programmeCode: 'building_materials', status: 'draft', createdAt: new Date(now - 3 * DAY) },
  ]);

  const out = await t.db.transaction((tx) =>
    enrolEligibleHouseholds({ tx, code: 'warm_winter', params: { amountYuan: 1000 }, programmeVersion: 1, scopePaths: [township.path], actorId: official.id, now: new Date(), channel: 'sms' }),
  );
  expect(out.enrolled).toBe(7);
  const cases = await t.db
    .select({ id: s.applications.id })
    .from(s.applications)
    .where(and(eq(s.applications.programmeCode, 'warm_winter'), eq(s.applications.status, 'approved'), isNull(s.applications.submittedAt), inArray(s.applications.householdId, homes)));
  enrolled = cases.map((c) => c.id).sort();
  expect(enrolled).toHaveLength(7);
  // A paid batch makes some of them fulfilled (the status the dashboard's figure counts).
  fulfilled = enrolled.slice(0, 3);
  await t.db.update(s.applications).set({ status: 'fulfilled', fulfilledAt: new Date() }).where(inArray(s.applications.id, fulfilled));
});

/** Every row of the queue, page by page (small pages, so the keyset crosses segments and ties). */
async function walk(scopePaths: readonly string[], filters: QueueFilters, limit = 2): Promise<string[]> {
  const ids: string[] = [];
  let after: QueueCursor | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page: Awaited<ReturnType<typeof queuePage>> = await queuePage({ db: t.db, scopePaths, filters, after, limit });
    ids.push(...page.rows.map((r) => r.id));
    if (!page.next) return ids;
    after = page.next;
  }
  throw new Error('the queue never ended');
}

async function counted(scopePaths: readonly string[], programme: QueueFilters['programme'], status?: ApplicationStatus): Promise<number> {
  const { counts } = await queueCounts({ db: t.db, scopePaths, programme });
  return status ? (counts[status] ?? 0) : Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
}

describe('cases enrolled without an application (免申即享)', () => {
  it('the cadre queue lists every counted case, each once, with no filter, by programme, by state and by both', async () => {
    const scope = cadre.placePaths;
    const cases: [QueueFilters, ApplicationStatus | undefined][] = [
      [{}, undefined],
      [{ programme: 'warm_winter' }, undefined],
      [{ status: 'approved' }, 'approved'],
      [{ status: 'fulfilled' }, 'fulfilled'],
      [{ programme: 'warm_winter', status: 'fulfilled' }, 'fulfilled'],
      [{ programme: 'warm_winter', status: 'approved' }, 'approved'],
    ];
    for (const [filters, status] of cases) {
      const ids = await walk(scope, filters);
      expect(new Set(ids).size, JSON.stringify(filters)).toBe(ids.length);
      expect(ids.length, JSON.stringify(filters)).toBe(await counted(scope, filters.programme, status));
      // The walk (index order) and the village shape (sorted in memory) agree row for row.
      expect(await walk(scope, { ...filters, villagePath: village.path }), JSON.stringify(filters)).toEqual(ids);
    }
    const all = await walk(scope, {});
    expect(all).toEqual(expect.arrayContaining(enrolled));
    expect(all).toHaveLength(10);
    expect((await walk(scope, { programme: 'warm_winter' })).sort()).toEqual(enrolled);
    expect((await walk(scope, { status: 'fulfilled' })).sort()).toEqual([...fulfilled].sort());
    expect(await walk(scope, { programme: 'warm_winter', status: 'approved' })).toHaveLength(4);
    // One page of 20 (what a phone loads first) holds them too.
    const first = await queuePage({ db: t.db, scopePaths: scope, filters: {} });
    expect(first.rows).toHaveLength(10);
    expect(first.next).toBeNull();
  });

  it('the queue export holds the same rows as the queue', async () => {
    for (const filters of [{}, { programme: 'warm_winter' }, { status: 'fulfilled' }] as QueueFilters[]) {
      const rows = await exportQueue({ db: t.db, actor: cadre, ip: '10.9.8.7', format: 'csv', filters, audit: { ...filters, overdue: false, needsVisit: false, search: null } });
      const ids: string[] = [];
      for await (const r of rows) ids.push(r.id);
      expect(ids, JSON.stringify(filters)).toEqual(await walk(cadre.placePaths, filters));
      expect(ids.length).toBe(await counted(cadre.placePaths, filters.programme, filters.status));
    }
    const all: string[] = [];
    for await (const r of queueRows({ db: t.db, scopePaths: cadre.placePaths, filters: {}, batch: 3 })) all.push(r.id);
    expect(all).toEqual(expect.arrayContaining(enrolled));
  });

  it('the dashboard drill-down (place, programme, state) lists as many cases as its figure', async () => {
    // As app/county/dashboard/cases/page.tsx asks: the place's path as the scope, programme and state as filters.
    for (const at of [township, village]) {
      const ids = await walk([at.path], { programme: 'warm_winter', status: 'fulfilled' }, 20);
      expect(ids.sort()).toEqual([...fulfilled].sort());
      expect(ids.length).toBe(await counted([at.path], 'warm_winter', 'fulfilled'));
    }
    const approved = await walk([township.path], { programme: 'warm_winter', status: 'approved' }, 20);
    expect(approved).toHaveLength(await counted([township.path], 'warm_winter', 'approved'));
    expect(approved).toHaveLength(4);
  });
});
