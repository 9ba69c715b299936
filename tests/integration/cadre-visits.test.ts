// The cadre's visits, grievances, objections and inbox on a real PostgreSQL: a visit is
// recorded only for a household inside the cadre's places (by use case, by action, by search);
// a round already recorded is a field error, not a crash; coverage per village and round and
// the "still owed" lists equal an independent count and page without repeats or gaps; a
// visit's needs become one grievance for the household; nobody answers their own objection;
// staff notices reach the active cadres above the place and only them; the grievance, objection
// and inbox lists are scoped and page cleanly.
import { codeOf, randomIdNumber, randomMobile, seedProgrammes, useTestDatabase } from './helpers';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import * as s from '@/db/schema';
import { setNotifier } from '@/lib/notify';
import { createRng, fakeChineseName } from '@/lib/pii';
import { lookupHash, sealPii } from '@/lib/protect';
import type { SessionUser } from '@/lib/session';
import type * as DbClient from '@/db/client';
import type * as Navigation from 'next/navigation';
import type * as Notifications from '@/db/queries/notifications';

const t = useTestDatabase();

const session = { user: null as SessionUser | null };
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => session.user }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '10.7.7.7' }) }));
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

const { recordVisit } = await import('@/server/visits/record-visit');
const visitSearch = await import('@/app/cadre/visits/new/search/route');
const { openSearch } = await import('@/server/queue/search-token');
const { fileVisitNeeds } = await import('@/server/visits/file-visit-needs');
const { fileGrievance } = await import('@/server/grievances/file-grievance');
const { lodgeObjection } = await import('@/server/objections/lodge-objection');
const { answerObjection } = await import('@/server/objections/answer-objection');
const { saveApplication } = await import('@/server/applications/save-application');
const { findVisitHousehold, searchVisitHouseholds, visitCoverageByVillage, owedVisitHouseholds, findReachableVisit } = await import('@/db/queries/visits');
const { cadreGrievancePage } = await import('@/db/queries/grievances');
const { openObjectionsPage } = await import('@/db/queries/cadre-objections');
const { inboxPage, unreadStaffNotifications } = await import('@/db/queries/staff-notifications');
const visitActions = await import('@/app/cadre/visits/actions');

setNotifier({ channel: 'sms', deliver: async () => undefined });

type Actor = { id: string; role: 'cadre' | 'resident' | 'official'; placePaths: string[] };
const sfx = () => randomBytes(4).toString('hex');

