// Hand-outs on a real PostgreSQL server (issue 9 item 5): materials against a pickup code
// (a wrong code and another place's code refused alike and counted against a per-cadre limit;
// the last stock issued by two cadres at once never oversold), repair work orders (the case
// fulfilled when all are closed; impossible frees that unit, and only that unit, for the
// subsidy; no unit gets both), waivers marked as applied, reserved stock released when an
// approved case is withdrawn or its voucher lapses, and the hand-out queue scoped and keyset-paged.
import { codeOf, makeHousehold, openBudgetLine, seedProgrammes, useTestDatabase, type MadeHousehold } from './helpers';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import type { Actor } from '@/lib/permissions';
import type { FactKey } from '@/lib/domain';
import { AppError } from '@/lib/errors';
import { describeResult } from '@/lib/action-result';
import { maskName } from '@/lib/pii';
import { PROGRAMMES, fieldMax, overlayFacts, repairOutcomeOfEvent } from '@/lib/programs';
import { applicationTimeline } from '@/db/queries/applications';
import { readHouseholdEligibility } from '@/server/eligibility/household-eligibility';
import { saveApplicationForm } from '@/server/applications/save-application-form';
import { handoutPage, decodeHandoutCursor, encodeHandoutCursor, unitsHeldByOtherProgramme, workOrderTally, workOrdersOf } from '@/db/queries/handouts';
import { heldByApplication } from '@/db/queries/stock';
import { staffCaseDetail } from '@/db/queries/cases';
import { saveApplication } from '@/server/applications/save-application';
import { transitionApplication } from '@/server/applications/transition-application';
import { normalisePickupCode } from '@/server/applications/pickup-code';
import { checkPickupCode, handOutMaterials, WRONG_PICKUP_CODE_LIMIT } from '@/server/handouts/hand-out-materials';
import { closeWorkOrder } from '@/server/handouts/close-work-order';
import { scheduleWorkOrder } from '@/server/handouts/schedule-work-order';
import { markWaiversApplied } from '@/server/handouts/mark-waiver-applied';
import { expireLapsedPickups } from '@/server/handouts/expire-pickups';
import { residentVoucher } from '@/db/queries/voucher';
import { lapsedIfDecidedBefore, PICKUP_DAYS } from '@/lib/pickup-window';

const t = useTestDatabase();

interface World {
  town1: s.Place;
  town2: s.Place;
  v1: s.Place;
  v2: s.Place;
  /** Cadre of town 1, a second cadre of town 1, the cadre of town 2, an official of the county. */
  a1: Actor;
  a1b: Actor;
  b: Actor;
  off: Actor;
  pointId: number;
}
const w = {} as World;

