// Grievances (群众诉求) on a real PostgreSQL: the whole life (file → respond → resolve → rate →
// reopen) with its events, audit and notifications; who may read and act (another resident,
// a cadre of another place: refused, by query and by server action); two cadres at once (one
// wins); the time limits and the overdue flag.
import { makeHousehold, useTestDatabase, type MadeHousehold } from './helpers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { auditEvents, grievanceEvents, grievances, notifications, places, uploads } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { setNotifier, type Notifier } from '@/lib/notify';
import type { SessionUser } from '@/lib/session';
import type * as DbClient from '@/db/client';
import type * as Notifications from '@/db/queries/notifications';
import type * as Navigation from 'next/navigation';

const t = useTestDatabase();

// Server actions: the session, request headers and cache are Next's; the database is this file's.
const session = { user: null as SessionUser | null };
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => session.user }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '10.9.9.9' }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/db/client', async (importOriginal) => ({ ...(await importOriginal<typeof DbClient>()), getDb: () => t.db }));
// To prove a filing is one transaction: the notice, queued last, can be made to fail.
const failing = vi.hoisted(() => ({ notify: false }));
vi.mock('@/db/queries/notifications', async (importOriginal) => {
  const real = await importOriginal<typeof Notifications>();
  return {
    ...real,
    enqueueNotification: async (args: Parameters<typeof real.enqueueNotification>[0]) => {
      if (failing.notify) throw new Error('notification outbox unavailable');
      return real.enqueueNotification(args);
    },
  };
});
// The form actions send the browser on with redirect(); here it throws its target instead.
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

/** An action's answer: its result, or where it sent the browser (it redirects only on success). */
async function answer(p: Promise<unknown>): Promise<unknown> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof nav.Redirected) return { redirect: err.url };
    throw err;
  }
}

const { findReachableGrievance, grievanceForViewer, residentGrievances, placeGrievances, grievanceTimeline } = await import('@/db/queries/grievances');
const { fileGrievance } = await import('@/server/grievances/file-grievance');
const { transitionGrievance } = await import('@/server/grievances/transition-grievance');
const { grievanceSummary } = await import('@/db/queries/overview');
const residentActions = await import('@/app/resident/grievances/actions');
const cadreActions = await import('@/app/cadre/grievances/actions');

const quiet: Notifier = { channel: 'sms', deliver: async () => undefined };
setNotifier(quiet);

let resident: MadeHousehold;
let other: MadeHousehold;
let cadre: MadeHousehold;
let cadreB: MadeHousehold;
let cadre3: MadeHousehold;
let otherPlace: { id: number; path: string };

const asResident = (h: MadeHousehold) => ({ id: h.user.id, role: 'resident' as const, placePaths: [] as string[] });
const asCadre = (h: MadeHousehold, paths: string[]) => ({ id: h.user.id, role: 'cadre' as const, placePaths: paths });
const sessionOf = (a: { id: string; role: SessionUser['role']; placePaths: string[] }): SessionUser => ({ ...a, name: '测试', placeIds: [] });

beforeAll(async () => {
  resident = await makeHousehold(t.db);
  other = await makeHousehold(t.db);
  cadre = await makeHousehold(t.db, { role: 'cadre' });
  cadreB = await makeHousehold(t.db, { role: 'cadre' });
  cadre3 = await makeHousehold(t.db, { role: 'cadre' });
  otherPlace = { id: other.place.id, path: other.place.path };
});

afterAll(() => {
  session.user = null;
});

