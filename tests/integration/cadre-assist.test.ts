// Assisted service (代办) on a real PostgreSQL: a cadre registers a household with no owner
// account inside their places (a head already registered is a field error, a place outside is
// refused, nothing in clear in the audit), records members and damage, applies and files a
// grievance on its behalf — each recorded as the cadre's — and a cadre of another place is
// refused every read and action by id. The claim: only the account with the head's ID number
// can ask, only a cadre of the place can confirm, once; an owned household cannot be claimed;
// two confirmations at once make one owner. While a claim waits, a cadre of the place may reveal
// the claimant's mobile number (with a reason, audited without the number) to call them in.
import { randomIdNumber, randomMobile, seedProgrammes, useTestDatabase } from './helpers';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import * as s from '@/db/schema';
import { setNotifier } from '@/lib/notify';
import { createRng, fakeChineseName } from '@/lib/pii';
import { lookupHash, sealPii } from '@/lib/protect';
import { FLOOR_MAX, FLOOR_MIN } from '@/lib/field-limits';
import type { SessionUser } from '@/lib/session';
import type * as DbClient from '@/db/client';
import type * as Navigation from 'next/navigation';
import type * as Notifications from '@/db/queries/notifications';

const t = useTestDatabase();

const session = { user: null as SessionUser | null };
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => session.user }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '10.8.8.8' }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/db/client', async (importOriginal) => ({ ...(await importOriginal<typeof DbClient>()), getDb: () => t.db }));
vi.mock('@/db/queries/notifications', async (importOriginal) => ({ ...(await importOriginal<typeof Notifications>()), drainSoon: () => undefined }));
const nav = vi.hoisted(() => ({
  Redirected: class Redirected extends Error {
    constructor(readonly url: string) {
      super(`redirect to ${url}`);
    }
  },
}));
vi.mock('next/navigation', async (importOriginal) => ({
  ...(await importOriginal<typeof Navigation>()),
  redirect: (url: string) => {
    throw new nav.Redirected(url);
  },
}));

const { createAssistedHousehold } = await import('@/server/households/create-assisted-household');
const { requestHouseholdClaim, confirmHouseholdClaim, declineHouseholdClaim } = await import('@/server/households/claim-household');
const { revealPii } = await import('@/server/households/reveal-pii');
const { findAssistHousehold, pendingClaim, placeOptionsInScope, findKeptHouseholdByHead, latestClaimEvent } = await import('@/db/queries/assist');
const { addMember } = await import('@/server/households/add-member');
const { householdDetail } = await import('@/db/queries/households');
const { cadreHouseholdDetail } = await import('@/db/queries/cadre-households');
const assist = await import('@/app/cadre/assist/actions');
const forHousehold = await import('@/app/cadre/assist/household-actions');
const claim = await import('@/app/resident/household/claim/actions');
const cadreHousehold = await import('@/app/cadre/households/[id]/actions');
const { registerResident } = await import('@/server/registration/register-resident');
const { transitionApplication } = await import('@/server/applications/transition-application');

setNotifier({ channel: 'sms', deliver: async () => undefined });

type Actor = { id: string; role: 'cadre' | 'resident' | 'official'; placePaths: string[]; conflictHouseholdIds?: string[] };
const sfx = () => randomBytes(4).toString('hex');
const sessionOf = (a: Actor): SessionUser => ({ ...a, name: '测试', placeIds: [] });
const as = (a: Actor) => {
  session.user = sessionOf(a);
};

async function place(level: s.Place['level'], parent: s.Place | null, name = `${level}-${sfx()}`): Promise<s.Place> {
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

/** An account; `idNumber` lets a test register "the same person" as a kept household's head. */
async function person(role: Actor['role'], idNumber: string = randomIdNumber(), phone: string = randomMobile()): Promise<string> {
  const [u] = await t.db
    .insert(s.users)
    .values({ role, realName: fakeChineseName(createRng(Math.floor(Math.random() * 2 ** 31))), phoneHash: lookupHash(phone), phoneEnc: sealPii(phone), idNumberHash: lookupHash(idNumber), idNumberEnc: sealPii(idNumber), passwordHash: 'unused' })
    .returning({ id: s.users.id });
  return u!.id;
}

function form(values: Record<string, string | number>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.append(k, String(v));
  return f;
}

async function answer(p: Promise<unknown>): Promise<unknown> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof nav.Redirected) return { redirect: err.url };
    throw err;
  }
}

const newHousehold = (placeId: number, idNumber = randomIdNumber()) => ({ headName: '王秀英', idNumber, phone: '', placeId, kind: 'rural', addressDetail: '三组12号' });

let townA: s.Place, a1: s.Place, townB: s.Place, b1: s.Place;
let cadreA: Actor, cadreA2: Actor, cadreB: Actor;

