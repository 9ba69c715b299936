// Staff case work on a real PostgreSQL server: verifying facts only inside a cadre's places,
// the case detail hiding cases elsewhere, objections (one open per person, answered once) and
// how an objection blocks approval through transitionApplication; the official's queue and the
// public notice board (masked names only, never an ID number); the resident's pickup voucher.
import { codeOf, makeHousehold, seedProgrammes, useTestDatabase, type MadeHousehold } from './helpers';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import type { Actor } from '@/lib/permissions';
import { casesWithOpenObjections, decisionQueuePage, staffCaseDetail } from '@/db/queries/cases';
import { noticeBoard, noticeFilterOptions } from '@/db/queries/notice';
import { saveApplication } from '@/server/applications/save-application';
import { transitionApplication } from '@/server/applications/transition-application';
import { verifyFact } from '@/server/households/verify-fact';
import { answerObjection } from '@/server/objections/answer-objection';
import { lodgeObjection } from '@/server/objections/lodge-objection';
import { residentVoucher } from '@/db/queries/voucher';
import { handOutMaterials } from '@/server/handouts/hand-out-materials';
import type { AppError } from '@/lib/errors';
import { maskName } from '@/lib/pii';

const t = useTestDatabase();
const DAY = 86_400_000;

/** The case as the officials' decisions queue shows it, found by its reference as an official searches for it; undefined when it does not wait there. */
async function inQueue(scopePaths: readonly string[], id: string, now?: Date) {
  const [a] = await t.db.select({ reference: s.applications.reference }).from(s.applications).where(eq(s.applications.id, id));
  const { rows } = await decisionQueuePage({ db: t.db, scopePaths, group: 'recommended', reference: a!.reference, now });
  return rows.find((r) => r.id === id);
}

interface World {
  county: s.Place;
  t1: s.Place;
  v1: s.Place;
  t2: s.Place;
  v2: s.Place;
  /** Rural household in v1, owned by a resident; declared grade C. */
  h1: MadeHousehold;
  /** Another resident (objector), household in v2. */
  other: MadeHousehold;
  cadre1: MadeHousehold;
  cadre2: MadeHousehold;
  official: MadeHousehold;
  a1: Actor;
  a2: Actor;
  off: Actor;
}
const w = {} as World;