async function events(id: string) {
  return t.db.select().from(grievanceEvents).where(eq(grievanceEvents.grievanceId, id)).orderBy(grievanceEvents.id);
}
async function audits(id: string) {
  return t.db.select().from(auditEvents).where(and(eq(auditEvents.entity, 'grievance'), eq(auditEvents.entityId, id))).orderBy(auditEvents.id);
}
async function kindsFor(userId: string) {
  const rows = await t.db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(notifications.createdAt, notifications.id);
  return rows.map((n) => n.kind);
}
async function fileOne(h: MadeHousehold = resident, now?: Date) {
  return fileGrievance({ db: t.db, actor: asResident(h), placeId: h.place.id, category: 'heating', description: `暖气片不热，室温只有12度。${Math.random()}`, ip: '10.0.0.1', now });
}
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('the life of a grievance', () => {
  it('file → respond → resolve → rate (closed) → reopen, each with an event, an audit row and a notice to the resident', async () => {
    const filedAt = new Date();
    const { id, reference, created } = await fileOne(resident, filedAt);
    expect(created).toBe(true);
    expect(reference).toMatch(/^SQ-\d{4}-\d{6}$/);
    const [g0] = await t.db.select().from(grievances).where(eq(grievances.id, id));
    expect(g0).toMatchObject({ status: 'open', version: 1, householdId: resident.household.id, filedBy: resident.user.id, placeId: resident.place.id });
    expect(g0!.respondBy.getTime() - filedAt.getTime()).toBe(3 * 86_400_000);
    expect(g0!.resolveBy.getTime() - filedAt.getTime()).toBe(15 * 86_400_000);

    const c = asCadre(cadre, [resident.place.path]);
    let r = await transitionGrievance({ db: t.db, actor: c, grievanceId: id, action: 'respond', expectedVersion: 1, note: '已联系供热公司，明天上门。', ip: null });
    expect(r).toMatchObject({ status: 'responded', version: 2 });
    r = await transitionGrievance({ db: t.db, actor: c, grievanceId: id, action: 'resolve', expectedVersion: 2, note: '已更换阀门，室温20度。', ip: null });
    expect(r).toMatchObject({ status: 'resolved', version: 3 });
    r = await transitionGrievance({ db: t.db, actor: asResident(resident), grievanceId: id, action: 'close', expectedVersion: 3, rating: 4, note: '处理及时', ip: null });
    expect(r).toMatchObject({ status: 'closed', version: 4 });
    const [closed] = await t.db.select().from(grievances).where(eq(grievances.id, id));
    expect(closed).toMatchObject({ rating: 4, ratingComment: '处理及时' });
    expect(closed!.closedAt).not.toBeNull();

    r = await transitionGrievance({ db: t.db, actor: asResident(resident), grievanceId: id, action: 'reopen', expectedVersion: 4, note: '第二天又不热了', ip: null });
    expect(r).toMatchObject({ status: 'reopened', version: 5 });
    const [reopened] = await t.db.select().from(grievances).where(eq(grievances.id, id));
    expect(reopened).toMatchObject({ status: 'reopened', reopenCount: 1, rating: null, ratingComment: null, respondedAt: null, resolvedAt: null, closedAt: null });
    expect(reopened!.respondBy.getTime()).toBeGreaterThan(g0!.respondBy.getTime());

    // …and round again: a reopened grievance is answered like a new one.
    r = await transitionGrievance({ db: t.db, actor: c, grievanceId: id, action: 'respond', expectedVersion: 5, note: '再次上门检查。', ip: null });
    expect(r.status).toBe('responded');

    expect((await events(id)).map((e) => [e.action, e.toStatus, e.actorRole])).toEqual([
      ['file', 'open', 'resident'],
      ['respond', 'responded', 'cadre'],
      ['resolve', 'resolved', 'cadre'],
      ['close', 'closed', 'resident'],
      ['reopen', 'reopened', 'resident'],
      ['respond', 'responded', 'cadre'],
    ]);
    expect((await events(id)).map((e) => e.note)).toEqual([null, '已联系供热公司，明天上门。', '已更换阀门，室温20度。', '处理及时', '第二天又不热了', '再次上门检查。']);
    expect((await audits(id)).map((a) => a.action)).toEqual(['grievance.file', 'grievance.respond', 'grievance.resolve', 'grievance.close', 'grievance.reopen', 'grievance.respond']);
    const closeAudit = (await audits(id))[3]!;
    expect(closeAudit.details).toMatchObject({ from: 'resolved', to: 'closed', rating: 4 });
    const mine = await t.db.select().from(notifications).where(eq(notifications.userId, resident.user.id)).orderBy(notifications.createdAt, notifications.id);
    const forThis = mine.filter((n) => (n.params as { reference?: string }).reference === reference);
    expect(forThis.map((n) => n.kind)).toEqual(['grievance.open', 'grievance.responded', 'grievance.resolved', 'grievance.closed', 'grievance.reopened', 'grievance.responded']);
    expect(forThis.every((n) => n.link === `/resident/grievances/${id}` && (n.params as { category?: string }).category === 'heating')).toBe(true);
    // The cadre is never notified as if they were the resident.
    expect(await kindsFor(cadre.user.id)).toEqual([]);

    const timeline = await grievanceTimeline({ db: t.db, grievanceId: id });
    expect(timeline).toHaveLength(6);
    expect(Object.keys(timeline[0]!).sort()).toEqual(['action', 'actorRole', 'at', 'id', 'note', 'toStatus']);
  });

  it('treats the same text sent twice at once as one grievance (double click)', async () => {
    const input = { db: t.db, actor: asResident(other), placeId: other.place.id, category: 'garbage' as const, description: '楼下建筑垃圾一周没人清运。', ip: null };
    const results = await Promise.all([fileGrievance(input), fileGrievance(input), fileGrievance(input)]);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const rows = await t.db.select().from(grievances).where(and(eq(grievances.filedBy, other.user.id), eq(grievances.description, input.description)));
    expect(rows).toHaveLength(1);
    expect((await audits(rows[0]!.id)).filter((a) => a.action === 'grievance.file')).toHaveLength(1);
  });

  it('files the photos with the grievance in its one transaction: a failure after the insert leaves no grievance, no filed photo and no audit row', async () => {
    const [photo] = await t.db
      .insert(uploads)
      .values({ ownerUserId: resident.user.id, kind: 'grievance_photo', mime: 'image/jpeg', sizeBytes: 100, storageKey: `2023/09/${randomUUID()}.jpg`, sha256: 'y'.repeat(64) })
      .returning();
    const description = `小区门口积水，路灯不亮。${Math.random()}`;
    const input = { db: t.db, actor: asResident(resident), placeId: resident.place.id, category: 'infrastructure' as const, description, photoIds: [photo!.id], ip: null };
    failing.notify = true;
    try {
      await expect(fileGrievance(input)).rejects.toThrow('notification outbox unavailable');
    } finally {
      failing.notify = false;
    }
    expect(await t.db.select().from(grievances).where(eq(grievances.description, description))).toHaveLength(0);
    expect((await t.db.select().from(uploads).where(eq(uploads.id, photo!.id)))[0]!.grievanceId).toBeNull();
    const fileAudits = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'grievance.file'), eq(auditEvents.actorId, resident.user.id)));
    expect(fileAudits.some((a) => (a.details as { category?: string }).category === 'infrastructure')).toBe(false);

    const filed = await fileGrievance(input);
    expect((await t.db.select().from(uploads).where(eq(uploads.id, photo!.id)))[0]!.grievanceId).toBe(filed.id);
    expect((await audits(filed.id)).map((a) => a.action)).toEqual(['grievance.file']);
  });

  it('refuses a place that is not a village or compound, and refuses staff filing through the resident path', async () => {
    const [tw] = await t.db.insert(places).values({ level: 'township', name: `测试镇-${Date.now()}`, nameEn: 'Test town', path: 'x' }).returning();
    expect(await codeOf(fileGrievance({ db: t.db, actor: asResident(resident), placeId: tw!.id, category: 'other', description: '镇上的问题很多。', ip: null }))).toBe('invalid:place');
    expect(await codeOf(fileGrievance({ db: t.db, actor: asCadre(cadre, [resident.place.path]), placeId: resident.place.id, category: 'other', description: '代替群众反映。', ip: null }))).toBe('forbidden:grievance');
  });

  it('refuses transitions the state machine does not allow, and a rating outside 1–5', async () => {
    const { id } = await fileOne();
    const c = asCadre(cadre, [resident.place.path]);
    expect(await codeOf(transitionGrievance({ db: t.db, actor: c, grievanceId: id, action: 'resolve', expectedVersion: 1, note: '已处理', ip: null }))).toBe('conflict:wrong_state');
    expect(await codeOf(transitionGrievance({ db: t.db, actor: asResident(resident), grievanceId: id, action: 'respond', expectedVersion: 1, note: '我自己答复', ip: null }))).toBe('conflict:wrong_role');
    expect(await codeOf(transitionGrievance({ db: t.db, actor: c, grievanceId: id, action: 'respond', expectedVersion: 1, note: ' ', ip: null }))).toBe('conflict:note_required');
    await transitionGrievance({ db: t.db, actor: c, grievanceId: id, action: 'respond', expectedVersion: 1, note: '已答复', ip: null });
    await transitionGrievance({ db: t.db, actor: c, grievanceId: id, action: 'resolve', expectedVersion: 2, note: '已解决', ip: null });
    expect(await codeOf(transitionGrievance({ db: t.db, actor: asResident(resident), grievanceId: id, action: 'close', expectedVersion: 3, rating: 6, ip: null }))).toBe('conflict:rating_required');
    expect(await codeOf(transitionGrievance({ db: t.db, actor: c, grievanceId: id, action: 'close', expectedVersion: 3, rating: 5, ip: null }))).toBe('conflict:wrong_role');
    expect(await codeOf(transitionGrievance({ db: t.db, actor: asResident(resident), grievanceId: id, action: 'reopen', expectedVersion: 3, note: '没解决', ip: null }))).toBe('conflict:wrong_state');
    expect((await events(id)).map((e) => e.action)).toEqual(['file', 'respond', 'resolve']);
  });

  it('refuses to reopen from the 8th day after closing (the 7-day window, CST calendar days)', async () => {
    const { id } = await fileOne();
    const c = asCadre(cadre, [resident.place.path]);
    await transitionGrievance({ db: t.db, actor: c, grievanceId: id, action: 'respond', expectedVersion: 1, note: '已答复', ip: null });
    await transitionGrievance({ db: t.db, actor: c, grievanceId: id, action: 'resolve', expectedVersion: 2, note: '已解决', ip: null });
    const closedAt = new Date('2026-11-01T02:00:00Z'); // 10:00 CST
    await transitionGrievance({ db: t.db, actor: asResident(resident), grievanceId: id, action: 'close', expectedVersion: 3, rating: 2, ip: null, now: closedAt });
    const late = new Date('2026-11-08T16:00:00Z'); // 9 Nov 00:00 CST
    expect(await codeOf(transitionGrievance({ db: t.db, actor: asResident(resident), grievanceId: id, action: 'reopen', expectedVersion: 4, note: '还是不行', ip: null, now: late }))).toBe('conflict:reopen_window_closed');
    const lastMoment = new Date('2026-11-08T15:59:59Z');
    const r = await transitionGrievance({ db: t.db, actor: asResident(resident), grievanceId: id, action: 'reopen', expectedVersion: 4, note: '还是不行', ip: null, now: lastMoment });
    expect(r.status).toBe('reopened');
  });
});