beforeAll(async () => {
  await seedProgrammes(t.db);
  const county = await place('county', null);
  townA = await place('township', county);
  a1 = await place('village', townA);
  townB = await place('township', county);
  b1 = await place('village', townB);
  cadreA = { id: await person('cadre'), role: 'cadre', placePaths: [townA.path] };
  cadreA2 = { id: await person('cadre'), role: 'cadre', placePaths: [a1.path] };
  cadreB = { id: await person('cadre'), role: 'cadre', placePaths: [townB.path] };
  // The staff notice goes to cadres assigned to the place (user_places), as in production.
  await t.db.insert(s.userPlaces).values([
    { userId: cadreA.id, placeId: townA.id },
    { userId: cadreA2.id, placeId: a1.id },
    { userId: cadreB.id, placeId: townB.id },
  ]);
});

/** A household kept by cadre A in village A1 (through the action), with the head's ID number. */
async function kept(idNumber = randomIdNumber()): Promise<{ id: string; idNumber: string }> {
  as(cadreA);
  const r = await assist.createAssistedHouseholdAction(form(newHousehold(a1.id, idNumber)));
  expect(r).toMatchObject({ status: 'ok' });
  return { id: (r as { data: { id: string } }).data.id, idNumber };
}

describe('registering a household on a resident’s behalf', () => {
  it('creates it with no owner, made by the cadre, audited without the ID number or name', async () => {
    const { id, idNumber } = await kept();
    const [hh] = await t.db.select().from(s.households).where(eq(s.households.id, id));
    expect(hh).toMatchObject({ ownerUserId: null, createdBy: cadreA.id, placeId: a1.id, headName: '王秀英', headIdNumberHash: lookupHash(idNumber), headPhoneEnc: null, headPhoneHash: null });
    expect(hh!.headIdNumberEnc).not.toContain(idNumber);
    const audit = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.entityId, id), eq(s.auditEvents.action, 'household.create_assisted')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: cadreA.id, actorRole: 'cadre', success: true });
    expect(JSON.stringify(audit[0]!.details)).not.toContain(idNumber);
    expect(JSON.stringify(audit[0]!.details)).not.toContain('王秀英');
  });

  it('seals and hashes the phone when one is given', async () => {
    as(cadreA);
    const phone = randomMobile();
    const r = await assist.createAssistedHouseholdAction(form({ ...newHousehold(a1.id), phone }));
    expect(r).toMatchObject({ status: 'ok' });
    const [hh] = await t.db.select().from(s.households).where(eq(s.households.id, (r as { data: { id: string } }).data.id));
    expect(hh!.headPhoneHash).toBe(lookupHash(phone));
    expect(hh!.headPhoneEnc).not.toContain(phone);
  });

  it('refuses a head already registered — kept by a cadre or a resident’s own — as a field error', async () => {
    const { idNumber } = await kept();
    as(cadreA2);
    expect(await assist.createAssistedHouseholdAction(form(newHousehold(a1.id, idNumber)))).toEqual({ status: 'invalid', fieldErrors: { idNumber: ['cadreAssist.errors.headTaken'] } });
    // A resident registered their own household with this ID number (in another township even).
    const own = randomIdNumber();
    await t.db.insert(s.households).values({ ownerUserId: await person('resident', own), headName: '李四', headIdNumberHash: lookupHash(own), headIdNumberEnc: sealPii(own), placeId: b1.id, kind: 'rural' });
    as(cadreA);
    expect(await assist.createAssistedHouseholdAction(form(newHousehold(a1.id, own)))).toEqual({ status: 'invalid', fieldErrors: { idNumber: ['cadreAssist.errors.headTaken'] } });
  });

  it('makes one household when two cadres register the same head at once', async () => {
    const idNumber = randomIdNumber();
    const results = await Promise.all([cadreA, cadreA2].map((c) => createAssistedHousehold({ db: t.db, actor: c, ip: null, input: { headName: '赵六', idNumber, phone: null, placeId: a1.id, kind: 'rural', addressDetail: '一组', building: null, unitNo: null, floor: null } })));
    expect(results.map((r) => r.status).sort()).toEqual(['duplicate_head', 'ok']);
    expect(await t.db.select({ id: s.households.id }).from(s.households).where(eq(s.households.headIdNumberHash, lookupHash(idNumber)))).toHaveLength(1);
  });

  it('offers and accepts only the cadre’s own villages; a township, another place, a resident are refused', async () => {
    as(cadreB);
    expect(await assist.createAssistedHouseholdAction(form(newHousehold(a1.id)))).toEqual({ status: 'invalid', fieldErrors: { placeId: ['cadreAssist.errors.placeRequired'] } });
    as(cadreA);
    expect(await assist.createAssistedHouseholdAction(form(newHousehold(townA.id)))).toEqual({ status: 'invalid', fieldErrors: { placeId: ['cadreAssist.errors.placeRequired'] } });
    const options = await placeOptionsInScope({ db: t.db, scopePaths: cadreA2.placePaths });
    expect(options.map((p) => p.id).sort()).toEqual([townA.id, a1.id].sort());
    expect(options.some((p) => p.id === b1.id || p.id === townB.id)).toBe(false);
    as({ id: await person('resident'), role: 'resident', placePaths: [] });
    expect(await assist.createAssistedHouseholdAction(form(newHousehold(a1.id)))).toEqual({ status: 'forbidden' });
    session.user = null;
    expect(await assist.createAssistedHouseholdAction(form(newHousehold(a1.id)))).toEqual({ status: 'unauthenticated' });
  });

  it('reports a bad ID number next to its field, keeping the others', async () => {
    as(cadreA);
    const r = await assist.createAssistedHouseholdAction(form({ ...newHousehold(a1.id), idNumber: '110101199003071234' }));
    expect(r).toMatchObject({ status: 'invalid', fieldErrors: { idNumber: [expect.stringMatching(/^validation\.idNumber\./)] } });
  });

  it('checks a flat’s floor with the resident form’s own rule: missing, 0, out of range, not a number', async () => {
    as(cadreA);
    const flat = (floor: string) => form({ ...newHousehold(a1.id), kind: 'urban', building: '3', unitNo: '2', floor });
    const floorError = async (floor: string) => ((await assist.createAssistedHouseholdAction(flat(floor))) as { fieldErrors?: Record<string, string[]> }).fieldErrors?.floor;
    expect(await floorError('')).toEqual(['cadreAssist.errors.floorRequired']);
    expect(await floorError('0')).toEqual(['household.errors.floorRange']);
    expect(await floorError(String(FLOOR_MAX + 1))).toEqual(['household.errors.floorRange']);
    expect(await floorError(String(FLOOR_MIN - 1))).toEqual(['household.errors.floorRange']);
    expect(await floorError('一楼')).toEqual(['household.errors.floor']);
    expect(await assist.createAssistedHouseholdAction(flat(String(FLOOR_MIN)))).toMatchObject({ status: 'ok' });
  });
});

