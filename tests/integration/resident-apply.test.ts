// The resident's side of applications on a real PostgreSQL server: the reads behind the
// benefits, apply and track pages; save a draft then submit; idempotent submission (5 at once,
// 3 retries: one application, one 'submit' event, one audit line); withdraw with a stale and a
// fresh version; appeal inside and outside the 15-day window; another resident refused — at
// the data layer and through the server actions themselves (session and headers mocked).
import { codeOf, makeHousehold, seedProgrammes, useTestDatabase, type MadeHousehold } from './helpers';
import { and, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as DbClient from '@/db/client';
import type * as Notifications from '@/db/queries/notifications';
import * as s from '@/db/schema';
import { applicationTimeline, findReachableApplication } from '@/db/queries/applications';
import { mayReach } from '@/lib/permissions';
import { saveApplication } from '@/server/applications/save-application';
import { transitionApplication } from '@/server/applications/transition-application';
import * as q from '@/db/queries/resident-applications';
import { saveApplicationAction } from '@/app/resident/apply/[programme]/actions';
import { appealApplicationAction, withdrawApplicationAction } from '@/app/resident/applications/[id]/actions';

// The server actions run against this file's database, as the person in `mocks.user` (vi.mock is hoisted above the imports).
const mocks = vi.hoisted(() => ({ db: null as unknown, user: null as null | { id: string; name: string; role: 'resident' | 'cadre' | 'official'; placeIds: number[]; placePaths: string[] } }));
vi.mock('@/db/client', async (importOriginal) => ({ ...(await importOriginal<typeof DbClient>()), getDb: () => mocks.db }));
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => mocks.user }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '10.2.3.4' }) }));
vi.mock('@/db/queries/notifications', async (importOriginal) => ({ ...(await importOriginal<typeof Notifications>()), drainSoon: () => {} }));

const t = useTestDatabase();
const DAY = 86_400_000;

type Actor = { id: string; role: 'resident' | 'cadre' | 'official'; placePaths: string[] };
const actorOf = (m: MadeHousehold): Actor => ({ id: m.user.id, role: m.user.role, placePaths: [] });
const sessionOf = (m: MadeHousehold) => ({ id: m.user.id, name: m.user.realName, role: m.user.role, placeIds: [], placePaths: [] });

let mine: MadeHousehold;
let other: MadeHousehold;
let cadre: MadeHousehold;

async function count(table: 'events' | 'audit', where: { applicationId?: string; action: string }): Promise<number> {
  if (table === 'events') {
    const [r] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(s.applicationEvents)
      .where(and(eq(s.applicationEvents.applicationId, where.applicationId!), eq(s.applicationEvents.action, where.action)));
    return Number(r!.n);
  }
  const [r] = await t.db
    .select({ n: sql<number>`count(*)::int` })
    .from(s.auditEvents)
    .where(and(eq(s.auditEvents.entityId, where.applicationId!), eq(s.auditEvents.action, where.action)));
  return Number(r!.n);
}

async function declare(householdId: string, facts: Record<string, unknown>) {
  await t.db.insert(s.householdFacts).values(Object.entries(facts).map(([key, value]) => ({ householdId, key: key as s.HouseholdFact['key'], declaredValue: value, declaredAt: new Date() })));
}

async function upload(owner: MadeHousehold, target: { householdId?: string | null; applicationId?: string | null }, kind: s.Upload['kind'] = 'invoice') {
  const [u] = await t.db
    .insert(s.uploads)
    .values({ ownerUserId: owner.user.id, householdId: target.householdId ?? null, applicationId: target.applicationId ?? null, kind, mime: 'image/jpeg', sizeBytes: 1000, storageKey: `2026/01/${randomUUID()}.jpg`, sha256: 'x'.repeat(64) })
    .returning();
  return u!;
}

/** A household of its own (urban, ground floor flooded and one damaged boiler declared), owned by a new resident. */
async function freshResident(): Promise<MadeHousehold> {
  const m = await makeHousehold(t.db);
  await t.db.update(s.households).set({ kind: 'urban', floor: 1 }).where(eq(s.households.id, m.household.id));
  await declare(m.household.id, { groundFloorFlooded: true, damagedBoilers: 1, affected: true });
  return m;
}

