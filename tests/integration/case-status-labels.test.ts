// The status word of a closed case in the lists, on a real PostgreSQL server (lib/case-status.ts,
// db/queries/case-closing.ts). A repair case whose every work order was closed as impossible is
// fulfilled, and a materials case whose voucher lapsed is withdrawn by the system; the cadre's
// queue (both its query shapes), its export, the resident's list and home page, the cadre's
// household page and the staff case page read with each row the step that closed it, so their
// badges say "closed, could not be repaired" and "expired", not "delivered" and "withdrawn". A
// repair with a unit repaired, and a case the resident withdrew, keep their status's word.
import { makeHousehold, useTestDatabase, type MadeHousehold } from './helpers';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import type { Actor } from '@/lib/permissions';
import type { ApplicationStatus, FactKey } from '@/lib/domain';
import { PROGRAMMES } from '@/lib/programs';
import { caseStatusLabel, closingStepOf, type ClosingStep } from '@/lib/case-status';
import { queuePage, type QueueFilters } from '@/db/queries/queue';
import { residentApplications } from '@/db/queries/resident-applications';
import { householdApplications } from '@/db/queries/overview';
import { cadreHouseholdDetail } from '@/db/queries/cadre-households';
import { staffCaseDetail } from '@/db/queries/cases';
import { residentVoucher } from '@/db/queries/voucher';
import { workOrdersOf } from '@/db/queries/handouts';
import { saveApplication } from '@/server/applications/save-application';
import { transitionApplication } from '@/server/applications/transition-application';
import { closeWorkOrder } from '@/server/handouts/close-work-order';
import { expireLapsedPickups } from '@/server/handouts/expire-pickups';
import { queueLedgerColumns } from '@/server/queue/ledger-columns';
import { lapsedIfDecidedBefore, voucherLapsed } from '@/lib/pickup-window';

const t = useTestDatabase();

const w = {} as { town: s.Place; village: s.Place; cadre: Actor; official: Actor };

async function place(level: s.Place['level'], name: string, parent: s.Place | null): Promise<s.Place> {
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

beforeAll(async () => {
  // No notice periods: approval follows recommendation directly.
  await t.db.insert(s.programmes).values(Object.values(PROGRAMMES).map((p) => ({ code: p.code, nameZh: p.code, nameEn: p.code, params: p.defaultParams as unknown, needsApplication: p.needsApplication, noticeDays: 0 })));
  w.town = await place('township', '丙镇', null);
  w.village = await place('village', '丙村', w.town);
  const c = await makeHousehold(t.db, { role: 'cadre' });
  const o = await makeHousehold(t.db, { role: 'official' });
  w.cadre = { id: c.user.id, role: 'cadre', placePaths: [w.town.path] };
  w.official = { id: o.user.id, role: 'official', placePaths: ['/'] };
  const [point] = await t.db.insert(s.stockPoints).values({ name: '丙镇建材点', nameEn: 'Town 3 point', placeId: w.town.id }).returning();
  await t.db.insert(s.stockLevels).values([
    { pointId: point!.id, material: 'rebar', onHandKg: 1_000_000, availableKg: 1_000_000 },
    { pointId: point!.id, material: 'sand', onHandKg: 10_000_000, availableKg: 10_000_000 },
  ]);
});

/** A household of the village with these facts declared and verified. */
async function home(facts: Partial<Record<FactKey, unknown>>): Promise<MadeHousehold> {
  const m = await makeHousehold(t.db);
  await t.db.update(s.households).set({ placeId: w.village.id, kind: 'rural' }).where(eq(s.households.id, m.household.id));
  await t.db.insert(s.householdFacts).values(Object.entries(facts).map(([key, v]) => ({ householdId: m.household.id, key: key as FactKey, declaredValue: v, verifiedValue: v, verifiedAt: new Date(), verifiedBy: w.official.id, verifyMethod: 'visit' as const })));
  return m;
}

const resident = (m: MadeHousehold): Actor => ({ id: m.user.id, role: 'resident', placePaths: [] });

/** Sent, recommended and approved (no notice period here). */
async function approved(m: MadeHousehold, programme: s.Application['programmeCode'], answers: Record<string, number> = {}) {
  const r = await saveApplication({ db: t.db, actor: resident(m), householdId: m.household.id, programmeCode: programme, answers, submit: true, ip: null });
  const rec = await transitionApplication({ db: t.db, actor: w.cadre, applicationId: r.id, action: 'recommend', expectedVersion: r.version, ip: null });
  const ok = await transitionApplication({ db: t.db, actor: w.official, applicationId: r.id, action: 'approve', expectedVersion: rec.version, ip: null });
  expect(ok.status).toBe('approved');
  const [row] = await t.db.select().from(s.applications).where(eq(s.applications.id, r.id));
  return row!;
}

/** Closes the case's work orders in turn, the first `repaired` as done and the rest as impossible. */
async function closeOrders(applicationId: string, repaired: number) {
  const orders = await workOrdersOf({ db: t.db, applicationId });
  for (const [i, o] of orders.entries()) {
    await closeWorkOrder({ db: t.db, actor: w.cadre, workOrderId: o.id, expectedVersion: o.version, outcome: i < repaired ? { kind: 'done' } : { kind: 'impossible', reason: '配件停产，无法修复' }, ip: null });
  }
}

/** Every row of the cadre's queue with these filters, through all its pages. */
async function queueLabels(filters: QueueFilters): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let after = null;
  for (;;) {
    const page = await queuePage({ db: t.db, scopePaths: w.cadre.placePaths, filters, after, limit: 5 });
    for (const r of page.rows) out.set(r.id, caseStatusLabel(r.status, r.closing));
    if (!page.next) return out;
    after = page.next;
  }
}