async function place(level: s.Place['level'], parent: s.Place | null, name = `${level}-${sfx()}`): Promise<s.Place> {
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

async function person(role: 'cadre' | 'resident' | 'official', active = true): Promise<string> {
  const phone = randomMobile();
  const idNumber = randomIdNumber();
  const [u] = await t.db
    .insert(s.users)
    .values({ role, realName: fakeChineseName(createRng(Math.floor(Math.random() * 2 ** 31))), phoneHash: lookupHash(phone), phoneEnc: sealPii(phone), idNumberHash: lookupHash(idNumber), idNumberEnc: sealPii(idNumber), passwordHash: 'unused', active })
    .returning({ id: s.users.id });
  return u!.id;
}

async function household(placeId: number, headName: string, ownerUserId: string | null = null): Promise<string> {
  const idNumber = randomIdNumber();
  const [h] = await t.db
    .insert(s.households)
    .values({ ownerUserId, headName, headIdNumberHash: lookupHash(idNumber), headIdNumberEnc: sealPii(idNumber), placeId, kind: 'rural', addressDetail: '一组1号' })
    .returning({ id: s.households.id });
  return h!.id;
}

async function grade(householdId: string, declared: string | null, verified: string | null = null) {
  await t.db.insert(s.householdFacts).values({ householdId, key: 'safetyGrade', declaredValue: declared, verifiedValue: verified, verifiedAt: verified ? new Date() : null });
}

async function visit(householdId: string, cadreId: string, round: number) {
  await t.db.insert(s.visits).values({ householdId, cadreId, visitedOn: '2024-01-10', round, findings: '看过了。' });
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

const sessionOf = (a: Actor): SessionUser => ({ ...a, name: '测试', placeIds: [] });

// A county with two townships: A (villages A1 with a compound, and A2) and B (village B1).
let county: s.Place, townA: s.Place, a1: s.Place, a1c: s.Place, a2: s.Place, townB: s.Place, b1: s.Place;
let cadreA: Actor, cadreA1: Actor, cadreB: Actor, inactiveA: string, officialId: string;
/** A household in compound A1c, a resident's own. */
let homeA: string;
let residentA: Actor;
let homeB: string;
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

beforeAll(async () => {
  await seedProgrammes(t.db);
  county = await place('county', null);
  townA = await place('township', county);
  a1 = await place('village', townA);
  a1c = await place('compound', a1);
  a2 = await place('village', townA);
  townB = await place('township', county);
  b1 = await place('village', townB);
  cadreA = { id: await person('cadre'), role: 'cadre', placePaths: [townA.path] };
  cadreA1 = { id: await person('cadre'), role: 'cadre', placePaths: [a1.path] };
  cadreB = { id: await person('cadre'), role: 'cadre', placePaths: [townB.path] };
  inactiveA = await person('cadre', false);
  officialId = await person('official');
  await t.db.insert(s.userPlaces).values([
    { userId: cadreA.id, placeId: townA.id },
    { userId: cadreA1.id, placeId: a1.id },
    { userId: cadreB.id, placeId: townB.id },
    { userId: inactiveA, placeId: townA.id },
    { userId: officialId, placeId: county.id },
  ]);
  residentA = { id: await person('resident'), role: 'resident', placePaths: [] };
  homeA = await household(a1c.id, '王走访', residentA.id);
  homeB = await household(b1.id, '王外镇');
});

describe('recording a visit', () => {
  it('records a visit for a household inside the places, with an audit event, and refuses one outside them', async () => {
    const r = await recordVisit({ db: t.db, actor: cadreA, input: { householdId: homeA, visitedOn: today(), round: 1, findings: '墙体开裂，取暖正常。', needs: '', photoIds: [] }, ip: null });
    const [row] = await t.db.select().from(s.visits).where(eq(s.visits.id, r.id));
    expect(row).toMatchObject({ householdId: homeA, cadreId: cadreA.id, round: 1, visitedOn: today() });
    const audit = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.action, 'visit.record'), eq(s.auditEvents.entityId, homeA)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ visitId: r.id, round: 1 });

    // Another township's cadre: by use case, by query, by search, by action — as if it did not exist.
    expect(await codeOf(recordVisit({ db: t.db, actor: cadreB, input: { householdId: homeA, visitedOn: today(), round: 2, findings: '看过了。', needs: '', photoIds: [] }, ip: null }))).toBe('not_found:household');
    expect(await findVisitHousehold({ db: t.db, actor: cadreB, householdId: homeA })).toBeNull();
    expect((await searchVisitHouseholds({ db: t.db, scopePaths: cadreB.placePaths, search: { kind: 'name', prefix: '王' } })).rows.map((h) => h.id)).toEqual([homeB]);
    expect((await searchVisitHouseholds({ db: t.db, scopePaths: cadreA.placePaths, search: { kind: 'name', prefix: '王走' } })).rows.map((h) => h.id)).toEqual([homeA]);
    session.user = sessionOf(cadreB);
    expect(await answer(visitActions.recordVisitAction(null, form({ householdId: homeA, visitedOn: today(), round: 2, findings: '看过了。' })))).toEqual({ status: 'not_found' });
    expect(await findReachableVisit({ db: t.db, actor: cadreB, visitId: r.id })).toBeNull();
    session.user = null;
    expect(await t.db.select({ id: s.visits.id }).from(s.visits).where(eq(s.visits.householdId, homeA))).toHaveLength(1);
  });

  it('finds a household to visit by the head’s phone or a member’s ID number, through a sealed search, inside the places only', async () => {
    const phone = randomMobile();
    const memberId = randomIdNumber();
    const hh = await household(a2.id, `赵${sfx()}`);
    await t.db.update(s.households).set({ headPhoneHash: lookupHash(phone) }).where(eq(s.households.id, hh));
    await t.db.insert(s.householdMembers).values({ householdId: hh, name: '赵小', relation: 'child', birthYear: 2010, idNumberHash: lookupHash(memberId), idNumberEnc: sealPii(memberId) });

    // The form POSTs the words; the answer sends the browser back with a token that holds neither the number nor its hash.
    session.user = sessionOf(cadreA);
    const fd = new FormData();
    fd.set('text', phone);
    const res = await visitSearch.POST(new Request('http://localhost/cadre/visits/new/search', { method: 'POST', body: fd }));
    session.user = null;
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/cadre\/visits\/new\?q=/);
    expect(location).not.toContain(phone);
    expect(location).not.toContain(lookupHash(phone));
    const opened = openSearch(decodeURIComponent(location.split('?q=')[1]!));
    expect(opened?.search.kind).toBe('phone');

    expect((await searchVisitHouseholds({ db: t.db, scopePaths: cadreA.placePaths, search: opened!.search })).rows.map((h) => h.id)).toEqual([hh]);
    expect((await searchVisitHouseholds({ db: t.db, scopePaths: cadreA.placePaths, search: { kind: 'id', hash: lookupHash(memberId) } })).rows.map((h) => h.id)).toEqual([hh]);
    // Another township's cadre finds nothing by the same numbers.
    expect((await searchVisitHouseholds({ db: t.db, scopePaths: cadreB.placePaths, search: opened!.search })).rows).toEqual([]);
    expect((await searchVisitHouseholds({ db: t.db, scopePaths: cadreB.placePaths, search: { kind: 'id', hash: lookupHash(memberId) } })).rows).toEqual([]);
  });

  it('answers a round already recorded with a field error beside the round, not a crash, and keeps one row', async () => {
    const hh = await household(a2.id, `李${sfx()}`);
    session.user = sessionOf(cadreA);
    const first = await answer(visitActions.recordVisitAction(null, form({ householdId: hh, visitedOn: today(), round: 2, findings: '第二轮。' })));
    expect(first).toMatchObject({ redirect: expect.stringMatching(/^\/cadre\/visits\/[0-9a-f-]{36}\?done=recorded$/) });
    const again = await answer(visitActions.recordVisitAction(null, form({ householdId: hh, visitedOn: today(), round: 2, findings: '又来一次。' })));
    expect(again).toEqual({ status: 'invalid', fieldErrors: { round: ['cadreVisits.errors.roundTaken'] } });
    // A date in the future and a round outside 1–3 are field errors too.
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    expect(await answer(visitActions.recordVisitAction(null, form({ householdId: hh, visitedOn: tomorrow, round: 3, findings: '明天。' })))).toEqual({ status: 'invalid', fieldErrors: { visitedOn: ['cadreVisits.errors.date_future'] } });
    expect(await answer(visitActions.recordVisitAction(null, form({ householdId: hh, visitedOn: today(), round: 4, findings: '第四轮。' })))).toEqual({ status: 'invalid', fieldErrors: { round: ['cadreVisits.errors.roundRequired'] } });
    session.user = null;
    expect(await codeOf(recordVisit({ db: t.db, actor: cadreA, input: { householdId: hh, visitedOn: today(), round: 2, findings: '再来。', needs: '', photoIds: [] }, ip: null }))).toBe('duplicate:visit_round');
    const rows = await t.db.select({ findings: s.visits.findings }).from(s.visits).where(eq(s.visits.householdId, hh));
    expect(rows).toEqual([{ findings: '第二轮。' }]);
  });

  it("refuses a photo that is not the cadre's own visit photo of this household, and saves nothing", async () => {
    const hh = await household(a2.id, `赵${sfx()}`);
    const [photo] = await t.db
      .insert(s.uploads)
      .values({ ownerUserId: cadreA.id, householdId: homeB, kind: 'visit_photo', mime: 'image/jpeg', sizeBytes: 100, storageKey: `k-${sfx()}`, sha256: sfx() })
      .returning({ id: s.uploads.id });
    expect(await codeOf(recordVisit({ db: t.db, actor: cadreA, input: { householdId: hh, visitedOn: today(), round: 1, findings: '看过了。', needs: '', photoIds: [photo!.id] }, ip: null }))).toBe('invalid:upload');
    expect(await t.db.select().from(s.visits).where(eq(s.visits.householdId, hh))).toHaveLength(0);
    const [own] = await t.db
      .insert(s.uploads)
      .values({ ownerUserId: cadreA.id, householdId: hh, kind: 'visit_photo', mime: 'image/jpeg', sizeBytes: 100, storageKey: `k-${sfx()}`, sha256: sfx() })
      .returning({ id: s.uploads.id });
    const r = await recordVisit({ db: t.db, actor: cadreA, input: { householdId: hh, visitedOn: today(), round: 1, findings: '看过了。', needs: '', photoIds: [own!.id] }, ip: null });
    const [filed] = await t.db.select({ visitId: s.uploads.visitId }).from(s.uploads).where(eq(s.uploads.id, own!.id));
    expect(filed!.visitId).toBe(r.id);
  });
});