async function place(level: s.Place['level'], name: string, parent: s.Place | null): Promise<s.Place> {
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

async function staff(role: 'cadre' | 'official', paths: string[]): Promise<Actor> {
  const m = await makeHousehold(t.db, { role });
  return { id: m.user.id, role, placePaths: paths };
}

beforeAll(async () => {
  // No notice periods here: approval follows recommendation directly.
  await seedProgrammes(t.db, { noticeDays: 0 });
  w.town1 = await place('township', '甲镇', null);
  w.town2 = await place('township', '乙镇', null);
  w.v1 = await place('village', '甲村', w.town1);
  w.v2 = await place('village', '乙村', w.town2);
  w.a1 = await staff('cadre', [w.town1.path]);
  w.a1b = await staff('cadre', [w.town1.path]);
  w.b = await staff('cadre', [w.town2.path]);
  w.off = await staff('official', ['/']);
  const [point] = await t.db.insert(s.stockPoints).values({ name: '甲镇建材大集', nameEn: 'Town 1 fair', placeId: w.town1.id }).returning();
  w.pointId = point!.id;
  await setStock({ rebarKg: 1_000_000, sandKg: 10_000_000 });
  // Cash is approved only against a budget line (transition-application.ts, conflict:no_budget_line): the subsidy cases here need one.
  await openBudgetLine(t.db, 'appliance_subsidy', 10_000_000);
});

async function setStock({ rebarKg, sandKg }: { rebarKg: number; sandKg: number }) {
  await t.db
    .insert(s.stockLevels)
    .values([
      { pointId: w.pointId, material: 'rebar', onHandKg: rebarKg, availableKg: rebarKg },
      { pointId: w.pointId, material: 'sand', onHandKg: sandKg, availableKg: sandKg },
    ])
    .onConflictDoUpdate({ target: [s.stockLevels.pointId, s.stockLevels.material], set: { onHandKg: sql`excluded.on_hand_kg`, availableKg: sql`excluded.available_kg` } });
}

async function stockOf(material: 'rebar' | 'sand') {
  const [row] = await t.db.select().from(s.stockLevels).where(and(eq(s.stockLevels.pointId, w.pointId), eq(s.stockLevels.material, material)));
  return row!;
}

/** A household in `village` with these facts declared and verified. */
async function home(village: s.Place, facts: Partial<Record<FactKey, unknown>>, kind: 'rural' | 'urban' = 'rural'): Promise<MadeHousehold> {
  const m = await makeHousehold(t.db);
  await t.db.update(s.households).set({ placeId: village.id, kind }).where(eq(s.households.id, m.household.id));
  const rows = Object.entries(facts).map(([key, v]) => ({ householdId: m.household.id, key: key as FactKey, declaredValue: v, verifiedValue: v, verifiedAt: new Date(), verifiedBy: w.off.id, verifyMethod: 'visit' as const }));
  if (rows.length > 0) await t.db.insert(s.householdFacts).values(rows);
  return m;
}

const resident = (m: MadeHousehold): Actor => ({ id: m.user.id, role: 'resident', placePaths: [] });
const cadreOf = (village: s.Place): Actor => (village.id === w.v1.id ? w.a1 : w.b);

async function sent(m: MadeHousehold, programme: s.Application['programmeCode'], answers: Record<string, number> = {}) {
  return saveApplication({ db: t.db, actor: resident(m), householdId: m.household.id, programmeCode: programme, answers, submit: true, ip: null });
}

/** Sent, recommended by the village's cadre and approved by the official. */
async function approved(m: MadeHousehold, village: s.Place, programme: s.Application['programmeCode'], answers: Record<string, number> = {}) {
  const r = await sent(m, programme, answers);
  const rec = await transitionApplication({ db: t.db, actor: cadreOf(village), applicationId: r.id, action: 'recommend', expectedVersion: r.version, ip: null });
  const ok = await transitionApplication({ db: t.db, actor: w.off, applicationId: r.id, action: 'approve', expectedVersion: rec.version, ip: null });
  const [row] = await t.db.select().from(s.applications).where(eq(s.applications.id, r.id));
  expect(ok.status).toBe('approved');
  return row!;
}

async function statusOf(id: string) {
  const [row] = await t.db.select({ status: s.applications.status, version: s.applications.version, pickupCode: s.applications.pickupCode }).from(s.applications).where(eq(s.applications.id, id));
  return row!;
}

/** A code of the right shape that is nobody's (another one drawn until it differs from every stored code). */
async function unusedCode(): Promise<string> {
  for (;;) {
    const code = Array.from({ length: 8 }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[Math.floor(Math.random() * 32)]).join('');
    const [hit] = await t.db.select({ id: s.applications.id }).from(s.applications).where(eq(s.applications.pickupCode, code));
    if (!hit) return code;
  }
}

const gradeD = { safetyGrade: 'D', affected: true };

describe('materials against the pickup code', () => {
  it('the right code shows the masked household and what is due; confirming issues the stock and fulfils the case, audited and the resident told', async () => {
    const m = await home(w.v1, gradeD);
    const app = await approved(m, w.v1, 'building_materials');
    const before = await stockOf('rebar');

    // As the voucher groups it, with a space and lower case: the same code.
    const typed = `${app.pickupCode!.slice(0, 4).toLowerCase()} -${app.pickupCode!.slice(4)}`;
    expect(normalisePickupCode(typed)).toBe(app.pickupCode);
    const shown = await checkPickupCode({ db: t.db, actor: w.a1, code: normalisePickupCode(typed)!, ip: null });
    expect(shown).toMatchObject({ applicationId: app.id, reference: app.reference, version: app.version, headNameMasked: maskName(m.user.realName), items: [{ material: 'rebar', tonnes: 2 }, { material: 'sand', tonnes: 20 }] });
    expect(JSON.stringify(shown)).not.toContain(m.user.realName);

    const done = await handOutMaterials({ db: t.db, actor: w.a1, code: app.pickupCode!, applicationId: app.id, expectedVersion: app.version, ip: null });
    expect(await statusOf(app.id)).toMatchObject({ status: 'fulfilled', version: done.version, pickupCode: null });
    const after = await stockOf('rebar');
    expect(after.onHandKg).toBe(before.onHandKg - 2000);
    expect(after.availableKg).toBe(before.availableKg);
    expect(await heldByApplication({ db: t.db, applicationId: app.id })).toEqual([]);
    const [audit] = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.entityId, app.id), eq(s.auditEvents.action, 'application.fulfil')));
    expect(audit).toMatchObject({ actorId: w.a1.id, success: true, details: expect.objectContaining({ via: 'pickup_code', to: 'fulfilled' }) });
    const notes = await t.db.select().from(s.notifications).where(and(eq(s.notifications.userId, m.user.id), eq(s.notifications.kind, 'application.fulfilled')));
    expect(notes).toHaveLength(1);

    // Used once: the same code again is a wrong code.
    expect(await codeOf(checkPickupCode({ db: t.db, actor: w.a1, code: app.pickupCode!, ip: null }))).toBe('not_found:pickup_code');
  });

  it('a wrong code and another place\'s code are refused alike, and both are counted', async () => {
    const cadre = await staff('cadre', [w.town1.path]);
    const there = await home(w.v2, gradeD);
    const theirs = await approved(there, w.v2, 'building_materials');
    const wrong = await codeOf(checkPickupCode({ db: t.db, actor: cadre, code: await unusedCode(), ip: null }));
    const elsewhere = await codeOf(checkPickupCode({ db: t.db, actor: cadre, code: theirs.pickupCode!, ip: null }));
    expect(wrong).toBe('not_found:pickup_code');
    expect(elsewhere).toBe(wrong);
    // Confirming another place's case with its real code and id: refused the same way, nothing issued.
    expect(await codeOf(handOutMaterials({ db: t.db, actor: cadre, code: theirs.pickupCode!, applicationId: theirs.id, expectedVersion: theirs.version, ip: null }))).toBe('not_found:pickup_code');
    expect(await statusOf(theirs.id)).toMatchObject({ status: 'approved' });
    // A code of one case with the id of another: refused.
    const mine = await approved(await home(w.v1, gradeD), w.v1, 'building_materials');
    expect(await codeOf(handOutMaterials({ db: t.db, actor: cadre, code: theirs.pickupCode!, applicationId: mine.id, expectedVersion: mine.version, ip: null }))).toBe('not_found:pickup_code');
    const [limit] = await t.db.select({ count: s.rateLimits.count }).from(s.rateLimits).where(eq(s.rateLimits.bucket, WRONG_PICKUP_CODE_LIMIT.bucket));
    expect(limit).toBeDefined();
    const counted = await t.db.select({ n: sql<number>`count(*)::int` }).from(s.auditEvents).where(and(eq(s.auditEvents.actorId, cadre.id), eq(s.auditEvents.action, 'handout.pickup_code'), eq(s.auditEvents.success, false)));
    expect(Number(counted[0]!.n)).toBe(4);
    // The cadre of the other place hands it out.
    await handOutMaterials({ db: t.db, actor: w.b, code: theirs.pickupCode!, applicationId: theirs.id, expectedVersion: theirs.version, ip: null });
    expect((await statusOf(theirs.id)).status).toBe('fulfilled');
  });

  it(`after ${WRONG_PICKUP_CODE_LIMIT.max} wrong codes in the hour every code is refused, a right one too; other cadres are not held up`, async () => {
    const cadre = await staff('cadre', [w.town1.path]);
    const app = await approved(await home(w.v1, gradeD), w.v1, 'building_materials');
    for (let i = 0; i < WRONG_PICKUP_CODE_LIMIT.max; i++) {
      expect(await codeOf(checkPickupCode({ db: t.db, actor: cadre, code: await unusedCode(), ip: null }))).toBe('not_found:pickup_code');
    }
    expect(await codeOf(checkPickupCode({ db: t.db, actor: cadre, code: app.pickupCode!, ip: null }))).toBe('rate_limited:pickup_code');
    expect(await codeOf(handOutMaterials({ db: t.db, actor: cadre, code: app.pickupCode!, applicationId: app.id, expectedVersion: app.version, ip: null }))).toBe('rate_limited:pickup_code');
    expect((await statusOf(app.id)).status).toBe('approved');
    expect(await checkPickupCode({ db: t.db, actor: w.a1b, code: app.pickupCode!, ip: null })).toMatchObject({ applicationId: app.id });
  });

  it('the case page cannot fulfil materials without the code', async () => {
    const app = await approved(await home(w.v1, gradeD), w.v1, 'building_materials');
    expect(await codeOf(transitionApplication({ db: t.db, actor: w.a1, applicationId: app.id, action: 'fulfil', expectedVersion: app.version, ip: null }))).toBe('conflict:pickup_code_required');
    expect(await statusOf(app.id)).toMatchObject({ status: 'approved', version: app.version });
  });

  it('two cadres confirming one case at once: one hands out, the other is told; the stock is issued once', async () => {
    const app = await approved(await home(w.v1, gradeD), w.v1, 'building_materials');
    const before = await stockOf('rebar');
    const results = await Promise.all([w.a1, w.a1b].map((actor) => codeOf(handOutMaterials({ db: t.db, actor, code: app.pickupCode!, applicationId: app.id, expectedVersion: app.version, ip: null }))));
    expect(results.sort()).toEqual(['conflict:application', 'ok']);
    expect((await stockOf('rebar')).onHandKg).toBe(before.onHandKg - 2000);
    const issues = await t.db.select().from(s.stockMovements).where(and(eq(s.stockMovements.applicationId, app.id), eq(s.stockMovements.kind, 'issue')));
    expect(issues).toHaveLength(2);
  });

  it('two cadres issuing the last stock at once (enough on hand for one case) never oversell', async () => {
    const one = await approved(await home(w.v1, gradeD), w.v1, 'building_materials');
    const two = await approved(await home(w.v1, gradeD), w.v1, 'building_materials');
    // Stock lost since approval (e.g. a count found less rebar): on hand only enough for one case.
    await t.db.update(s.stockLevels).set({ onHandKg: 2000, availableKg: 0 }).where(and(eq(s.stockLevels.pointId, w.pointId), eq(s.stockLevels.material, 'rebar')));
    const results = await Promise.all([
      codeOf(handOutMaterials({ db: t.db, actor: w.a1, code: one.pickupCode!, applicationId: one.id, expectedVersion: one.version, ip: null })),
      codeOf(handOutMaterials({ db: t.db, actor: w.a1b, code: two.pickupCode!, applicationId: two.id, expectedVersion: two.version, ip: null })),
    ]);
    expect([...results].sort()).toEqual(['ok', 'out_of_stock:materials']);
    const rebar = await stockOf('rebar');
    expect(rebar.onHandKg).toBe(0);
    expect(rebar.availableKg).toBe(0);
    const statuses = [(await statusOf(one.id)).status, (await statusOf(two.id)).status].sort();
    expect(statuses).toEqual(['approved', 'fulfilled']);
    // The refused case issued nothing (its transaction rolled back whole).
    const loser = results[0] === 'ok' ? two : one;
    expect(await t.db.select().from(s.stockMovements).where(and(eq(s.stockMovements.applicationId, loser.id), eq(s.stockMovements.kind, 'issue')))).toHaveLength(0);
    await setStock({ rebarKg: 1_000_000, sandKg: 10_000_000 });
  });
});