beforeAll(async () => {
  mocks.db = t.db;
  await seedProgrammes(t.db);
  mine = await freshResident();
  other = await freshResident();
  cadre = await makeHousehold(t.db, { role: 'cadre' });
});

describe('reads behind the resident pages', () => {
  it('residentHousehold finds only the household the person owns', async () => {
    const hh = await q.residentHousehold({ db: t.db, userId: mine.user.id });
    expect(hh).toMatchObject({ id: mine.household.id, kind: 'urban', ownerUserId: mine.user.id, placePath: mine.place.path });
    expect(await q.residentHousehold({ db: t.db, userId: randomUUID() })).toBeNull();
  });

  it('householdProgrammeApplication and residentApplications see only that household', async () => {
    const r = await freshResident();
    expect(await q.householdProgrammeApplication({ db: t.db, householdId: r.household.id, programmeCode: 'heating_fee_waiver' })).toBeNull();
    const a = await saveApplication({ db: t.db, actor: actorOf(r), householdId: r.household.id, programmeCode: 'heating_fee_waiver', answers: {}, submit: false, ip: null });
    const b = await saveApplication({ db: t.db, actor: actorOf(r), householdId: r.household.id, programmeCode: 'appliance_repair', answers: { boilers: 1, heatPumps: 0 }, submit: true, ip: null });
    await saveApplication({ db: t.db, actor: actorOf(other), householdId: other.household.id, programmeCode: 'property_fee_waiver', answers: {}, submit: true, ip: null });
    expect((await q.householdProgrammeApplication({ db: t.db, householdId: r.household.id, programmeCode: 'heating_fee_waiver' }))?.id).toBe(a.id);
    const list = await q.residentApplications({ db: t.db, householdId: r.household.id });
    expect(list.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    // Newest change first.
    expect(list[0]!.id).toBe(b.id);
  });

  it('usableUploadIds keeps only the resident’s own uploads for this household', async () => {
    const r = await freshResident();
    const app = await saveApplication({ db: t.db, actor: actorOf(r), householdId: r.household.id, programmeCode: 'appliance_subsidy', answers: {}, submit: false, ip: null });
    const otherApp = await saveApplication({ db: t.db, actor: actorOf(other), householdId: other.household.id, programmeCode: 'appliance_subsidy', answers: {}, submit: false, ip: null });
    const ownOnHousehold = await upload(r, { householdId: r.household.id });
    const ownOnApp = await upload(r, { householdId: r.household.id, applicationId: app.id });
    const loose = await upload(r, {}, 'grievance_photo');
    const someoneElses = await upload(other, { householdId: other.household.id });
    const onOtherApp = await upload(other, { householdId: other.household.id, applicationId: otherApp.id });
    const ids = [ownOnHousehold.id, ownOnApp.id, loose.id, someoneElses.id, onOtherApp.id, 'not-a-uuid', randomUUID()];
    const usable = await q.usableUploadIds({ db: t.db, ids, userId: r.user.id, householdId: r.household.id, applicationId: app.id });
    expect([...usable].sort()).toEqual([ownOnHousehold.id, ownOnApp.id, loose.id].sort());
    // An id filed under a different application of the same household is not usable for this one.
    const app2 = await saveApplication({ db: t.db, actor: actorOf(r), householdId: r.household.id, programmeCode: 'appliance_repair', answers: {}, submit: false, ip: null });
    expect((await q.usableUploadIds({ db: t.db, ids: [ownOnApp.id], userId: r.user.id, householdId: r.household.id, applicationId: app2.id })).size).toBe(0);
    expect((await q.usableUploadIds({ db: t.db, ids: [], userId: r.user.id, householdId: r.household.id })).size).toBe(0);
    expect((await q.applicationUploads({ db: t.db, applicationId: app.id })).map((u) => u.id)).toEqual([ownOnApp.id]);
  });
});

describe('save a draft, then submit', () => {
  it('one application: the draft is updated, then submitted once, with one submit event and one audit line', async () => {
    const r = await freshResident();
    const actor = actorOf(r);
    const d1 = await saveApplication({ db: t.db, actor, householdId: r.household.id, programmeCode: 'heating_fee_waiver', answers: { note: '第一次' }, submit: false, idempotencyKey: randomUUID(), ip: null });
    expect(d1).toMatchObject({ status: 'draft', created: true });
    expect(d1.reference).toMatch(/^ZZ-\d{4}-\d{6}$/);
    const d2 = await saveApplication({ db: t.db, actor, householdId: r.household.id, programmeCode: 'heating_fee_waiver', answers: { note: '改过了' }, submit: false, ip: null });
    expect(d2).toMatchObject({ id: d1.id, status: 'draft', created: false });
    expect((await q.householdProgrammeApplication({ db: t.db, householdId: r.household.id, programmeCode: 'heating_fee_waiver' }))?.answers).toEqual({ note: '改过了' });

    const sent = await saveApplication({ db: t.db, actor, householdId: r.household.id, programmeCode: 'heating_fee_waiver', answers: { note: '最后' }, submit: true, ip: null });
    expect(sent).toMatchObject({ id: d1.id, reference: d1.reference, status: 'submitted' });
    expect(await count('events', { applicationId: d1.id, action: 'submit' })).toBe(1);
    expect(await count('audit', { applicationId: d1.id, action: 'application.create' })).toBe(1);
    expect(await count('audit', { applicationId: d1.id, action: 'application.submit' })).toBe(1);
    const timeline = await applicationTimeline({ db: t.db, applicationId: d1.id });
    expect(timeline.map((e) => [e.action, e.actorRole, e.toStatus])).toEqual([['submit', 'resident', 'submitted']]);
  });
});

describe('idempotent submission (TRUST I4)', () => {
  it('5 submits at once → one application, one submit event, one audit application.submit, the same id everywhere', async () => {
    const r = await freshResident();
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => saveApplication({ db: t.db, actor: actorOf(r), householdId: r.household.id, programmeCode: 'heating_fee_waiver', answers: {}, submit: true, idempotencyKey: key, ip: '10.0.0.1' })),
    );
    const ids = new Set(results.map((x) => x.id));
    expect(ids.size).toBe(1);
    const id = results[0]!.id;
    expect(results.every((x) => x.status === 'submitted')).toBe(true);
    expect(results.filter((x) => x.created)).toHaveLength(1);
    const rows = await t.db.select().from(s.applications).where(eq(s.applications.householdId, r.household.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.idempotencyKey).toBe(key);
    expect(await count('events', { applicationId: id, action: 'submit' })).toBe(1);
    expect(await count('audit', { applicationId: id, action: 'application.submit' })).toBe(1);
  });

  it('3 retries one after another → the same id and reference, nothing new written', async () => {
    const r = await freshResident();
    const send = () => saveApplication({ db: t.db, actor: actorOf(r), householdId: r.household.id, programmeCode: 'property_fee_waiver', answers: {}, submit: true, idempotencyKey: 'retry-key-0001', ip: null });
    const first = await send();
    const again = [await send(), await send(), await send()];
    for (const x of again) expect(x).toMatchObject({ id: first.id, reference: first.reference, status: 'submitted', created: false });
    expect(await count('events', { applicationId: first.id, action: 'submit' })).toBe(1);
    expect(await count('audit', { applicationId: first.id, action: 'application.submit' })).toBe(1);
  });
});