async function place(level: s.Place['level'], name: string, parent: s.Place | null): Promise<s.Place> {
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

async function moveHousehold(h: MadeHousehold, p: s.Place) {
  await t.db.update(s.households).set({ placeId: p.id }).where(eq(s.households.id, h.household.id));
}

async function declare(householdId: string, key: s.HouseholdFact['key'], value: unknown) {
  await t.db.insert(s.householdFacts).values({ householdId, key, declaredValue: value, declaredAt: new Date() });
}

async function auditCount(action: string, entityId?: string) {
  const rows = await t.db
    .select({ n: sql<number>`count(*)::int` })
    .from(s.auditEvents)
    .where(entityId ? and(eq(s.auditEvents.action, action), eq(s.auditEvents.entityId, entityId)) : eq(s.auditEvents.action, action));
  return Number(rows[0]?.n ?? 0);
}

beforeAll(async () => {
  const db = t.db;
  w.county = await place('county', '测试市', null);
  w.t1 = await place('township', '甲镇', w.county);
  w.v1 = await place('village', '甲村', w.t1);
  w.t2 = await place('township', '乙镇', w.county);
  w.v2 = await place('village', '乙村', w.t2);

  await seedProgrammes(db);
  const [point] = await db.insert(s.stockPoints).values({ name: '甲镇建材大集', nameEn: 'Jia fair', placeId: w.t1.id, address: '甲镇政府西侧广场' }).returning();
  await db.insert(s.stockLevels).values([
    { pointId: point!.id, material: 'rebar', onHandKg: 100_000, availableKg: 100_000 },
    { pointId: point!.id, material: 'sand', onHandKg: 1_000_000, availableKg: 1_000_000 },
  ]);

  w.h1 = await makeHousehold(db);
  await moveHousehold(w.h1, w.v1);
  await declare(w.h1.household.id, 'safetyGrade', 'C');
  await declare(w.h1.household.id, 'affected', true);
  w.other = await makeHousehold(db);
  await moveHousehold(w.other, w.v2);
  w.cadre1 = await makeHousehold(db, { role: 'cadre' });
  await moveHousehold(w.cadre1, w.v1); // the cadre's own household lies inside their places
  w.cadre2 = await makeHousehold(db, { role: 'cadre' });
  w.official = await makeHousehold(db, { role: 'official' });
  await db.insert(s.userPlaces).values([
    { userId: w.cadre1.user.id, placeId: w.t1.id },
    { userId: w.cadre2.user.id, placeId: w.t2.id },
    { userId: w.official.user.id, placeId: w.county.id },
  ]);
  w.a1 = { id: w.cadre1.user.id, role: 'cadre', placePaths: [w.t1.path] };
  w.a2 = { id: w.cadre2.user.id, role: 'cadre', placePaths: [w.t2.path] };
  w.off = { id: w.official.user.id, role: 'official', placePaths: [w.county.path] };
});

describe('a building-materials case from application to voucher', () => {
  let appId = '';
  let version = 0;

  it('the resident submits; the case is visible to the cadre of the township and to the official only', async () => {
    const saved = await saveApplication({ db: t.db, actor: { id: w.h1.user.id, role: 'resident', placePaths: [] }, householdId: w.h1.household.id, programmeCode: 'building_materials', answers: {}, submit: true, ip: null });
    appId = saved.id;
    version = saved.version;
    expect(saved.status).toBe('submitted');

    const seen = await staffCaseDetail({ db: t.db, actor: w.a1, applicationId: appId });
    expect(seen?.application.reference).toBe(saved.reference);
    expect(seen?.household.maskedHeadName).toBe(maskName(w.h1.user.realName));
    expect(JSON.stringify(seen)).not.toContain(w.h1.user.realName);
    expect(JSON.stringify(seen)).not.toContain(w.h1.idNumber);
    expect(seen?.eligibility.eligible).toBe(false);
    expect(seen?.eligibility.unknown).toBe(true);
    expect(await staffCaseDetail({ db: t.db, actor: w.off, applicationId: appId })).not.toBeNull();
    expect(await staffCaseDetail({ db: t.db, actor: w.a2, applicationId: appId })).toBeNull();
    expect(await staffCaseDetail({ db: t.db, actor: { id: w.h1.user.id, role: 'resident', placePaths: [w.county.path] }, applicationId: appId })).toBeNull();
  });

  it('a cadre of another township cannot verify a fact; nothing is written', async () => {
    expect(await codeOf(verifyFact({ db: t.db, actor: w.a2, householdId: w.h1.household.id, key: 'safetyGrade', value: 'C', method: 'appraisal', ip: null }))).toBe('not_found:household');
    expect(await codeOf(verifyFact({ db: t.db, actor: w.off, householdId: w.h1.household.id, key: 'safetyGrade', value: 'C', method: 'appraisal', ip: null }))).toBe('forbidden:fact');
    const [f] = await t.db.select().from(s.householdFacts).where(and(eq(s.householdFacts.householdId, w.h1.household.id), eq(s.householdFacts.key, 'safetyGrade')));
    expect(f?.verifiedValue).toBeNull();
    expect(await auditCount('fact.verify', w.h1.household.id)).toBe(0);
  });

  it('a cadre cannot verify their own household, nor store a value that does not fit the fact', async () => {
    expect(await codeOf(verifyFact({ db: t.db, actor: w.a1, householdId: w.cadre1.household.id, key: 'affected', value: true, method: 'visit', ip: null }))).toBe('forbidden:own_household');
    expect(await codeOf(verifyFact({ db: t.db, actor: w.a1, householdId: w.h1.household.id, key: 'safetyGrade', value: 'Z', method: 'visit', ip: null }))).toBe('invalid:fact_value');
  });

  it('the cadre of the township verifies (and corrects) facts, with who, when, how and an audit event', async () => {
    const r = await verifyFact({ db: t.db, actor: w.a1, householdId: w.h1.household.id, key: 'safetyGrade', value: 'D', method: 'appraisal', note: '鉴定报告编号 2023-17', ip: '10.0.0.1' });
    expect(r.verifiedValue).toBe('D');
    // A fact nobody declared can still be recorded.
    await verifyFact({ db: t.db, actor: w.a1, householdId: w.h1.household.id, key: 'damagedBoilers', value: 0, method: 'visit', ip: null });
    const facts = await t.db.select().from(s.householdFacts).where(eq(s.householdFacts.householdId, w.h1.household.id));
    const grade = facts.find((f) => f.key === 'safetyGrade')!;
    expect(grade).toMatchObject({ declaredValue: 'C', verifiedValue: 'D', verifiedBy: w.cadre1.user.id, verifyMethod: 'appraisal', verifyNote: '鉴定报告编号 2023-17' });
    expect(grade.verifiedAt).toBeInstanceOf(Date);
    expect(facts.find((f) => f.key === 'damagedBoilers')).toMatchObject({ declaredValue: null, verifiedValue: 0 });
    expect(await auditCount('fact.verify', w.h1.household.id)).toBe(2);
    const [audit] = await t.db.select().from(s.auditEvents).where(eq(s.auditEvents.action, 'fact.verify')).limit(1);
    expect(audit).toMatchObject({ actorId: w.cadre1.user.id, actorRole: 'cadre', entity: 'household', success: true, ip: '10.0.0.1' });
    expect(audit?.details).toMatchObject({ key: 'safetyGrade', value: 'D', declared: 'C', corrected: true });
    // The resident is told each time a fact is checked (their eligibility may have changed).
    const told = await t.db.select().from(s.notifications).where(and(eq(s.notifications.userId, w.h1.user.id), eq(s.notifications.kind, 'household.factVerified')));
    expect(told.map((n) => (n.params as { fact: string }).fact).sort()).toEqual(['damagedBoilers', 'safetyGrade']);
    expect(told.every((n) => n.link === '/resident/benefits')).toBe(true);

    const seen = await staffCaseDetail({ db: t.db, actor: w.a1, applicationId: appId });
    expect(seen?.eligibility.eligible).toBe(true);
    expect(seen?.eligibility.entitlement).toEqual({ kind: 'materials', items: [{ material: 'rebar', tonnes: 2 }, { material: 'sand', tonnes: 20 }] });
    expect(seen?.facts.find((f) => f.key === 'safetyGrade')).toMatchObject({ declaredValue: 'C', verifiedValue: 'D', verifyMethod: 'appraisal', verifiedByMe: true });
  });

  it('with the grade verified the rule passes, and the cadre recommends: the case goes on public notice', async () => {
    // rural + grade D verified: the rule passes only once every fact it reads is verified.
    const before = await staffCaseDetail({ db: t.db, actor: w.a1, applicationId: appId });
    expect(before?.eligibility.reasons.map((r) => r.code)).toContain('rules.safetyGradeCD');
    const r = await transitionApplication({ db: t.db, actor: w.a1, applicationId: appId, action: 'recommend', expectedVersion: version, ip: null });
    expect(r.status).toBe('in_public_notice');
    version = r.version;
  });

  it('the notice board lists it with the masked name, village and materials — never the name, ID, phone or reference', async () => {
    const board = await noticeBoard({ db: t.db });
    const entry = board.flatMap((g) => g.entries).find((e) => e.applicationId === appId);
    expect(entry).toMatchObject({ maskedName: maskName(w.h1.user.realName), open: true, myOpenObjection: false, mine: false });
    expect(entry?.entitlement).toEqual({ kind: 'materials', items: [{ material: 'rebar', tonnes: 2 }, { material: 'sand', tonnes: 20 }] });
    const group = board.find((g) => g.entries.some((e) => e.applicationId === appId))!;
    expect(group).toMatchObject({ programmeCode: 'building_materials', villageName: '甲村', townshipName: '甲镇' });
    const text = JSON.stringify(board);
    const [app] = await t.db.select().from(s.applications).where(eq(s.applications.id, appId));
    for (const secret of [w.h1.user.realName, w.h1.idNumber, w.h1.phone, app!.reference, w.h1.household.headIdNumberEnc, w.h1.household.headIdNumberHash]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/\d{17}[\dX]/);

    // Filters: by programme and township; a place that is not a township lists nothing.
    expect((await noticeBoard({ db: t.db, programme: 'appliance_subsidy' })).length).toBe(0);
    expect((await noticeBoard({ db: t.db, programme: 'building_materials', townshipId: w.t1.id })).length).toBe(1);
    expect((await noticeBoard({ db: t.db, townshipId: w.t2.id })).length).toBe(0);
    expect((await noticeBoard({ db: t.db, townshipId: w.v1.id })).length).toBe(0);
    expect((await noticeBoard({ db: t.db, townshipId: 999_999 })).length).toBe(0);
    const opts = await noticeFilterOptions({ db: t.db });
    expect(opts.townships.map((x) => x.name)).toEqual(['甲镇', '乙镇']);
    expect(opts.programmes.sort()).toEqual(['appliance_subsidy', 'building_materials']);
  });

  it('before the notice is over the official cannot approve', async () => {
    expect(await codeOf(transitionApplication({ db: t.db, actor: w.off, applicationId: appId, action: 'approve', expectedVersion: version, ip: null }))).toBe('conflict:notice_running');
    expect(await inQueue(w.off.placePaths, appId)).toBeUndefined();
  });

  it('anyone signed in may object once (open) per case, not to their own household; each objection is audited', async () => {
    const versionBefore = version;
    const r = await lodgeObjection({ db: t.db, actor: { id: w.other.user.id, role: 'resident' }, applicationId: appId, reason: '  据我所知这户房屋只是轻微受损。 ', ip: '10.0.0.9' });
    expect(r.id).toBeTruthy();
    const [o] = await t.db.select().from(s.objections).where(eq(s.objections.id, r.id));
    expect(o).toMatchObject({ status: 'open', filedBy: w.other.user.id, reason: '据我所知这户房屋只是轻微受损。' });
    expect(await auditCount('objection.lodge', appId)).toBe(1);
    // The case changed: an official holding the old version is told so.
    const [app] = await t.db.select().from(s.applications).where(eq(s.applications.id, appId));
    expect(app!.version).toBe(versionBefore + 1);
    version = app!.version;

    expect(await codeOf(lodgeObjection({ db: t.db, actor: { id: w.other.user.id, role: 'resident' }, applicationId: appId, reason: '再提一次', ip: null }))).toBe('duplicate:objection');
    expect(await codeOf(lodgeObjection({ db: t.db, actor: { id: w.h1.user.id, role: 'resident' }, applicationId: appId, reason: '我自己', ip: null }))).toBe('forbidden:own_household');
    expect(await codeOf(lodgeObjection({ db: t.db, actor: { id: w.other.user.id, role: 'resident' }, applicationId: appId, reason: '短', ip: null }))).toBe('invalid:reason');
    // A case that is not on the board cannot be objected to.
    expect(await codeOf(lodgeObjection({ db: t.db, actor: { id: w.other.user.id, role: 'resident' }, applicationId: crypto.randomUUID(), reason: '不存在的申请', ip: null }))).toBe('not_found:application');
    // Another person (here a cadre of another township) may lodge their own.
    await lodgeObjection({ db: t.db, actor: { id: w.cadre2.user.id, role: 'cadre' }, applicationId: appId, reason: '村民反映情况不实，请核查。', ip: null });
    const [again] = await t.db.select().from(s.applications).where(eq(s.applications.id, appId));
    version = again!.version;

    const board = await noticeBoard({ db: t.db, viewerId: w.other.user.id });
    expect(board.flatMap((g) => g.entries).find((e) => e.applicationId === appId)?.myOpenObjection).toBe(true);
    const mine = await noticeBoard({ db: t.db, viewerId: w.h1.user.id });
    expect(mine.flatMap((g) => g.entries).find((e) => e.applicationId === appId)?.mine).toBe(true);

    const listed = await casesWithOpenObjections({ db: t.db, scopePaths: w.a1.placePaths });
    expect(listed.find((x) => x.id === appId)).toMatchObject({ open: 2, maskedHeadName: maskName(w.h1.user.realName) });
    expect(await casesWithOpenObjections({ db: t.db, scopePaths: w.a2.placePaths })).toEqual([]);
    const seen = await staffCaseDetail({ db: t.db, actor: w.a1, applicationId: appId });
    expect(seen?.openObjections).toBe(2);
    expect(seen?.objections[0]).toMatchObject({ status: 'open', filerRole: 'resident', filerMaskedName: maskName(w.other.user.realName) });
  });

  it('two identical objections sent at once by the same person: exactly one is stored', async () => {
    const someone = await makeHousehold(t.db);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => lodgeObjection({ db: t.db, actor: { id: someone.user.id, role: 'resident' }, applicationId: appId, reason: '同时提交的异议', ip: null })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as AppError).code).toBe('duplicate:objection');
    const rows = await t.db.select().from(s.objections).where(and(eq(s.objections.applicationId, appId), eq(s.objections.filedBy, someone.user.id)));
    expect(rows).toHaveLength(1);
    // Answered straight away by the cadre, so it does not hold up the rest of the story.
    await answerObjection({ db: t.db, actor: w.a1, objectionId: rows[0]!.id, decision: 'dismissed', answer: '重复反映，已核实。', ip: null });
    const [app] = await t.db.select().from(s.applications).where(eq(s.applications.id, appId));
    version = app!.version;
  });

  it('an open objection blocks approval after the notice, until a cadre of the place answers it', async () => {
    const after = new Date(Date.now() + 9 * DAY);
    expect(await codeOf(transitionApplication({ db: t.db, actor: w.off, applicationId: appId, action: 'approve', expectedVersion: version, ip: null, now: after }))).toBe('conflict:objection_pending');
    expect(await inQueue(w.off.placePaths, appId, after)).toBeUndefined();

    const open = await t.db.select().from(s.objections).where(and(eq(s.objections.applicationId, appId), eq(s.objections.status, 'open')));
    expect(open).toHaveLength(2);
    const [first, second] = open as [s.Objection, s.Objection];
    expect(await codeOf(answerObjection({ db: t.db, actor: w.a2, objectionId: first.id, decision: 'dismissed', answer: '不在我负责的范围', ip: null }))).toBe('not_found:objection');
    expect(await codeOf(answerObjection({ db: t.db, actor: w.off, objectionId: first.id, decision: 'dismissed', answer: '官员不能答复', ip: null }))).toBe('forbidden:objection');
    expect(await codeOf(answerObjection({ db: t.db, actor: w.a1, objectionId: first.id, decision: 'dismissed', answer: '', ip: null }))).toBe('invalid:answer');

    const ans = await answerObjection({ db: t.db, actor: w.a1, objectionId: first.id, decision: 'dismissed', answer: '经入户核实，房屋为D级危房，情况属实。', ip: null });
    expect(ans.status).toBe('dismissed');
    expect(await codeOf(answerObjection({ db: t.db, actor: w.a1, objectionId: first.id, decision: 'upheld', answer: '再答一次', ip: null }))).toBe('conflict:objection_answered');
    const [answered] = await t.db.select().from(s.objections).where(eq(s.objections.id, first.id));
    expect(answered).toMatchObject({ status: 'dismissed', answeredBy: w.cadre1.user.id, answer: '经入户核实，房屋为D级危房，情况属实。' });
    expect(await auditCount('objection.answer', first.id)).toBe(1);

    // One still open: still blocked.
    expect(await codeOf(transitionApplication({ db: t.db, actor: w.off, applicationId: appId, action: 'approve', expectedVersion: version, ip: null, now: after }))).toBe('conflict:objection_pending');
    await answerObjection({ db: t.db, actor: w.a1, objectionId: second.id, decision: 'dismissed', answer: '已核实，情况属实。', ip: null });

    // Objections are taken only while the notice runs.
    expect(await codeOf(lodgeObjection({ db: t.db, actor: { id: w.other.user.id, role: 'resident' }, applicationId: appId, reason: '公示结束后提出', ip: null, now: after }))).toBe('conflict:notice_closed');
    const board = await noticeBoard({ db: t.db, now: after });
    expect(board.flatMap((g) => g.entries).find((e) => e.applicationId === appId)?.open).toBe(false);

    const item = await inQueue(w.off.placePaths, appId, after);
    expect(item).toMatchObject({ group: 'notice_over', approvable: true, version, maskedHeadName: maskName(w.h1.user.realName) });
    expect(JSON.stringify(item)).not.toContain(w.h1.user.realName);
    // Cadres' places do not reach the official's whole queue.
    expect(await inQueue(w.a2.placePaths, appId, after)).toBeUndefined();

    const r = await transitionApplication({ db: t.db, actor: w.off, applicationId: appId, action: 'approve', expectedVersion: version, ip: null, now: after });
    expect(r.status).toBe('approved');
    version = r.version;
  });

  it('the voucher shows the code, materials and point to the household\'s own resident only', async () => {
    const v = await residentVoucher({ db: t.db, userId: w.h1.user.id, applicationId: appId });
    expect(v?.state).toBe('ready');
    expect(v?.pickupCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(v?.items).toEqual([{ material: 'rebar', tonnes: 2 }, { material: 'sand', tonnes: 20 }]);
    expect(v?.point).toMatchObject({ name: '甲镇建材大集', address: '甲镇政府西侧广场' });
    expect(await residentVoucher({ db: t.db, userId: w.other.user.id, applicationId: appId })).toBeNull();
    expect(await residentVoucher({ db: t.db, userId: w.cadre1.user.id, applicationId: appId })).toBeNull();
    expect(await residentVoucher({ db: t.db, userId: w.h1.user.id, applicationId: crypto.randomUUID() })).toBeNull();

    // Once picked up, the code is no longer handed out.
    await handOutMaterials({ db: t.db, actor: w.a1, code: v!.pickupCode!, applicationId: appId, expectedVersion: version, ip: null });
    const used = await residentVoucher({ db: t.db, userId: w.h1.user.id, applicationId: appId });
    expect(used).toMatchObject({ state: 'picked_up', pickupCode: null });
  });
});