describe('coverage of grade-D households', () => {
  it('per village and round equals an independent count, and the owed lists page without repeats or gaps', async () => {
    // A fresh township so earlier tests' households do not count.
    const town = await place('township', county);
    const v1 = await place('village', town);
    const v1c = await place('compound', v1);
    const v2 = await place('village', town);
    const cadre: Actor = { id: await person('cadre'), role: 'cadre', placePaths: [town.path] };
    const d: string[] = [];
    // v1: 7 grade-D (declared D; or declared C but verified D), one declared D but verified C (not D), one grade B.
    for (let i = 0; i < 4; i++) d.push(await household(v1.id, `甲${i}`));
    for (let i = 0; i < 3; i++) d.push(await household(v1c.id, `乙${i}`));
    for (const [i, h] of d.entries()) await (i % 3 === 0 ? grade(h, 'C', 'D') : grade(h, 'D'));
    const notD = await household(v1.id, '丙');
    await grade(notD, 'D', 'C');
    await grade(await household(v1.id, '丁'), 'B');
    // v2: 2 grade-D.
    const v2d = [await household(v2.id, '戊0'), await household(v2.id, '戊1')];
    for (const h of v2d) await grade(h, 'D');
    // Visits: rounds 1 for five of v1, round 2 for three, round 3 for one; one v2 household all three; the non-D one too.
    for (const h of d.slice(0, 5)) await visit(h, cadre.id, 1);
    for (const h of d.slice(1, 4)) await visit(h, cadre.id, 2);
    await visit(d[2]!, cadre.id, 3);
    for (const r of [1, 2, 3]) await visit(v2d[0]!, cadre.id, r);
    for (const r of [1, 2]) await visit(notD, cadre.id, r);

    const got = await visitCoverageByVillage({ db: t.db, scopePaths: cadre.placePaths });
    // Independently: plain SQL over the raw rows, grade D = verified value, else declared.
    const { rows } = await t.pool.query<{ village: number; total: string; r1: string; r2: string; r3: string }>(
      `SELECT v.id AS village, count(*) AS total,
              count(*) FILTER (WHERE 1 IN (SELECT round FROM visits WHERE household_id = h.id)) AS r1,
              count(*) FILTER (WHERE 2 IN (SELECT round FROM visits WHERE household_id = h.id)) AS r2,
              count(*) FILTER (WHERE 3 IN (SELECT round FROM visits WHERE household_id = h.id)) AS r3
         FROM households h JOIN places p ON p.id = h.place_id JOIN places v ON v.level = 'village' AND p.path LIKE v.path || '%'
         JOIN household_facts f ON f.household_id = h.id AND f.key = 'safetyGrade'
        WHERE v.path LIKE $1 AND (CASE WHEN f.verified_value IS NOT NULL THEN f.verified_value ELSE f.declared_value END) = '"D"'
        GROUP BY v.id, v.path ORDER BY v.path`,
      [`${town.path}%`],
    );
    const expected = rows.map((r) => ({ villageId: r.village, total: Number(r.total), rounds: [Number(r.r1), Number(r.r2), Number(r.r3)] }));
    expect(got.map(({ villageId, total, rounds }) => ({ villageId, total, rounds }))).toEqual(expected);
    // And both say what was arranged (in path order, which is text order).
    expect([...expected].sort((a, b) => a.villageId - b.villageId)).toEqual([
      { villageId: v1.id, total: 7, rounds: [5, 3, 1] },
      { villageId: v2.id, total: 2, rounds: [1, 1, 1] },
    ]);
    // Another township's cadre sees none of it.
    expect((await visitCoverageByVillage({ db: t.db, scopePaths: cadreB.placePaths })).some((c) => c.villageId === v1.id)).toBe(false);
    // A visit recorded through the use case moves the figure at the next read (the rollup is brought up to date).
    await recordVisit({ db: t.db, actor: cadre, input: { householdId: d[6]!, visitedOn: today(), round: 3, findings: '第三轮。', needs: '', photoIds: [] }, ip: null });
    expect((await visitCoverageByVillage({ db: t.db, scopePaths: cadre.placePaths })).find((c) => c.villageId === v1.id)).toMatchObject({ total: 7, rounds: [5, 3, 2] });

    // Owed round 1 in v1: the two D households without round 1, in pages of 1; round 2: four, pages of 3.
    for (const [round, want] of [
      [1, d.slice(5)],
      [2, [d[0]!, ...d.slice(4)]],
    ] as const) {
      const seen: string[] = [];
      let after: { path: string; id: string } | null = null;
      for (let i = 0; i < 10; i++) {
        const page: Awaited<ReturnType<typeof owedVisitHouseholds>> = await owedVisitHouseholds({ db: t.db, scopePaths: cadre.placePaths, villageId: v1.id, round, after, limit: round === 1 ? 1 : 3 });
        seen.push(...page.rows.map((r) => r.id));
        if (!page.next) break;
        after = page.next;
      }
      expect(seen.sort()).toEqual([...want].sort());
      expect(new Set(seen).size).toBe(seen.length);
    }
    // Asked by a cadre of another township, the village owes them nothing.
    expect((await owedVisitHouseholds({ db: t.db, scopePaths: cadreB.placePaths, villageId: v1.id, round: 1 })).rows).toEqual([]);
  });
});