describe('reserved stock goes back when an approved case leaves approved without issue', () => {
  it('withdrawn by the resident: the reservation is released in the same transaction, the code no longer works', async () => {
    await setStock({ rebarKg: 1_000_000, sandKg: 10_000_000 });
    const m = await home(w.v1, gradeD);
    const before = await stockOf('rebar');
    const app = await approved(m, w.v1, 'building_materials');
    expect((await stockOf('rebar')).availableKg).toBe(before.availableKg - 2000);
    expect(await heldByApplication({ db: t.db, applicationId: app.id })).toEqual([
      { pointId: w.pointId, material: 'rebar', kg: 2000 },
      { pointId: w.pointId, material: 'sand', kg: 20000 },
    ]);
    await transitionApplication({ db: t.db, actor: resident(m), applicationId: app.id, action: 'withdraw', expectedVersion: app.version, ip: null });
    expect(await statusOf(app.id)).toMatchObject({ status: 'withdrawn', pickupCode: null });
    expect((await stockOf('rebar')).availableKg).toBe(before.availableKg);
    expect((await stockOf('sand')).onHandKg).toBe(10_000_000);
    const releases = await t.db.select().from(s.stockMovements).where(and(eq(s.stockMovements.applicationId, app.id), eq(s.stockMovements.kind, 'release')));
    expect(releases.map((r) => [r.material, r.availableDeltaKg]).sort()).toEqual([
      ['rebar', 2000],
      ['sand', 20000],
    ]);
    expect(await heldByApplication({ db: t.db, applicationId: app.id })).toEqual([]);
    expect(await codeOf(checkPickupCode({ db: t.db, actor: w.a1b, code: app.pickupCode!, ip: null }))).toBe('not_found:pickup_code');
  });

  it('a withdraw that fails (stale version) releases nothing', async () => {
    const m = await home(w.v1, gradeD);
    const app = await approved(m, w.v1, 'building_materials');
    const held = await stockOf('rebar');
    expect(await codeOf(transitionApplication({ db: t.db, actor: resident(m), applicationId: app.id, action: 'withdraw', expectedVersion: app.version - 1, ip: null }))).toBe('conflict:application');
    expect((await stockOf('rebar')).availableKg).toBe(held.availableKg);
    expect(await t.db.select().from(s.stockMovements).where(and(eq(s.stockMovements.applicationId, app.id), eq(s.stockMovements.kind, 'release')))).toHaveLength(0);
  });

  it('a withdrawn repair case cancels its open work orders', async () => {
    const m = await home(w.v1, { damagedBoilers: 1, damagedHeatPumps: 0 });
    const app = await approved(m, w.v1, 'appliance_repair', { boilers: 1, heatPumps: 0 });
    await transitionApplication({ db: t.db, actor: resident(m), applicationId: app.id, action: 'withdraw', expectedVersion: app.version, ip: null });
    const orders = await workOrdersOf({ db: t.db, applicationId: app.id });
    expect(orders.map((o) => [o.status, o.impossibleReason, o.closedAt !== null])).toEqual([['cancelled', null, true]]);
  });
});

