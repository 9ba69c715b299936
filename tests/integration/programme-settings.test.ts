// Programme settings and grievance time limits (issue 10 item 3) on a real PostgreSQL: an
// official's change makes version 2 (programme_versions row, audit with before/after); a case
// decided before keeps its frozen entitlement while one recommended after gets the new amount;
// two officials saving at once: one wins, the other is told; a township's official and a cadre
// are refused by the action; bad params come back as field errors with nothing written; a
// closed programme takes no new application while a case already sent goes on; a grievance
// filed after a limit changes gets the new deadlines.
import { makeHousehold, seedProgrammes, useTestDatabase, type MadeHousehold } from './helpers';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import * as s from '@/db/schema';
import type { SessionUser } from '@/lib/session';
import type * as DbClient from '@/db/client';
import type * as Notifications from '@/db/queries/notifications';
import { decisionQueuePage } from '@/db/queries/cases';
import { noticeEndsAt } from '@/lib/workflow';
import { getNotifier, setNotifier } from '@/lib/notify';

const t = useTestDatabase();

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => session.user }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '10.6.6.6' }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/db/client', async (importOriginal) => ({ ...(await importOriginal<typeof DbClient>()), getDb: () => t.db }));
vi.mock('@/db/queries/notifications', async (importOriginal) => ({ ...(await importOriginal<typeof Notifications>()), drainSoon: () => undefined }));

const { updateProgrammeAction, updateGrievanceLimitAction } = await import('@/app/county/programmes/actions');
const { updateProgramme } = await import('@/server/programmes/update-programme');
const { saveApplication } = await import('@/server/applications/save-application');
const { transitionApplication } = await import('@/server/applications/transition-application');
const { fileGrievance } = await import('@/server/grievances/file-grievance');

let county: s.Place;
let township: s.Place;
let village: s.Place;
let official: SessionUser;
let townshipOfficial: SessionUser;
let cadre: SessionUser;

async function place(level: s.Place['level'], name: string, parent: s.Place | null) {
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

async function staff(role: 'cadre' | 'official', at: s.Place): Promise<SessionUser> {
  const h = await makeHousehold(t.db, { role });
  await t.db.insert(s.userPlaces).values({ userId: h.user.id, placeId: at.id });
  return { id: h.user.id, name: h.user.realName, role, placeIds: [at.id], placePaths: [at.path] };
}

function fd(values: Record<string, string | number>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.append(k, String(v));
  return f;
}

async function programme(code: s.Programme['code']) {
  const [p] = await t.db.select().from(s.programmes).where(eq(s.programmes.code, code));
  return p!;
}

async function versions(code: s.Programme['code']) {
  return t.db.select().from(s.programmeVersions).where(eq(s.programmeVersions.programmeCode, code)).orderBy(s.programmeVersions.version);
}

async function audits(action: string, entityId: string) {
  return t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.action, action), eq(s.auditEvents.entityId, entityId)));
}

/** An urban household in the village, ground floor flooded (verified): property_fee_waiver's rule passes. */
async function floodedFlat(): Promise<MadeHousehold> {
  const h = await makeHousehold(t.db);
  await t.db.update(s.households).set({ placeId: village.id, kind: 'urban', floor: 1 }).where(eq(s.households.id, h.household.id));
  await t.db.insert(s.householdFacts).values({ householdId: h.household.id, key: 'groundFloorFlooded', declaredValue: true, verifiedValue: true, verifiedAt: new Date(), verifyMethod: 'visit' });
  return h;
}

const asActor = (u: SessionUser) => ({ id: u.id, role: u.role, placePaths: u.placePaths });
const residentOf = (h: MadeHousehold) => ({ id: h.user.id, role: 'resident' as const, placePaths: [] });

async function submitted(h: MadeHousehold, code: s.Programme['code'] = 'property_fee_waiver') {
  return saveApplication({ db: t.db, actor: residentOf(h), householdId: h.household.id, programmeCode: code, answers: {}, submit: true, ip: null });
}

async function step(id: string, who: SessionUser, action: 'recommend' | 'approve') {
  const [a] = await t.db.select({ v: s.applications.version }).from(s.applications).where(eq(s.applications.id, id));
  return transitionApplication({ db: t.db, actor: asActor(who), applicationId: id, action, expectedVersion: a!.v, ip: null });
}

