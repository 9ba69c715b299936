// Fee-waiver lists on a real PostgreSQL server (issue 10 item 7): which company a case belongs
// to (the nearest assignment on the household's path: a compound's own company over the
// county's), a list holds exactly the approved unlisted cases of its company, two builds at
// once never list a case twice, the file's rows are the list's items with masked phones and
// the download is audited, the confirmation fulfils exactly the list's still-approved cases
// (withdrawn and hand-marked ones skipped) with events and notifications, one of two officials
// acting on the same version wins, cancelling frees the cases, and a cadre or a township's
// official is refused everything.
import { codeOf, makeHousehold, seedProgrammes, useTestDatabase, type MadeHousehold } from './helpers';
import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import type { Actor } from '@/lib/permissions';
import type { AppError } from '@/lib/errors';
import { maskName, maskPhone } from '@/lib/pii';
import { companyForPlace, waiverItemsPage, waiverSummary, type WaiverProgramme } from '@/db/queries/waivers';
import { saveApplication } from '@/server/applications/save-application';
import { transitionApplication } from '@/server/applications/transition-application';
import { markWaiversApplied } from '@/server/handouts/mark-waiver-applied';
import { assignCompanyPlace, createCompany, unassignCompanyPlace } from '@/server/waivers/manage-companies';
import { makeWaiverList } from '@/server/waivers/make-waiver-list';
import { cancelWaiverList, confirmWaiverList } from '@/server/waivers/close-waiver-list';
import { exportWaiverList } from '@/server/waivers/export-waiver-list';

const t = useTestDatabase();

interface World {
  county: s.Place;
  town1: s.Place;
  town2: s.Place;
  v1: s.Place;
  compound: s.Place;
  v2: s.Place;
  off: Actor;
  off2: Actor;
  townOfficial: Actor;
  cadre1: Actor;
  cadre2: Actor;
  /** County heating company, the compound's own heating company, town 1's property company. */
  countyHeat: number;
  compoundHeat: number;
  townProperty: number;
}
const w = {} as World;