describe(`a voucher not collected within ${PICKUP_DAYS} days lapses`, () => {
  /** An approved materials case whose decision is moved to `decidedAt`. */
  async function approvedAt(decidedAt: Date) {
    const m = await home(w.v1, gradeD);
    const app = await approved(m, w.v1, 'building_materials');
    await t.db.update(s.applications).set({ decidedAt }).where(eq(s.applications.id, app.id));
    return { m, app: { ...app, decidedAt } };
  }

  it('refused at the distribution point from the end of its last day; the sweep withdraws it, gives the stock back, records and tells, once; the household may apply again', async () => {
    await setStock({ rebarKg: 1_000_000, sandKg: 10_000_000 });
    const now = new Date();
    const bound = lapsedIfDecidedBefore(now);
    const before = await stockOf('rebar');
    const { m, app } = await approvedAt(new Date(bound.getTime() - 1));
    // Decided at the first instant that still has a day to go: untouched.
    const { app: fresh } = await approvedAt(bound);
    expect((await stockOf('rebar')).availableKg).toBe(before.availableKg - 4000);

    // Before any sweep the lapsed code is refused as expired (a real code, so not counted as a guess); the fresh one is fine.
    expect(await codeOf(checkPickupCode({ db: t.db, actor: w.a1, code: app.pickupCode!, ip: null, now }))).toBe('conflict:pickup_expired');
    expect(await codeOf(handOutMaterials({ db: t.db, actor: w.a1, code: app.pickupCode!, applicationId: app.id, expectedVersion: app.version, ip: null, now }))).toBe('conflict:pickup_expired');
    expect(await checkPickupCode({ db: t.db, actor: w.a1, code: fresh.pickupCode!, ip: null, now })).toMatchObject({ applicationId: fresh.id });
    expect((await residentVoucher({ db: t.db, userId: m.user.id, applicationId: app.id, now }))!).toMatchObject({ state: 'expired', pickupCode: null });
    expect(await statusOf(app.id)).toMatchObject({ status: 'approved' });

    const { expired } = await expireLapsedPickups({ db: t.db, now });
    expect(expired).toContain(app.id);
    expect(expired).not.toContain(fresh.id);
    expect(await statusOf(app.id)).toMatchObject({ status: 'withdrawn', version: app.version + 1, pickupCode: null });
    expect(await statusOf(fresh.id)).toMatchObject({ status: 'approved', version: fresh.version });
    // Its 2 t of rebar are available again; the fresh case's stay reserved. Nothing left the point.
    expect((await stockOf('rebar')).availableKg).toBe(before.availableKg - 2000);
    expect((await stockOf('rebar')).onHandKg).toBe(before.onHandKg);
    expect(await heldByApplication({ db: t.db, applicationId: app.id })).toEqual([]);
    const [event] = await t.db.select().from(s.applicationEvents).where(and(eq(s.applicationEvents.applicationId, app.id), eq(s.applicationEvents.action, 'expire')));
    expect(event).toMatchObject({ actorId: null, actorRole: 'system', fromStatus: 'approved', toStatus: 'withdrawn' });
    const [audit] = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.entityId, app.id), eq(s.auditEvents.action, 'application.expire')));
    expect(audit).toMatchObject({ actorId: null, actorRole: 'system', success: true });
    const notes = await t.db.select().from(s.notifications).where(and(eq(s.notifications.userId, m.user.id), eq(s.notifications.kind, 'application.pickupExpired')));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.params).toMatchObject({ reference: app.reference, days: PICKUP_DAYS });
    expect((await residentVoucher({ db: t.db, userId: m.user.id, applicationId: app.id, now }))!.state).toBe('expired');

    // Once: a second sweep moves nothing and releases nothing more.
    expect((await expireLapsedPickups({ db: t.db, now })).expired).not.toContain(app.id);
    expect((await stockOf('rebar')).availableKg).toBe(before.availableKg - 2000);
    const releases = await t.db.select().from(s.stockMovements).where(and(eq(s.stockMovements.applicationId, app.id), eq(s.stockMovements.kind, 'release')));
    expect(releases).toHaveLength(2);

    // The household applies again: a new case, the lapsed one kept as history.
    const again = await sent(m, 'building_materials');
    expect(again.id).not.toBe(app.id);
    expect(await statusOf(again.id)).toMatchObject({ status: 'submitted' });
  });

  it('a case locked by a cadre handing it out at that moment is left to the cadre', async () => {
    const now = new Date();
    const { app } = await approvedAt(new Date(lapsedIfDecidedBefore(now).getTime() - 60_000));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const lockTaken = new Promise<void>((r) => (locked = r));
    const holder = t.db.transaction(async (tx) => {
      await tx.select({ id: s.applications.id }).from(s.applications).where(eq(s.applications.id, app.id)).for('update');
      locked();
      await held;
    });
    await lockTaken;
    try {
      expect((await expireLapsedPickups({ db: t.db, now })).expired).not.toContain(app.id);
      expect(await statusOf(app.id)).toMatchObject({ status: 'approved' });
    } finally {
      release();
      await holder;
    }
    expect((await expireLapsedPickups({ db: t.db, now })).expired).toContain(app.id);
  });
});