describe('withdraw', () => {
  it('with the version seen: withdrawn; a stale version is a conflict and changes nothing', async () => {
    const r = await freshResident();
    const app = await saveApplication({ db: t.db, actor: actorOf(r), householdId: r.household.id, programmeCode: 'heating_fee_waiver', answers: {}, submit: true, ip: null });
    expect(await codeOf(transitionApplication({ db: t.db, actor: actorOf(r), applicationId: app.id, action: 'withdraw', expectedVersion: app.version - 1, ip: null }))).toBe('conflict:application');
    const done = await transitionApplication({ db: t.db, actor: actorOf(r), applicationId: app.id, action: 'withdraw', expectedVersion: app.version, ip: null });
    expect(done.status).toBe('withdrawn');
    expect(await count('audit', { applicationId: app.id, action: 'application.withdraw' })).toBe(1);
    // Once withdrawn there is nothing more to withdraw.
    expect(await codeOf(transitionApplication({ db: t.db, actor: actorOf(r), applicationId: app.id, action: 'withdraw', expectedVersion: done.version, ip: null }))).toBe('conflict:wrong_state');
  });

  it('a returned application can be withdrawn too, or resubmitted with new answers', async () => {
    const r = await freshResident();
    const app = await saveApplication({ db: t.db, actor: actorOf(r), householdId: r.household.id, programmeCode: 'appliance_repair', answers: { boilers: 1, heatPumps: 0 }, submit: true, ip: null });
    await t.db.update(s.applications).set({ status: 'returned', returnReason: '请补充照片', version: app.version + 1 }).where(eq(s.applications.id, app.id));
    const re = await saveApplication({ db: t.db, actor: actorOf(r), householdId: r.household.id, programmeCode: 'appliance_repair', answers: { boilers: 1, heatPumps: 0, preferredTime: '周末' }, submit: true, ip: null });
    expect(re).toMatchObject({ id: app.id, status: 'submitted' });
    const row = await q.householdProgrammeApplication({ db: t.db, householdId: r.household.id, programmeCode: 'appliance_repair' });
    expect(row).toMatchObject({ returnReason: null, answers: { boilers: 1, heatPumps: 0, preferredTime: '周末' } });
    expect(await count('events', { applicationId: app.id, action: 'resubmit' })).toBe(1);
  });
});