describe("a visit's needs become a grievance", () => {
  it('files one grievance for the household on its behalf, tells the owner, and never a second one', async () => {
    const r = await recordVisit({ db: t.db, actor: cadreA, input: { householdId: homeA, visitedOn: today(), round: 3, findings: '屋顶漏雨。', needs: '需要帮忙修屋顶。', photoIds: [] }, ip: null });
    // A cadre of another township cannot, by action.
    session.user = sessionOf(cadreB);
    expect(await answer(visitActions.fileVisitNeedsAction(null, form({ visitId: r.id, category: 'infrastructure' })))).toEqual({ status: 'not_found' });
    session.user = sessionOf(cadreA);
    expect(await answer(visitActions.fileVisitNeedsAction(null, form({ visitId: r.id, category: 'infrastructure' })))).toEqual({ redirect: `/cadre/visits/${r.id}?done=filed` });
    session.user = null;
    const rows = await t.db.select().from(s.grievances).where(eq(s.grievances.filedBy, cadreA.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ householdId: homeA, onBehalf: true, placeId: a1c.id, category: 'infrastructure', status: 'open' });
    expect(rows[0]!.description).toContain('需要帮忙修屋顶。');
    expect(rows[0]!.description).toContain(r.id);
    const ownerNotices = await t.db.select().from(s.notifications).where(and(eq(s.notifications.userId, residentA.id), eq(s.notifications.kind, 'grievance.open')));
    expect(ownerNotices.map((n) => n.link)).toContain(`/resident/grievances/${rows[0]!.id}`);
    const again = await fileVisitNeeds({ db: t.db, actor: cadreA, visitId: r.id, category: 'other', ip: null });
    expect(again).toEqual({ id: rows[0]!.id, reference: rows[0]!.reference, created: false });
    expect(await t.db.select().from(s.grievances).where(eq(s.grievances.filedBy, cadreA.id))).toHaveLength(1);
    // A cadre cannot file on behalf of a household outside their places, even through the use case.
    expect(await codeOf(fileGrievance({ db: t.db, actor: cadreB, placeId: a1c.id, category: 'other', description: '代为反映：漏雨。', onBehalfOf: homeA, ip: null }))).toBe('not_found:household');
    // Nor without naming the household (a cadre files only on behalf).
    expect(await codeOf(fileGrievance({ db: t.db, actor: cadreA, placeId: a1c.id, category: 'other', description: '代为反映：漏雨。', ip: null }))).toBe('forbidden:grievance');
  });
});