describe('repair work orders', () => {
  it('approval makes one order per unit; scheduled, done and impossible close them; the case is fulfilled when the last closes', async () => {
    const m = await home(w.v1, { damagedBoilers: 2, damagedHeatPumps: 1 });
    const app = await approved(m, w.v1, 'appliance_repair', { boilers: 2, heatPumps: 1 });
    const orders = await workOrdersOf({ db: t.db, applicationId: app.id });
    expect(orders.map((o) => [o.appliance, o.unitNo, o.status])).toEqual([
      ['boiler', 1, 'open'],
      ['boiler', 2, 'open'],
      ['heatPump', 1, 'open'],
    ]);
    const [b1, b2, hp] = orders as [s.WorkOrder, s.WorkOrder, s.WorkOrder];

    // Outside the cadre's places the order does not exist, for every verb.
    expect(await codeOf(scheduleWorkOrder({ db: t.db, actor: w.b, workOrderId: b1.id, expectedVersion: 1, scheduledFor: new Date(), ip: null }))).toBe('not_found:work_order');
    expect(await codeOf(closeWorkOrder({ db: t.db, actor: w.b, workOrderId: b1.id, expectedVersion: 1, outcome: { kind: 'done' }, ip: null }))).toBe('not_found:work_order');
    expect(await codeOf(closeWorkOrder({ db: t.db, actor: w.b, workOrderId: hp.id, expectedVersion: 1, outcome: { kind: 'impossible', reason: '配件停产' }, ip: null }))).toBe('not_found:work_order');
    // The repair case cannot be fulfilled while orders are open (the case page's button).
    expect(await codeOf(transitionApplication({ db: t.db, actor: w.a1, applicationId: app.id, action: 'fulfil', expectedVersion: app.version, ip: null }))).toBe('conflict:work_orders_open');

    const day = new Date('2026-12-03T16:00:00Z');
    const sch = await scheduleWorkOrder({ db: t.db, actor: w.a1, workOrderId: b1.id, expectedVersion: 1, scheduledFor: day, ip: null });
    expect(await codeOf(scheduleWorkOrder({ db: t.db, actor: w.a1b, workOrderId: b1.id, expectedVersion: 1, scheduledFor: day, ip: null }))).toBe('conflict:work_order');
    const r1 = await closeWorkOrder({ db: t.db, actor: w.a1, workOrderId: b1.id, expectedVersion: sch.version, outcome: { kind: 'done' }, ip: null });
    expect(r1.caseStatus).toBe('approved');
    const r2 = await closeWorkOrder({ db: t.db, actor: w.a1, workOrderId: hp.id, expectedVersion: 1, outcome: { kind: 'impossible', reason: '主板进水，配件已停产' }, ip: null });
    expect(r2.caseStatus).toBe('approved');
    // A closed order stays closed.
    expect(await codeOf(closeWorkOrder({ db: t.db, actor: w.a1, workOrderId: hp.id, expectedVersion: r2.version, outcome: { kind: 'done' }, ip: null }))).toBe('conflict:work_order_closed');
    const [fact] = await t.db.select().from(s.householdFacts).where(and(eq(s.householdFacts.householdId, m.household.id), eq(s.householdFacts.key, 'repairImpossible')));
    expect(fact).toMatchObject({ verifiedValue: true, verifiedBy: w.a1.id, verifyMethod: 'visit', verifyNote: '主板进水，配件已停产' });

    const r3 = await closeWorkOrder({ db: t.db, actor: w.a1b, workOrderId: b2.id, expectedVersion: 1, outcome: { kind: 'done' }, ip: null });
    expect(r3.caseStatus).toBe('fulfilled');
    expect((await statusOf(app.id)).status).toBe('fulfilled');
    const after = await workOrdersOf({ db: t.db, applicationId: app.id });
    expect(after.map((o) => [o.appliance, o.unitNo, o.status, o.impossibleReason])).toEqual([
      ['boiler', 1, 'done', null],
      ['boiler', 2, 'done', null],
      ['heatPump', 1, 'cancelled', '主板进水，配件已停产'],
    ]);
    const audits = await t.db.select({ action: s.auditEvents.action }).from(s.auditEvents).where(sql`${s.auditEvents.entityId} IN (${b1.id}, ${b2.id}, ${hp.id})`);
    expect(audits.map((a) => a.action).sort()).toEqual(['work_order.done', 'work_order.done', 'work_order.impossible', 'work_order.schedule']);
    const [fulfil] = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.entityId, app.id), eq(s.auditEvents.action, 'application.fulfil')));
    expect(fulfil).toMatchObject({ actorId: w.a1b.id, details: expect.objectContaining({ via: 'work_orders' }) });

    // Impossible opened the subsidy for that heat pump only: the two repaired boilers are not claimable.
    expect(await unitsHeldByOtherProgramme({ db: t.db, householdId: m.household.id, programme: 'appliance_subsidy' })).toEqual({ boilers: 2, heatPumps: 0 });
    const sub = await sent(m, 'appliance_subsidy', { boilers: 2, heatPumps: 1 });
    await transitionApplication({ db: t.db, actor: w.a1, applicationId: sub.id, action: 'recommend', expectedVersion: sub.version, ip: null });
    const [subRow] = await t.db.select().from(s.applications).where(eq(s.applications.id, sub.id));
    expect(subRow!.entitlement).toEqual({ kind: 'cash', amountYuan: 5000, breakdown: [{ item: 'heatPump', units: 1, rateYuan: 5000, amountYuan: 5000 }] });
  });

  it('one unit never gets both: a unit under repair cannot be subsidised, a subsidised unit cannot be repaired', async () => {
    // Repair first: the only boiler has an open order; the subsidy (repair "impossible" declared and verified) is refused.
    const m = await home(w.v1, { damagedBoilers: 1, damagedHeatPumps: 0, repairImpossible: true });
    const repair = await approved(m, w.v1, 'appliance_repair', { boilers: 1, heatPumps: 0 });
    const sub = await sent(m, 'appliance_subsidy', { boilers: 1, heatPumps: 0 });
    expect(await codeOf(transitionApplication({ db: t.db, actor: w.a1, applicationId: sub.id, action: 'recommend', expectedVersion: sub.version, ip: null }))).toBe('conflict:rule_not_met');
    // The case page says the same as the server.
    expect((await staffCaseDetail({ db: t.db, actor: w.a1, applicationId: sub.id }))!.eligibility).toMatchObject({ eligible: false, entitlement: null });
    // Once the team finds it impossible, the same unit may be subsidised.
    const [order] = await workOrdersOf({ db: t.db, applicationId: repair.id });
    await closeWorkOrder({ db: t.db, actor: w.a1, workOrderId: order!.id, expectedVersion: order!.version, outcome: { kind: 'impossible', reason: '无法维修' }, ip: null });
    expect((await staffCaseDetail({ db: t.db, actor: w.a1, applicationId: sub.id }))!.eligibility).toMatchObject({ eligible: true, entitlement: { kind: 'cash', amountYuan: 1000 } });
    const rec = await transitionApplication({ db: t.db, actor: w.a1, applicationId: sub.id, action: 'recommend', expectedVersion: sub.version, ip: null });
    expect(rec.status).toBe('recommended');

    // Subsidy first: the boiler is claimed; a repair of it is refused.
    const n = await home(w.v1, { damagedBoilers: 1, damagedHeatPumps: 0, repairImpossible: true });
    await approved(n, w.v1, 'appliance_subsidy', { boilers: 1, heatPumps: 0 });
    const rep = await sent(n, 'appliance_repair', { boilers: 1, heatPumps: 0 });
    expect(await codeOf(transitionApplication({ db: t.db, actor: w.a1, applicationId: rep.id, action: 'recommend', expectedVersion: rep.version, ip: null }))).toBe('conflict:rule_not_met');

    // Whichever is recommended first holds the unit.
    const p = await home(w.v1, { damagedBoilers: 1, damagedHeatPumps: 0, repairImpossible: true });
    const subP = await sent(p, 'appliance_subsidy', { boilers: 1, heatPumps: 0 });
    const subRec = await transitionApplication({ db: t.db, actor: w.a1, applicationId: subP.id, action: 'recommend', expectedVersion: subP.version, ip: null });
    // The recommended subsidy holds the unit: a repair sent now is refused at recommendation, and the repair only sent holds nothing.
    const repP = await sent(p, 'appliance_repair', { boilers: 1, heatPumps: 0 });
    expect(await codeOf(transitionApplication({ db: t.db, actor: w.a1, applicationId: repP.id, action: 'recommend', expectedVersion: repP.version, ip: null }))).toBe('conflict:rule_not_met');
    expect((await transitionApplication({ db: t.db, actor: w.off, applicationId: subP.id, action: 'approve', expectedVersion: subRec.version, ip: null })).status).toBe('approved');

    // Two cadres recommending both at once may both pass (neither saw the other's frozen units);
    // approval then checks again, so the unit is never granted twice.
    const q = await home(w.v1, { damagedBoilers: 1, damagedHeatPumps: 0, repairImpossible: true });
    const both = [await sent(q, 'appliance_subsidy', { boilers: 1, heatPumps: 0 }), await sent(q, 'appliance_repair', { boilers: 1, heatPumps: 0 })];
    const recs = await Promise.all(both.map((c, i) => transitionApplication({ db: t.db, actor: i === 0 ? w.a1 : w.a1b, applicationId: c.id, action: 'recommend', expectedVersion: c.version, ip: null }).catch((e: unknown) => e)));
    const decided = await Promise.all(
      recs.map((r) => (r instanceof AppError ? Promise.resolve(r.code) : codeOf(transitionApplication({ db: t.db, actor: w.off, applicationId: (r as { id: string }).id, action: 'approve', expectedVersion: (r as { version: number }).version, ip: null })))),
    );
    expect(decided.filter((d) => d === 'ok').length).toBeLessThanOrEqual(1);
    expect(decided.every((d) => d === 'ok' || d === 'conflict:rule_not_met' || d === 'conflict:units_claimed')).toBe(true);
    // Forced: the repair frozen at recommendation although the subsidy holds the unit now → its approval is refused.
    const r2 = await home(w.v1, { damagedBoilers: 1, damagedHeatPumps: 0, repairImpossible: true });
    const rep2 = await sent(r2, 'appliance_repair', { boilers: 1, heatPumps: 0 });
    const rep2Rec = await transitionApplication({ db: t.db, actor: w.a1, applicationId: rep2.id, action: 'recommend', expectedVersion: rep2.version, ip: null });
    const sub2 = await sent(r2, 'appliance_subsidy', { boilers: 1, heatPumps: 0 });
    await t.db.update(s.applications).set({ status: 'recommended', entitlement: { kind: 'cash', amountYuan: 1000, breakdown: [{ item: 'boiler', units: 1, rateYuan: 1000, amountYuan: 1000 }] } }).where(eq(s.applications.id, sub2.id));
    expect(await codeOf(transitionApplication({ db: t.db, actor: w.off, applicationId: rep2.id, action: 'approve', expectedVersion: rep2Rec.version, ip: null }))).toBe('conflict:units_claimed');
    expect(await workOrdersOf({ db: t.db, applicationId: rep2.id })).toEqual([]);
  });
});