describe('objections that are upheld, and a late objection against a stale decision', () => {
  async function caseOnNotice(grade: 'C' | 'D') {
    const h = await makeHousehold(t.db);
    await moveHousehold(h, w.v1);
    await declare(h.household.id, 'safetyGrade', grade);
    const saved = await saveApplication({ db: t.db, actor: { id: h.user.id, role: 'resident', placePaths: [] }, householdId: h.household.id, programmeCode: 'building_materials', answers: {}, submit: true, ip: null });
    await verifyFact({ db: t.db, actor: w.a1, householdId: h.household.id, key: 'safetyGrade', value: grade, method: 'appraisal', ip: null });
    const r = await transitionApplication({ db: t.db, actor: w.a1, applicationId: saved.id, action: 'recommend', expectedVersion: saved.version, ip: null });
    return { h, id: saved.id, version: r.version };
  }

  it('an upheld objection sends the case back to verification, off the board; approved after a new notice, the old objection no longer counts', async () => {
    const c = await caseOnNotice('C');
    const o = await lodgeObjection({ db: t.db, actor: { id: w.other.user.id, role: 'resident' }, applicationId: c.id, reason: '这户房屋鉴定是A级。', ip: null });
    await answerObjection({ db: t.db, actor: w.a1, objectionId: o.id, decision: 'upheld', answer: '复查鉴定报告，需重新核实。', ip: null });
    const [app] = await t.db.select().from(s.applications).where(eq(s.applications.id, c.id));
    expect(app).toMatchObject({ status: 'submitted', noticeStartsAt: null, noticeEndsAt: null, recommendedBy: null });
    // Off the public board, on the timeline, and the resident is told.
    expect((await noticeBoard({ db: t.db, limit: 500 })).flatMap((g) => g.entries.map((e) => e.applicationId))).not.toContain(c.id);
    const events = await t.db.select().from(s.applicationEvents).where(eq(s.applicationEvents.applicationId, c.id));
    expect(events.at(-1)).toMatchObject({ action: 'review_again', fromStatus: 'in_public_notice', toStatus: 'submitted', actorRole: 'system' });
    const told = await t.db.select().from(s.notifications).where(and(eq(s.notifications.userId, c.h.user.id), eq(s.notifications.kind, 'application.reviewAgain')));
    expect(told).toHaveLength(1);
    const after = new Date(Date.now() + 9 * DAY);
    // Nothing for the official to decide now.
    expect(await codeOf(transitionApplication({ db: t.db, actor: w.off, applicationId: c.id, action: 'approve', expectedVersion: app!.version, ip: null, now: after }))).toBe('conflict:wrong_state');
    expect(await inQueue(w.off.placePaths, c.id, after)).toBeUndefined();

    // Verified again and recommended: a new notice, and once it is over the case can be approved.
    const again = await transitionApplication({ db: t.db, actor: w.a1, applicationId: c.id, action: 'recommend', expectedVersion: app!.version, ip: null });
    expect(again.status).toBe('in_public_notice');
    const item = await inQueue(w.off.placePaths, c.id, after);
    expect(item).toMatchObject({ approvable: true, upheldObjections: 0 });
    const d = await transitionApplication({ db: t.db, actor: w.off, applicationId: c.id, action: 'approve', expectedVersion: again.version, ip: null, now: after });
    expect(d.status).toBe('approved');
  });

  it('an objection a cadre lodged is marked as theirs on the case page (no answer form for them), and not for another cadre', async () => {
    const c = await caseOnNotice('D');
    const o = await lodgeObjection({ db: t.db, actor: { id: w.cadre1.user.id, role: 'cadre' }, applicationId: c.id, reason: '我记得这户已经修好了。', ip: null });
    const mineFor = async (actor: Actor) => (await staffCaseDetail({ db: t.db, actor, applicationId: c.id }))!.objections.find((x) => x.id === o.id)?.mine;
    expect(await mineFor(w.a1)).toBe(true);
    expect(await mineFor(w.off)).toBe(false);
    expect(await codeOf(answerObjection({ db: t.db, actor: w.a1, objectionId: o.id, decision: 'dismissed', answer: '自己答复自己', ip: null }))).toBe('forbidden:own_objection');
  });

  it('an objection lodged after the official opened the case makes that version stale', async () => {
    const c = await caseOnNotice('D');
    await lodgeObjection({ db: t.db, actor: { id: w.other.user.id, role: 'resident' }, applicationId: c.id, reason: '请再核实一下。', ip: null });
    const after = new Date(Date.now() + 9 * DAY);
    expect(await codeOf(transitionApplication({ db: t.db, actor: w.off, applicationId: c.id, action: 'approve', expectedVersion: c.version, ip: null, now: after }))).toBe('conflict:application');
  });

  it('the voucher explains other programmes and cases not yet approved', async () => {
    const h = await makeHousehold(t.db);
    await moveHousehold(h, w.v1);
    const saved = await saveApplication({ db: t.db, actor: { id: h.user.id, role: 'resident', placePaths: [] }, householdId: h.household.id, programmeCode: 'appliance_repair', answers: { boilers: 1, heatPumps: 0 }, submit: true, ip: null });
    expect(await residentVoucher({ db: t.db, userId: h.user.id, applicationId: saved.id })).toMatchObject({ state: 'not_materials', pickupCode: null });
    const bm = await saveApplication({ db: t.db, actor: { id: h.user.id, role: 'resident', placePaths: [] }, householdId: h.household.id, programmeCode: 'building_materials', answers: {}, submit: true, ip: null });
    expect(await residentVoucher({ db: t.db, userId: h.user.id, applicationId: bm.id })).toMatchObject({ state: 'not_approved', pickupCode: null, items: [] });
  });
});