describe('staff notices', () => {
  async function staffNotices(kind: string, reference: string) {
    const rows = await t.db.select({ userId: s.notifications.userId, link: s.notifications.link }).from(s.notifications).where(and(eq(s.notifications.kind, kind), sql`${s.notifications.params}->>'reference' = ${reference}`));
    return rows;
  }

  it('a grievance filed in a village reaches the active cadres of that village and of its township, and nobody else', async () => {
    const g = await fileGrievance({ db: t.db, actor: residentA, placeId: a1c.id, category: 'heating', description: `暖气不热。${sfx()}`, ip: null });
    // Called directly, it says how many it wrote: the two active cadres above compound A1c.
    const { notifyPlaceStaff } = await import('@/db/queries/staff-notifications');
    expect(await t.db.transaction((tx) => notifyPlaceStaff({ tx, placeId: a1c.id, kind: 'staff.grievanceFiled', params: { reference: 'X', category: 'other' }, link: null, exceptUserId: cadreA1.id }))).toBe(1);
    const got = await staffNotices('staff.grievanceFiled', g.reference);
    expect(got.map((n) => n.userId).sort()).toEqual([cadreA.id, cadreA1.id].sort());
    expect(got.every((n) => n.link === `/cadre/grievances/${g.id}`)).toBe(true);
    // One in village A2 reaches the township's cadre only.
    const g2 = await fileGrievance({ db: t.db, actor: residentA, placeId: a2.id, category: 'garbage', description: `垃圾没人清。${sfx()}`, ip: null });
    expect((await staffNotices('staff.grievanceFiled', g2.reference)).map((n) => n.userId)).toEqual([cadreA.id]);
  });

  it('an objection lodged reaches the cadres of the case, and its resubmission after a return too; the cadre who acted is not told of their own act', async () => {
    const [app] = await t.db
      .insert(s.applications)
      .values({ reference: `T-${sfx()}`, householdId: homeA, programmeCode: 'appliance_subsidy', status: 'in_public_notice', answers: {}, noticeEndsAt: new Date(Date.now() + 5 * 86_400_000), submittedAt: new Date() })
      .returning();
    const objector = await person('resident');
    await lodgeObjection({ db: t.db, actor: { id: objector, role: 'resident' }, applicationId: app!.id, reason: '该户房屋并未受损。', ip: null });
    expect((await staffNotices('staff.objectionLodged', app!.reference)).map((n) => n.userId).sort()).toEqual([cadreA.id, cadreA1.id].sort());
    // Lodged by cadre A1 themselves: only cadre A hears of it.
    await lodgeObjection({ db: t.db, actor: cadreA1, applicationId: app!.id, reason: '我也有异议。', ip: null });
    expect((await staffNotices('staff.objectionLodged', app!.reference)).filter((n) => n.userId === cadreA1.id)).toHaveLength(1);
    expect((await staffNotices('staff.objectionLodged', app!.reference)).filter((n) => n.userId === cadreA.id)).toHaveLength(2);

    const [returned] = await t.db
      .insert(s.applications)
      .values({ reference: `T-${sfx()}`, householdId: homeA, programmeCode: 'appliance_repair', status: 'returned', answers: { boilers: 1, heatPumps: 0 }, submittedAt: new Date(), returnReason: '请补充照片。' })
      .returning();
    const r = await saveApplication({ db: t.db, actor: residentA, householdId: homeA, programmeCode: 'appliance_repair', answers: { boilers: 1, heatPumps: 0 }, submit: true, ip: null });
    expect(r).toMatchObject({ id: returned!.id, status: 'submitted', before: 'returned' });
    const got = await staffNotices('staff.caseResubmitted', returned!.reference);
    expect(got.map((n) => n.userId).sort()).toEqual([cadreA.id, cadreA1.id].sort());
    expect(got.every((n) => n.link === `/cadre/cases/${returned!.id}`)).toBe(true);
    // The inactive cadre, the official and the other township's cadre got none of these.
    const others = await t.db.select({ kind: s.notifications.kind }).from(s.notifications).where(inArray(s.notifications.userId, [inactiveA, officialId, cadreB.id]));
    expect(others.filter((n) => n.kind.startsWith('staff.'))).toEqual([]);
  });

  it("the inbox pages a cadre's notices newest first without repeats, and counts the unread ones", async () => {
    const cadre = await person('cadre');
    const base = Date.now() - 3_600_000;
    // Seven notices, two at the very same instant (the id breaks the tie).
    for (let i = 0; i < 7; i++) {
      await t.db.insert(s.notifications).values({ userId: cadre, kind: 'staff.grievanceFiled', params: { reference: `R${i}`, category: 'heating' }, createdAt: new Date(base + Math.min(i, 5) * 1000), readAt: i < 2 ? new Date() : null });
    }
    expect(await unreadStaffNotifications({ db: t.db, userId: cadre })).toBe(5);
    expect(await unreadStaffNotifications({ db: t.db, userId: cadre, cap: 3 })).toBe(3);
    const seen: string[] = [];
    let after: { at: string; id: string } | null = null;
    for (let i = 0; i < 10; i++) {
      const page: Awaited<ReturnType<typeof inboxPage>> = await inboxPage({ db: t.db, userId: cadre, after, limit: 2 });
      seen.push(...page.rows.map((n) => n.id));
      if (!page.next) break;
      after = page.next;
    }
    const all = await t.db.select({ id: s.notifications.id }).from(s.notifications).where(eq(s.notifications.userId, cadre)).orderBy(sql`created_at DESC, id DESC`);
    expect(seen).toEqual(all.map((n) => n.id));
    // Nobody else's inbox shows them, nor counts them.
    expect((await inboxPage({ db: t.db, userId: cadreB.id, limit: 100 })).rows.some((n) => seen.includes(n.id))).toBe(false);
    expect(await unreadStaffNotifications({ db: t.db, userId: cadreB.id })).toBe(0);
  });
});