describe('who may read and act', () => {
  it("lists a grievance a cadre filed for the resident's household (代办) in that resident's own list, and in no one else's", async () => {
    const { id: fromOwn } = await fileOne();
    const [row] = await t.db
      .insert(grievances)
      .values({ reference: `T-${randomUUID().slice(0, 8)}`, householdId: resident.household.id, filedBy: cadre.user.id, onBehalf: true, placeId: resident.place.id, category: 'heating', description: '代老人反映：暖气不热。', status: 'open', respondBy: new Date(Date.now() + 3 * 86_400_000), resolveBy: new Date(Date.now() + 15 * 86_400_000) })
      .returning({ id: grievances.id });
    const mine = (await residentGrievances({ db: t.db, userId: resident.user.id })).map((g) => g.id);
    expect(mine).toEqual(expect.arrayContaining([row!.id, fromOwn]));
    expect((await residentGrievances({ db: t.db, userId: other.user.id })).map((g) => g.id)).not.toContain(row!.id);
  });
  it('another resident can neither see nor act on it (not found), by query and by server action', async () => {
    const { id } = await fileOne();
    expect(await findReachableGrievance({ db: t.db, actor: asResident(other), grievanceId: id })).toBeNull();
    expect(await grievanceForViewer({ db: t.db, viewer: asResident(other), grievanceId: id })).toBeNull();
    expect((await findReachableGrievance({ db: t.db, actor: asResident(resident), grievanceId: id }))?.g.id).toBe(id);
    expect((await grievanceForViewer({ db: t.db, viewer: asResident(resident), grievanceId: id }))?.g.id).toBe(id);
    expect((await residentGrievances({ db: t.db, userId: other.user.id })).some((g) => g.id === id)).toBe(false);
    expect((await residentGrievances({ db: t.db, userId: resident.user.id })).some((g) => g.id === id)).toBe(true);
    expect(await codeOf(transitionGrievance({ db: t.db, actor: asResident(other), grievanceId: id, action: 'close', expectedVersion: 1, rating: 1, ip: null }))).toBe('not_found:grievance');

    session.user = sessionOf(asResident(other));
    expect(await answer(residentActions.rateGrievanceFormAction({ grievanceId: id, version: 1, rating: 1 }))).toEqual({ status: 'not_found' });
    expect(await answer(residentActions.reopenGrievanceFormAction({ grievanceId: id, version: 1, reason: '不满意' }))).toEqual({ status: 'not_found' });
    // A resident cannot use the cadre's actions at all.
    expect(await answer(cadreActions.respondGrievanceFormAction({ grievanceId: id, version: 1, note: '假装答复' }))).toEqual({ status: 'forbidden' });
    const [g] = await t.db.select().from(grievances).where(eq(grievances.id, id));
    expect(g).toMatchObject({ status: 'open', version: 1 });
  });

  it('a cadre of another place is refused (not found); a cadre of the place may act through the server action', async () => {
    const { id } = await fileOne();
    const outsider = asCadre(cadreB, [otherPlace.path]);
    expect(await findReachableGrievance({ db: t.db, actor: outsider, grievanceId: id })).toBeNull();
    expect(await grievanceForViewer({ db: t.db, viewer: outsider, grievanceId: id })).toBeNull();
    expect((await grievanceForViewer({ db: t.db, viewer: asCadre(cadre, [resident.place.path]), grievanceId: id }))?.g.id).toBe(id);
    expect((await placeGrievances({ db: t.db, scopePaths: outsider.placePaths })).active.some((g) => g.id === id)).toBe(false);
    expect(await codeOf(transitionGrievance({ db: t.db, actor: outsider, grievanceId: id, action: 'respond', expectedVersion: 1, note: '越权答复', ip: null }))).toBe('not_found:grievance');

    session.user = sessionOf(outsider);
    expect(await answer(cadreActions.respondGrievanceFormAction({ grievanceId: id, version: 1, note: '越权答复' }))).toEqual({ status: 'not_found' });
    expect(await answer(cadreActions.resolveGrievanceFormAction({ grievanceId: id, version: 1, note: '越权办结' }))).toEqual({ status: 'not_found' });

    const insider = asCadre(cadre, [resident.place.path]);
    expect((await placeGrievances({ db: t.db, scopePaths: insider.placePaths })).active.some((g) => g.id === id)).toBe(true);
    session.user = sessionOf(insider);
    expect(await answer(cadreActions.respondGrievanceFormAction({ grievanceId: id, version: 1, note: '' }))).toMatchObject({ status: 'invalid', fieldErrors: { note: ['grievances.errors.noteRequired'] } });
    expect(await answer(cadreActions.respondGrievanceFormAction({ grievanceId: id, version: 1, note: '收到，马上处理。' }))).toEqual({ redirect: `/cadre/grievances/${id}?done=responded` });
    expect((await t.db.select().from(grievances).where(eq(grievances.id, id)))[0]).toMatchObject({ status: 'responded', version: 2 });
    // A stale page (version 1) is told someone acted first.
    expect(await answer(cadreActions.respondGrievanceFormAction({ grievanceId: id, version: 1, note: '再答复一次' }))).toEqual({ status: 'conflict', code: 'conflict:grievance' });
    expect(await answer(cadreActions.resolveGrievanceFormAction({ grievanceId: 'not-a-uuid', version: 2, note: '已解决' }))).toMatchObject({ status: 'invalid' });
  });

  it('the resident files and rates through the server actions; bad input comes back as field errors', async () => {
    session.user = sessionOf(asResident(resident));
    const bad = (await answer(residentActions.fileGrievanceFormAction({ category: 'weather', placeId: 'abc', description: '冷' }))) as { status: string; fieldErrors: Record<string, string[]> };
    expect(bad.status).toBe('invalid');
    expect(Object.keys(bad.fieldErrors).sort()).toEqual(['category', 'description', 'placeId']);
    expect(await answer(residentActions.fileGrievanceFormAction({ category: 'elevator', placeId: 999_999, description: '3号楼电梯停运。' }))).toEqual({ status: 'invalid', fieldErrors: { placeId: ['grievances.errors.place'] } });
    const sent = (await answer(residentActions.fileGrievanceFormAction({ category: 'elevator', placeId: resident.place.id, description: '3号楼电梯泡水后一直停运。' }))) as { redirect: string };
    const filedId = /^\/resident\/grievances\/([0-9a-f-]{36})\?filed=1$/.exec(sent.redirect)?.[1];
    expect(filedId, sent.redirect).toBeDefined();
    const ok = { data: { id: filedId! } };
    const row = await grievanceForViewer({ db: t.db, viewer: asResident(resident), grievanceId: ok.data.id });
    expect(row!.g).toMatchObject({ category: 'elevator', status: 'open', filedBy: resident.user.id });
    expect(row!.g.reference).toMatch(/\S/);
    expect((await audits(ok.data.id))[0]).toMatchObject({ action: 'grievance.file', actorId: resident.user.id, ip: '10.9.9.9' });
    // Rating before it is resolved: refused with the state machine's reason.
    expect(await answer(residentActions.rateGrievanceFormAction({ grievanceId: ok.data.id, version: 1, rating: '5' }))).toEqual({ status: 'conflict', code: 'conflict:wrong_state' });
    expect(await answer(residentActions.rateGrievanceFormAction({ grievanceId: ok.data.id, version: 1, rating: '9' }))).toMatchObject({ status: 'invalid', fieldErrors: { rating: ['grievances.errors.rating'] } });
  });

  it('a cadre does not handle a grievance about their own household', async () => {
    // A grievance about the cadre's own household (filed for it by someone else), in a place the cadre covers.
    const [g] = await t.db
      .insert(grievances)
      .values({ reference: `SQ-T-${Date.now()}`, householdId: cadre3.household.id, filedBy: resident.user.id, placeId: cadre3.place.id, category: 'other', description: '替干部家反映。', respondBy: new Date(), resolveBy: new Date() })
      .returning();
    expect(await codeOf(transitionGrievance({ db: t.db, actor: asCadre(cadre3, [cadre3.place.path]), grievanceId: g!.id, action: 'respond', expectedVersion: 1, note: '自己处理', ip: null }))).toBe('forbidden:own_household');
  });
});