describe('appeal a refusal', () => {
  async function rejected(r: MadeHousehold, rejectedAt: Date, final = false) {
    const app = await saveApplication({ db: t.db, actor: actorOf(r), householdId: r.household.id, programmeCode: 'heating_fee_waiver', answers: {}, submit: true, ip: null });
    const [row] = await t.db.update(s.applications).set({ status: 'rejected', rejectedAt, rejectionFinal: final, version: app.version + 1 }).where(eq(s.applications.id, app.id)).returning();
    return row!;
  }

  it('inside the 15 days: appealed, with the reason on the timeline', async () => {
    const r = await freshResident();
    const now = new Date();
    const app = await rejected(r, new Date(now.getTime() - 3 * DAY));
    const res = await transitionApplication({ db: t.db, actor: actorOf(r), applicationId: app.id, action: 'appeal', expectedVersion: app.version, reason: '我家确实进水了', ip: null, now });
    expect(res.status).toBe('appealed');
    const tl = await applicationTimeline({ db: t.db, applicationId: app.id });
    expect(tl.at(-1)).toMatchObject({ action: 'appeal', actorRole: 'resident', reason: '我家确实进水了' });
  });

  it('after the window, or after a final decision, or without a reason: refused', async () => {
    const r = await freshResident();
    const now = new Date();
    const late = await rejected(r, new Date(now.getTime() - 20 * DAY));
    expect(await codeOf(transitionApplication({ db: t.db, actor: actorOf(r), applicationId: late.id, action: 'appeal', expectedVersion: late.version, reason: '理由充分', ip: null, now }))).toBe('conflict:appeal_window_closed');
    expect(await codeOf(transitionApplication({ db: t.db, actor: actorOf(r), applicationId: late.id, action: 'appeal', expectedVersion: late.version, reason: ' ', ip: null, now }))).toBe('conflict:reason_required');
    const r2 = await freshResident();
    const fin = await rejected(r2, new Date(now.getTime() - 1 * DAY), true);
    expect(await codeOf(transitionApplication({ db: t.db, actor: actorOf(r2), applicationId: fin.id, action: 'appeal', expectedVersion: fin.version, reason: '理由充分', ip: null, now }))).toBe('conflict:appeal_final');
  });
});

