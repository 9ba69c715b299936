// 免申即享 enrolment (issue 10 item 4) on a real PostgreSQL: the preview counts what an
// independent count over arranged households says, the SQL selection agrees with the pure rule
// (lib/programs/warm-winter.ts) household by household, a run enrols each household once (run
// twice, or two officials at once), never spends more than the budget holds (short: refused,
// nothing written), writes events, audit and notifications, and refuses a cadre and an official
// scoped to a township — by the use case, by the action and on the page's reads.
import { openBudgetLine, randomIdNumber, seedProgrammes, useTestDatabase } from './helpers';
import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as s from '@/db/schema';
import type { HouseholdKind } from '@/lib/domain';
import { lookupHash, sealPii } from '@/lib/protect';
import { evaluate } from '@/lib/programs';
import { getNotifier, setNotifier } from '@/lib/notify';
import type { Actor } from '@/lib/permissions';
import type { SessionUser } from '@/lib/session';
import type * as DbClient from '@/db/client';
import type * as Notifications from '@/db/queries/notifications';

const t = useTestDatabase();
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => session.user }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '10.9.8.7' }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/db/client', async (importOriginal) => ({ ...(await importOriginal<typeof DbClient>()), getDb: () => t.db }));
vi.mock('@/db/queries/notifications', async (importOriginal) => ({ ...(await importOriginal<typeof Notifications>()), drainSoon: () => undefined }));

const { previewEnrolment, listAwaitingVerification, enrolEligibleHouseholds } = await import('@/db/queries/enrolment');
const { enrolHouseholds } = await import('@/server/enrolment/enrol-households');
const { loadFacts } = await import('@/db/queries/facts');
const { enrolHouseholdsAction } = await import('@/app/county/enrolment/actions');

const PARAMS = { amountYuan: 1000 };
const suffix = () => randomBytes(4).toString('hex');

beforeAll(async () => {
  await seedProgrammes(t.db);
  await openBudgetLine(t.db, 'warm_winter', 0);
});