describe('a case a cadre made for a household (代办)', () => {
  it('says on each fact line whether a cadre declared it for the household or the household did, for the cadre and the official alike', async () => {
    const h = await makeHousehold(t.db);
    await moveHousehold(h, w.v1);
    // Kept by the cadre (no owner yet): the grade declared and the application sent for the household.
    await t.db.update(s.households).set({ ownerUserId: null }).where(eq(s.households.id, h.household.id));
    await t.db.insert(s.householdFacts).values({ householdId: h.household.id, key: 'safetyGrade', declaredValue: 'D', declaredAt: new Date(), declaredBy: w.a1.id });
    const saved = await saveApplication({ db: t.db, actor: w.a1, householdId: h.household.id, programmeCode: 'building_materials', answers: {}, submit: true, ip: null });
    // The head takes it over and declares the rest themselves.
    await t.db.update(s.households).set({ ownerUserId: h.user.id }).where(eq(s.households.id, h.household.id));
    await t.db.insert(s.householdFacts).values({ householdId: h.household.id, key: 'affected', declaredValue: true, declaredAt: new Date(), declaredBy: h.user.id });

    for (const actor of [w.a1, w.off]) {
      const seen = await staffCaseDetail({ db: t.db, actor, applicationId: saved.id });
      expect(seen!.application.onBehalf).toBe(true);
      const fact = (key: string) => seen!.facts.find((f) => f.key === key)!;
      expect(fact('safetyGrade').declaredForHousehold).toBe(true);
      expect(fact('affected').declaredForHousehold).toBe(false);
    }
  });
});