async function entitlementOf(id: string) {
  const [a] = await t.db.select({ e: s.applications.entitlement, status: s.applications.status }).from(s.applications).where(eq(s.applications.id, id));
  return a!;
}

/** The property-fee-waiver form as an official would send it, on the programme's current version. */
async function propertyForm(over: Record<string, string | number> = {}) {
  const p = await programme('property_fee_waiver');
  return fd({ code: 'property_fee_waiver', version: p.version, years: (p.params as { years: number }).years, noticeDays: p.noticeDays, active: String(p.active), reason: '县政府通知调整', ...over });
}

beforeAll(async () => {
  county = await place('county', '测试市', null);
  township = await place('township', '甲镇', county);
  village = await place('village', '甲村', township);
  await seedProgrammes(t.db);
  official = await staff('official', county);
  townshipOfficial = await staff('official', township);
  cadre = await staff('cadre', township);
});

describe('changing a programme', () => {
  it('writes version 2 (the trigger wrote version 1), the programme row and an audit event with before and after', async () => {
    expect((await versions('warm_winter')).map((v) => v.version)).toEqual([1]);
    session.user = official;
    const r = await updateProgrammeAction(null, fd({ code: 'warm_winter', version: 1, amountYuan: '1,200', noticeDays: '0', active: 'true', reason: '市政府第12次常务会议' }));
    expect(r).toEqual({ status: 'ok', data: { version: 2, published: 0, noticeDays: 0 } });
    const p = await programme('warm_winter');
    expect(p).toMatchObject({ version: 2, params: { amountYuan: 1200 }, updatedBy: official.id });
    const v = await versions('warm_winter');
    expect(v.map((x) => x.version)).toEqual([1, 2]);
    expect(v[1]).toMatchObject({ params: { amountYuan: 1200 }, noticeDays: 0, active: true, changedBy: official.id, reason: '市政府第12次常务会议' });
    const [a] = await audits('programme.update', 'warm_winter');
    expect(a).toMatchObject({ actorId: official.id, success: true });
    expect(a!.details).toMatchObject({ version: 2, before: { params: { amountYuan: 1000 } }, after: { params: { amountYuan: 1200 } } });
  });

  it('keeps the entitlement frozen on a decided case; a case recommended after the change gets the new amount', async () => {
    const early = await floodedFlat();
    const late = await floodedFlat();
    const decided = await submitted(early);
    await step(decided.id, cadre, 'recommend');
    await step(decided.id, official, 'approve');
    expect(await entitlementOf(decided.id)).toEqual({ status: 'approved', e: { kind: 'waiver', years: 3 } });
    const pending = await submitted(late);

    session.user = official;
    expect(await updateProgrammeAction(null, await propertyForm({ years: '5' }))).toMatchObject({ status: 'ok' });

    expect(await entitlementOf(decided.id)).toEqual({ status: 'approved', e: { kind: 'waiver', years: 3 } });
    await step(pending.id, cadre, 'recommend');
    await step(pending.id, official, 'approve');
    expect(await entitlementOf(pending.id)).toEqual({ status: 'approved', e: { kind: 'waiver', years: 5 } });
  });

  it('two officials saving on the same version at once: exactly one wins, the other is told', async () => {
    const second = await staff('official', county);
    const p = await programme('appliance_subsidy');
    const save = (who: SessionUser, boilerYuan: number) =>
      updateProgramme({ db: t.db, actor: asActor(who), code: 'appliance_subsidy', expectedVersion: p.version, change: { values: { boilerYuan: String(boilerYuan), heatPumpYuan: '5000' }, noticeDays: 7, active: true, reason: '同时保存' }, ip: null });
    const results = await Promise.allSettled([save(official, 1100), save(second, 1300)]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({ code: 'conflict:programme' });
    expect((await versions('appliance_subsidy')).map((v) => v.version)).toEqual([1, 2]);
    expect((await programme('appliance_subsidy')).version).toBe(2);
    // Through the action, the stale version is a conflict the form explains.
    session.user = official;
    expect(await updateProgrammeAction(null, fd({ code: 'appliance_subsidy', version: p.version, boilerYuan: '900', heatPumpYuan: '5000', noticeDays: '7', active: 'true', reason: '旧版本' }))).toEqual({ status: 'conflict', code: 'conflict:programme' });
    expect((await programme('appliance_subsidy')).version).toBe(2);
  });

  it('refuses an official of a township and a cadre (by action and by use case), writing nothing', async () => {
    const before = await programme('property_fee_waiver');
    const auditCount = (await audits('programme.update', 'property_fee_waiver')).length;
    session.user = townshipOfficial;
    expect(await updateProgrammeAction(null, await propertyForm({ years: '7' }))).toEqual({ status: 'forbidden' });
    expect(await updateGrievanceLimitAction(null, fd({ category: 'heating', version: 1, respondDays: '2', resolveDays: '10' }))).toEqual({ status: 'forbidden' });
    session.user = cadre;
    expect(await updateProgrammeAction(null, await propertyForm({ years: '7' }))).toEqual({ status: 'forbidden' });
    expect(await updateGrievanceLimitAction(null, fd({ category: 'heating', version: 1, respondDays: '2', resolveDays: '10' }))).toEqual({ status: 'forbidden' });
    session.user = null;
    expect(await updateProgrammeAction(null, await propertyForm({ years: '7' }))).toEqual({ status: 'unauthenticated' });
    await expect(updateProgramme({ db: t.db, actor: asActor(townshipOfficial), code: 'property_fee_waiver', expectedVersion: before.version, change: { values: { years: '7' }, noticeDays: 0, active: true, reason: '越权' }, ip: null })).rejects.toMatchObject({
      code: 'forbidden:programme_configure',
    });
    expect(await programme('property_fee_waiver')).toEqual(before);
    expect(await audits('programme.update', 'property_fee_waiver')).toHaveLength(auditCount);
    const [limit] = await t.db.select().from(s.grievanceLimits).where(eq(s.grievanceLimits.category, 'heating'));
    expect(limit).toMatchObject({ version: 1, respondDays: 3, resolveDays: 15 });
  });

  it('answers bad params, notice days and a missing reason with field errors, all at once, and writes nothing', async () => {
    const before = await programme('building_materials');
    session.user = official;
    const r = await updateProgrammeAction(null, fd({ code: 'building_materials', version: before.version, D_rebar: '-2', D_sand: 'lots', C_rebar: '', C_sand: '', noticeDays: '31', active: 'true', reason: ' ' }));
    expect(r).toEqual({
      status: 'invalid',
      fieldErrors: {
        D_rebar: ['countyProgrammes.errors.tonnes'],
        D_sand: ['countyProgrammes.errors.tonnes'],
        C_rebar: ['countyProgrammes.errors.materialsRequired'],
        noticeDays: ['countyProgrammes.errors.noticeDays'],
        reason: ['validation.reason.required'],
      },
    });
    const bad = await updateProgrammeAction(null, fd({ code: 'warm_winter', version: (await programme('warm_winter')).version, amountYuan: '12.5', noticeDays: '0', active: 'true', reason: '小数' }));
    expect(bad).toEqual({ status: 'invalid', fieldErrors: { amountYuan: ['countyProgrammes.errors.yuan'] } });
    expect(await programme('building_materials')).toEqual(before);
    expect((await versions('building_materials')).map((v) => v.version)).toEqual([1]);
    // A material left empty at one grade is simply not given: the list keeps the others.
    const ok = await updateProgrammeAction(null, fd({ code: 'building_materials', version: before.version, D_rebar: '2', D_sand: '25', C_rebar: '', C_sand: '5', noticeDays: '7', active: 'true', reason: '砂子增加' }));
    expect(ok).toMatchObject({ status: 'ok' });
    expect((await programme('building_materials')).params).toEqual({ D: [{ material: 'rebar', tonnes: 2 }, { material: 'sand', tonnes: 25 }], C: [{ material: 'sand', tonnes: 5 }] });
  });
});

describe('a closed programme', () => {
  it('takes no new application, but a case already sent goes on to the end', async () => {
    const sent = await floodedFlat();
    const fresh = await floodedFlat();
    const inProgress = await submitted(sent, 'heating_fee_waiver');
    session.user = official;
    const p = await programme('heating_fee_waiver');
    expect(await updateProgrammeAction(null, fd({ code: 'heating_fee_waiver', version: p.version, noticeDays: '0', active: 'false', reason: '供暖季结束' }))).toMatchObject({ status: 'ok' });

    await expect(submitted(fresh, 'heating_fee_waiver')).rejects.toMatchObject({ code: 'conflict:applications_closed' });
    expect(await t.db.select().from(s.applications).where(eq(s.applications.householdId, fresh.household.id))).toEqual([]);
    await step(inProgress.id, cadre, 'recommend');
    await step(inProgress.id, official, 'approve');
    expect((await entitlementOf(inProgress.id)).status).toBe('approved');
    const [v] = (await versions('heating_fee_waiver')).slice(-1);
    expect(v).toMatchObject({ active: false, reason: '供暖季结束' });
  });
});

describe('changing the notice days leaves no case where nobody can decide it', () => {
  const CODE = 'property_fee_waiver';
  const queue = async (group: 'recommended' | 'notice_over', now?: Date) => (await decisionQueuePage({ db: t.db, scopePaths: null, group, limit: 500, ...(now ? { now } : {}) })).rows.map((r) => r.id);
  const caseRow = async (id: string) => (await t.db.select().from(s.applications).where(eq(s.applications.id, id)))[0]!;
  async function setNoticeDays(days: number) {
    session.user = official;
    const r = await updateProgrammeAction(null, await propertyForm({ noticeDays: String(days), reason: `公示期改为${days}天` }));
    expect(r).toMatchObject({ status: 'ok' });
    return r as { status: 'ok'; data: { version: number; published: number; noticeDays: number } };
  }

  it('raised from 0: the cases waiting in "recommended" go on public notice in the same change (timeline, audit, board, resident told) and reach the queue when it is over', async () => {
    await setNoticeDays(0);
    const households = [await floodedFlat(), await floodedFlat()];
    const waiting = [];
    for (const h of households) {
      const c = await submitted(h);
      await step(c.id, cadre, 'recommend');
      waiting.push(c.id);
    }
    const notYet = await submitted(await floodedFlat());
    expect(await queue('recommended')).toEqual(expect.arrayContaining(waiting));
    const versionsBefore = await Promise.all(waiting.map(async (id) => (await caseRow(id)).version));

    const r = await setNoticeDays(5);
    expect(r.data).toMatchObject({ published: 2, noticeDays: 5 });
    for (const [i, id] of waiting.entries()) {
      const c = await caseRow(id);
      expect(c).toMatchObject({ status: 'in_public_notice', version: versionsBefore[i]! + 1 });
      expect(c.noticeEndsAt).toEqual(noticeEndsAt(c.noticeStartsAt!, 5));
      const events = await t.db.select().from(s.applicationEvents).where(and(eq(s.applicationEvents.applicationId, id), eq(s.applicationEvents.action, 'publish')));
      expect(events).toEqual([expect.objectContaining({ actorId: null, actorRole: 'system', fromStatus: 'recommended', toStatus: 'in_public_notice', details: { programmeVersion: r.data.version, noticeDays: 5 } })]);
      expect(await audits('application.publish', id)).toEqual([expect.objectContaining({ actorId: null, actorRole: 'system', success: true, details: expect.objectContaining({ from: 'recommended', to: 'in_public_notice' }) })]);
      expect(await t.db.select().from(s.noticeEntries).where(eq(s.noticeEntries.applicationId, id))).toEqual([expect.objectContaining({ programmeCode: CODE, endsAt: c.noticeEndsAt })]);
      const h = households[i]!;
      const notes = await t.db.select().from(s.notifications).where(and(eq(s.notifications.userId, h.user.id), eq(s.notifications.kind, 'application.in_public_notice')));
      expect(notes).toEqual([expect.objectContaining({ params: { reference: c.reference, programme: CODE }, link: `/resident/applications/${id}` })]);
      expect(await t.db.select().from(s.notificationOutbox).where(eq(s.notificationOutbox.notificationId, notes[0]!.id))).toHaveLength(1);
    }
    const [change] = (await audits('programme.update', CODE)).slice(-1);
    expect(change!.details).toMatchObject({ published: 2, after: { noticeDays: 5 } });
    // A case only sent is untouched; recommended now, it goes on notice at once as before.
    expect((await caseRow(notYet.id)).status).toBe('submitted');
    await step(notYet.id, cadre, 'recommend');
    expect((await caseRow(notYet.id)).status).toBe('in_public_notice');

    // No longer in "recommended"; in "notice over" once the notice ends, and the official can approve it then.
    expect(await queue('recommended')).not.toEqual(expect.arrayContaining([waiting[0]]));
    const over = (await caseRow(waiting[0]!)).noticeEndsAt!;
    expect(await queue('notice_over', new Date(over.getTime() - 1))).not.toContain(waiting[0]);
    expect(await queue('notice_over', over)).toEqual(expect.arrayContaining(waiting));
    const c = await caseRow(waiting[0]!);
    const approved = await transitionApplication({ db: t.db, actor: asActor(official), applicationId: c.id, action: 'approve', expectedVersion: c.version, ip: null, now: over });
    expect(approved.status).toBe('approved');
    // Saving again with the same days finds nothing more to publish.
    expect((await setNoticeDays(5)).data.published).toBe(0);
  });

  it("raised from 0: each published case's owner is told once, with one outbox row on the notifier's channel; a household with no owner account (代办) goes on notice and tells no one", async () => {
    await setNoticeDays(0);
    const owned = await floodedFlat();
    const kept = await floodedFlat();
    const ids = [];
    for (const h of [owned, kept]) {
      const c = await submitted(h);
      await step(c.id, cadre, 'recommend');
      ids.push(c.id);
    }
    await t.db.update(s.households).set({ ownerUserId: null }).where(eq(s.households.id, kept.household.id));
    const notifier = getNotifier();
    setNotifier({ channel: 'publish-test', deliver: async () => undefined });
    try {
      expect((await setNoticeDays(6)).data).toMatchObject({ published: 2, noticeDays: 6 });
    } finally {
      setNotifier(notifier);
    }
    const [ownedCase, keptCase] = [await caseRow(ids[0]!), await caseRow(ids[1]!)];
    expect([ownedCase.status, keptCase.status]).toEqual(['in_public_notice', 'in_public_notice']);
    const notes = await t.db.select().from(s.notifications).where(eq(s.notifications.kind, 'application.in_public_notice'));
    expect(notes.filter((n) => n.link === `/resident/applications/${ownedCase.id}`)).toEqual([
      expect.objectContaining({ userId: owned.user.id, params: { reference: ownedCase.reference, programme: CODE }, createdAt: ownedCase.noticeStartsAt }),
    ]);
    // The kept household's case is on the board all the same, and nobody (not its former owner either) is told.
    expect(notes.filter((n) => n.link === `/resident/applications/${keptCase.id}` || n.userId === kept.user.id)).toEqual([]);
    const mine = notes.filter((n) => n.link === `/resident/applications/${ownedCase.id}`);
    expect(await t.db.select().from(s.notificationOutbox).where(eq(s.notificationOutbox.notificationId, mine[0]!.id))).toEqual([expect.objectContaining({ channel: 'publish-test', status: 'pending' })]);
    // This change's only outbox rows are those of its notifications.
    const rows = await t.db.select().from(s.notificationOutbox).where(eq(s.notificationOutbox.channel, 'publish-test'));
    expect(rows.map((o) => o.notificationId)).toEqual([mine[0]!.id]);
  });

  it('lowered to 0: a case on the board finishes its notice, then reaches the queue; a case recommended afterwards is decided at once', async () => {
    await setNoticeDays(3);
    const onBoard = await submitted(await floodedFlat());
    await step(onBoard.id, cadre, 'recommend');
    expect((await caseRow(onBoard.id)).status).toBe('in_public_notice');
    const r = await setNoticeDays(0);
    expect(r.data.published).toBe(0);
    const c = await caseRow(onBoard.id);
    expect(c.status).toBe('in_public_notice');
    await expect(transitionApplication({ db: t.db, actor: asActor(official), applicationId: c.id, action: 'approve', expectedVersion: c.version, ip: null })).rejects.toMatchObject({ code: 'conflict:notice_running' });
    expect(await queue('notice_over', c.noticeEndsAt!)).toContain(c.id);
    expect((await transitionApplication({ db: t.db, actor: asActor(official), applicationId: c.id, action: 'approve', expectedVersion: c.version, ip: null, now: c.noticeEndsAt! })).status).toBe('approved');

    const later = await submitted(await floodedFlat());
    await step(later.id, cadre, 'recommend');
    expect((await caseRow(later.id)).status).toBe('recommended');
    expect(await queue('recommended')).toContain(later.id);
  });

  it('a case recommended while an official is saving new notice days waits for that save and goes on notice', async () => {
    await setNoticeDays(0);
    const c = await submitted(await floodedFlat());
    // The official's save holds the programme row (lockProgramme) with the new days not yet committed.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const lockTaken = new Promise<void>((r) => (locked = r));
    const saving = t.db.transaction(async (tx) => {
      await tx.select({ code: s.programmes.code }).from(s.programmes).where(eq(s.programmes.code, CODE)).for('update');
      await tx.update(s.programmes).set({ noticeDays: 4 }).where(eq(s.programmes.code, CODE));
      locked();
      await held;
    });
    await lockTaken;
    const recommending = transitionApplication({ db: t.db, actor: asActor(cadre), applicationId: c.id, action: 'recommend', expectedVersion: c.version, ip: null });
    try {
      // The recommendation is seen waiting for the programme row before the save commits.
      let waited = false;
      for (let i = 0; i < 100 && !waited; i++) {
        const w = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%from "programmes"%'`);
        waited = Number(w.rows[0]!.n) > 0;
        if (!waited) await new Promise((r) => setTimeout(r, 50));
      }
      expect(waited).toBe(true);
    } finally {
      release();
      await saving;
    }
    expect((await recommending).status).toBe('in_public_notice');
    await setNoticeDays(0);
  });
});

describe('grievance time limits', () => {
  it('a grievance filed after the limit changes gets the new deadlines; one filed before keeps its own', async () => {
    const h = await floodedFlat();
    const resident = residentOf(h);
    const filedAt = new Date('2026-11-02T02:00:00Z');
    const before = await fileGrievance({ db: t.db, actor: resident, placeId: village.id, category: 'heating', description: '暖气不热，家里有老人。', ip: null, now: filedAt });
    session.user = official;
    expect(await updateGrievanceLimitAction(null, fd({ category: 'heating', version: 1, respondDays: '1', resolveDays: '5' }))).toEqual({ status: 'ok', data: { version: 2 } });
    const [a] = await audits('programme.grievance_limit.update', 'heating');
    expect(a!.details).toMatchObject({ before: { respondDays: 3, resolveDays: 15 }, after: { respondDays: 1, resolveDays: 5 } });

    const after = await fileGrievance({ db: t.db, actor: resident, placeId: village.id, category: 'heating', description: '暖气片漏水，需要维修。', ip: null, now: filedAt });
    const other = await fileGrievance({ db: t.db, actor: resident, placeId: village.id, category: 'garbage', description: '垃圾三天没有清运了。', ip: null, now: filedAt });
    const deadlines = async (id: string) => {
      const [g] = await t.db.select({ respondBy: s.grievances.respondBy, resolveBy: s.grievances.resolveBy }).from(s.grievances).where(eq(s.grievances.id, id));
      return { respond: (g!.respondBy.getTime() - filedAt.getTime()) / 86_400_000, resolve: (g!.resolveBy.getTime() - filedAt.getTime()) / 86_400_000 };
    };
    expect(await deadlines(before.id)).toEqual({ respond: 3, resolve: 15 });
    expect(await deadlines(after.id)).toEqual({ respond: 1, resolve: 5 });
    expect(await deadlines(other.id)).toEqual({ respond: 3, resolve: 15 });
  });

  it('refuses limits out of range or in the wrong order, and a stale version', async () => {
    session.user = official;
    expect(await updateGrievanceLimitAction(null, fd({ category: 'jobs', version: 1, respondDays: '0', resolveDays: '91' }))).toEqual({
      status: 'invalid',
      fieldErrors: { respondDays: ['countyProgrammes.errors.respondDays'], resolveDays: ['countyProgrammes.errors.resolveDays'] },
    });
    expect(await updateGrievanceLimitAction(null, fd({ category: 'jobs', version: 1, respondDays: '10', resolveDays: '5' }))).toEqual({ status: 'invalid', fieldErrors: { resolveDays: ['countyProgrammes.errors.resolveBeforeRespond'] } });
    expect(await updateGrievanceLimitAction(null, fd({ category: 'jobs', version: 1, respondDays: '2', resolveDays: '10' }))).toMatchObject({ status: 'ok' });
    expect(await updateGrievanceLimitAction(null, fd({ category: 'jobs', version: 1, respondDays: '4', resolveDays: '12' }))).toEqual({ status: 'conflict', code: 'conflict:grievance_limit' });
    const [l] = await t.db.select().from(s.grievanceLimits).where(eq(s.grievanceLimits.category, 'jobs'));
    expect(l).toMatchObject({ version: 2, respondDays: 2, resolveDays: 10, updatedBy: official.id });
  });
});