describe('what a repair case closed without every unit repaired tells the resident', () => {
  /** The resident's notifications about one case, by kind. */
  async function noticesOf(m: MadeHousehold, applicationId: string) {
    const rows = await t.db.select().from(s.notifications).where(and(eq(s.notifications.userId, m.user.id), eq(s.notifications.link, `/resident/applications/${applicationId}`)));
    return rows.map((n) => ({ kind: n.kind, params: n.params }));
  }

  it('every unit unrepairable: the case is closed, but the resident is told it could not be repaired and may apply for the subsidy, not that it was delivered; the timeline says so', async () => {
    const m = await home(w.v1, { damagedBoilers: 1, damagedHeatPumps: 0 });
    const app = await approved(m, w.v1, 'appliance_repair', { boilers: 1, heatPumps: 0 });
    const [order] = await workOrdersOf({ db: t.db, applicationId: app.id });
    const r = await closeWorkOrder({ db: t.db, actor: w.a1, workOrderId: order!.id, expectedVersion: order!.version, outcome: { kind: 'impossible', reason: '主板烧毁，厂家停产' }, ip: null });
    expect(r.caseStatus).toBe('fulfilled');

    const notices = await noticesOf(m, app.id);
    expect(notices.map((n) => n.kind).sort()).toEqual(['application.approved', 'application.recommended', 'application.repairUnrepairable', 'application.submitted']);
    expect(notices.find((n) => n.kind === 'application.repairUnrepairable')!.params).toEqual({ reference: app.reference, programme: 'appliance_repair', repaired: 0, unrepairable: 1 });
    // The timeline (resident's and staff) reads the outcome from the fulfil event; the audit event carries it too.
    const [event] = (await applicationTimeline({ db: t.db, applicationId: app.id })).filter((e) => e.action === 'fulfil');
    expect(event!.details).toEqual({ via: 'work_orders', repaired: 0, unrepairable: 1 });
    expect(repairOutcomeOfEvent(event!.details)).toBe('unrepairable');
    const [audit] = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.entityId, app.id), eq(s.auditEvents.action, 'application.fulfil')));
    expect(audit!.details).toMatchObject({ via: 'work_orders', repaired: 0, unrepairable: 1 });
    expect(await workOrderTally({ db: t.db, applicationId: app.id })).toEqual({ open: 0, done: 0, unrepairable: 1 });
    // What the next step points to is open: the subsidy for that boiler.
    const sub = (await readHouseholdEligibility({ db: t.db, householdId: m.household.id, code: 'appliance_subsidy' }))!.programmes[0]!;
    expect(sub.eligibility.preview).toMatchObject({ outcome: 'qualifies', entitlement: { kind: 'cash', amountYuan: 1000 } });
  });

  it('some repaired, some not: "finished" with the units that could not be repaired; all repaired: delivered as before', async () => {
    const m = await home(w.v1, { damagedBoilers: 2, damagedHeatPumps: 0 });
    const app = await approved(m, w.v1, 'appliance_repair', { boilers: 2, heatPumps: 0 });
    const [b1, b2] = (await workOrdersOf({ db: t.db, applicationId: app.id })) as [s.WorkOrder, s.WorkOrder];
    await closeWorkOrder({ db: t.db, actor: w.a1, workOrderId: b1.id, expectedVersion: b1.version, outcome: { kind: 'impossible', reason: '无法维修' }, ip: null });
    await closeWorkOrder({ db: t.db, actor: w.a1, workOrderId: b2.id, expectedVersion: b2.version, outcome: { kind: 'done' }, ip: null });
    const notices = await noticesOf(m, app.id);
    expect(notices.filter((n) => n.kind === 'application.fulfilled')).toEqual([]);
    expect(notices.find((n) => n.kind === 'application.repairPartly')!.params).toEqual({ reference: app.reference, programme: 'appliance_repair', repaired: 1, unrepairable: 1 });

    const n = await home(w.v1, { damagedBoilers: 1, damagedHeatPumps: 0 });
    const all = await approved(n, w.v1, 'appliance_repair', { boilers: 1, heatPumps: 0 });
    const [only] = await workOrdersOf({ db: t.db, applicationId: all.id });
    await closeWorkOrder({ db: t.db, actor: w.a1, workOrderId: only!.id, expectedVersion: only!.version, outcome: { kind: 'done' }, ip: null });
    const allNotices = await noticesOf(n, all.id);
    expect(allNotices.filter((x) => x.kind.startsWith('application.repair'))).toEqual([]);
    expect(allNotices.filter((x) => x.kind === 'application.fulfilled')).toHaveLength(1);
    const [event] = (await applicationTimeline({ db: t.db, applicationId: all.id })).filter((e) => e.action === 'fulfil');
    expect(repairOutcomeOfEvent(event!.details)).toBe('repaired');
  });
});