describe('the official queue', () => {
  it('lists recommended cases of programmes without notice and appeals; a cadre\'s own household is refused by the service', async () => {
    const h = await makeHousehold(t.db);
    await moveHousehold(h, w.v1);
    await declare(h.household.id, 'damagedBoilers', 2);
    const saved = await saveApplication({ db: t.db, actor: { id: h.user.id, role: 'resident', placePaths: [] }, householdId: h.household.id, programmeCode: 'appliance_repair', answers: { boilers: 2, heatPumps: 0 }, submit: true, ip: null });
    // Not verified yet: the cadre cannot recommend.
    expect(await codeOf(transitionApplication({ db: t.db, actor: w.a1, applicationId: saved.id, action: 'recommend', expectedVersion: saved.version, ip: null }))).toBe('conflict:rule_not_met');
    await verifyFact({ db: t.db, actor: w.a1, householdId: h.household.id, key: 'damagedBoilers', value: 2, method: 'visit', ip: null });
    await verifyFact({ db: t.db, actor: w.a1, householdId: h.household.id, key: 'damagedHeatPumps', value: 0, method: 'visit', ip: null });
    const r = await transitionApplication({ db: t.db, actor: w.a1, applicationId: saved.id, action: 'recommend', expectedVersion: saved.version, ip: null });
    expect(r.status).toBe('recommended');
    expect(await inQueue(w.off.placePaths, saved.id)).toMatchObject({ group: 'recommended', approvable: true, version: r.version });

    // A cadre's own household: the service refuses staff actions on it.
    await declare(w.cadre1.household.id, 'damagedBoilers', 1);
    const own = await saveApplication({ db: t.db, actor: { id: w.cadre1.user.id, role: 'resident', placePaths: [] }, householdId: w.cadre1.household.id, programmeCode: 'appliance_repair', answers: { boilers: 1, heatPumps: 0 }, submit: true, ip: null });
    expect(await codeOf(transitionApplication({ db: t.db, actor: w.a1, applicationId: own.id, action: 'return', expectedVersion: own.version, reason: '自己退回自己', ip: null }))).toBe('forbidden:own_household');
    const detail = await staffCaseDetail({ db: t.db, actor: w.a1, applicationId: own.id });
    expect(detail?.household.recusal).toBe('own_household');
  });
});