describe('objections', () => {
  it('a cadre cannot answer an objection they lodged themselves; another cadre of the place can; one elsewhere cannot reach it', async () => {
    const hh = await household(a2.id, `钱${sfx()}`, await person('resident'));
    const [app] = await t.db
      .insert(s.applications)
      .values({ reference: `T-${sfx()}`, householdId: hh, programmeCode: 'appliance_subsidy', status: 'in_public_notice', answers: {}, noticeEndsAt: new Date(Date.now() + 5 * 86_400_000), submittedAt: new Date() })
      .returning();
    const cadreA2: Actor = { id: await person('cadre'), role: 'cadre', placePaths: [townA.path] };
    const o = await lodgeObjection({ db: t.db, actor: cadreA2, applicationId: app!.id, reason: '邻居说并未受损。', ip: null });
    expect(await codeOf(answerObjection({ db: t.db, actor: cadreA2, objectionId: o.id, decision: 'dismissed', answer: '经核实确实受损。', ip: null }))).toBe('forbidden:own_objection');
    expect(await codeOf(answerObjection({ db: t.db, actor: cadreB, objectionId: o.id, decision: 'dismissed', answer: '经核实确实受损。', ip: null }))).toBe('not_found:objection');
    const [still] = await t.db.select({ status: s.objections.status }).from(s.objections).where(eq(s.objections.id, o.id));
    expect(still!.status).toBe('open');

    // The list: in cadre A's places (the own one marked), not in cadre B's; oldest first.
    const listed = await openObjectionsPage({ db: t.db, scopePaths: cadreA2.placePaths, viewerId: cadreA2.id, limit: 100 });
    expect(listed.rows.find((r) => r.id === o.id)).toMatchObject({ mine: true, applicationId: app!.id });
    const times = listed.rows.map((r) => r.at);
    expect([...times].sort()).toEqual(times);
    expect((await openObjectionsPage({ db: t.db, scopePaths: cadreB.placePaths, viewerId: cadreB.id, limit: 100 })).rows.some((r) => r.id === o.id)).toBe(false);

    const done = await answerObjection({ db: t.db, actor: cadreA, objectionId: o.id, decision: 'dismissed', answer: '经核实确实受损。', ip: null });
    expect(done.status).toBe('dismissed');
    expect((await openObjectionsPage({ db: t.db, scopePaths: cadreA.placePaths, viewerId: cadreA.id, limit: 100 })).rows.some((r) => r.id === o.id)).toBe(false);
  });
});