async function place(level: s.Place['level'], name: string, parent: s.Place | null): Promise<s.Place> {
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

async function staff(role: 'cadre' | 'official', placesOf: s.Place[]): Promise<Actor> {
  const m = await makeHousehold(t.db, { role });
  return { id: m.user.id, role, placePaths: placesOf.map((p) => p.path) };
}

const ip = '10.0.0.9';

beforeAll(async () => {
  await seedProgrammes(t.db, { noticeDays: 0 });
  w.county = await place('county', '测试市', null);
  w.town1 = await place('township', '甲街道', w.county);
  w.town2 = await place('township', '乙镇', w.county);
  w.v1 = await place('village', '甲社区', w.town1);
  w.compound = await place('compound', '甲小区', w.v1);
  w.v2 = await place('village', '乙村', w.town2);
  w.off = await staff('official', [w.county]);
  w.off2 = await staff('official', [w.county]);
  w.townOfficial = await staff('official', [w.town1]);
  w.cadre1 = await staff('cadre', [w.town1]);
  w.cadre2 = await staff('cadre', [w.town2]);
  w.countyHeat = (await createCompany({ db: t.db, actor: w.off, company: { kind: 'heating', name: '测试华燃热力', nameEn: 'Test Heat', contact: '0312-0000001' }, ip })).companyId;
  w.compoundHeat = (await createCompany({ db: t.db, actor: w.off, company: { kind: 'heating', name: '甲小区自供热站', nameEn: 'Compound heat', contact: '' }, ip })).companyId;
  w.townProperty = (await createCompany({ db: t.db, actor: w.off, company: { kind: 'property', name: '甲街道物业', nameEn: 'Town property', contact: '' }, ip })).companyId;
  await assignCompanyPlace({ db: t.db, actor: w.off, companyId: w.countyHeat, placeId: w.county.id, ip });
  await assignCompanyPlace({ db: t.db, actor: w.off, companyId: w.compoundHeat, placeId: w.compound.id, ip });
  await assignCompanyPlace({ db: t.db, actor: w.off, companyId: w.townProperty, placeId: w.town1.id, ip });
});

const flooded = { groundFloorFlooded: true, affected: true };

/** An urban household in `at` on the ground floor, its flooding verified. */
async function home(at: s.Place): Promise<MadeHousehold> {
  const m = await makeHousehold(t.db);
  await t.db.update(s.households).set({ placeId: at.id, kind: 'urban', addressDetail: '建设路1号', building: '7', unitNo: '2', floor: 1 }).where(eq(s.households.id, m.household.id));
  await t.db.insert(s.householdFacts).values(Object.entries(flooded).map(([key, v]) => ({ householdId: m.household.id, key: key as 'affected', declaredValue: v, verifiedValue: v, verifiedAt: new Date(), verifiedBy: w.off.id, verifyMethod: 'visit' as const })));
  return m;
}

const resident = (m: MadeHousehold): Actor => ({ id: m.user.id, role: 'resident', placePaths: [] });
const cadreOf = (at: s.Place): Actor => (at.path.startsWith(w.town1.path) ? w.cadre1 : w.cadre2);

interface Made {
  m: MadeHousehold;
  app: s.Application;
}

/** An approved waiver case of a new household in `at`. */
async function approved(at: s.Place, programme: WaiverProgramme = 'heating_fee_waiver'): Promise<Made> {
  const m = await home(at);
  const r = await saveApplication({ db: t.db, actor: resident(m), householdId: m.household.id, programmeCode: programme, answers: {}, submit: true, ip: null });
  const rec = await transitionApplication({ db: t.db, actor: cadreOf(at), applicationId: r.id, action: 'recommend', expectedVersion: r.version, ip: null });
  await transitionApplication({ db: t.db, actor: w.off2, applicationId: r.id, action: 'approve', expectedVersion: rec.version, ip: null });
  const [app] = await t.db.select().from(s.applications).where(eq(s.applications.id, r.id));
  expect(app!.status).toBe('approved');
  return { m, app: app! };
}

async function listedIds(listId: string): Promise<string[]> {
  const rows = await t.db.select({ id: s.waiverListItems.applicationId }).from(s.waiverListItems).where(eq(s.waiverListItems.listId, listId));
  return rows.map((r) => r.id).sort();
}

async function statusOf(id: string) {
  const [row] = await t.db.select({ status: s.applications.status, version: s.applications.version, fulfilledAt: s.applications.fulfilledAt }).from(s.applications).where(eq(s.applications.id, id));
  return row!;
}

/** Lists everything currently waiting for `companyId` and confirms it, so a test starts from nothing waiting. */
async function drain(programme: WaiverProgramme, companyId: number) {
  const r = await codeOf(
    (async () => {
      const made = await makeWaiverList({ db: t.db, actor: w.off, programme, companyId, ip });
      await cancelWaiverList({ db: t.db, actor: w.off, listId: made.listId, expectedVersion: 1, ip });
      // Cancelled lists free their cases again: take them off the board for good by withdrawing them.
      const ids = await listedIds(made.listId);
      await t.db.update(s.applications).set({ status: 'withdrawn' }).where(inArray(s.applications.id, ids));
    })(),
  );
  expect(['ok', 'conflict:nothing_to_list']).toContain(r);
}

describe('which company serves a case', () => {
  it('the nearest assignment on the path: the compound\'s own company over the county\'s; places with no company counted and named', async () => {
    expect(await companyForPlace({ db: t.db, placeId: w.compound.id, kind: 'heating' })).toBe(w.compoundHeat);
    expect(await companyForPlace({ db: t.db, placeId: w.v1.id, kind: 'heating' })).toBe(w.countyHeat);
    expect(await companyForPlace({ db: t.db, placeId: w.v2.id, kind: 'heating' })).toBe(w.countyHeat);
    expect(await companyForPlace({ db: t.db, placeId: w.compound.id, kind: 'property' })).toBe(w.townProperty);
    expect(await companyForPlace({ db: t.db, placeId: w.v2.id, kind: 'property' })).toBeNull();

    const before = await waiverSummary({ db: t.db, programme: 'heating_fee_waiver' });
    const beforeProp = await waiverSummary({ db: t.db, programme: 'property_fee_waiver' });
    await approved(w.compound);
    await approved(w.v1);
    await approved(w.v2);
    await approved(w.v2, 'property_fee_waiver');
    await approved(w.compound, 'property_fee_waiver');
    const after = await waiverSummary({ db: t.db, programme: 'heating_fee_waiver' });
    const afterProp = await waiverSummary({ db: t.db, programme: 'property_fee_waiver' });
    expect((after.byCompany.get(w.compoundHeat) ?? 0) - (before.byCompany.get(w.compoundHeat) ?? 0)).toBe(1);
    expect((after.byCompany.get(w.countyHeat) ?? 0) - (before.byCompany.get(w.countyHeat) ?? 0)).toBe(2);
    expect(after.uncovered).toBe(before.uncovered);
    expect((afterProp.byCompany.get(w.townProperty) ?? 0) - (beforeProp.byCompany.get(w.townProperty) ?? 0)).toBe(1);
    expect(afterProp.uncovered - beforeProp.uncovered).toBe(1);
    expect(afterProp.uncoveredPlaces).toContainEqual(expect.objectContaining({ id: w.v2.id, name: '乙村' }));

    // Unassigning the compound's company hands its cases to the county's.
    await unassignCompanyPlace({ db: t.db, actor: w.off, companyId: w.compoundHeat, placeId: w.compound.id, ip });
    expect(await companyForPlace({ db: t.db, placeId: w.compound.id, kind: 'heating' })).toBe(w.countyHeat);
    await assignCompanyPlace({ db: t.db, actor: w.off, companyId: w.compoundHeat, placeId: w.compound.id, ip });
    expect(await companyForPlace({ db: t.db, placeId: w.compound.id, kind: 'heating' })).toBe(w.compoundHeat);
  });
});

describe('making a list', () => {
  it('holds exactly the approved, unlisted cases of its company; a second build finds nothing', async () => {
    await drain('heating_fee_waiver', w.countyHeat);
    const a = await approved(w.v1);
    const b = await approved(w.v2);
    await approved(w.compound); // the compound's own company
    await approved(w.v1, 'property_fee_waiver'); // another programme
    const pending = await home(w.v1); // sent, not approved
    await saveApplication({ db: t.db, actor: resident(pending), householdId: pending.household.id, programmeCode: 'heating_fee_waiver', answers: {}, submit: true, ip: null });

    const made = await makeWaiverList({ db: t.db, actor: w.off, programme: 'heating_fee_waiver', companyId: w.countyHeat, ip });
    expect(made.itemCount).toBe(2);
    expect(made.reference).toMatch(/^WL-\d{8}-[0-9A-F]{6}$/);
    expect(await listedIds(made.listId)).toEqual([a.app.id, b.app.id].sort());
    const [list] = await t.db.select().from(s.waiverLists).where(eq(s.waiverLists.id, made.listId));
    expect(list).toMatchObject({ status: 'exported', itemCount: 2, version: 1, companyId: w.countyHeat, programmeCode: 'heating_fee_waiver', createdBy: w.off.id });
    const [audit] = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.action, 'waiver.list.make'), eq(s.auditEvents.entityId, made.listId)));
    expect(audit).toMatchObject({ actorId: w.off.id, details: expect.objectContaining({ itemCount: 2 }) });

    expect(await codeOf(makeWaiverList({ db: t.db, actor: w.off, programme: 'heating_fee_waiver', companyId: w.countyHeat, ip }))).toBe('conflict:nothing_to_list');
    // A heating company cannot take the property programme's list.
    expect(await codeOf(makeWaiverList({ db: t.db, actor: w.off, programme: 'property_fee_waiver', companyId: w.countyHeat, ip }))).toBe('conflict:company_kind');
  });

  it('two officials building at once never put a case on two lists', async () => {
    await drain('heating_fee_waiver', w.compoundHeat);
    const cases = [];
    for (let i = 0; i < 6; i++) cases.push(await approved(w.compound));
    const results = await Promise.allSettled([
      makeWaiverList({ db: t.db, actor: w.off, programme: 'heating_fee_waiver', companyId: w.compoundHeat, ip }),
      makeWaiverList({ db: t.db, actor: w.off2, programme: 'heating_fee_waiver', companyId: w.compoundHeat, ip }),
    ]);
    const made = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    for (const r of results) if (r.status === 'rejected') expect((r.reason as AppError).code).toBe('conflict:nothing_to_list');
    expect(made.length).toBeGreaterThanOrEqual(1);
    const all = (await Promise.all(made.map((m) => listedIds(m.listId)))).flat().sort();
    expect(all).toEqual(cases.map((c) => c.app.id).sort());
    expect(made.reduce((n, m) => n + m.itemCount, 0)).toBe(6);
  });
});

