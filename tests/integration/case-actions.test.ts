// The staff case and notice-board server actions through defineAction, on a real PostgreSQL:
// each refuses the anonymous, the wrong role and a cadre of another place (as "not found"), and
// turns bad input and refusals into closed results a page can show; the allowed path works.
import { makeHousehold, seedProgrammes, useTestDatabase, type MadeHousehold } from './helpers';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import * as s from '@/db/schema';
import { setNotifier } from '@/lib/notify';
import type { SessionUser } from '@/lib/session';
import type * as DbClient from '@/db/client';

const t = useTestDatabase();

const session = { user: null as SessionUser | null };
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => session.user }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '10.7.7.7' }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/db/client', async (importOriginal) => ({ ...(await importOriginal<typeof DbClient>()), getDb: () => t.db }));

const { saveApplication } = await import('@/server/applications/save-application');
const cadreActions = await import('@/app/cadre/cases/[id]/actions');
const { decideAction } = await import('@/app/county/cases/[id]/actions');
const { approveBatchAction } = await import('@/app/county/decisions/actions');
const { lodgeObjectionAction } = await import('@/app/(public)/notice/actions');

setNotifier({ channel: 'sms', deliver: async () => undefined });

let t1: s.Place;
let t2: s.Place;
let county: s.Place;
let v1: s.Place;
let resident: MadeHousehold;
let other: MadeHousehold;
let cadre: SessionUser;
let cadreElsewhere: SessionUser;
let official: SessionUser;
let appId = '';

const asResident = (h: MadeHousehold): SessionUser => ({ id: h.user.id, name: h.user.realName, role: 'resident', placeIds: [], placePaths: [] });