/** The label each list of the household gives the case. */
async function householdLabels(m: MadeHousehold, id: string) {
  const label = (rows: { id: string; status: ApplicationStatus; closing: ClosingStep | null }[]) => {
    const r = rows.find((x) => x.id === id)!;
    return caseStatusLabel(r.status, r.closing);
  };
  const detail = await cadreHouseholdDetail({ db: t.db, actor: w.cadre, householdId: m.household.id });
  const staff = await staffCaseDetail({ db: t.db, actor: w.cadre, applicationId: id });
  return {
    residentList: label(await residentApplications({ db: t.db, householdId: m.household.id })),
    residentHome: label(await householdApplications({ db: t.db, householdId: m.household.id })),
    cadreHousehold: label(detail!.applications),
    staffCasePage: caseStatusLabel(staff!.application.status, closingStepOf(staff!.application.status, staff!.timeline)),
  };
}

const everywhere = (label: string) => ({ residentList: label, residentHome: label, cadreHousehold: label, staffCasePage: label });

describe('a repair case closed with no unit repaired', () => {
  it('is "closed, could not be repaired" in the queue (walk and narrow shapes, and its export), the resident\'s lists and the staff pages; a repair with a unit repaired stays "delivered"', async () => {
    const none = await home({ damagedBoilers: 2, damagedHeatPumps: 0 });
    const noneApp = await approved(none, 'appliance_repair', { boilers: 2, heatPumps: 0 });
    await closeOrders(noneApp.id, 0);
    const partly = await home({ damagedBoilers: 2, damagedHeatPumps: 0 });
    const partlyApp = await approved(partly, 'appliance_repair', { boilers: 2, heatPumps: 0 });
    await closeOrders(partlyApp.id, 1);
    const all = await home({ damagedBoilers: 1, damagedHeatPumps: 0 });
    const allApp = await approved(all, 'appliance_repair', { boilers: 1, heatPumps: 0 });
    await closeOrders(allApp.id, 1);
    for (const id of [noneApp.id, partlyApp.id, allApp.id]) expect((await t.db.select({ status: s.applications.status }).from(s.applications).where(eq(s.applications.id, id)))[0]!.status).toBe('fulfilled');

    for (const filters of [{}, { status: 'fulfilled' as const }, { programme: 'appliance_repair' as const }, { villagePath: w.village.path }]) {
      const labels = await queueLabels(filters);
      expect(labels.get(noneApp.id), JSON.stringify(filters)).toBe('closed_unrepairable');
      expect(labels.get(partlyApp.id), JSON.stringify(filters)).toBe('fulfilled');
      expect(labels.get(allApp.id), JSON.stringify(filters)).toBe('fulfilled');
    }
    expect(await householdLabels(none, noneApp.id)).toEqual(everywhere('closed_unrepairable'));
    expect(await householdLabels(partly, partlyApp.id)).toEqual(everywhere('fulfilled'));
    expect(await householdLabels(all, allApp.id)).toEqual(everywhere('fulfilled'));

    // The queue's export writes the same word as the badge.
    const status = queueLedgerColumns((k) => k).find((c) => c.id === 'status')!;
    const { rows } = await queuePage({ db: t.db, scopePaths: w.cadre.placePaths, filters: { status: 'fulfilled' } });
    const row = rows.find((r) => r.id === noneApp.id)!;
    expect(status.value({ ...row, headPhone: null })).toBe('status.closed_unrepairable');
  });
});

