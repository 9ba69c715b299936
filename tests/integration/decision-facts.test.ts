// Decisions stand on the facts as verified when they are taken, on a real PostgreSQL. Upholding an
// appeal needs the rule to pass on the verified facts and grants what it grants then (stock, a
// pickup code); a case approved with nothing frozen on it cannot be "delivered". Approval, one case
// or a batch, runs the rule again on the facts as verified now and refuses, case by case, when a
// fact corrected since the recommendation makes it fail or grant something else; a change of the
// programme's settings since the recommendation does not (the frozen entitlement stands). A cadre
// rejects only where the rule fails on verified facts, not while a fact it needs is unverified.
// The resident whose appeal is dismissed is told the refusal is final, not invited to appeal again.
import { codeOf, makeHousehold, seedProgrammes, useTestDatabase, type MadeHousehold } from './helpers';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import type { Actor } from '@/lib/permissions';
import { describeResult } from '@/lib/action-result';
import { approveBatch } from '@/server/applications/approve-batch';
import { saveApplication } from '@/server/applications/save-application';
import { updateProgramme } from '@/server/programmes/update-programme';
import { transitionApplication } from '@/server/applications/transition-application';
import { verifyFact } from '@/server/households/verify-fact';

const t = useTestDatabase();

let county: s.Place;
let township: s.Place;
let village: s.Place;
let cadre: Actor;
let official: Actor;
let pointId = 0;