async function place(level: s.Place['level'], name: string, parent: s.Place | null) {
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

async function version(id: string) {
  const [a] = await t.db.select({ v: s.applications.version, status: s.applications.status }).from(s.applications).where(eq(s.applications.id, id));
  return a!;
}

function fd(values: Record<string, string | string[]>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
  return f;
}

beforeAll(async () => {
  county = await place('county', '测试市', null);
  t1 = await place('township', '甲镇', county);
  v1 = await place('village', '甲村', t1);
  t2 = await place('township', '乙镇', county);
  await seedProgrammes(t.db);
  resident = await makeHousehold(t.db);
  other = await makeHousehold(t.db);
  await t.db.update(s.households).set({ placeId: v1.id, kind: 'urban', floor: 1 }).where(eq(s.households.id, resident.household.id));
  await t.db.insert(s.householdFacts).values({ householdId: resident.household.id, key: 'damagedBoilers', declaredValue: 1 });
  const c1 = await makeHousehold(t.db, { role: 'cadre' });
  const c2 = await makeHousehold(t.db, { role: 'cadre' });
  const off = await makeHousehold(t.db, { role: 'official' });
  cadre = { id: c1.user.id, name: c1.user.realName, role: 'cadre', placeIds: [t1.id], placePaths: [t1.path] };
  cadreElsewhere = { id: c2.user.id, name: c2.user.realName, role: 'cadre', placeIds: [t2.id], placePaths: [t2.path] };
  official = { id: off.user.id, name: off.user.realName, role: 'official', placeIds: [county.id], placePaths: [county.path] };
  await t.db.insert(s.userPlaces).values([
    { userId: cadre.id, placeId: t1.id },
    { userId: cadreElsewhere.id, placeId: t2.id },
    { userId: official.id, placeId: county.id },
  ]);
  const saved = await saveApplication({ db: t.db, actor: { id: resident.user.id, role: 'resident', placePaths: [] }, householdId: resident.household.id, programmeCode: 'appliance_repair', answers: { boilers: 1, heatPumps: 0 }, submit: true, ip: null });
  appId = saved.id;
});

describe('verifying a fact through the server action', () => {
  const input = () => fd({ applicationId: appId, key: 'damagedBoilers', value: '1', method: 'visit', note: '' });

  it('refuses the anonymous, residents, officials and a cadre of another township', async () => {
    session.user = null;
    expect(await cadreActions.verifyFactAction(null, input())).toEqual({ status: 'unauthenticated' });
    session.user = asResident(resident);
    expect(await cadreActions.verifyFactAction(null, input())).toEqual({ status: 'forbidden' });
    session.user = official;
    expect(await cadreActions.verifyFactAction(null, input())).toEqual({ status: 'forbidden' });
    session.user = cadreElsewhere;
    expect(await cadreActions.verifyFactAction(null, input())).toEqual({ status: 'not_found' });
    const [f] = await t.db.select().from(s.householdFacts).where(eq(s.householdFacts.householdId, resident.household.id));
    expect(f?.verifiedValue).toBeNull();
  });

  it('answers bad input with field errors (message keys), never a throw', async () => {
    session.user = cadre;
    const r = await cadreActions.verifyFactAction(null, fd({ applicationId: appId, key: 'damagedBoilers', value: 'lots', method: 'guess' }));
    expect(r.status).toBe('invalid');
    if (r.status === 'invalid') expect(Object.keys(r.fieldErrors).sort()).toEqual(['method']);
    const r2 = await cadreActions.verifyFactAction(null, fd({ applicationId: appId, key: 'damagedBoilers', value: 'lots', method: 'visit' }));
    expect(r2).toEqual({ status: 'invalid', fieldErrors: { value: ['cases.verify.valueInvalid'] } });
    expect((await cadreActions.verifyFactAction(null, fd({ applicationId: 'not-a-uuid', key: 'x', value: '1', method: 'visit' }))).status).toBe('invalid');
    expect((await cadreActions.verifyFactAction('garbage' as never)).status).toBe('invalid');
  });

  it('lets the cadre of the place verify', async () => {
    session.user = cadre;
    expect(await cadreActions.verifyFactAction(null, input())).toEqual({ status: 'ok', data: { key: 'damagedBoilers' } });
    expect(await cadreActions.verifyFactAction(null, fd({ applicationId: appId, key: 'damagedHeatPumps', value: '0', method: 'visit' }))).toMatchObject({ status: 'ok' });
  });
});

describe('moving a case through the server actions', () => {
  it('return needs a reason; a stale version is a conflict; others are refused', async () => {
    const { v } = await version(appId);
    session.user = cadreElsewhere;
    expect(await cadreActions.cadreTransitionAction(null, fd({ applicationId: appId, action: 'return', version: String(v), reason: '请补充照片' }))).toEqual({ status: 'not_found' });
    session.user = official;
    expect(await cadreActions.cadreTransitionAction(null, fd({ applicationId: appId, action: 'return', version: String(v), reason: '请补充照片' }))).toEqual({ status: 'forbidden' });
    session.user = cadre;
    expect(await cadreActions.cadreTransitionAction(null, fd({ applicationId: appId, action: 'return', version: String(v), reason: ' ' }))).toEqual({ status: 'invalid', fieldErrors: { reason: ['validation.reason.required'] } });
    expect(await cadreActions.cadreTransitionAction(null, fd({ applicationId: appId, action: 'approve', version: String(v) }))).toMatchObject({ status: 'invalid' });
    expect(await cadreActions.cadreTransitionAction(null, fd({ applicationId: appId, action: 'recommend', version: String(v - 1) }))).toEqual({ status: 'conflict', code: 'conflict:application' });
    // The rule passes on the verified facts: the cadre may not reject it.
    expect(await cadreActions.cadreTransitionAction(null, fd({ applicationId: appId, action: 'reject', version: String(v), reason: '不符合' }))).toEqual({ status: 'conflict', code: 'conflict:rule_met' });
  });

  it('the cadre recommends; the official approves it in a batch and is told case by case', async () => {
    session.user = cadre;
    const { v } = await version(appId);
    const r = await cadreActions.cadreTransitionAction(null, fd({ applicationId: appId, action: 'recommend', version: String(v) }));
    expect(r).toMatchObject({ status: 'ok', data: { status: 'recommended' } });

    // A second case of the household, still submitted: it cannot be approved.
    const second = await saveApplication({ db: t.db, actor: { id: resident.user.id, role: 'resident', placePaths: [] }, householdId: resident.household.id, programmeCode: 'heating_fee_waiver', answers: {}, submit: true, ip: null });
    const now = await version(appId);

    session.user = cadre;
    expect(await approveBatchAction(null, fd({ item: [`${appId}:${now.v}`] }))).toEqual({ status: 'forbidden' });
    session.user = official;
    expect(await approveBatchAction(null, fd({}))).toEqual({ status: 'invalid', fieldErrors: { item: ['cases.batch.noneSelected'] } });
    expect(await approveBatchAction(null, fd({ item: [`${crypto.randomUUID()}:1`] }))).toEqual({ status: 'not_found' });
    const batch = await approveBatchAction(null, fd({ item: [`${appId}:${now.v}`, `${second.id}:${second.version}`] }));
    expect(batch.status).toBe('ok');
    if (batch.status !== 'ok') return;
    const [a, b] = batch.data.results;
    expect(a).toMatchObject({ id: appId, ok: true, status: 'approved' });
    expect(b).toMatchObject({ id: second.id, ok: false, failure: { status: 'conflict', code: 'conflict:wrong_state' } });
    expect((await version(appId)).status).toBe('approved');

    // The same selection sent again (a double click): nothing is approved twice.
    const again = await approveBatchAction(null, fd({ item: [`${appId}:${now.v}`] }));
    expect(again.status === 'ok' && again.data.results[0]).toMatchObject({ ok: false, failure: { status: 'conflict', code: 'conflict:application' } });
    const approvals = await t.db.select().from(s.applicationEvents).where(and(eq(s.applicationEvents.applicationId, appId), eq(s.applicationEvents.action, 'approve')));
    expect(approvals).toHaveLength(1);
  });

  it('the official decision action refuses cadres and needs a reason to decline', async () => {
    const h = await makeHousehold(t.db);
    await t.db.insert(s.householdFacts).values({ householdId: h.household.id, key: 'damagedBoilers', declaredValue: 1, verifiedValue: 1 });
    await t.db.update(s.households).set({ placeId: v1.id }).where(eq(s.households.id, h.household.id));
    const saved = await saveApplication({ db: t.db, actor: { id: h.user.id, role: 'resident', placePaths: [] }, householdId: h.household.id, programmeCode: 'appliance_repair', answers: { boilers: 1, heatPumps: 0 }, submit: true, ip: null });
    session.user = cadre;
    const rec = await cadreActions.cadreTransitionAction(null, fd({ applicationId: saved.id, action: 'recommend', version: String(saved.version) }));
    expect(rec.status).toBe('ok');
    const { v } = await version(saved.id);
    expect(await decideAction(null, fd({ applicationId: saved.id, action: 'approve', version: String(v) }))).toEqual({ status: 'forbidden' });
    session.user = official;
    expect(await decideAction(null, fd({ applicationId: saved.id, action: 'decline', version: String(v), reason: '' }))).toEqual({ status: 'invalid', fieldErrors: { reason: ['validation.reason.required'] } });
    expect(await decideAction(null, fd({ applicationId: saved.id, action: 'decline', version: String(v), reason: '经复查，该户已在其他渠道获得维修。' }))).toMatchObject({ status: 'ok', data: { status: 'rejected' } });
  });
});

describe('objections through the server action', () => {
  it('needs a signed-in person, a reason, and a case on the notice board', async () => {
    const input = (reason: string) => fd({ applicationId: appId, reason });
    session.user = null;
    expect(await lodgeObjectionAction(null, input('情况不实'))).toEqual({ status: 'unauthenticated' });
    session.user = asResident(other);
    expect(await lodgeObjectionAction(null, input(''))).toEqual({ status: 'invalid', fieldErrors: { reason: ['validation.reason.required'] } });
    expect(await lodgeObjectionAction(null, input('x'.repeat(501)))).toEqual({ status: 'invalid', fieldErrors: { reason: ['validation.reason.tooLong'] } });
    // Approved, not on the board.
    expect(await lodgeObjectionAction(null, input('情况不实'))).toEqual({ status: 'not_found' });

    // Put the case on the board (arranged in the database) and object.
    await t.db.update(s.applications).set({ status: 'in_public_notice', noticeStartsAt: new Date(), noticeEndsAt: new Date(Date.now() + 5 * 86_400_000) }).where(eq(s.applications.id, appId));
    expect(await lodgeObjectionAction(null, input('据我了解这户的壁挂炉没有坏。'))).toMatchObject({ status: 'ok' });
    expect(await lodgeObjectionAction(null, input('再提一次'))).toEqual({ status: 'conflict', code: 'duplicate:objection' });
    session.user = asResident(resident);
    expect(await lodgeObjectionAction(null, input('我自己家'))).toEqual({ status: 'forbidden' });

    // Answering: residents and cadres elsewhere are refused.
    const [o] = await t.db.select().from(s.objections).where(eq(s.objections.applicationId, appId));
    const answer = fd({ objectionId: o!.id, applicationId: appId, decision: 'dismissed', answer: '已核实，情况属实。' });
    expect(await cadreActions.answerObjectionAction(null, answer)).toEqual({ status: 'forbidden' });
    session.user = cadreElsewhere;
    expect(await cadreActions.answerObjectionAction(null, answer)).toEqual({ status: 'not_found' });
    session.user = cadre;
    expect(await cadreActions.answerObjectionAction(null, fd({ objectionId: o!.id, applicationId: appId, decision: 'maybe', answer: '' }))).toMatchObject({ status: 'invalid' });
    expect(await cadreActions.answerObjectionAction(null, answer)).toEqual({ status: 'ok', data: { status: 'dismissed' } });
    expect(await cadreActions.answerObjectionAction(null, answer)).toEqual({ status: 'conflict', code: 'conflict:objection_answered' });
  });
});