describe('another resident', () => {
  it('is refused by the record rule, by the scoped read and by transitionApplication as if the case did not exist', async () => {
    const app = await saveApplication({ db: t.db, actor: actorOf(mine), householdId: mine.household.id, programmeCode: 'appliance_repair', answers: { boilers: 1, heatPumps: 0 }, submit: true, ip: null });
    const access = await findReachableApplication({ db: t.db, actor: actorOf(mine), applicationId: app.id });
    expect(access).not.toBeNull();
    expect(mayReach(actorOf(mine), access!)).toBe(true);
    expect(mayReach(actorOf(other), access!)).toBe(false);
    expect(await findReachableApplication({ db: t.db, actor: actorOf(other), applicationId: app.id })).toBeNull();
    expect(await codeOf(transitionApplication({ db: t.db, actor: actorOf(other), applicationId: app.id, action: 'withdraw', expectedVersion: app.version, ip: null }))).toBe('not_found:application');
  });
});

describe('server actions (session mocked)', () => {
  const fd = (o: Record<string, string | string[]>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(o)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
    return f;
  };

  it('save: field errors are message keys; a valid draft then a submit make one application', async () => {
    const r = await freshResident();
    mocks.user = sessionOf(r);
    // Damage declared: 1 boiler, so asking for 3 is refused; 0 + 0 asks for nothing.
    const tooMany = await saveApplicationAction(null, fd({ programme: 'appliance_repair', intent: 'submit', 'answer.boilers': '3', 'answer.heatPumps': '0' }));
    expect(tooMany).toEqual({ status: 'invalid', fieldErrors: { boilers: ['apply.validation.max'] } });
    const blank = await saveApplicationAction(null, fd({ programme: 'appliance_repair', intent: 'submit', 'answer.boilers': '', 'answer.heatPumps': 'abc' }));
    expect(blank).toEqual({ status: 'invalid', fieldErrors: { boilers: ['apply.validation.required'], heatPumps: ['apply.validation.wholeNumber'] } });
    const none = await saveApplicationAction(null, fd({ programme: 'appliance_repair', intent: 'submit', 'answer.boilers': '0', 'answer.heatPumps': '0' }));
    expect(none).toEqual({ status: 'invalid', fieldErrors: { boilers: ['apply.errors.atLeastOneUnit'] } });
    expect(await q.householdProgrammeApplication({ db: t.db, householdId: r.household.id, programmeCode: 'appliance_repair' })).toBeNull();

    // A draft may leave required fields empty.
    const draft = await saveApplicationAction(null, fd({ programme: 'appliance_repair', intent: 'draft', 'answer.boilers': '', 'answer.heatPumps': '0', 'answer.preferredTime': '上午', idempotencyKey: randomUUID() }));
    expect(draft).toMatchObject({ status: 'ok', data: { status: 'draft', intent: 'draft', alreadySent: false } });
    const stored = await q.householdProgrammeApplication({ db: t.db, householdId: r.household.id, programmeCode: 'appliance_repair' });
    expect(stored?.answers).toEqual({ heatPumps: 0, preferredTime: '上午' });

    const sent = await saveApplicationAction(null, fd({ programme: 'appliance_repair', intent: 'submit', 'answer.boilers': '1', 'answer.heatPumps': '0', 'answer.preferredTime': '上午' }));
    expect(sent).toMatchObject({ status: 'ok', data: { status: 'submitted', intent: 'submit' } });
    if (sent.status === 'ok' && draft.status === 'ok') expect(sent.data.id).toBe(draft.data.id);
    // Sent again (double click after the first answer): the same application, told it was already sent.
    const again = await saveApplicationAction(null, fd({ programme: 'appliance_repair', intent: 'submit', 'answer.boilers': '1', 'answer.heatPumps': '0' }));
    expect(again).toMatchObject({ status: 'ok', data: { status: 'submitted', alreadySent: true } });
    // Automatic programmes take no application.
    expect(await saveApplicationAction(null, fd({ programme: 'warm_winter', intent: 'submit' }))).toEqual({ status: 'error', code: 'invalid:programme_automatic' });
  });

  it('save: an invoice id that is not the resident’s own is refused; their own is filed under the application', async () => {
    const r = await freshResident();
    await declare(r.household.id, { repairImpossible: true });
    mocks.user = sessionOf(r);
    const theirs = await upload(other, { householdId: other.household.id });
    const refused = await saveApplicationAction(null, fd({ programme: 'appliance_subsidy', intent: 'submit', 'answer.boilers': '1', 'answer.heatPumps': '0', 'answer.invoice': theirs.id }));
    expect(refused).toEqual({ status: 'invalid', fieldErrors: { invoice: ['apply.validation.upload'] } });
    const own = await upload(r, { householdId: r.household.id });
    const ok = await saveApplicationAction(null, fd({ programme: 'appliance_subsidy', intent: 'submit', 'answer.boilers': '1', 'answer.heatPumps': '0', 'answer.invoice': own.id }));
    expect(ok).toMatchObject({ status: 'ok', data: { status: 'submitted' } });
    const [row] = await t.db.select().from(s.uploads).where(eq(s.uploads.id, own.id));
    if (ok.status === 'ok') expect(row!.applicationId).toBe(ok.data.id);
  });

  it('save: a resident without a household, or a cadre, cannot use it', async () => {
    mocks.user = { id: randomUUID(), name: '无户', role: 'resident', placeIds: [], placePaths: [] };
    expect(await saveApplicationAction(null, fd({ programme: 'heating_fee_waiver', intent: 'submit' }))).toEqual({ status: 'not_found' });
    mocks.user = sessionOf(cadre);
    expect(await saveApplicationAction(null, fd({ programme: 'heating_fee_waiver', intent: 'submit' }))).toEqual({ status: 'forbidden' });
    mocks.user = null;
    expect(await saveApplicationAction(null, fd({ programme: 'heating_fee_waiver', intent: 'submit' }))).toEqual({ status: 'unauthenticated' });
  });

  it('withdraw: another resident gets not_found; a stale version a conflict; the owner withdraws', async () => {
    const r = await freshResident();
    const app = await saveApplication({ db: t.db, actor: actorOf(r), householdId: r.household.id, programmeCode: 'heating_fee_waiver', answers: {}, submit: true, ip: null });
    mocks.user = sessionOf(other);
    expect(await withdrawApplicationAction(null, fd({ id: app.id, expectedVersion: String(app.version) }))).toEqual({ status: 'not_found' });
    mocks.user = sessionOf(r);
    expect(await withdrawApplicationAction(null, fd({ id: 'not-a-uuid', expectedVersion: '1' }))).toMatchObject({ status: 'invalid' });
    expect(await withdrawApplicationAction(null, fd({ id: randomUUID(), expectedVersion: '1' }))).toEqual({ status: 'not_found' });
    expect(await withdrawApplicationAction(null, fd({ id: app.id, expectedVersion: String(app.version + 5) }))).toEqual({ status: 'conflict', code: 'conflict:application' });
    expect(await withdrawApplicationAction(null, fd({ id: app.id, expectedVersion: String(app.version) }))).toMatchObject({ status: 'ok', data: { status: 'withdrawn' } });
  });

  it('appeal: the reason is checked; evidence must be the resident’s own; within the window it goes through', async () => {
    const r = await freshResident();
    const app = await saveApplication({ db: t.db, actor: actorOf(r), householdId: r.household.id, programmeCode: 'heating_fee_waiver', answers: {}, submit: true, ip: null });
    const [rej] = await t.db.update(s.applications).set({ status: 'rejected', rejectedAt: new Date(Date.now() - 2 * DAY), version: app.version + 1 }).where(eq(s.applications.id, app.id)).returning();
    const v = String(rej!.version);
    mocks.user = sessionOf(other);
    expect(await appealApplicationAction(null, fd({ id: app.id, expectedVersion: v, reason: '别人的申请' }))).toEqual({ status: 'not_found' });
    mocks.user = sessionOf(r);
    expect(await appealApplicationAction(null, fd({ id: app.id, expectedVersion: v, reason: '我' }))).toEqual({ status: 'invalid', fieldErrors: { reason: ['validation.reason.tooShort'] } });
    expect(await appealApplicationAction(null, fd({ id: app.id, expectedVersion: v, reason: '长'.repeat(501) }))).toEqual({ status: 'invalid', fieldErrors: { reason: ['validation.reason.tooLong'] } });
    const theirs = await upload(other, { householdId: other.household.id }, 'evidence');
    expect(await appealApplicationAction(null, fd({ id: app.id, expectedVersion: v, reason: '确实受灾', evidence: theirs.id }))).toEqual({ status: 'invalid', fieldErrors: { evidence: ['appeal.errors.evidence'] } });
    const own = await upload(r, { householdId: r.household.id }, 'evidence');
    const ok = await appealApplicationAction(null, fd({ id: app.id, expectedVersion: v, reason: '  确实受灾，请再核实  ', evidence: [own.id, ''] }));
    expect(ok).toMatchObject({ status: 'ok', data: { status: 'appealed' } });
    const [up] = await t.db.select().from(s.uploads).where(eq(s.uploads.id, own.id));
    expect(up!.applicationId).toBe(app.id);
    const tl = await applicationTimeline({ db: t.db, applicationId: app.id });
    expect(tl.at(-1)).toMatchObject({ action: 'appeal', reason: '确实受灾，请再核实' });
    // The same appeal again: the case has moved on.
    expect(await appealApplicationAction(null, fd({ id: app.id, expectedVersion: v, reason: '再来一次' }))).toEqual({ status: 'conflict', code: 'conflict:application' });
  });

  it('appeal: after the window the workflow’s refusal comes back as a conflict code the page can explain', async () => {
    const r = await freshResident();
    const app = await saveApplication({ db: t.db, actor: actorOf(r), householdId: r.household.id, programmeCode: 'heating_fee_waiver', answers: {}, submit: true, ip: null });
    const [rej] = await t.db.update(s.applications).set({ status: 'rejected', rejectedAt: new Date(Date.now() - 30 * DAY), version: app.version + 1 }).where(eq(s.applications.id, app.id)).returning();
    mocks.user = sessionOf(r);
    expect(await appealApplicationAction(null, fd({ id: app.id, expectedVersion: String(rej!.version), reason: '来晚了' }))).toEqual({ status: 'conflict', code: 'conflict:appeal_window_closed' });
  });
});