describe("the cadre's grievance list", () => {
  it('holds every grievance of the places and none elsewhere, overdue first, filtered, in keyset pages without repeats or gaps', async () => {
    const town = await place('township', county);
    const v = await place('village', town);
    const cadre: Actor = { id: await person('cadre'), role: 'cadre', placePaths: [town.path] };
    const now = new Date();
    const day = 86_400_000;
    const made: { id: string; overdue: boolean; active: boolean }[] = [];
    // Filed 0–19 days ago; every third one answered, every fifth resolved.
    for (let i = 0; i < 12; i++) {
      const createdAt = new Date(now.getTime() - i * 1.7 * day);
      const status = i % 5 === 4 ? 'resolved' : i % 3 === 2 ? 'responded' : 'open';
      const [g] = await t.db
        .insert(s.grievances)
        .values({
          reference: `T-${sfx()}`,
          filedBy: residentA.id,
          placeId: v.id,
          category: 'heating',
          description: `第${i}条`,
          status,
          respondBy: new Date(createdAt.getTime() + 3 * day),
          resolveBy: new Date(createdAt.getTime() + 15 * day),
          respondedAt: status === 'open' ? null : new Date(createdAt.getTime() + day / 2),
          resolvedAt: status === 'resolved' ? new Date(createdAt.getTime() + day) : null,
          createdAt,
        })
        .returning({ id: s.grievances.id });
      const active = status !== 'resolved';
      const overdue = active && (createdAt.getTime() + 15 * day < now.getTime() || (status === 'open' && createdAt.getTime() + 3 * day < now.getTime()));
      made.push({ id: g!.id, overdue, active });
    }
    const pages = async (filter: 'open' | 'overdue' | 'resolved', scope = cadre.placePaths) => {
      const rows: Awaited<ReturnType<typeof cadreGrievancePage>>['rows'] = [];
      let after: { at: string; id: string } | null = null;
      for (let i = 0; i < 20; i++) {
        const page: Awaited<ReturnType<typeof cadreGrievancePage>> = await cadreGrievancePage({ db: t.db, scopePaths: scope, filter, after, now, limit: 3 });
        rows.push(...page.rows);
        if (!page.next) break;
        after = page.next;
      }
      return rows;
    };
    const open = await pages('open');
    expect(open.map((g) => g.id).sort()).toEqual(made.filter((m) => m.active).map((m) => m.id).sort());
    // Overdue ones first, then the others: never an overdue one after one that is not.
    const flags = open.map((g) => Boolean(g.overdue));
    expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
    expect(flags.filter(Boolean)).toHaveLength(made.filter((m) => m.overdue).length);
    expect((await pages('overdue')).map((g) => g.id).sort()).toEqual(made.filter((m) => m.overdue).map((m) => m.id).sort());
    expect((await pages('resolved')).map((g) => g.id).sort()).toEqual(made.filter((m) => !m.active).map((m) => m.id).sort());
    // Another township's cadre sees none of them, in any filter.
    for (const f of ['open', 'overdue', 'resolved'] as const) expect((await pages(f, cadreB.placePaths)).some((g) => made.some((m) => m.id === g.id))).toBe(false);
  });
});