describe('a materials voucher not collected in time', () => {
  it('is "expired" on the resident\'s lists and voucher as soon as it lapses, and in the queue and the staff pages too once the sweep withdrew it; a case the resident withdrew stays "withdrawn"', async () => {
    const now = new Date();
    const lapsed = await home({ safetyGrade: 'D', affected: true });
    const lapsedApp = await approved(lapsed, 'building_materials');
    await t.db.update(s.applications).set({ decidedAt: new Date(lapsedIfDecidedBefore(now).getTime() - 1) }).where(eq(s.applications.id, lapsedApp.id));
    const gaveUp = await home({ safetyGrade: 'D', affected: true });
    const gaveUpApp = await approved(gaveUp, 'building_materials');
    await transitionApplication({ db: t.db, actor: resident(gaveUp), applicationId: gaveUpApp.id, action: 'withdraw', expectedVersion: gaveUpApp.version, ip: null });
    const fresh = await home({ safetyGrade: 'D', affected: true });
    const freshApp = await approved(fresh, 'building_materials');

    // Before the sweep: still approved in the database, but the resident's badges already say expired.
    const residentLabel = async (m: MadeHousehold, id: string) => {
      const label = (rows: { id: string; programmeCode: string; status: ApplicationStatus; decidedAt: Date | null; closing: ClosingStep | null }[]) => {
        const r = rows.find((x) => x.id === id)!;
        return caseStatusLabel(r.status, r.closing, voucherLapsed(r, now));
      };
      return { list: label(await residentApplications({ db: t.db, householdId: m.household.id })), home: label(await householdApplications({ db: t.db, householdId: m.household.id })) };
    };
    expect(await residentLabel(lapsed, lapsedApp.id)).toEqual({ list: 'expired', home: 'expired' });
    expect(await residentLabel(fresh, freshApp.id)).toEqual({ list: 'approved', home: 'approved' });
    expect((await residentVoucher({ db: t.db, userId: lapsed.user.id, applicationId: lapsedApp.id, now }))!.state).toBe('expired');
    expect((await residentVoucher({ db: t.db, userId: fresh.user.id, applicationId: freshApp.id, now }))!.state).toBe('ready');

    expect((await expireLapsedPickups({ db: t.db, now })).expired).toContain(lapsedApp.id);

    for (const filters of [{}, { status: 'withdrawn' as const }, { programme: 'building_materials' as const }, { villagePath: w.village.path }]) {
      const labels = await queueLabels(filters);
      expect(labels.get(lapsedApp.id), JSON.stringify(filters)).toBe('expired');
      expect(labels.get(gaveUpApp.id), JSON.stringify(filters)).toBe('withdrawn');
    }
    expect(await householdLabels(lapsed, lapsedApp.id)).toEqual(everywhere('expired'));
    expect(await householdLabels(gaveUp, gaveUpApp.id)).toEqual(everywhere('withdrawn'));

    const voucher = (await residentVoucher({ db: t.db, userId: lapsed.user.id, applicationId: lapsedApp.id, now }))!;
    expect(voucher.state).toBe('expired');
    expect(caseStatusLabel(voucher.status, voucher.closing)).toBe('expired');
    const withdrawnVoucher = (await residentVoucher({ db: t.db, userId: gaveUp.user.id, applicationId: gaveUpApp.id, now }))!;
    expect(withdrawnVoucher.state).toBe('withdrawn');
    expect(caseStatusLabel(withdrawnVoucher.status, withdrawnVoucher.closing)).toBe('withdrawn');
  });
});