describe('a repaired unit stays taken', () => {
  it('a repair case with a unit repaired cannot be withdrawn (refused in words, nothing given back); a unit repaired under a case withdrawn anyway is neither subsidised nor repaired again', async () => {
    const m = await home(w.v1, { damagedBoilers: 2, damagedHeatPumps: 0, repairImpossible: true });
    const repair = await approved(m, w.v1, 'appliance_repair', { boilers: 2, heatPumps: 0 });
    const [unit1, unit2] = (await workOrdersOf({ db: t.db, applicationId: repair.id })) as [s.WorkOrder, s.WorkOrder];
    await closeWorkOrder({ db: t.db, actor: w.a1, workOrderId: unit1.id, expectedVersion: unit1.version, outcome: { kind: 'done' }, ip: null });
    await scheduleWorkOrder({ db: t.db, actor: w.a1, workOrderId: unit2.id, expectedVersion: unit2.version, scheduledFor: new Date('2026-12-03T16:00:00Z'), ip: null });
    const before = await statusOf(repair.id);

    // The help has partly been given: the resident's withdrawal is refused, with its own sentence.
    const code = await codeOf(transitionApplication({ db: t.db, actor: resident(m), applicationId: repair.id, action: 'withdraw', expectedVersion: before.version, ip: null }));
    expect(code).toBe('conflict:repair_started');
    expect(describeResult({ status: 'conflict', code: 'conflict:repair_started' }, 'application')).toEqual({ key: 'track.withdraw.repairStarted' });
    expect(await statusOf(repair.id)).toMatchObject({ status: 'approved', version: before.version });
    expect((await workOrdersOf({ db: t.db, applicationId: repair.id })).map((o) => o.status)).toEqual(['done', 'scheduled']);
    expect(await t.db.select().from(s.applicationEvents).where(and(eq(s.applicationEvents.applicationId, repair.id), eq(s.applicationEvents.action, 'withdraw')))).toEqual([]);

    // A case withdrawn after a unit was repaired (rows written before the refusal existed): the repaired boiler stays taken.
    await t.db.update(s.applications).set({ status: 'withdrawn' }).where(eq(s.applications.id, repair.id));
    await t.db.update(s.workOrders).set({ status: 'cancelled', closedAt: new Date() }).where(eq(s.workOrders.id, unit2.id));
    expect(await unitsHeldByOtherProgramme({ db: t.db, householdId: m.household.id, programme: 'appliance_subsidy' })).toEqual({ boilers: 1, heatPumps: 0 });
    expect(await unitsHeldByOtherProgramme({ db: t.db, householdId: m.household.id, programme: 'appliance_repair' })).toEqual({ boilers: 1, heatPumps: 0 });
    // The subsidy for both boilers grants the one not repaired: ¥1,000, not ¥2,000.
    const sub = await sent(m, 'appliance_subsidy', { boilers: 2, heatPumps: 0 });
    await transitionApplication({ db: t.db, actor: w.a1, applicationId: sub.id, action: 'recommend', expectedVersion: sub.version, ip: null });
    const [subRow] = await t.db.select().from(s.applications).where(eq(s.applications.id, sub.id));
    expect(subRow!.entitlement).toEqual({ kind: 'cash', amountYuan: 1000, breakdown: [{ item: 'boiler', units: 1, rateYuan: 1000, amountYuan: 1000 }] });
    // A new repair application finds nothing left to repair for free: one boiler repaired, the other to be replaced.
    const again = await sent(m, 'appliance_repair', { boilers: 2, heatPumps: 0 });
    expect(await codeOf(transitionApplication({ db: t.db, actor: w.a1, applicationId: again.id, action: 'recommend', expectedVersion: again.version, ip: null }))).toBe('conflict:rule_not_met');
  });

  it('a new repair application after a withdrawn one repairs only the units not repaired before', async () => {
    const m = await home(w.v1, { damagedBoilers: 2, damagedHeatPumps: 0 });
    const first = await approved(m, w.v1, 'appliance_repair', { boilers: 2, heatPumps: 0 });
    const [unit1] = (await workOrdersOf({ db: t.db, applicationId: first.id })) as [s.WorkOrder, s.WorkOrder];
    await closeWorkOrder({ db: t.db, actor: w.a1, workOrderId: unit1.id, expectedVersion: unit1.version, outcome: { kind: 'done' }, ip: null });
    await t.db.update(s.applications).set({ status: 'withdrawn' }).where(eq(s.applications.id, first.id));
    await t.db.update(s.workOrders).set({ status: 'cancelled', closedAt: new Date() }).where(and(eq(s.workOrders.applicationId, first.id), eq(s.workOrders.status, 'open')));
    const again = await sent(m, 'appliance_repair', { boilers: 2, heatPumps: 0 });
    await transitionApplication({ db: t.db, actor: w.a1, applicationId: again.id, action: 'recommend', expectedVersion: again.version, ip: null });
    const [row] = await t.db.select().from(s.applications).where(eq(s.applications.id, again.id));
    expect(row!.entitlement).toMatchObject({ kind: 'repair', units: { boilers: 1, heatPumps: 0 } });
  });

  it('a repair case whose orders are all still open can be withdrawn as before', async () => {
    const m = await home(w.v1, { damagedBoilers: 1, damagedHeatPumps: 0 });
    const app = await approved(m, w.v1, 'appliance_repair', { boilers: 1, heatPumps: 0 });
    const [order] = await workOrdersOf({ db: t.db, applicationId: app.id });
    await scheduleWorkOrder({ db: t.db, actor: w.a1, workOrderId: order!.id, expectedVersion: order!.version, scheduledFor: new Date('2026-12-03T16:00:00Z'), ip: null });
    expect((await transitionApplication({ db: t.db, actor: resident(m), applicationId: app.id, action: 'withdraw', expectedVersion: app.version, ip: null })).status).toBe('withdrawn');
  });
});