describe('the file', () => {
  it('rows are the list\'s items, the same each time, phones and names masked; each download audited', async () => {
    await drain('property_fee_waiver', w.townProperty);
    const a = await approved(w.compound, 'property_fee_waiver');
    const b = await approved(w.v1, 'property_fee_waiver');
    const made = await makeWaiverList({ db: t.db, actor: w.off, programme: 'property_fee_waiver', companyId: w.townProperty, ip });
    const read = async () => {
      const out = await exportWaiverList({ db: t.db, actor: w.off, listId: made.listId, format: 'xlsx', ip });
      const rows = [];
      for await (const r of out.rows) rows.push(r);
      return rows;
    };
    const first = await read();
    const second = await read();
    expect(first.map((r) => r.reference)).toEqual([a.app.reference, b.app.reference].sort());
    expect(second).toEqual(first);
    expect(first.map((r) => r.index)).toEqual([1, 2]);
    const rowA = first.find((r) => r.applicationId === a.app.id)!;
    expect(rowA).toMatchObject({ placeName: '甲小区', building: '7', unitNo: '2', floor: 1, addressDetail: '建设路1号', headPhone: a.m.phone });
    // The ledger masks on the way out (lib/ledger/rows.ts); the column definitions say which.
    const { waiverLedgerColumns } = await import('@/app/county/waivers/[id]/columns');
    const { projectRow } = await import('@/lib/ledger/rows');
    const cells = projectRow(waiverLedgerColumns((k) => k), rowA);
    expect(cells).toContain(maskPhone(a.m.phone));
    expect(cells).toContain(maskName(a.m.user.realName));
    expect(cells.join('|')).not.toContain(a.m.phone);
    expect(maskPhone('13800000003')).toBe('138****0003');

    const audits = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.action, 'export.waiver_list'), eq(s.auditEvents.entityId, made.listId)));
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({ actorId: w.off.id, details: expect.objectContaining({ format: 'xlsx', rows: 2, reference: made.reference }) });
    // The page reads the same items in keyset pages.
    const p1 = await waiverItemsPage({ db: t.db, listId: made.listId, after: null, limit: 1 });
    const p2 = await waiverItemsPage({ db: t.db, listId: made.listId, after: p1[0]!.reference, limit: 1 });
    expect([...p1, ...p2].map((r) => r.reference)).toEqual(first.map((r) => r.reference));
  });
});