async function place(level: s.Place['level'], parent: s.Place | null): Promise<s.Place> {
  const name = `${level}-${suffix()}`;
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

async function person(role: 'resident' | 'cadre' | 'official', at: s.Place[] = []): Promise<Actor> {
  const [u] = await t.db.insert(s.users).values({ role, realName: '测试', phoneHash: lookupHash(`p-${suffix()}`), phoneEnc: sealPii('17000000000'), passwordHash: 'unused' }).returning({ id: s.users.id });
  if (at.length) await t.db.insert(s.userPlaces).values(at.map((p) => ({ userId: u!.id, placeId: p.id })));
  return { id: u!.id, role, placePaths: at.map((p) => p.path) };
}

type Affected = 'verified' | 'declared' | 'verified_false' | 'none' | 'redeclared';

/** A household in `village` owned by a fresh resident, with its "affected" fact as said. */
async function household(village: s.Place, affected: Affected, kind: HouseholdKind = 'rural', extra: Partial<Record<'safetyGrade' | 'damagedBoilers', unknown>> = {}): Promise<{ id: string; owner: string }> {
  const owner = await person('resident');
  const idNumber = randomIdNumber();
  const [h] = await t.db
    .insert(s.households)
    .values({ ownerUserId: owner.id, headName: '王秀英', headIdNumberHash: lookupHash(idNumber), headIdNumberEnc: sealPii(idNumber), placeId: village.id, kind, addressDetail: '一组1号', createdBy: owner.id })
    .returning({ id: s.households.id });
  const earlier = new Date(Date.now() - 86_400_000);
  const rows: s.NewHouseholdFact[] = [];
  if (affected !== 'none') {
    rows.push({
      householdId: h!.id,
      key: 'affected',
      declaredValue: true,
      declaredAt: affected === 'redeclared' ? new Date() : earlier,
      verifiedValue: affected === 'verified' ? true : affected === 'verified_false' || affected === 'redeclared' ? false : null,
      verifiedAt: affected === 'declared' ? null : earlier,
      verifyMethod: affected === 'declared' ? null : 'visit',
    });
  }
  for (const [key, v] of Object.entries(extra)) rows.push({ householdId: h!.id, key: key as s.NewHouseholdFact['key'], declaredValue: v, verifiedValue: v, verifiedAt: earlier, verifyMethod: key === 'safetyGrade' ? 'appraisal' : 'visit' });
  if (rows.length) await t.db.insert(s.householdFacts).values(rows);
  return { id: h!.id, owner: owner.id };
}

async function setBudget(remaining: number) {
  await t.db.update(s.budgets).set({ totalYuan: sql`${s.budgets.totalYuan} - ${s.budgets.remainingYuan} + ${remaining}`, remainingYuan: remaining }).where(eq(s.budgets.programmeCode, 'warm_winter'));
}
async function budgetRemaining(): Promise<number> {
  const [b] = await t.db.select({ r: s.budgets.remainingYuan }).from(s.budgets).where(eq(s.budgets.programmeCode, 'warm_winter'));
  return b!.r;
}
async function casesOf(ids: string[]) {
  return t.db.select().from(s.applications).where(and(inArray(s.applications.householdId, ids), eq(s.applications.programmeCode, 'warm_winter')));
}
async function oldCase(householdId: string, status: s.Application['status']) {
  // A submitted case carries its submission time (CHECK applications_submitted_has_time, migration 0027).
  await t.db.insert(s.applications).values({ reference: `OLD-${suffix()}`, householdId, programmeCode: 'warm_winter', status, submittedAt: status === 'submitted' ? new Date() : null });
}

/** A county with two townships (a village each), a county-wide official, a township official and a cadre. */
async function county() {
  const root = await place('county', null);
  const town = await place('township', root);
  const village = await place('village', town);
  const town2 = await place('township', root);
  const village2 = await place('village', town2);
  return { root, town, village, town2, village2, official: await person('official', [root]), townOfficial: await person('official', [town]), cadre: await person('cadre', [town]) };
}

const asSession = (a: Actor): SessionUser => ({ id: a.id, name: '测试', role: a.role, placeIds: [], placePaths: [...a.placePaths] });

describe('preview', () => {
  it('counts what an independent count over the arranged households says, by township for those awaiting verification', async () => {
    const c = await county();
    const arranged = [
      await household(c.village, 'verified', 'rural'),
      await household(c.village, 'verified', 'urban'),
      await household(c.village2, 'verified', 'rural'),
      await household(c.village, 'declared'),
      await household(c.village2, 'declared'),
      await household(c.village2, 'declared', 'urban'),
      await household(c.village, 'redeclared'),
      await household(c.village, 'verified_false'),
      await household(c.village, 'none'),
    ];
    const withOpenCase = await household(c.village2, 'verified');
    await oldCase(withOpenCase.id, 'submitted');
    const withdrawn = await household(c.village2, 'verified');
    await oldCase(withdrawn.id, 'withdrawn');
    const rejected = await household(c.village, 'verified');
    await oldCase(rejected.id, 'rejected');
    await setBudget(4000);

    const p = await previewEnrolment({ db: t.db, code: 'warm_winter', params: PARAMS, scopePaths: c.official.placePaths });
    // Independently: verified true and no open case = 3 fresh + the withdrawn + the rejected one.
    expect(p.eligible).toBe(5);
    expect(p.totalYuan).toBe(5000);
    expect(p.amountPerHousehold).toEqual({ urban: 1000, rural: 1000 });
    expect(p.budgetRemainingYuan).toBe(4000);
    expect(p.awaitingVerification).toBe(4);
    expect(p.awaitingByTownship.map((r) => [r.placeId, r.households]).sort()).toEqual([[c.town.id, 2], [c.town2.id, 2]].sort());
    const list = await listAwaitingVerification({ db: t.db, code: 'warm_winter', scopePaths: c.official.placePaths });
    expect(list).toHaveLength(4);
    expect(list.map((h) => h.id).sort()).toEqual([arranged[3]!.id, arranged[4]!.id, arranged[5]!.id, arranged[6]!.id].sort());
    // Keyset: the second page starts after the first's last id.
    const page2 = await listAwaitingVerification({ db: t.db, code: 'warm_winter', scopePaths: c.official.placePaths, after: list[1]!.id, limit: 10 });
    expect(page2.map((h) => h.id)).toEqual(list.slice(2).map((h) => h.id));

    // A township official's reads stop at the township.
    const own = await previewEnrolment({ db: t.db, code: 'warm_winter', params: PARAMS, scopePaths: c.townOfficial.placePaths });
    expect(own.eligible).toBe(3);
    expect(own.awaitingByTownship.map((r) => r.placeId)).toEqual([c.town.id]);
    expect((await listAwaitingVerification({ db: t.db, code: 'warm_winter', scopePaths: c.townOfficial.placePaths })).every((h) => [arranged[3]!.id, arranged[6]!.id].includes(h.id))).toBe(true);
  });

  it('selects in SQL exactly the households the pure rule passes on their verified facts', async () => {
    const c = await county();
    const all: string[] = [];
    for (const a of ['verified', 'declared', 'verified_false', 'none', 'redeclared'] as const) {
      for (const kind of ['rural', 'urban'] as const) {
        all.push((await household(c.village, a, kind)).id);
        all.push((await household(c.village2, a, kind, { safetyGrade: 'D', damagedBoilers: 2 })).id);
      }
    }
    await setBudget(1_000_000);
    const byRule: string[] = [];
    for (const id of all) {
      const f = await loadFacts({ db: t.db, householdId: id });
      if (evaluate('warm_winter', f!.verified, PARAMS).eligible) byRule.push(id);
    }
    await t.db.transaction((tx) => enrolEligibleHouseholds({ tx, code: 'warm_winter', params: PARAMS, programmeVersion: 1, scopePaths: c.official.placePaths, actorId: c.official.id, now: new Date(), channel: 'sms' }));
    const bySql = (await casesOf(all)).map((a) => a.householdId);
    expect(byRule.length).toBeGreaterThan(0);
    expect(bySql.sort()).toEqual(byRule.sort());
    // The frozen entitlement is the rule's own.
    const [one] = await casesOf([byRule[0]!]);
    expect(one!.entitlement).toEqual(evaluate('warm_winter', { kind: 'rural', affected: true }, PARAMS).entitlement);
  });
});

describe('the run', () => {
  it('enrols each qualifying household once, approved, with events, one audit row, notifications and the budget ledger; a second run enrols no one', async () => {
    const c = await county();
    const a = await household(c.village, 'verified');
    const b = await household(c.village2, 'verified', 'urban');
    const waiting = await household(c.village, 'declared');
    const withdrawn = await household(c.village, 'verified');
    await oldCase(withdrawn.id, 'withdrawn');
    await setBudget(10_000);

    const out = await enrolHouseholds({ db: t.db, actor: c.official, code: 'warm_winter', ip: '10.1.1.1' });
    expect(out).toMatchObject({ enrolled: 3, amountYuan: 3000, skippedUnverified: 1, budget: 'spent' });
    expect(await budgetRemaining()).toBe(7000);
    const cases = (await casesOf([a.id, b.id, waiting.id, withdrawn.id])).filter((x) => x.status !== 'withdrawn');
    expect(cases).toHaveLength(3);
    for (const x of cases) {
      expect(x).toMatchObject({ status: 'approved', enrolmentRunId: out.runId, decidedBy: c.official.id, entitlement: { kind: 'cash', amountYuan: 1000 } });
      expect(x.reference).toMatch(/^ZZ-\d{4}-\d{6}$/);
      const events = await t.db.select().from(s.applicationEvents).where(eq(s.applicationEvents.applicationId, x.id));
      expect(events).toMatchObject([{ action: 'enrol', fromStatus: 'draft', toStatus: 'approved', actorId: c.official.id, actorRole: 'official' }]);
    }
    const owners = [a.owner, b.owner, withdrawn.owner];
    const notes = await t.db.select().from(s.notifications).where(inArray(s.notifications.userId, owners));
    expect(notes.map((n) => n.userId).sort()).toEqual(owners.sort());
    expect(notes.every((n) => n.kind === 'application.enrolled' && (n.params as { programme: string }).programme === 'warm_winter')).toBe(true);
    const outbox = await t.db.select().from(s.notificationOutbox).where(inArray(s.notificationOutbox.notificationId, notes.map((n) => n.id)));
    expect(outbox).toHaveLength(3);
    const audit = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.action, 'enrolment.run'), eq(s.auditEvents.entityId, out.runId)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: c.official.id, success: true, details: { enrolled: 3, amountYuan: 3000, programmeVersion: 1 } });
    const ledger = await t.db.select().from(s.budgetMovements).where(eq(s.budgetMovements.enrolmentRunId, out.runId));
    expect(ledger).toMatchObject([{ kind: 'commit', remainingDeltaYuan: -3000 }]);
    const [run] = await t.db.select().from(s.enrolmentRuns).where(eq(s.enrolmentRuns.id, out.runId));
    expect(run).toMatchObject({ enrolled: 3, amountYuan: 3000, skippedUnverified: 1, runBy: c.official.id });

    const again = await enrolHouseholds({ db: t.db, actor: c.official, code: 'warm_winter', ip: null });
    expect(again).toMatchObject({ enrolled: 0, amountYuan: 0 });
    expect(await budgetRemaining()).toBe(7000);
    expect((await casesOf([a.id, b.id, withdrawn.id])).filter((x) => x.status === 'approved')).toHaveLength(3);
  });

  it("tells each enrolled household's owner once, with one outbox row on the notifier's channel; a household with no owner account (代办) is enrolled and tells no one", async () => {
    const c = await county();
    const owned = [await household(c.village, 'verified'), await household(c.village2, 'verified', 'urban')];
    const kept = await household(c.village, 'verified');
    await t.db.update(s.households).set({ ownerUserId: null }).where(eq(s.households.id, kept.id));
    await setBudget(3000);
    const notifier = getNotifier();
    setNotifier({ channel: 'enrolment-test', deliver: async () => undefined });
    try {
      expect(await enrolHouseholds({ db: t.db, actor: c.official, code: 'warm_winter', ip: null })).toMatchObject({ enrolled: 3 });
    } finally {
      setNotifier(notifier);
    }
    const cases = await casesOf([...owned.map((h) => h.id), kept.id]);
    expect(cases).toHaveLength(3);
    const notes = await t.db.select().from(s.notifications).where(inArray(s.notifications.link, cases.map((x) => `/resident/applications/${x.id}`)));
    expect(notes).toHaveLength(2);
    for (const h of owned) {
      const x = cases.find((y) => y.householdId === h.id)!;
      expect(notes.filter((n) => n.userId === h.owner)).toEqual([
        expect.objectContaining({ kind: 'application.enrolled', params: { reference: x.reference, programme: 'warm_winter' }, link: `/resident/applications/${x.id}`, createdAt: x.createdAt }),
      ]);
    }
    // The kept household's case is enrolled all the same, and nobody (not its former owner either) is told.
    expect(cases.find((x) => x.householdId === kept.id)).toMatchObject({ status: 'approved' });
    expect(await t.db.select().from(s.notifications).where(eq(s.notifications.userId, kept.owner))).toEqual([]);
    const outbox = await t.db.select().from(s.notificationOutbox).where(inArray(s.notificationOutbox.notificationId, notes.map((n) => n.id)));
    expect(outbox.map((o) => o.notificationId).sort()).toEqual(notes.map((n) => n.id).sort());
    expect(outbox.every((o) => o.channel === 'enrolment-test' && o.status === 'pending')).toBe(true);
  });

  it('two officials at once: each household enrolled once, the budget spent exactly once', async () => {
    const c = await county();
    const second = await person('official', [c.root]);
    const hs = [];
    for (let i = 0; i < 12; i++) hs.push(await household(i % 2 ? c.village : c.village2, 'verified'));
    await setBudget(12_000);
    const runs = await Promise.allSettled([enrolHouseholds({ db: t.db, actor: c.official, code: 'warm_winter', ip: null }), enrolHouseholds({ db: t.db, actor: second, code: 'warm_winter', ip: null })]);
    const done = runs.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<{ enrolled: number }>).value.enrolled);
    expect(done.sort()).toEqual([0, 12]);
    const cases = await casesOf(hs.map((h) => h.id));
    expect(cases).toHaveLength(12);
    expect(new Set(cases.map((x) => x.householdId)).size).toBe(12);
    expect(await budgetRemaining()).toBe(0);
  });

  it('two officials at once against exactly the last of the budget: one enrols both households, the other finds nobody left and spends nothing', async () => {
    const c = await county();
    const second = await person('official', [c.root]);
    const hs = [await household(c.village, 'verified'), await household(c.village2, 'verified')];
    await setBudget(2000);
    const runs = await Promise.allSettled([enrolHouseholds({ db: t.db, actor: c.official, code: 'warm_winter', ip: null }), enrolHouseholds({ db: t.db, actor: second, code: 'warm_winter', ip: null })]);
    expect(runs.map((r) => (r.status === 'fulfilled' ? r.value.enrolled : -1)).sort()).toEqual([0, 2]);
    expect(await budgetRemaining()).toBe(0);
    expect(await casesOf(hs.map((h) => h.id))).toHaveLength(2);
  });

  it('refuses when the budget is short, naming the shortfall, and writes nothing', async () => {
    const c = await county();
    const hs = [await household(c.village, 'verified'), await household(c.village, 'verified'), await household(c.village2, 'verified')];
    await setBudget(2500);
    const runsBefore = await t.db.select({ id: s.enrolmentRuns.id }).from(s.enrolmentRuns);
    const eventsBefore = await t.db.select({ n: sql<number>`count(*)::int` }).from(s.applicationEvents);
    const notesBefore = await t.db.select({ n: sql<number>`count(*)::int` }).from(s.notifications);
    const err = await enrolHouseholds({ db: t.db, actor: c.official, code: 'warm_winter', ip: null }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'over_budget:enrolment' });
    expect((err as Error).message).toContain('500');
    expect(await budgetRemaining()).toBe(2500);
    expect(await casesOf(hs.map((h) => h.id))).toHaveLength(0);
    expect(await t.db.select({ id: s.enrolmentRuns.id }).from(s.enrolmentRuns)).toHaveLength(runsBefore.length);
    expect(await t.db.select({ n: sql<number>`count(*)::int` }).from(s.applicationEvents)).toEqual(eventsBefore);
    expect(await t.db.select({ n: sql<number>`count(*)::int` }).from(s.notifications)).toEqual(notesBefore);
    const refused = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.action, 'enrolment.run'), eq(s.auditEvents.success, false), eq(s.auditEvents.actorId, c.official.id)));
    expect(refused).toMatchObject([{ details: { neededYuan: 3000, remainingYuan: 2500, shortfallYuan: 500 } }]);
    // The action says so as a conflict the page explains.
    session.user = asSession(c.official);
    expect(await enrolHouseholdsAction(null, form({ programme: 'warm_winter' }))).toEqual({ status: 'conflict', code: 'over_budget:enrolment' });
    session.user = null;
    expect(await casesOf(hs.map((h) => h.id))).toHaveLength(0);
  });

  it('refuses a closed programme and a programme that needs an application', async () => {
    const c = await county();
    await household(c.village, 'verified');
    await setBudget(100_000);
    await t.db.update(s.programmes).set({ active: false }).where(eq(s.programmes.code, 'warm_winter'));
    try {
      await expect(enrolHouseholds({ db: t.db, actor: c.official, code: 'warm_winter', ip: null })).rejects.toMatchObject({ code: 'conflict:programme_closed' });
      await t.db.update(s.programmes).set({ active: true, needsApplication: true }).where(eq(s.programmes.code, 'warm_winter'));
      await expect(enrolHouseholds({ db: t.db, actor: c.official, code: 'warm_winter', ip: null })).rejects.toMatchObject({ code: 'conflict:application_needed' });
    } finally {
      await t.db.update(s.programmes).set({ active: true, needsApplication: false }).where(eq(s.programmes.code, 'warm_winter'));
    }
  });

  it('refuses a cadre and an official of one township, by the use case and by the action, and writes nothing', async () => {
    const c = await county();
    const h = await household(c.village, 'verified');
    await setBudget(100_000);
    for (const who of [c.cadre, c.townOfficial]) {
      await expect(enrolHouseholds({ db: t.db, actor: who, code: 'warm_winter', ip: null })).rejects.toMatchObject({ code: 'forbidden:enrolment' });
      session.user = asSession(who);
      expect(await enrolHouseholdsAction(null, form({ programme: 'warm_winter' }))).toEqual({ status: 'forbidden' });
      session.user = null;
    }
    expect(await casesOf([h.id])).toHaveLength(0);
    expect(await budgetRemaining()).toBe(100_000);
    // The county-wide official's action enrols it.
    session.user = asSession(c.official);
    const ok = await enrolHouseholdsAction(null, form({ programme: 'warm_winter' }));
    session.user = null;
    expect(ok).toMatchObject({ status: 'ok', data: { enrolled: 1, amountYuan: 1000 } });
    expect(await casesOf([h.id])).toHaveLength(1);
  });

  it('writes references like every other case, past six digits too (ZZ-<year>-1000001, never cut to six)', async () => {
    const c = await county();
    const h = await household(c.village, 'verified');
    await setBudget(100_000);
    await t.db.execute(sql`SELECT setval('application_ref_seq', 1000000)`);
    await enrolHouseholds({ db: t.db, actor: c.official, code: 'warm_winter', ip: null });
    const [x] = await casesOf([h.id]);
    expect(x!.reference).toMatch(/^ZZ-\d{4}-1000001$/);
  });

  it('enrols only inside the official’s county: another county’s households are left alone', async () => {
    const c = await county();
    const other = await county();
    const mine = await household(c.village, 'verified');
    const theirs = await household(other.village, 'verified');
    await setBudget(100_000);
    await enrolHouseholds({ db: t.db, actor: c.official, code: 'warm_winter', ip: null });
    expect(await casesOf([mine.id])).toHaveLength(1);
    expect(await casesOf([theirs.id])).toHaveLength(0);
  });
});

function form(values: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.append(k, v);
  return f;
}