describe('acting on the household’s behalf', () => {
  it('records members, damage, an application and a grievance as the cadre’s, for the household', async () => {
    const { id } = await kept();
    as(cadreA);
    const member = await forHousehold.assistAddMemberAction(form({ householdId: id, name: '王小明', relation: 'grandchild', birthYear: 2012 }));
    expect(member).toMatchObject({ status: 'ok' });
    const declared = await forHousehold.assistDeclareAction(form({ householdId: id, safetyGrade: 'C', damagedBoilers: 1, damagedHeatPumps: 0, affected: 'yes' }));
    expect(declared).toMatchObject({ status: 'ok' });
    const facts = await t.db.select().from(s.householdFacts).where(eq(s.householdFacts.householdId, id));
    expect(facts.find((f) => f.key === 'damagedBoilers')).toMatchObject({ declaredValue: 1, declaredBy: cadreA.id });

    const saved = await forHousehold.assistSaveApplicationAction(null, form({ householdId: id, programme: 'appliance_repair', intent: 'submit', 'answer.boilers': 1, 'answer.heatPumps': 0 }));
    expect(saved).toMatchObject({ status: 'ok', data: { status: 'submitted', intent: 'submit' } });
    const appId = (saved as { data: { id: string } }).data.id;
    const [app] = await t.db.select().from(s.applications).where(eq(s.applications.id, appId));
    expect(app).toMatchObject({ householdId: id, onBehalf: true, createdBy: cadreA.id, status: 'submitted' });
    const events = await t.db.select().from(s.applicationEvents).where(eq(s.applicationEvents.applicationId, appId));
    expect(events.find((e) => e.toStatus === 'submitted')).toMatchObject({ actorId: cadreA.id, actorRole: 'cadre', details: { onBehalf: true } });

    const filed = await answer(forHousehold.assistFileGrievanceAction(null, form({ householdId: id, placeId: a1.id, category: 'infrastructure', description: '屋顶漏雨，老人独居，需要尽快修。' })));
    expect(filed).toMatchObject({ redirect: expect.stringMatching(/^\/cadre\/grievances\//) });
    const [g] = await t.db.select().from(s.grievances).where(eq(s.grievances.householdId, id));
    expect(g).toMatchObject({ filedBy: cadreA.id, onBehalf: true, placeId: a1.id });

    const actions = (await t.db.select({ action: s.auditEvents.action, actorId: s.auditEvents.actorId }).from(s.auditEvents).where(eq(s.auditEvents.entityId, id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['household.create_assisted', 'household.member_add', 'household.declare']));
    const own = await t.db.select({ actorId: s.auditEvents.actorId }).from(s.auditEvents).where(eq(s.auditEvents.entityId, id));
    expect(new Set(own.map((a) => a.actorId))).toEqual(new Set([cadreA.id]));
  });

  it('resubmits a returned application on the household’s behalf, with new answers, as the cadre', async () => {
    const { id } = await kept();
    as(cadreA);
    await forHousehold.assistDeclareAction(form({ householdId: id, safetyGrade: 'C', damagedBoilers: 2, damagedHeatPumps: 0, affected: 'yes' }));
    const sent = await forHousehold.assistSaveApplicationAction(null, form({ householdId: id, programme: 'appliance_repair', intent: 'submit', 'answer.boilers': 1, 'answer.heatPumps': 0 }));
    const appId = (sent as { data: { id: string } }).data.id;
    const [before] = await t.db.select({ version: s.applications.version }).from(s.applications).where(eq(s.applications.id, appId));
    // Another cadre of the township returns it: both boilers were damaged.
    await transitionApplication({ db: t.db, actor: cadreA2, applicationId: appId, action: 'return', expectedVersion: before!.version, reason: '两台锅炉都坏了，请改为2台。', ip: null });
    const again = await forHousehold.assistSaveApplicationAction(null, form({ householdId: id, programme: 'appliance_repair', intent: 'submit', 'answer.boilers': 2, 'answer.heatPumps': 0 }));
    expect(again).toMatchObject({ status: 'ok', data: { id: appId, status: 'submitted', alreadySent: false } });
    const [app] = await t.db.select().from(s.applications).where(eq(s.applications.id, appId));
    expect(app).toMatchObject({ status: 'submitted', answers: { boilers: 2, heatPumps: 0 } });
    const events = await t.db.select().from(s.applicationEvents).where(and(eq(s.applicationEvents.applicationId, appId), eq(s.applicationEvents.action, 'resubmit')));
    expect(events).toMatchObject([{ actorId: cadreA.id, actorRole: 'cadre', details: { onBehalf: true } }]);
  });

  it('refuses a cadre of another place every read and action by id, and writes nothing', async () => {
    const { id } = await kept();
    as(cadreB);
    expect(await findAssistHousehold({ db: t.db, actor: cadreB, householdId: id })).toBeNull();
    expect(await forHousehold.assistAddMemberAction(form({ householdId: id, name: '外人甲', relation: 'other' }))).toEqual({ status: 'not_found' });
    expect(await forHousehold.assistDeclareAction(form({ householdId: id, safetyGrade: 'D', affected: 'yes' }))).toEqual({ status: 'not_found' });
    expect(await forHousehold.assistSaveApplicationAction(null, form({ householdId: id, programme: 'appliance_repair', intent: 'draft' }))).toEqual({ status: 'not_found' });
    expect(await answer(forHousehold.assistFileGrievanceAction(null, form({ householdId: id, placeId: b1.id, category: 'infrastructure', description: '不该被受理的问题描述。' })))).toEqual({ status: 'not_found' });
    expect(await assist.confirmClaimAction(form({ householdId: id, idCardChecked: 'on' }))).toEqual({ status: 'not_found' });
    expect(await t.db.select().from(s.householdMembers).where(eq(s.householdMembers.householdId, id))).toEqual([]);
    expect(await t.db.select().from(s.householdFacts).where(eq(s.householdFacts.householdId, id))).toEqual([]);
    expect(await t.db.select().from(s.applications).where(eq(s.applications.householdId, id))).toEqual([]);
    expect(await t.db.select().from(s.grievances).where(eq(s.grievances.householdId, id))).toEqual([]);
    // A resident (even of the village) has no cadre action at all.
    as({ id: await person('resident'), role: 'resident', placePaths: [] });
    expect(await forHousehold.assistAddMemberAction(form({ householdId: id, name: '外人乙', relation: 'other' }))).toEqual({ status: 'forbidden' });
  });

  it('refuses a cadre related to the household (recusal), though it is in their places', async () => {
    const { id } = await kept();
    const related: Actor = { ...cadreA, conflictHouseholdIds: [id] };
    as(related);
    expect(await forHousehold.assistAddMemberAction(form({ householdId: id, name: '王小红', relation: 'child' }))).toEqual({ status: 'forbidden' });
    expect(await forHousehold.assistSaveApplicationAction(null, form({ householdId: id, programme: 'appliance_repair', intent: 'draft' }))).toEqual({ status: 'forbidden' });
  });
});

describe('claiming a kept household', () => {
  it('lets the head of a kept household register (to claim it), but not the head of one an account manages', async () => {
    const { id, idNumber } = await kept();
    const r = await registerResident({ db: t.db, input: { realName: '王秀英', idNumber, phone: randomMobile(), password: 'flood-relief-2023', locale: 'zh-CN' }, ip: `10.9.${Math.floor(Math.random() * 250)}.1` });
    expect(r).toMatchObject({ status: 'ok' });
    const userId = (r as { userId: string }).userId;
    expect(await requestHouseholdClaim({ db: t.db, actor: { id: userId, role: 'resident', placePaths: [] }, ip: null })).toEqual({ status: 'ok', householdId: id, alreadyAsked: false });
    await confirmHouseholdClaim({ db: t.db, actor: cadreA, householdId: id, idCardChecked: true, ip: null });
    // Now the household has an owner: its head's ID number is taken for a second registration.
    const again = await registerResident({ db: t.db, input: { realName: '王秀英', idNumber, phone: randomMobile(), password: 'flood-relief-2023', locale: 'zh-CN' }, ip: `10.9.${Math.floor(Math.random() * 250)}.2` });
    expect(again).toEqual({ status: 'taken', phone: false, idNumber: true });
  });

  it('lets the registered head ask once; a cadre of the place confirms; the resident owns and is told', async () => {
    const { id, idNumber } = await kept();
    const residentId = await person('resident', idNumber);
    const resident: Actor = { id: residentId, role: 'resident', placePaths: [] };
    expect(await findKeptHouseholdByHead({ db: t.db, idNumberHash: lookupHash(idNumber) })).toMatchObject({ id });

    as(resident);
    expect(await claim.requestClaimAction(form({}))).toEqual({ status: 'ok', data: { alreadyAsked: false } });
    expect(await claim.requestClaimAction(form({}))).toEqual({ status: 'ok', data: { alreadyAsked: true } });
    // Both cadres above the village are told, once each; the other township's cadre is not.
    const notices = await t.db.select({ userId: s.notifications.userId }).from(s.notifications).where(and(eq(s.notifications.kind, 'staff.householdClaimRequested'), eq(s.notifications.link, `/cadre/assist/${id}`)));
    expect(notices.map((n) => n.userId).sort()).toEqual([cadreA.id, cadreA2.id].sort());
    // Asking changes nothing yet: the household still has no owner.
    expect((await t.db.select({ o: s.households.ownerUserId }).from(s.households).where(eq(s.households.id, id)))[0]!.o).toBeNull();
    expect(await pendingClaim({ db: t.db, actor: cadreA, householdId: id })).toMatchObject({ userId: residentId });
    expect(await pendingClaim({ db: t.db, actor: cadreB, householdId: id })).toBeNull();

    as(cadreA2);
    expect(await answer(assist.confirmClaimAction(form({ householdId: id, idCardChecked: 'on' })))).toEqual({ redirect: `/cadre/assist/${id}?saved=claimed` });
    expect((await t.db.select({ o: s.households.ownerUserId }).from(s.households).where(eq(s.households.id, id)))[0]!.o).toBe(residentId);
    const audit = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.entityId, id), eq(s.auditEvents.action, 'household.claim_confirmed')));
    expect(audit).toMatchObject([{ actorId: cadreA2.id, details: { ownerUserId: residentId } }]);
    expect(await t.db.select({ kind: s.notifications.kind }).from(s.notifications).where(eq(s.notifications.userId, residentId))).toEqual([{ kind: 'household.claimConfirmed' }]);

    // Done once: confirming again or asking again finds it owned.
    as(cadreA);
    expect(await assist.confirmClaimAction(form({ householdId: id, idCardChecked: 'on' }))).toEqual({ status: 'conflict', code: 'conflict:claim_owned' });
    as(resident);
    expect(await claim.requestClaimAction(form({}))).toEqual({ status: 'conflict', code: 'conflict:claim_owned' });
    expect(await pendingClaim({ db: t.db, actor: cadreA, householdId: id })).toBeNull();
  });

  it('refuses a different registered person: nothing to claim, nothing a cadre can confirm', async () => {
    const { id } = await kept();
    const other: Actor = { id: await person('resident'), role: 'resident', placePaths: [] };
    as(other);
    expect(await claim.requestClaimAction(form({}))).toEqual({ status: 'conflict', code: 'conflict:claim_none' });
    expect(await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.entityId, id), eq(s.auditEvents.action, 'household.claim_requested')))).toEqual([]);
    as(cadreA);
    expect(await assist.confirmClaimAction(form({ householdId: id, idCardChecked: 'on' }))).toEqual({ status: 'conflict', code: 'conflict:claim_no_claim' });
    expect((await t.db.select({ o: s.households.ownerUserId }).from(s.households).where(eq(s.households.id, id)))[0]!.o).toBeNull();
  });

  it('refuses a household that already has an owner, and an account that already owns one', async () => {
    // The head registered their own household: nothing is kept for them.
    const own = randomIdNumber();
    const ownerId = await person('resident', own);
    await t.db.insert(s.households).values({ ownerUserId: ownerId, headName: '钱七', headIdNumberHash: lookupHash(own), headIdNumberEnc: sealPii(own), placeId: a1.id, kind: 'rural' });
    as({ id: ownerId, role: 'resident', placePaths: [] });
    expect(await claim.requestClaimAction(form({}))).toEqual({ status: 'conflict', code: 'conflict:claim_owned' });

    // An account that manages another household (it took one over) cannot take a second.
    const { id, idNumber } = await kept();
    const twiceId = await person('resident', idNumber);
    const spare = randomIdNumber();
    await t.db.insert(s.households).values({ ownerUserId: twiceId, headName: '孙八', headIdNumberHash: lookupHash(spare), headIdNumberEnc: sealPii(spare), placeId: a1.id, kind: 'rural' });
    as({ id: twiceId, role: 'resident', placePaths: [] });
    expect(await claim.requestClaimAction(form({}))).toEqual({ status: 'conflict', code: 'conflict:claim_has_household' });
    expect((await t.db.select({ o: s.households.ownerUserId }).from(s.households).where(eq(s.households.id, id)))[0]!.o).toBeNull();
  });

  it('makes exactly one owner when two cadres confirm at once', async () => {
    const { id, idNumber } = await kept();
    const residentId = await person('resident', idNumber);
    await requestHouseholdClaim({ db: t.db, actor: { id: residentId, role: 'resident', placePaths: [] }, ip: null });
    const results = await Promise.all([cadreA, cadreA2, cadreA].map((c) => confirmHouseholdClaim({ db: t.db, actor: c, householdId: id, idCardChecked: true, ip: null })));
    expect(results.filter((r) => r.status === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'owned')).toHaveLength(2);
    expect(await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.entityId, id), eq(s.auditEvents.action, 'household.claim_confirmed')))).toHaveLength(1);
    expect(await t.db.select().from(s.notifications).where(and(eq(s.notifications.userId, residentId), eq(s.notifications.kind, 'household.claimConfirmed')))).toHaveLength(1);
  });

  it('lets the new owner act as the household’s resident; the cadre reads it and files grievances for it, but no longer keeps its records', async () => {
    const { id, idNumber } = await kept();
    const residentId = await person('resident', idNumber);
    await requestHouseholdClaim({ db: t.db, actor: { id: residentId, role: 'resident', placePaths: [] }, ip: null });
    await confirmHouseholdClaim({ db: t.db, actor: cadreA, householdId: id, idCardChecked: true, ip: null });
    expect(await findAssistHousehold({ db: t.db, actor: { id: residentId, role: 'resident', placePaths: [] }, householdId: id })).toMatchObject({ id, ownerUserId: residentId });
    expect(await findAssistHousehold({ db: t.db, actor: cadreA, householdId: id })).toMatchObject({ id });

    // Members, damage and applications are the owner's now: the cadre's assisted forms are refused, and write nothing.
    as(cadreA);
    const claimed = { status: 'conflict', code: 'conflict:household_claimed' };
    expect(await forHousehold.assistAddMemberAction(form({ householdId: id, name: '王小红', relation: 'child' }))).toEqual(claimed);
    expect(await forHousehold.assistDeclareAction(form({ householdId: id, safetyGrade: 'D', affected: 'yes' }))).toEqual(claimed);
    expect(await forHousehold.assistSaveApplicationAction(null, form({ householdId: id, programme: 'appliance_repair', intent: 'draft' }))).toEqual(claimed);
    expect(await t.db.select().from(s.householdMembers).where(eq(s.householdMembers.householdId, id))).toEqual([]);
    expect(await t.db.select().from(s.householdFacts).where(eq(s.householdFacts.householdId, id))).toEqual([]);
    expect(await t.db.select().from(s.applications).where(eq(s.applications.householdId, id))).toEqual([]);
    // The use cases refuse it themselves too, whatever calls them.
    await expect(addMember({ db: t.db, actor: cadreA, householdId: id, ip: null, member: { name: '王小红', relation: 'child', idNumber: null, birthYear: null } })).rejects.toMatchObject({ code: 'conflict:household_claimed' });
    // A grievance for the household is still the cadre's to file (a visit's needs become one for any household).
    expect(await answer(forHousehold.assistFileGrievanceAction(null, form({ householdId: id, placeId: a1.id, category: 'infrastructure', description: '院墙倒了一段，需要帮助修补。' })))).toMatchObject({ redirect: expect.stringMatching(/^\/cadre\/grievances\//) });
  });

  it('shows the new owner which members and declarations a cadre recorded for them, and not what they add themselves', async () => {
    const { id, idNumber } = await kept();
    as(cadreA);
    expect(await forHousehold.assistAddMemberAction(form({ householdId: id, name: '王小明', relation: 'grandchild', birthYear: 2012 }))).toMatchObject({ status: 'ok' });
    expect(await forHousehold.assistDeclareAction(form({ householdId: id, safetyGrade: 'C', damagedBoilers: 1, damagedHeatPumps: 0, affected: 'yes' }))).toMatchObject({ status: 'ok' });
    const residentId = await person('resident', idNumber);
    const resident: Actor = { id: residentId, role: 'resident', placePaths: [] };
    await requestHouseholdClaim({ db: t.db, actor: resident, ip: null });
    await confirmHouseholdClaim({ db: t.db, actor: cadreA, householdId: id, idCardChecked: true, ip: null });
    await addMember({ db: t.db, actor: resident, householdId: id, ip: null, member: { name: '王小红', relation: 'child', idNumber: null, birthYear: 1990 } });

    const detail = await householdDetail({ db: t.db, householdId: id });
    expect(detail!.members.map((m) => [m.name, m.forHousehold])).toEqual([
      ['王小明', true],
      ['王小红', false],
    ]);
    expect(detail!.facts.find((f) => f.key === 'damagedBoilers')).toMatchObject({ declaredValue: 1, declaredForHousehold: true });
  });

  it('confirms only with the tick that the ID card was checked in person', async () => {
    const { id, idNumber } = await kept();
    const residentId = await person('resident', idNumber);
    await requestHouseholdClaim({ db: t.db, actor: { id: residentId, role: 'resident', placePaths: [] }, ip: null });
    as(cadreA);
    expect(await assist.confirmClaimAction(form({ householdId: id }))).toEqual({ status: 'invalid', fieldErrors: { idCardChecked: ['cadreAssist.claim.errors.idCheckRequired'] } });
    expect((await t.db.select({ o: s.households.ownerUserId }).from(s.households).where(eq(s.households.id, id)))[0]!.o).toBeNull();
    expect(await answer(assist.confirmClaimAction(form({ householdId: id, idCardChecked: 'on' })))).toEqual({ redirect: `/cadre/assist/${id}?saved=claimed` });
    const audit = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.entityId, id), eq(s.auditEvents.action, 'household.claim_confirmed')));
    expect(audit).toMatchObject([{ actorId: cadreA.id, details: { ownerUserId: residentId, idCardChecked: true } }]);
  });

  it('lets a cadre refuse a claim with a reason: the claimant is told, nothing is handed over, and they may ask again', async () => {
    const { id, idNumber } = await kept();
    const residentId = await person('resident', idNumber);
    const resident: Actor = { id: residentId, role: 'resident', placePaths: [] };
    await requestHouseholdClaim({ db: t.db, actor: resident, ip: null });

    // Another township's cadre cannot refuse it; a reason is required.
    as(cadreB);
    expect(await assist.declineClaimAction(form({ householdId: id, reason: 'not_head' }))).toEqual({ status: 'not_found' });
    as(cadreA);
    expect(await assist.declineClaimAction(form({ householdId: id }))).toEqual({ status: 'invalid', fieldErrors: { reason: ['cadreAssist.claim.errors.reasonRequired'] } });
    expect(await answer(assist.declineClaimAction(form({ householdId: id, reason: 'not_head' })))).toEqual({ redirect: `/cadre/assist/${id}?saved=declined` });

    expect((await t.db.select({ o: s.households.ownerUserId }).from(s.households).where(eq(s.households.id, id)))[0]!.o).toBeNull();
    expect(await latestClaimEvent({ db: t.db, householdId: id })).toMatchObject({ kind: 'declined', userId: residentId, reason: 'not_head' });
    expect(await pendingClaim({ db: t.db, actor: cadreA, householdId: id })).toBeNull();
    expect(await t.db.select({ kind: s.notifications.kind }).from(s.notifications).where(eq(s.notifications.userId, residentId))).toEqual([{ kind: 'household.claimDeclined' }]);
    // Nothing waits now: neither a confirmation nor a second refusal has anything to act on.
    expect(await assist.confirmClaimAction(form({ householdId: id, idCardChecked: 'on' }))).toEqual({ status: 'conflict', code: 'conflict:claim_no_claim' });
    expect(await assist.declineClaimAction(form({ householdId: id, reason: 'not_head' }))).toEqual({ status: 'conflict', code: 'conflict:claim_no_claim' });

    // After an in-person check the resident asks again, and this time it is confirmed.
    as(resident);
    expect(await claim.requestClaimAction(form({}))).toEqual({ status: 'ok', data: { alreadyAsked: false } });
    expect(await pendingClaim({ db: t.db, actor: cadreA, householdId: id })).toMatchObject({ userId: residentId });
    as(cadreA);
    expect(await answer(assist.confirmClaimAction(form({ householdId: id, idCardChecked: 'on' })))).toEqual({ redirect: `/cadre/assist/${id}?saved=claimed` });
  });

  it('lets a cadre of the place reveal the waiting claimant’s mobile number with a reason, audited without it; not elsewhere, nor once the claim is dealt with', async () => {
    const { id, idNumber } = await kept();
    const phone = randomMobile();
    const residentId = await person('resident', idNumber, phone);
    const resident: Actor = { id: residentId, role: 'resident', placePaths: [] };
    const why = '请本人带身份证来核对';
    const reveal = () => cadreHousehold.revealPiiAction(form({ householdId: id, field: 'claimantPhone', reason: why }));
    const revealed = () => t.db.select({ actorId: s.auditEvents.actorId, details: s.auditEvents.details }).from(s.auditEvents).where(and(eq(s.auditEvents.entityId, id), eq(s.auditEvents.action, 'pii.reveal'), eq(s.auditEvents.success, true)));

    // Nobody has asked yet: there is no claimant's number to reveal.
    as(cadreA);
    expect(await reveal()).toEqual({ status: 'not_found' });
    await requestHouseholdClaim({ db: t.db, actor: resident, ip: null });

    // Another township's cadre does not reach the household; a reason is still required here.
    as(cadreB);
    expect(await reveal()).toEqual({ status: 'not_found' });
    await expect(revealPii({ db: t.db, actor: cadreB, householdId: id, field: 'claimantPhone', reason: why, ip: null })).rejects.toMatchObject({ code: 'not_found:household' });
    as(cadreA);
    // The one reveal-reason rule (lib/ledger/reveal.ts), each refusal with its own words.
    for (const [reason, key] of [['看看', 'reasonTooShort'], ['   ', 'reasonRequired'], ['核'.repeat(201), 'reasonTooLong']] as const) {
      expect(await cadreHousehold.revealPiiAction(form({ householdId: id, field: 'claimantPhone', reason }))).toEqual({ status: 'invalid', fieldErrors: { reason: [`cadreHouseholds.reveal.${key}`] } });
    }
    expect(await revealed()).toEqual([]);

    // The cadre of the place sees the number; the audit row holds the field and the reason, never the number.
    expect(await reveal()).toEqual({ status: 'ok', data: { field: 'claimantPhone', value: phone } });
    expect(await revealed()).toEqual([{ actorId: cadreA.id, details: { field: 'claimantPhone', reason: why } }]);
    const all = await t.db.select({ details: s.auditEvents.details }).from(s.auditEvents).where(eq(s.auditEvents.entityId, id));
    expect(JSON.stringify(all)).not.toContain(phone);
    // The household page's list of who looked names it as the claimant's number, with the reason.
    expect((await cadreHouseholdDetail({ db: t.db, actor: cadreA, householdId: id }))!.reveals).toMatchObject([{ field: 'claimantPhone', reason: why, byMe: true }]);

    // Refused: nobody waits, so nothing to call.
    await declineHouseholdClaim({ db: t.db, actor: cadreA, householdId: id, reason: 'not_verified', ip: null });
    expect(await reveal()).toEqual({ status: 'not_found' });
    await expect(revealPii({ db: t.db, actor: cadreA, householdId: id, field: 'claimantPhone', reason: why, ip: null })).rejects.toMatchObject({ code: 'not_found:claim' });

    // Asked again and confirmed: the household has an owner, and no claimant any more.
    await requestHouseholdClaim({ db: t.db, actor: resident, ip: null });
    as(cadreA2);
    expect(await reveal()).toEqual({ status: 'ok', data: { field: 'claimantPhone', value: phone } });
    await confirmHouseholdClaim({ db: t.db, actor: cadreA, householdId: id, idCardChecked: true, ip: null });
    expect(await reveal()).toEqual({ status: 'not_found' });
    await expect(revealPii({ db: t.db, actor: cadreA, householdId: id, field: 'claimantPhone', reason: why, ip: null })).rejects.toMatchObject({ code: 'not_found:claim' });

    // Only the two reveals that showed the number are recorded as reveals; each refusal of the
    // action is in the log as a refusal, with no number either.
    expect((await revealed()).map((r) => r.actorId)).toEqual([cadreA.id, cadreA2.id]);
    const refusals = await t.db.select({ details: s.auditEvents.details }).from(s.auditEvents).where(and(eq(s.auditEvents.action, 'household.pii.reveal'), eq(s.auditEvents.success, false), eq(s.auditEvents.actorId, cadreA2.id)));
    expect(refusals).toEqual([{ details: { refused: 'not_found', stage: 'use_case' } }]);
  });
});