async function place(level: s.Place['level'], parent: s.Place | null): Promise<s.Place> {
  const name = `${level}-${randomBytes(3).toString('hex')}`;
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

async function caseRow(id: string) {
  const [a] = await t.db.select().from(s.applications).where(eq(s.applications.id, id));
  return a!;
}

async function stockAvailable(material: 'rebar' | 'sand'): Promise<number> {
  const [l] = await t.db.select({ kg: s.stockLevels.availableKg }).from(s.stockLevels).where(and(eq(s.stockLevels.pointId, pointId), eq(s.stockLevels.material, material)));
  return l!.kg;
}

const residentOf = (h: MadeHousehold): Actor => ({ id: h.user.id, role: 'resident', placePaths: [] });

/** A rural household of the village with these facts, declared and verified by a visit 20 days ago. */
async function household(facts: Partial<Record<s.HouseholdFact['key'], unknown>>, kind: 'rural' | 'urban' = 'rural'): Promise<MadeHousehold> {
  const h = await makeHousehold(t.db);
  await t.db.update(s.households).set({ placeId: village.id, kind, ...(kind === 'urban' ? { floor: 1 } : {}) }).where(eq(s.households.id, h.household.id));
  const at = new Date(Date.now() - 20 * 86_400_000);
  const rows = Object.entries(facts).map(([key, v]) => ({ householdId: h.household.id, key: key as s.HouseholdFact['key'], declaredValue: v, declaredAt: at, verifiedValue: v, verifiedAt: at, verifyMethod: key === 'safetyGrade' ? ('appraisal' as const) : ('visit' as const) }));
  if (rows.length) await t.db.insert(s.householdFacts).values(rows);
  return h;
}

/** The resident applies; a cadre rejects on the verified facts; the resident appeals. */
async function appealedCase(h: MadeHousehold, programmeCode: s.Application['programmeCode'], answers: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  const saved = await saveApplication({ db: t.db, actor: residentOf(h), householdId: h.household.id, programmeCode, answers: answers as never, submit: true, ip: null });
  const rejected = await transitionApplication({ db: t.db, actor: cadre, applicationId: saved.id, action: 'reject', expectedVersion: saved.version, reason: '核查结果与申报不符', ip: null });
  const appealed = await transitionApplication({ db: t.db, actor: residentOf(h), applicationId: saved.id, action: 'appeal', expectedVersion: rejected.version, reason: '我家房屋确实受损，请再次核查', ip: null });
  expect(appealed.status).toBe('appealed');
  return { id: saved.id, version: appealed.version };
}

beforeAll(async () => {
  await seedProgrammes(t.db);
  county = await place('county', null);
  township = await place('township', county);
  village = await place('village', township);
  const off = await makeHousehold(t.db, { role: 'official' });
  const cad = await makeHousehold(t.db, { role: 'cadre' });
  await t.db.insert(s.userPlaces).values([
    { userId: off.user.id, placeId: county.id },
    { userId: cad.user.id, placeId: township.id },
  ]);
  official = { id: off.user.id, role: 'official', placePaths: [county.path] };
  cadre = { id: cad.user.id, role: 'cadre', placePaths: [township.path] };
  const [point] = await t.db.insert(s.stockPoints).values({ name: '测试建材点', nameEn: 'Test point', placeId: township.id, address: '镇政府' }).returning();
  pointId = point!.id;
  await t.db.insert(s.stockLevels).values([
    { pointId, material: 'rebar', onHandKg: 100_000, availableKg: 100_000 },
    { pointId, material: 'sand', onHandKg: 1_000_000, availableKg: 1_000_000 },
  ]);
});

describe('upholding an appeal', () => {
  it('is refused while the rule fails on the verified facts, and nothing is granted', async () => {
    // Grade B verified: the materials rule (grade C or D) fails; the cadre rejected on it.
    const h = await household({ safetyGrade: 'B', affected: true });
    const c = await appealedCase(h, 'building_materials');
    const sand = await stockAvailable('sand');

    expect(await codeOf(transitionApplication({ db: t.db, actor: official, applicationId: c.id, action: 'grant_appeal', expectedVersion: c.version, ip: null }))).toBe('conflict:appeal_rule_not_met');
    const row = await caseRow(c.id);
    expect(row).toMatchObject({ status: 'appealed', version: c.version, entitlement: null, pickupCode: null, stockPointId: null });
    expect(await stockAvailable('sand')).toBe(sand);
  });

  it('once a cadre verifies facts on which the rule passes, grants what the rule grants now: stock reserved and a pickup code', async () => {
    const h = await household({ safetyGrade: 'B', affected: true });
    const c = await appealedCase(h, 'building_materials');
    const sand = await stockAvailable('sand');
    // The appeal was right: a new appraisal grades the house C.
    await verifyFact({ db: t.db, actor: cadre, householdId: h.household.id, key: 'safetyGrade', value: 'C', method: 'appraisal', appraisal: { grade: 'C', appraiser: '涿州市房屋安全鉴定站' }, ip: null });

    const r = await transitionApplication({ db: t.db, actor: official, applicationId: c.id, action: 'grant_appeal', expectedVersion: c.version, ip: null });
    expect(r.status).toBe('approved');
    const row = await caseRow(c.id);
    expect(row.entitlement).toEqual({ kind: 'materials', items: [{ material: 'sand', tonnes: 5 }] });
    expect(row.pickupCode).toBeTruthy();
    expect(row.stockPointId).toBe(pointId);
    expect(await stockAvailable('sand')).toBe(sand - 5_000);
  });
});

describe('delivering a case approved with nothing frozen on it', () => {
  it('is refused: nothing is marked delivered and the resident is not told it was', async () => {
    // As an appeal upheld before the guard left it: approved, no entitlement, facts that fail the rule.
    const h = await household({ groundFloorFlooded: false }, 'urban');
    const [a] = await t.db
      .insert(s.applications)
      .values({ reference: `OLD-${randomBytes(4).toString('hex')}`, householdId: h.household.id, programmeCode: 'heating_fee_waiver', status: 'approved', version: 6, entitlement: null, decidedBy: official.id, decidedAt: new Date() })
      .returning();

    expect(await codeOf(transitionApplication({ db: t.db, actor: cadre, applicationId: a!.id, action: 'fulfil', expectedVersion: 6, ip: null }))).toBe('conflict:no_entitlement');
    expect(await caseRow(a!.id)).toMatchObject({ status: 'approved', version: 6, fulfilledAt: null });
    expect(await t.db.select().from(s.notifications).where(and(eq(s.notifications.userId, h.user.id), eq(s.notifications.kind, 'application.fulfilled')))).toEqual([]);
  });
});

const DAY = 86_400_000;

/** The resident applies and the cadre recommends, `daysAgo` days ago: a notice that long ago is over. */
async function recommendedCase(h: MadeHousehold, programmeCode: s.Application['programmeCode'], daysAgo = 10): Promise<{ id: string; version: number; status: string }> {
  const saved = await saveApplication({ db: t.db, actor: residentOf(h), householdId: h.household.id, programmeCode, answers: {}, submit: true, ip: null, now: new Date(Date.now() - (daysAgo + 1) * DAY) });
  const rec = await transitionApplication({ db: t.db, actor: cadre, applicationId: saved.id, action: 'recommend', expectedVersion: saved.version, ip: null, now: new Date(Date.now() - daysAgo * DAY) });
  return { id: saved.id, version: rec.version, status: rec.status };
}

describe('approving a case whose verified facts changed after its recommendation', () => {
  it('a grade corrected from D to C during the notice: approval refused, nothing reserved; the official can decline it', async () => {
    const h = await household({ safetyGrade: 'D', affected: true });
    const c = await recommendedCase(h, 'building_materials');
    expect(c.status).toBe('in_public_notice');
    expect((await caseRow(c.id)).entitlement).toEqual({ kind: 'materials', items: [{ material: 'rebar', tonnes: 2 }, { material: 'sand', tonnes: 20 }] });
    await verifyFact({ db: t.db, actor: cadre, householdId: h.household.id, key: 'safetyGrade', value: 'C', method: 'appraisal', appraisal: { grade: 'C', appraiser: '涿州市房屋安全鉴定站' }, ip: null });
    const rebar = await stockAvailable('rebar');

    expect(await codeOf(transitionApplication({ db: t.db, actor: official, applicationId: c.id, action: 'approve', expectedVersion: c.version, ip: null }))).toBe('conflict:grant_changed');
    expect(await caseRow(c.id)).toMatchObject({ status: 'in_public_notice', version: c.version, pickupCode: null, stockPointId: null });
    expect(await stockAvailable('rebar')).toBe(rebar);
    expect(describeResult({ status: 'conflict', code: 'conflict:grant_changed' }, 'case')).toMatchObject({ key: 'workflow.refusals.grant_changed' });

    const declined = await transitionApplication({ db: t.db, actor: official, applicationId: c.id, action: 'decline', expectedVersion: c.version, reason: '公示期间重新鉴定为C级，按新鉴定结果办理', ip: null });
    expect(declined.status).toBe('rejected');
  });

  it('"ground floor flooded" corrected to false: approval refused because the rule no longer passes', async () => {
    const h = await household({ groundFloorFlooded: true }, 'urban');
    const c = await recommendedCase(h, 'heating_fee_waiver', 1);
    expect(c.status).toBe('recommended');
    await verifyFact({ db: t.db, actor: cadre, householdId: h.household.id, key: 'groundFloorFlooded', value: false, method: 'visit', note: '复查：一楼未进水', ip: null });

    expect(await codeOf(transitionApplication({ db: t.db, actor: official, applicationId: c.id, action: 'approve', expectedVersion: c.version, ip: null }))).toBe('conflict:facts_changed');
    expect(await caseRow(c.id)).toMatchObject({ status: 'recommended', version: c.version, decidedAt: null });
  });

  it('batch approval approves the cases whose facts still hold and reports each changed one by itself', async () => {
    const steady = await household({ safetyGrade: 'C', affected: true });
    const corrected = await household({ safetyGrade: 'D', affected: true });
    const a = await recommendedCase(steady, 'building_materials');
    const b = await recommendedCase(corrected, 'building_materials');
    await verifyFact({ db: t.db, actor: cadre, householdId: corrected.household.id, key: 'safetyGrade', value: 'B', method: 'appraisal', appraisal: { grade: 'B', appraiser: '涿州市房屋安全鉴定站' }, ip: null });

    const results = await approveBatch({ db: t.db, actor: official, ip: null, items: [
      { id: a.id, version: a.version, reference: 'A' },
      { id: b.id, version: b.version, reference: 'B' },
    ] });
    expect(results[0]).toMatchObject({ id: a.id, ok: true, status: 'approved' });
    expect(results[1]).toMatchObject({ id: b.id, ok: false });
    expect(results[1]!.ok ? null : (results[1] as { error: unknown }).error).toMatchObject({ code: 'conflict:facts_changed' });
    expect((await caseRow(a.id)).status).toBe('approved');
    expect((await caseRow(b.id)).status).toBe('in_public_notice');
  });

  it('a change of the programme\'s settings after the recommendation does not stop it: the recommended entitlement is approved', async () => {
    const h = await household({ groundFloorFlooded: true }, 'urban');
    const c = await recommendedCase(h, 'property_fee_waiver', 1);
    expect((await caseRow(c.id)).entitlement).toEqual({ kind: 'waiver', years: 3 });
    const [p] = await t.db.select().from(s.programmes).where(eq(s.programmes.code, 'property_fee_waiver'));
    const changed = await updateProgramme({ db: t.db, actor: official, code: 'property_fee_waiver', expectedVersion: p!.version, change: { values: { years: 5 }, noticeDays: p!.noticeDays, active: true, reason: '县政府通知：减免延长到5年' }, ip: null });
    expect(changed.status).toBe('ok');

    const r = await transitionApplication({ db: t.db, actor: official, applicationId: c.id, action: 'approve', expectedVersion: c.version, ip: null });
    expect(r.status).toBe('approved');
    expect((await caseRow(c.id)).entitlement).toEqual({ kind: 'waiver', years: 3 });
  });
});

describe('a cadre rejecting a case', () => {
  /** A rural household that declared grade C; nothing is verified yet. */
  async function declaredOnly(): Promise<MadeHousehold> {
    const h = await makeHousehold(t.db);
    await t.db.update(s.households).set({ placeId: village.id }).where(eq(s.households.id, h.household.id));
    await t.db.insert(s.householdFacts).values({ householdId: h.household.id, key: 'safetyGrade', declaredValue: 'C', declaredAt: new Date() });
    return h;
  }

  it('is refused while a fact the rule needs is unverified; once verified as failing, the rejection goes through', async () => {
    const h = await declaredOnly();
    const saved = await saveApplication({ db: t.db, actor: residentOf(h), householdId: h.household.id, programmeCode: 'building_materials', answers: {}, submit: true, ip: null });

    expect(await codeOf(transitionApplication({ db: t.db, actor: cadre, applicationId: saved.id, action: 'reject', expectedVersion: saved.version, reason: '不符合条件', ip: null }))).toBe('conflict:rule_unknown');
    expect(await caseRow(saved.id)).toMatchObject({ status: 'submitted', version: saved.version, rejectedAt: null });
    expect(describeResult({ status: 'conflict', code: 'conflict:rule_unknown' }, 'case')).toMatchObject({ key: 'workflow.refusals.rule_unknown' });

    // The appraisal grades the house B: now the rule fails on verified facts.
    await verifyFact({ db: t.db, actor: cadre, householdId: h.household.id, key: 'safetyGrade', value: 'B', method: 'appraisal', appraisal: { grade: 'B', appraiser: '涿州市房屋安全鉴定站' }, ip: null });
    const r = await transitionApplication({ db: t.db, actor: cadre, applicationId: saved.id, action: 'reject', expectedVersion: saved.version, reason: '鉴定为B级，不属于危房', ip: null });
    expect(r.status).toBe('rejected');
  });

  it('goes through when a verified fact already fails the rule, even with another still unverified', async () => {
    // A city flat: building materials are for rural houses, whatever its (unverified) grade.
    const h = await declaredOnly();
    await t.db.update(s.households).set({ kind: 'urban', floor: 3 }).where(eq(s.households.id, h.household.id));
    const saved = await saveApplication({ db: t.db, actor: residentOf(h), householdId: h.household.id, programmeCode: 'building_materials', answers: {}, submit: true, ip: null });
    const r = await transitionApplication({ db: t.db, actor: cadre, applicationId: saved.id, action: 'reject', expectedVersion: saved.version, reason: '城区楼房不属于建材补助范围', ip: null });
    expect(r.status).toBe('rejected');
  });
});

describe('the resident told of a dismissed appeal', () => {
  it('gets "final, cannot be appealed again", not the first refusal\'s "ask for a review within 15 days"', async () => {
    const h = await household({ safetyGrade: 'B', affected: true });
    const c = await appealedCase(h, 'building_materials');
    const r = await transitionApplication({ db: t.db, actor: official, applicationId: c.id, action: 'deny_appeal', expectedVersion: c.version, reason: '经复查，房屋鉴定为B级，维持原决定', ip: null });
    expect(r.status).toBe('rejected');
    expect(await caseRow(c.id)).toMatchObject({ rejectionFinal: true });

    const told = await t.db.select({ kind: s.notifications.kind, params: s.notifications.params }).from(s.notifications).where(eq(s.notifications.userId, h.user.id)).orderBy(s.notifications.createdAt, s.notifications.id);
    const kinds = told.map((n) => n.kind);
    // The cadre's rejection invited an appeal; the dismissal says it is final.
    expect(kinds.filter((k) => k === 'application.rejected')).toHaveLength(1);
    expect(kinds.at(-1)).toBe('application.appealDenied');
    expect(told.at(-1)!.params).toMatchObject({ programme: 'building_materials' });
    for (const lang of ['zh-CN', 'en']) {
      const cat = JSON.parse(readFileSync(`messages/${lang}.json`, 'utf8')) as { notifications: { kinds: { application: Record<string, string> } } };
      expect(cat.notifications.kinds.application.appealDenied, lang).toMatch(/\{reference\}/);
    }
  });
});