describe('two cadres at once', () => {
  for (const k of [2, 5]) {
    it(`${k} concurrent answers on one grievance: exactly one wins, the others are told; one event, one audit row, one notice`, async () => {
      const { id, reference } = await fileOne();
      const cadres = await Promise.all(Array.from({ length: k }, () => makeHousehold(t.db, { role: 'cadre' })));
      const results = await Promise.allSettled(
        cadres.map((c, i) => transitionGrievance({ db: t.db, actor: asCadre(c, [resident.place.path]), grievanceId: id, action: 'respond', expectedVersion: 1, note: `答复 ${i}`, ip: null })),
      );
      const ok = results.filter((r) => r.status === 'fulfilled');
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(ok).toHaveLength(1);
      expect(refused).toHaveLength(k - 1);
      for (const r of refused) expect((r.reason as AppError).code).toBe('conflict:grievance');
      expect((await events(id)).filter((e) => e.action === 'respond')).toHaveLength(1);
      expect((await audits(id)).filter((a) => a.action === 'grievance.respond')).toHaveLength(1);
      const notes = await t.db.select().from(notifications).where(and(eq(notifications.userId, resident.user.id), eq(notifications.kind, 'grievance.responded'), sql`${notifications.params}->>'reference' = ${reference}`));
      expect(notes).toHaveLength(1);
      const [g] = await t.db.select().from(grievances).where(eq(grievances.id, id));
      expect(g).toMatchObject({ status: 'responded', version: 2 });
    });
  }
});

