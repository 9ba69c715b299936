// The drill-down dashboard's figures (issue 11 item 1) on a real PostgreSQL: a place's cases by
// programme and status and the per-child totals, read from the rollup, equal counts made
// independently from the applications table; the cases list behind a figure holds exactly those
// cases; a township's dashboard holds nothing of the next township.
import { randomIdNumber, seedProgrammes, useTestDatabase } from './helpers';
import { randomBytes } from 'node:crypto';
import { and, eq, like, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import { lookupHash, sealPii } from '@/lib/protect';
import type { ApplicationStatus, ProgrammeCode } from '@/lib/domain';

const t = useTestDatabase();
const { casesUnder, casesByChild, findDashboardPlace, placeTiming } = await import('@/db/queries/dashboard');
const { queuePage } = await import('@/db/queries/queue');
const { dashboardPlace } = await import('@/server/dashboard/dashboard-place');

const sfx = () => randomBytes(4).toString('hex');

async function place(level: s.Place['level'], parent: s.Place | null): Promise<s.Place> {
  const name = `${level}-${sfx()}`;
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

let n = 0;
async function kase(at: s.Place, programmeCode: ProgrammeCode, status: ApplicationStatus) {
  const id = randomIdNumber();
  const [h] = await t.db.insert(s.households).values({ headName: '测试', headIdNumberHash: lookupHash(id), headIdNumberEnc: sealPii(id), placeId: at.id, kind: 'rural' }).returning({ id: s.households.id });
  const submitted = status === 'draft' ? null : new Date(Date.now() - (n + 1) * 60_000);
  await t.db.insert(s.applications).values({ reference: `ZZ-D-${sfx()}-${n++}`, householdId: h!.id, programmeCode, status, submittedAt: submitted });
}

/** The independent count: straight from the applications under a path. */
async function counted(path: string, programme?: ProgrammeCode, status?: ApplicationStatus): Promise<number> {
  const [r] = await t.db
    .select({ n: sql<number>`count(*)::int` })
    .from(s.applications)
    .innerJoin(s.households, eq(s.households.id, s.applications.householdId))
    .innerJoin(s.places, eq(s.places.id, s.households.placeId))
    .where(and(like(s.places.path, `${path}%`), programme ? eq(s.applications.programmeCode, programme) : undefined, status ? eq(s.applications.status, status) : undefined));
  return Number(r!.n);
}

let county: s.Place, east: s.Place, west: s.Place, eastA: s.Place, eastB: s.Place, compound: s.Place;

beforeAll(async () => {
  await seedProgrammes(t.db, { noticeDays: 0 });
  county = await place('county', null);
  east = await place('township', county);
  west = await place('township', county);
  eastA = await place('village', east);
  eastB = await place('village', east);
  compound = await place('compound', eastB);
  const plan: [s.Place, ProgrammeCode, ApplicationStatus, number][] = [
    [eastA, 'warm_winter', 'approved', 3],
    [eastA, 'appliance_repair', 'submitted', 2],
    [eastB, 'appliance_repair', 'submitted', 1],
    [compound, 'heating_fee_waiver', 'rejected', 2],
    [compound, 'appliance_repair', 'draft', 1],
    [west, 'warm_winter', 'approved', 4],
  ];
  for (const [at, programme, status, times] of plan) for (let i = 0; i < times; i++) await kase(at, programme, status);
});

describe('the dashboard', () => {
  it('gives each cell of a place’s programme × status table as counted from the applications', async () => {
    for (const p of [county, east, eastB, compound]) {
      const dp = (await findDashboardPlace({ db: t.db, placeId: p.id }))!;
      const cells = await casesUnder({ db: t.db, place: dp });
      for (const c of cells) expect(c.n, `${p.name} ${c.programmeCode} ${c.status}`).toBe(await counted(p.path, c.programmeCode, c.status));
      expect(cells.reduce((a, c) => a + c.n, 0)).toBe(await counted(p.path));
    }
  });

  it('gives each place below its total, counting compounds in their village, and nothing of the next township', async () => {
    const dp = (await findDashboardPlace({ db: t.db, placeId: east.id }))!;
    const children = await casesByChild({ db: t.db, place: dp });
    expect(children.map((c) => [c.place.id, c.total])).toEqual([
      [eastA.id, 5],
      [eastB.id, 4],
    ]);
    expect(children.find((c) => c.place.id === eastB.id)!.byStatus).toEqual({ submitted: 1, rejected: 2, draft: 1 });
    const top = await casesByChild({ db: t.db, place: (await findDashboardPlace({ db: t.db, placeId: county.id }))! });
    expect(top.map((c) => [c.place.id, c.total])).toEqual([
      [east.id, 9],
      [west.id, 4],
    ]);
  });

  it('lists exactly the cases behind a figure', async () => {
    const page = await queuePage({ db: t.db, scopePaths: [east.path], filters: { programme: 'appliance_repair', status: 'submitted' } });
    expect(page.rows).toHaveLength(await counted(east.path, 'appliance_repair', 'submitted'));
    expect(page.rows.every((r) => r.programmeCode === 'appliance_repair' && r.status === 'submitted')).toBe(true);
    const all = await queuePage({ db: t.db, scopePaths: [eastB.path] });
    expect(all.rows).toHaveLength(4);
  });

  it('opens only places inside the reader’s own, starting at the widest of them', async () => {
    const paths = [eastB.path, east.path];
    expect((await dashboardPlace({ db: t.db, placePaths: paths, asked: undefined }))!.id).toBe(east.id);
    expect((await dashboardPlace({ db: t.db, placePaths: paths, asked: String(compound.id) }))!.id).toBe(compound.id);
    expect(await dashboardPlace({ db: t.db, placePaths: paths, asked: String(west.id) })).toBeNull();
    expect(await dashboardPlace({ db: t.db, placePaths: paths, asked: String(county.id) })).toBeNull();
    expect(await dashboardPlace({ db: t.db, placePaths: paths, asked: 'x1' })).toBeNull();
    expect(await dashboardPlace({ db: t.db, placePaths: [], asked: undefined })).toBeNull();
  });

  it('gives the median and 90th percentile of days to a decision, and the weeks’ submissions and decisions', async () => {
    const town = await place('township', county);
    const village = await place('village', town);
    const now = Date.now();
    const day = 86_400_000;
    for (const days of [1, 2, 3, 4, 10]) {
      const id = randomIdNumber();
      const [h] = await t.db.insert(s.households).values({ headName: '时', headIdNumberHash: lookupHash(id), headIdNumberEnc: sealPii(id), placeId: village.id, kind: 'rural' }).returning({ id: s.households.id });
      const submitted = new Date(now - 12 * day);
      await t.db.insert(s.applications).values({ reference: `ZZ-T-${sfx()}`, householdId: h!.id, programmeCode: 'warm_winter', status: 'approved', submittedAt: submitted, decidedAt: new Date(submitted.getTime() + days * day) });
    }
    // An enrolled case (decided, never submitted) does not count towards the time to a decision.
    const id = randomIdNumber();
    const [h] = await t.db.insert(s.households).values({ headName: '免', headIdNumberHash: lookupHash(id), headIdNumberEnc: sealPii(id), placeId: village.id, kind: 'rural' }).returning({ id: s.households.id });
    await t.db.insert(s.applications).values({ reference: `ZZ-T-${sfx()}`, householdId: h!.id, programmeCode: 'appliance_repair', status: 'approved', decidedAt: new Date(now - day) });
    // Waiting for verification for 20 days (over the 15 the queue allows), and for 2 days.
    for (const daysAgo of [20, 2]) {
      const hid = randomIdNumber();
      const [w] = await t.db.insert(s.households).values({ headName: '等', headIdNumberHash: lookupHash(hid), headIdNumberEnc: sealPii(hid), placeId: village.id, kind: 'rural' }).returning({ id: s.households.id });
      await t.db.insert(s.applications).values({ reference: `ZZ-T-${sfx()}`, householdId: w!.id, programmeCode: 'appliance_repair', status: 'submitted', submittedAt: new Date(now - daysAgo * day) });
    }
    const timing = await placeTiming({ db: t.db, place: (await findDashboardPlace({ db: t.db, placeId: town.id }))! });
    expect(timing).toMatchObject({ decided: 5, medianDays: 3, p90Days: 7.6, verificationOverdue: 1 });
    expect(timing.weeks).toHaveLength(12);
    expect(timing.weeks.reduce((a, w) => a + w.submitted, 0)).toBe(7);
    expect(timing.weeks.reduce((a, w) => a + w.decided, 0)).toBe(6);
    expect(timing.weeks.map((w) => w.start)).toEqual([...timing.weeks.map((w) => w.start)].sort());
  });
});