describe('the company\'s confirmation', () => {
  it('fulfils exactly the list\'s still-approved cases (a withdrawn and a hand-marked one skipped), with events and notifications; the list is confirmed', async () => {
    await drain('heating_fee_waiver', w.compoundHeat);
    const kept = await approved(w.compound);
    const kept2 = await approved(w.compound);
    const withdrawn = await approved(w.compound);
    const byHand = await approved(w.compound);
    const made = await makeWaiverList({ db: t.db, actor: w.off, programme: 'heating_fee_waiver', companyId: w.compoundHeat, ip });
    expect(made.itemCount).toBe(4);
    const notOnList = await approved(w.compound); // approved after the list was made

    await transitionApplication({ db: t.db, actor: resident(withdrawn.m), applicationId: withdrawn.app.id, action: 'withdraw', expectedVersion: withdrawn.app.version, ip: null });
    const marked = await markWaiversApplied({ db: t.db, actor: w.cadre1, cases: [{ applicationId: byHand.app.id, version: byHand.app.version }], ip: null });
    expect(marked.applied).toEqual([byHand.app.id]);

    const confirmedOn = new Date('2026-11-20T00:00:00+08:00');
    const r = await confirmWaiverList({ db: t.db, actor: w.off, listId: made.listId, expectedVersion: 1, confirmedOn, note: '热力公司11月20日回函确认', ip });
    expect(r).toEqual({ fulfilled: 2, skipped: 2, version: 2 });
    for (const c of [kept, kept2]) expect(await statusOf(c.app.id)).toMatchObject({ status: 'fulfilled', fulfilledAt: expect.any(Date) });
    expect((await statusOf(withdrawn.app.id)).status).toBe('withdrawn');
    expect((await statusOf(notOnList.app.id)).status).toBe('approved');

    const events = await t.db.select().from(s.applicationEvents).where(and(eq(s.applicationEvents.action, 'confirm_waiver'), inArray(s.applicationEvents.applicationId, [kept.app.id, kept2.app.id, withdrawn.app.id, byHand.app.id])));
    expect(events.map((e) => e.applicationId).sort()).toEqual([kept.app.id, kept2.app.id].sort());
    expect(events[0]).toMatchObject({ actorId: w.off.id, actorRole: 'official', fromStatus: 'approved', toStatus: 'fulfilled' });
    const notes = await t.db.select().from(s.notifications).where(eq(s.notifications.kind, 'application.waiverConfirmed'));
    expect(notes.map((n) => n.userId).sort()).toEqual([kept.m.user.id, kept2.m.user.id].sort());
    const [list] = await t.db.select().from(s.waiverLists).where(eq(s.waiverLists.id, made.listId));
    expect(list).toMatchObject({ status: 'confirmed', confirmedBy: w.off.id, confirmedAt: confirmedOn, confirmationNote: '热力公司11月20日回函确认', version: 2 });
    const [audit] = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.action, 'waiver.list.confirm'), eq(s.auditEvents.entityId, made.listId)));
    expect(audit!.details).toMatchObject({ fulfilled: 2, skipped: 2 });

    // Confirmed is final: neither a second confirmation nor a cancellation.
    expect(await codeOf(confirmWaiverList({ db: t.db, actor: w.off, listId: made.listId, expectedVersion: 2, confirmedOn, note: '', ip }))).toBe('conflict:waiver_list_closed');
    expect(await codeOf(cancelWaiverList({ db: t.db, actor: w.off, listId: made.listId, expectedVersion: 2, ip }))).toBe('conflict:waiver_list_closed');
  });

  it('two officials on the same version: one wins, the other changes nothing', async () => {
    await drain('heating_fee_waiver', w.compoundHeat);
    const c = await approved(w.compound);
    const made = await makeWaiverList({ db: t.db, actor: w.off, programme: 'heating_fee_waiver', companyId: w.compoundHeat, ip });
    const results = await Promise.allSettled([
      confirmWaiverList({ db: t.db, actor: w.off, listId: made.listId, expectedVersion: 1, confirmedOn: new Date(), note: '', ip }),
      cancelWaiverList({ db: t.db, actor: w.off2, listId: made.listId, expectedVersion: 1, ip }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(['conflict:waiver_list', 'conflict:waiver_list_closed']).toContain((lost.reason as AppError).code);
    const [list] = await t.db.select().from(s.waiverLists).where(eq(s.waiverLists.id, made.listId));
    expect(list!.version).toBe(2);
    expect((await statusOf(c.app.id)).status).toBe(list!.status === 'confirmed' ? 'fulfilled' : 'approved');
  });
});

describe('cancelling', () => {
  it('frees the cases: a new list takes them, the cancelled one keeps its rows for the record', async () => {
    await drain('heating_fee_waiver', w.countyHeat);
    const a = await approved(w.v2);
    const first = await makeWaiverList({ db: t.db, actor: w.off, programme: 'heating_fee_waiver', companyId: w.countyHeat, ip });
    expect(await codeOf(cancelWaiverList({ db: t.db, actor: w.off, listId: first.listId, expectedVersion: 7, ip }))).toBe('conflict:waiver_list');
    expect(await cancelWaiverList({ db: t.db, actor: w.off, listId: first.listId, expectedVersion: 1, ip })).toEqual({ released: 1, version: 2 });
    const second = await makeWaiverList({ db: t.db, actor: w.off, programme: 'heating_fee_waiver', companyId: w.countyHeat, ip });
    expect(await listedIds(second.listId)).toEqual([a.app.id]);
    expect(await listedIds(first.listId)).toEqual([a.app.id]);
    const live = await t.db.select().from(s.waiverListItems).where(and(eq(s.waiverListItems.applicationId, a.app.id), eq(s.waiverListItems.live, true)));
    expect(live.map((i) => i.listId)).toEqual([second.listId]);
    expect((await statusOf(a.app.id)).status).toBe('approved');
  });
});

describe('who may', () => {
  it('a cadre and a township\'s official are refused every step, and nothing changes', async () => {
    await drain('heating_fee_waiver', w.countyHeat);
    await approved(w.v1);
    const made = await makeWaiverList({ db: t.db, actor: w.off, programme: 'heating_fee_waiver', companyId: w.countyHeat, ip });
    for (const who of [w.cadre1, w.townOfficial]) {
      expect(await codeOf(createCompany({ db: t.db, actor: who, company: { kind: 'heating', name: `越权热力-${who.id}`, nameEn: 'x', contact: '' }, ip }))).toBe('forbidden:waiver');
      expect(await codeOf(assignCompanyPlace({ db: t.db, actor: who, companyId: w.countyHeat, placeId: w.v1.id, ip }))).toBe('forbidden:waiver');
      expect(await codeOf(unassignCompanyPlace({ db: t.db, actor: who, companyId: w.countyHeat, placeId: w.county.id, ip }))).toBe('forbidden:waiver');
      expect(await codeOf(makeWaiverList({ db: t.db, actor: who, programme: 'heating_fee_waiver', companyId: w.countyHeat, ip }))).toBe('forbidden:waiver');
      expect(await codeOf(exportWaiverList({ db: t.db, actor: who, listId: made.listId, format: 'csv', ip }))).toBe('forbidden:waiver');
      expect(await codeOf(confirmWaiverList({ db: t.db, actor: who, listId: made.listId, expectedVersion: 1, confirmedOn: new Date(), note: '', ip }))).toBe('forbidden:waiver');
      expect(await codeOf(cancelWaiverList({ db: t.db, actor: who, listId: made.listId, expectedVersion: 1, ip }))).toBe('forbidden:waiver');
    }
    const [list] = await t.db.select().from(s.waiverLists).where(eq(s.waiverLists.id, made.listId));
    expect(list).toMatchObject({ status: 'exported', version: 1 });
    expect(await companyForPlace({ db: t.db, placeId: w.v1.id, kind: 'heating' })).toBe(w.countyHeat);
    const exports = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.action, 'export.waiver_list'), eq(s.auditEvents.entityId, made.listId)));
    expect(exports).toEqual([]);
  });
});