describe('a use case is one transaction, uploads included', () => {
  const fd = (o: Record<string, string | string[]>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(o)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
    return f;
  };

  /**
   * Makes the audit line of filing uploads fail: the last step of filing them, after the case
   * itself was saved. (When filing ran in a second transaction, the case stayed sent without
   * its files.)
   */
  async function failingUploadAudit<T>(fn: () => Promise<T>): Promise<T> {
    await t.db.execute(sql`CREATE FUNCTION refuse_attach() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.action = 'upload.attach' THEN RAISE EXCEPTION 'audit on fire'; END IF; RETURN NEW; END $$`);
    await t.db.execute(sql`CREATE TRIGGER refuse_attach BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_attach()`);
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      return await fn();
    } finally {
      spy.mockRestore();
      await t.db.execute(sql`DROP TRIGGER refuse_attach ON audit_events`);
      await t.db.execute(sql`DROP FUNCTION refuse_attach()`);
    }
  }

  async function auditRowsFor(userId: string): Promise<string[]> {
    const rows = await t.db.select({ action: s.auditEvents.action }).from(s.auditEvents).where(eq(s.auditEvents.actorId, userId));
    return rows.map((r) => r.action);
  }

  it('submit: a failure while filing the invoice leaves no application, no filed upload and no audit row', async () => {
    const r = await freshResident();
    await declare(r.household.id, { repairImpossible: true });
    const invoice = await upload(r, { householdId: r.household.id });
    mocks.user = sessionOf(r);
    const send = () => saveApplicationAction(null, fd({ programme: 'appliance_subsidy', intent: 'submit', 'answer.boilers': '1', 'answer.heatPumps': '0', 'answer.invoice': invoice.id }));
    expect(await failingUploadAudit(send)).toEqual({ status: 'error', code: 'internal' });
    expect(await t.db.select().from(s.applications).where(eq(s.applications.householdId, r.household.id))).toEqual([]);
    const [up] = await t.db.select().from(s.uploads).where(eq(s.uploads.id, invoice.id));
    expect(up!.applicationId).toBeNull();
    expect(await auditRowsFor(r.user.id)).toEqual([]);
    // The same request once the fault is gone: one application, the invoice filed under it, both audited.
    const ok = await send();
    expect(ok).toMatchObject({ status: 'ok', data: { status: 'submitted' } });
    const [filed] = await t.db.select().from(s.uploads).where(eq(s.uploads.id, invoice.id));
    if (ok.status === 'ok') expect(filed!.applicationId).toBe(ok.data.id);
    expect((await auditRowsFor(r.user.id)).sort()).toEqual(['application.create', 'application.submit', 'upload.attach']);
  });

  it('appeal: a failure while filing the evidence leaves the refusal standing and the photo loose', async () => {
    const r = await freshResident();
    const app = await saveApplication({ db: t.db, actor: actorOf(r), householdId: r.household.id, programmeCode: 'heating_fee_waiver', answers: {}, submit: true, ip: null });
    const [rej] = await t.db.update(s.applications).set({ status: 'rejected', rejectedAt: new Date(Date.now() - 2 * DAY), version: app.version + 1 }).where(eq(s.applications.id, app.id)).returning();
    const evidence = await upload(r, { householdId: r.household.id }, 'evidence');
    const auditBefore = await auditRowsFor(r.user.id);
    mocks.user = sessionOf(r);
    const appeal = () => appealApplicationAction(null, fd({ id: app.id, expectedVersion: String(rej!.version), reason: '确实受灾，请再核实', evidence: evidence.id }));
    expect(await failingUploadAudit(appeal)).toEqual({ status: 'error', code: 'internal' });
    const [after] = await t.db.select({ status: s.applications.status, version: s.applications.version }).from(s.applications).where(eq(s.applications.id, app.id));
    expect(after).toEqual({ status: 'rejected', version: rej!.version });
    const [up] = await t.db.select().from(s.uploads).where(eq(s.uploads.id, evidence.id));
    expect(up!.applicationId).toBeNull();
    expect(await auditRowsFor(r.user.id)).toEqual(auditBefore);
    expect(await appeal()).toMatchObject({ status: 'ok', data: { status: 'appealed' } });
    const [filed] = await t.db.select().from(s.uploads).where(eq(s.uploads.id, evidence.id));
    expect(filed!.applicationId).toBe(app.id);
  });

  it('saveApplication called directly is as safe as the action: another household is not found, another resident’s upload is refused', async () => {
    const r = await freshResident();
    expect(await codeOf(saveApplication({ db: t.db, actor: actorOf(r), householdId: other.household.id, programmeCode: 'heating_fee_waiver', answers: {}, submit: true, ip: null }))).toBe('not_found:household');
    const theirs = await upload(other, { householdId: other.household.id });
    expect(await codeOf(saveApplication({ db: t.db, actor: actorOf(r), householdId: r.household.id, programmeCode: 'heating_fee_waiver', answers: {}, submit: true, uploadIds: [theirs.id], ip: null }))).toBe('invalid:upload');
    expect(await t.db.select().from(s.applications).where(eq(s.applications.householdId, r.household.id))).toEqual([]);
    // A cadre outside the household's places does not reach it either.
    expect(await codeOf(saveApplication({ db: t.db, actor: { id: cadre.user.id, role: 'cadre', placePaths: ['/999999/'] }, householdId: r.household.id, programmeCode: 'heating_fee_waiver', answers: {}, submit: true, ip: null }))).toBe('not_found:household');
  });
});