describe('time limits', () => {
  it('flags overdue grievances first in the cadre list, in agreement with the dashboard count', async () => {
    const h = await makeHousehold(t.db);
    const scope = [h.place.path];
    const now = new Date();
    const day = 86_400_000;
    const fresh = await fileOne(h, new Date(now.getTime() - 1 * day));
    const noAnswer = await fileOne(h, new Date(now.getTime() - 4 * day)); // respond-by passed
    const answeredLate = await fileOne(h, new Date(now.getTime() - 16 * day)); // resolve-by passed
    const c = asCadre(cadre, scope);
    await transitionGrievance({ db: t.db, actor: c, grievanceId: answeredLate.id, action: 'respond', expectedVersion: 1, note: '已答复', ip: null, now: new Date(now.getTime() - 15.5 * day) });
    const answeredInTime = await fileOne(h, new Date(now.getTime() - 5 * day));
    await transitionGrievance({ db: t.db, actor: c, grievanceId: answeredInTime.id, action: 'respond', expectedVersion: 1, note: '已答复', ip: null, now: new Date(now.getTime() - 4.5 * day) });
    const solved = await fileOne(h, new Date(now.getTime() - 20 * day));
    await transitionGrievance({ db: t.db, actor: c, grievanceId: solved.id, action: 'respond', expectedVersion: 1, note: '已答复', ip: null });
    await transitionGrievance({ db: t.db, actor: c, grievanceId: solved.id, action: 'resolve', expectedVersion: 2, note: '已解决', ip: null });

    const { active, done } = await placeGrievances({ db: t.db, scopePaths: scope, now });
    const flags = Object.fromEntries(active.map((g) => [g.id, g.overdue]));
    expect(flags).toEqual({ [fresh.id]: null, [noAnswer.id]: 'respond', [answeredLate.id]: 'resolve', [answeredInTime.id]: null });
    expect(active.slice(0, 2).map((g) => g.id).sort()).toEqual([noAnswer.id, answeredLate.id].sort());
    expect(done.map((g) => g.id)).toEqual([solved.id]);
    expect(await grievanceSummary({ db: t.db, scopePaths: scope })).toMatchObject({ open: 4, overdue: 2 });
  });
});