describe("the resident's preview takes off the units held elsewhere, as the cadre's decision does", () => {
  it('2 boilers damaged, one found unrepairable, the other scheduled: the benefits, apply page and form offer the subsidy for 1 boiler (¥1,000), as the cadre grants', async () => {
    const m = await home(w.v1, { damagedBoilers: 2, damagedHeatPumps: 0 });
    const repair = await approved(m, w.v1, 'appliance_repair', { boilers: 2, heatPumps: 0 });
    const [unit1, unit2] = (await workOrdersOf({ db: t.db, applicationId: repair.id })) as [s.WorkOrder, s.WorkOrder];
    await closeWorkOrder({ db: t.db, actor: w.a1, workOrderId: unit1.id, expectedVersion: unit1.version, outcome: { kind: 'impossible', reason: '换热器锈穿' }, ip: null });
    await scheduleWorkOrder({ db: t.db, actor: w.a1, workOrderId: unit2.id, expectedVersion: unit2.version, scheduledFor: new Date('2026-12-03T16:00:00Z'), ip: null });
    const oneBoiler = { kind: 'cash', amountYuan: 1000, breakdown: [{ item: 'boiler', units: 1, rateYuan: 1000, amountYuan: 1000 }] };

    // The benefits page (every programme) and the apply page (one programme) read the same.
    const all = await readHouseholdEligibility({ db: t.db, householdId: m.household.id });
    const one = await readHouseholdEligibility({ db: t.db, householdId: m.household.id, code: 'appliance_subsidy' });
    for (const read of [all, one]) {
      const sub = read!.programmes.find((p) => p.programme.code === 'appliance_subsidy')!;
      expect(sub.heldElsewhere).toEqual({ boilers: 1, heatPumps: 0 });
      expect(sub.eligibility.preview).toMatchObject({ outcome: 'qualifies', entitlement: oneBoiler });
    }
    // The apply form's largest boiler count is the one boiler free.
    const sub = one!.programmes[0]!;
    const merged = overlayFacts(one!.facts.declared, one!.facts.verified);
    const [boilersField, heatPumpsField] = PROGRAMMES.appliance_subsidy.applicationFields;
    expect(fieldMax(boilersField!, merged, sub.heldElsewhere)).toBe(1);
    expect(fieldMax(heatPumpsField!, merged, sub.heldElsewhere)).toBe(0);
    // The form's post is checked against the same maximum on the server.
    const tooMany = await saveApplicationForm({ db: t.db, actor: resident(m), householdId: m.household.id, input: { programme: 'appliance_subsidy', intent: 'draft', 'answer.boilers': '2', 'answer.heatPumps': '0' }, ip: null });
    expect(tooMany).toEqual({ status: 'invalid', fieldErrors: { boilers: ['apply.validation.max'] } });
    const draft = await saveApplicationForm({ db: t.db, actor: resident(m), householdId: m.household.id, input: { programme: 'appliance_subsidy', intent: 'draft', 'answer.boilers': '1', 'answer.heatPumps': '0' }, ip: null });
    expect(draft.status).toBe('ok');

    // What the cadre can grant is what the preview said.
    const sent2 = await sent(m, 'appliance_subsidy', { boilers: 2, heatPumps: 0 });
    await transitionApplication({ db: t.db, actor: w.a1, applicationId: sent2.id, action: 'recommend', expectedVersion: sent2.version, ip: null });
    const [row] = await t.db.select().from(s.applications).where(eq(s.applications.id, sent2.id));
    expect(row!.entitlement).toEqual(oneBoiler);

    // The other way round: the recommended subsidy now holds that boiler, and the repair preview takes it off.
    const repairRead = (await readHouseholdEligibility({ db: t.db, householdId: m.household.id, code: 'appliance_repair' }))!.programmes[0]!;
    expect(repairRead.heldElsewhere).toEqual({ boilers: 1, heatPumps: 0 });
    // Programmes without units read as before.
    expect(all!.programmes.find((p) => p.programme.code === 'building_materials')!.heldElsewhere).toBeUndefined();
  });
});

describe('waivers', () => {
  it('marked as applied by the company, one or a selection; another place\'s case and a non-waiver are skipped', async () => {
    const flooded = { groundFloorFlooded: true, affected: true };
    const h1 = await approved(await home(w.v1, flooded, 'urban'), w.v1, 'heating_fee_waiver');
    const h2 = await approved(await home(w.v1, flooded, 'urban'), w.v1, 'property_fee_waiver');
    const other = await approved(await home(w.v2, flooded, 'urban'), w.v2, 'heating_fee_waiver');
    const materials = await approved(await home(w.v1, gradeD), w.v1, 'building_materials');
    const r = await markWaiversApplied({
      db: t.db,
      actor: w.a1,
      cases: [h1, h2, other, materials].map((c) => ({ applicationId: c.id, version: c.version })),
      ip: null,
    });
    expect(r.applied.sort()).toEqual([h1.id, h2.id].sort());
    expect(r.skipped.sort()).toEqual([other.id, materials.id].sort());
    expect((await statusOf(h1.id)).status).toBe('fulfilled');
    expect((await statusOf(other.id)).status).toBe('approved');
    expect((await statusOf(materials.id)).status).toBe('approved');
    const [a] = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.entityId, h2.id), eq(s.auditEvents.action, 'application.fulfil')));
    expect(a!.details).toMatchObject({ via: 'waiver_applied' });
  });
});

describe('the hand-out queue', () => {
  it('approved cases of the programme inside the cadre\'s places only, keyset pages without repeats, no pickup code', async () => {
    const mine: s.Application[] = [];
    for (let i = 0; i < 3; i++) mine.push(await approved(await home(w.v1, gradeD), w.v1, 'building_materials'));
    const theirs = await approved(await home(w.v2, gradeD), w.v2, 'building_materials');
    // Same decision instant (microseconds) for two cases: the cursor must order them by id.
    await t.db.update(s.applications).set({ decidedAt: mine[0]!.decidedAt }).where(eq(s.applications.id, mine[1]!.id));

    // Both plans (the households of the places with cases, and the index walk) give the same pages.
    const walk = async (sparseBelow?: number) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 100; i++) {
        const page = await handoutPage({ db: t.db, actor: w.a1, programme: 'building_materials', after: decodeHandoutCursor(cursor), limit: 1, sparseBelow });
        seen.push(...page.rows.map((r) => r.id));
        expect(JSON.stringify(page.rows)).not.toMatch(/pickup/i);
        if (!page.next) break;
        cursor = encodeHandoutCursor(page.next);
      }
      return seen;
    };
    const seen = await walk();
    expect(await walk(0)).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (const c of mine) expect(seen).toContain(c.id);
    expect(seen).not.toContain(theirs.id);
    const all = await handoutPage({ db: t.db, actor: w.a1, programme: 'building_materials', limit: 1000 });
    expect(all.rows.map((r) => r.id)).toEqual(seen);
    expect((await handoutPage({ db: t.db, actor: w.b, programme: 'building_materials', limit: 1000 })).rows.map((r) => r.id)).toContain(theirs.id);
    expect((await handoutPage({ db: t.db, actor: w.b, programme: 'building_materials', limit: 1000 })).rows.some((r) => mine.some((c) => c.id === r.id))).toBe(false);
    // A cadre whose places have no approved case of the programme: nothing, by either plan.
    const empty = await staff('cadre', [w.v2.path]);
    expect((await handoutPage({ db: t.db, actor: empty, programme: 'property_fee_waiver' })).rows).toEqual([]);
    expect((await handoutPage({ db: t.db, actor: empty, programme: 'property_fee_waiver', sparseBelow: 0 })).rows).toEqual([]);
    // A cursor we did not write reads as the start.
    expect(decodeHandoutCursor('bm90IGEgY3Vyc29y')).toBeNull();
  });
});
