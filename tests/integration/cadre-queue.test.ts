// The cadre's work queue on a real PostgreSQL: only the cadre's places (another place's case never
// appears by filter, by village id, by search or in an export), search by name prefix, phone and
// ID number (head and member) through keyed hashes carried in a sealed token, keyset pages that
// neither repeat nor skip a row in queue order (overdue first, then oldest; equal times and
// microseconds included), counts per state from the rollup equal to plain counts, and an export
// that is audited with its filters but never the ID number searched for.
import { randomIdNumber, randomMobile, seedProgrammes, useTestDatabase } from './helpers';
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import { decodeQueueCursor, encodeQueueCursor, queueCounts, queuePage, queueRows, queueVillages, type QueueCursor, type QueueFilters, type QueueRow } from '@/db/queries/queue';
import { placesByIds } from '@/db/queries/overview';
import { exportQueue } from '@/server/queue/export-queue';
import { openSearch, sealSearch, searchFromForm } from '@/server/queue/search-token';
import { SEARCH_ECHO_FIELD } from '@/lib/search-text';
import { parseQueueParams, resolveQueue } from '@/app/cadre/queue/params';
import { queueLedgerColumns } from '@/server/queue/ledger-columns';
import { csvChunks } from '@/lib/ledger/csv';
import { labelColumns } from '@/lib/ledger/columns';
import type { ApplicationStatus, ProgrammeCode } from '@/lib/domain';
import type { Actor } from '@/lib/permissions';
import { PROGRAMMES } from '@/lib/programs';
import { createRng, fakeChineseName, maskName } from '@/lib/pii';
import { lookupHash, sealPii } from '@/lib/protect';
import { verificationOverdueBefore } from '@/lib/workflow';

const t = useTestDatabase();
const NOW = new Date('2026-11-30T04:00:00Z');
const DAY = 86_400_000;
const suffix = () => randomBytes(4).toString('hex');
const PROGRAMME_LIST = Object.keys(PROGRAMMES) as ProgrammeCode[];

async function place(level: s.Place['level'], parent: s.Place | null, name = `${level}-${suffix()}`): Promise<s.Place> {
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

async function cadreOf(places: s.Place[]): Promise<Actor> {
  const phone = randomMobile();
  const [u] = await t.db
    .insert(s.users)
    .values({ role: 'cadre', realName: fakeChineseName(createRng(Math.floor(Math.random() * 2 ** 31))), phoneHash: lookupHash(phone), phoneEnc: sealPii(phone), passwordHash: 'unused' })
    .returning({ id: s.users.id });
  await t.db.insert(s.userPlaces).values(places.map((p) => ({ userId: u!.id, placeId: p.id })));
  return { id: u!.id, role: 'cadre', placePaths: places.map((p) => p.path) };
}

interface Home {
  id: string;
  headName: string;
  idNumber: string;
  phone: string;
}

/** A household, optionally owned by a resident account whose sign-in phone differs from the head's phone on file. */
async function home(at: s.Place, opts: { headName?: string; owner?: boolean; headPhoneHash?: boolean } = {}): Promise<Home & { ownerPhone: string | null }> {
  const idNumber = randomIdNumber();
  const phone = randomMobile();
  const headName = opts.headName ?? fakeChineseName(createRng(Math.floor(Math.random() * 2 ** 31)));
  let ownerUserId: string | null = null;
  let ownerPhone: string | null = null;
  if (opts.owner) {
    ownerPhone = randomMobile();
    const [u] = await t.db
      .insert(s.users)
      .values({ role: 'resident', realName: headName, phoneHash: lookupHash(ownerPhone), phoneEnc: sealPii(ownerPhone), passwordHash: 'unused' })
      .returning({ id: s.users.id });
    ownerUserId = u!.id;
  }
  const [h] = await t.db
    .insert(s.households)
    .values({
      ownerUserId,
      headName,
      headIdNumberHash: lookupHash(idNumber),
      headIdNumberEnc: sealPii(idNumber),
      headPhoneEnc: sealPii(phone),
      headPhoneHash: opts.headPhoneHash === false ? null : lookupHash(phone),
      placeId: at.id,
      kind: 'rural',
    })
    .returning({ id: s.households.id });
  return { id: h!.id, headName, idNumber, phone, ownerPhone };
}

let refSeq = 0;
/** An application in a given state; `submittedAt` as a Date or an exact timestamptz literal (microseconds). */
async function app(hh: { id: string }, programme: ProgrammeCode, status: ApplicationStatus, submittedAt: Date | string | null, createdAt: Date | string = new Date(NOW.getTime() - 60 * DAY)): Promise<string> {
  const ts = (v: Date | string) => (typeof v === 'string' ? sql`${v}::timestamptz` : v);
  const [a] = await t.db
    .insert(s.applications)
    .values({
      reference: `QT-${suffix()}-${++refSeq}`,
      householdId: hh.id,
      programmeCode: programme,
      status,
      submittedAt: status === 'draft' || submittedAt === null ? null : (ts(submittedAt) as Date),
      createdAt: ts(createdAt) as Date,
    })
    .returning({ id: s.applications.id });
  return a!.id;
}

/** Two townships, two villages (one with a compound) in the first, one in the second, a cadre of each township. */
async function area() {
  const county = await place('county', null);
  const township = await place('township', county);
  const village = await place('village', township);
  const compound = await place('compound', village);
  const village2 = await place('village', township);
  const otherTownship = await place('township', county);
  const otherVillage = await place('village', otherTownship);
  const cadre = await cadreOf([township]);
  const cadreElsewhere = await cadreOf([otherTownship]);
  return { county, township, village, compound, village2, otherTownship, otherVillage, cadre, cadreElsewhere };
}

async function allPages(actor: Actor, filters: QueueFilters, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let after: QueueCursor | null = null;
  let pages = 0;
  for (;;) {
    const page: { rows: QueueRow[]; next: QueueCursor | null } = await queuePage({ db: t.db, scopePaths: actor.placePaths, filters, after, limit, now: NOW });
    pages++;
    expect(page.rows.length).toBeLessThanOrEqual(limit);
    ids.push(...page.rows.map((r) => r.id));
    if (!page.next) break;
    // The cursor goes through the URL: encode and decode it as the page does.
    after = decodeQueueCursor(encodeQueueCursor(page.next));
    expect(after).toEqual(page.next);
    if (pages > 500) throw new Error('runaway paging');
  }
  return { ids, pages };
}

/** The queue's order written independently: overdue submitted first, drafts last, then time and id. */
async function expectedOrder(scopePath: string, where = sql`true`): Promise<string[]> {
  const cutoff = verificationOverdueBefore(NOW);
  const rows = await t.db.execute<{ id: string }>(sql`
    SELECT a.id FROM applications a JOIN households h ON h.id = a.household_id JOIN places p ON p.id = h.place_id
    WHERE p.path LIKE ${`${scopePath}%`} AND ${where}
    ORDER BY CASE WHEN a.status = 'submitted' AND a.submitted_at < ${cutoff} THEN 0 WHEN a.status = 'draft' THEN 2 ELSE 1 END,
             coalesce(a.submitted_at, a.created_at), a.id`);
  return rows.rows.map((r) => r.id);
}

beforeAll(async () => {
  await seedProgrammes(t.db);
});

describe('scope', () => {
  it("never shows another place's case: not by filter, not by that place's village id, not by search, not in an export", async () => {
    const a = await area();
    const mine = await home(a.village, { headName: `禹${suffix()}` });
    const theirs = await home(a.otherVillage, { headName: `阚${suffix()}`, owner: true });
    const mineApp = await app(mine, 'appliance_repair', 'submitted', new Date(NOW.getTime() - 20 * DAY));
    const theirApp = await app(theirs, 'appliance_repair', 'submitted', new Date(NOW.getTime() - 20 * DAY));
    await app(theirs, 'building_materials', 'approved', new Date(NOW.getTime() - 3 * DAY));
    // Grade D and no visit: the other household needs a visit too.
    await t.db.insert(s.householdFacts).values({ householdId: theirs.id, key: 'safetyGrade', declaredValue: 'D' });

    const filterSets: QueueFilters[] = [
      {},
      { programme: 'appliance_repair' },
      { status: 'submitted' },
      { status: 'approved', programme: 'building_materials' },
      { overdue: true },
      { needsVisit: true },
      { villagePath: a.otherVillage.path },
      { search: { kind: 'name', prefix: theirs.headName.slice(0, 2) } },
      { search: { kind: 'id', hash: lookupHash(theirs.idNumber) } },
      { search: { kind: 'phone', hash: lookupHash(theirs.phone) } },
      { search: { kind: 'phone', hash: lookupHash(theirs.ownerPhone!) } },
    ];
    for (const filters of filterSets) {
      const page = await queuePage({ db: t.db, scopePaths: a.cadre.placePaths, filters, now: NOW });
      expect(page.rows.map((r) => r.id), JSON.stringify(filters)).not.toContain(theirApp);
      expect(page.rows.every((r) => r.id === mineApp), JSON.stringify(filters)).toBe(true);
    }
    // The other cadre finds them by the same searches: the searches work, the scope refuses.
    for (const filters of filterSets.slice(7)) {
      const page = await queuePage({ db: t.db, scopePaths: a.cadreElsewhere.placePaths, filters, now: NOW });
      expect(page.rows.map((r) => r.id), JSON.stringify(filters)).toContain(theirApp);
    }

    // The village id of another township in the URL matches nothing (it never widens the list).
    const resolved = await resolveQueue({ db: t.db, scopePaths: a.cadre.placePaths, params: parseQueueParams({ village: String(a.otherVillage.id) }) });
    expect(resolved.villages.map((v) => v.id).sort()).toEqual([a.village.id, a.compound.id, a.village2.id].sort());
    expect((await queuePage({ db: t.db, scopePaths: a.cadre.placePaths, filters: resolved.filters, now: NOW })).rows).toEqual([]);
    const own = await resolveQueue({ db: t.db, scopePaths: a.cadre.placePaths, params: parseQueueParams({ village: String(a.village.id) }) });
    expect((await queuePage({ db: t.db, scopePaths: a.cadre.placePaths, filters: own.filters, now: NOW })).rows.map((r) => r.id)).toEqual([mineApp]);

    // The export of the whole list, and of a search for the other household, holds only the cadre's own case.
    const exported: string[] = [];
    for (const filters of [{}, { search: { kind: 'id' as const, hash: lookupHash(theirs.idNumber) } }]) {
      const rows = await exportQueue({ db: t.db, actor: a.cadre, ip: '10.0.0.1', format: 'csv', filters, audit: { overdue: false, needsVisit: false, search: null }, now: NOW });
      for await (const r of rows) exported.push(r.id);
    }
    expect(exported).toEqual([mineApp]);
  });
});

describe('search', () => {
  it('finds a household by name prefix, the head phone, the owner phone, the head ID and a member ID, through a sealed token', async () => {
    const a = await area();
    const target = await home(a.compound, { headName: `濮${suffix()}`, owner: true, headPhoneHash: false });
    const other = await home(a.village2, { headName: `濮${suffix()}` });
    const memberId = randomIdNumber();
    await t.db.insert(s.householdMembers).values({ householdId: target.id, name: '成员', relation: 'child', idNumberHash: lookupHash(memberId), idNumberEnc: sealPii(memberId) });
    const withHeadPhone = await home(a.village, {});
    const t1 = await app(target, 'heating_fee_waiver', 'returned', new Date(NOW.getTime() - 2 * DAY));
    const t2 = await app(target, 'warm_winter', 'draft', null);
    const o1 = await app(other, 'heating_fee_waiver', 'submitted', new Date(NOW.getTime() - 1 * DAY));
    const w1 = await app(withHeadPhone, 'appliance_subsidy', 'fulfilled', new Date(NOW.getTime() - 9 * DAY));

    const find = async (typed: string) => {
      const token = sealSearch(typed);
      expect(token).not.toBeNull();
      // Neither the words nor their keyed hash are readable in the token that goes into the URL.
      expect(token).not.toContain(typed.replace(/\s/g, ''));
      expect(token).not.toContain(lookupHash(typed.replace(/\s/g, '')));
      const resolved = await resolveQueue({ db: t.db, scopePaths: a.cadre.placePaths, params: parseQueueParams({ q: token! }) });
      expect(resolved.searchLost).toBe(false);
      return (await queuePage({ db: t.db, scopePaths: a.cadre.placePaths, filters: resolved.filters, now: NOW })).rows.map((r) => r.id);
    };

    expect((await find(target.headName.slice(0, 1))).sort()).toEqual([t1, t2, o1].sort());
    expect((await find(target.headName)).sort()).toEqual([t1, t2].sort());
    expect((await find(target.idNumber)).sort()).toEqual([t1, t2].sort());
    expect((await find(target.idNumber.toLowerCase())).sort()).toEqual([t1, t2].sort());
    expect((await find(memberId)).sort()).toEqual([t1, t2].sort());
    // The head's phone is not hashed on this household (written before 0006): the owner's sign-in phone finds it.
    expect((await find(target.ownerPhone!)).sort()).toEqual([t1, t2].sort());
    expect(await find(withHeadPhone.phone)).toEqual([w1]);
    // A LIKE wildcard is a character, not "anything".
    expect(await find('%')).toEqual([]);

    // What the page shows of a search is masked, and an altered token searches nothing.
    const token = sealSearch(target.idNumber)!;
    expect(openSearch(token)?.shown).toBe(`${target.idNumber.slice(0, 6)}********${target.idNumber.slice(14)}`);
    const altered = `${token.slice(0, -3)}${token.slice(-3) === 'AAA' ? 'BBB' : 'AAA'}`;
    const lost = await resolveQueue({ db: t.db, scopePaths: a.cadre.placePaths, params: parseQueueParams({ q: altered }) });
    expect(lost.searchLost).toBe(true);
    expect(lost.filters.search).toBeUndefined();
  });

  it('keeps the current search when its masked echo is sent back unchanged, and searches anything else as typed', () => {
    const idNumber = randomIdNumber();
    const phone = randomMobile();
    const sent = (text: string, current?: string) => {
      const form = new FormData();
      form.set('text', text);
      if (current !== undefined) form.set(SEARCH_ECHO_FIELD, current);
      return searchFromForm(form);
    };
    for (const typed of [idNumber, phone, '濮']) {
      const token = sealSearch(typed)!;
      const shown = openSearch(token)!.shown;
      // The echo as the field was given it (or with spaces around it): the very same token.
      expect(sent(shown, token)).toEqual({ token });
      expect(sent(` ${shown} `, token)).toEqual({ token });
    }
    const idToken = sealSearch(idNumber)!;
    const echo = openSearch(idToken)!.shown;
    // Without the page's token, or with an altered one, a masked number is not searched as a name.
    expect(sent(echo)).toEqual({ problem: 'masked' });
    expect(sent(echo, `${idToken.slice(0, -3)}${idToken.slice(-3) === 'AAA' ? 'BBB' : 'AAA'}`)).toEqual({ problem: 'masked' });
    // Edited, the echo is checked as typed: still masked is refused; another number is searched.
    expect(sent(`${echo.slice(0, -1)}${echo.endsWith('1') ? '2' : '1'}`, idToken)).toEqual({ problem: 'masked' });
    const other = sent(phone, idToken);
    expect('token' in other && other.token !== idToken && openSearch(other.token!)?.search.kind).toBe('phone');
    // Emptied, there is no search; a number that can find no one is refused as before.
    expect(sent('', idToken)).toEqual({ token: null });
    expect(sent('12345678901', idToken)).toEqual({ problem: 'prefix' });
  });
});

describe('keyset pages', () => {
  it('neither repeat nor skip a row, in queue order, for every query shape', async () => {
    const a = await area();
    const statuses: ApplicationStatus[] = ['draft', 'submitted', 'returned', 'withdrawn', 'recommended', 'in_public_notice', 'approved', 'rejected', 'appealed', 'fulfilled'];
    const rng = createRng(20261130);
    const homes = [];
    for (let i = 0; i < 8; i++) homes.push(await home(i % 3 === 0 ? a.compound : i % 3 === 1 ? a.village : a.village2, { headName: `郗${suffix()}` }));
    // Shared instants (ties broken by id), and instants a microsecond apart (a millisecond cursor would repeat or skip them).
    const shared = new Date(NOW.getTime() - 16 * DAY);
    const micro = ['2026-11-20 08:00:00.123456+00', '2026-11-20 08:00:00.123457+00', '2026-11-20 08:00:00.123458+00'];
    let n = 0;
    for (const hh of homes) {
      for (const programme of PROGRAMME_LIST) {
        const status = statuses[(n + rng.int(0, 1)) % statuses.length]!;
        const pick = rng.int(0, 4);
        const submittedAt = pick === 0 ? shared : pick === 1 ? micro[n % 3]! : new Date(NOW.getTime() - rng.int(0, 40) * DAY - rng.int(0, DAY));
        await app(hh, programme, status, submittedAt, pick === 2 ? micro[n % 3]! : new Date(NOW.getTime() - 50 * DAY));
        n++;
      }
    }
    // Also one of another township, which must never appear in the pages.
    const far = await home(a.otherVillage, { headName: `郗${suffix()}` });
    await app(far, 'warm_winter', 'submitted', shared);

    const cases: Array<{ filters: QueueFilters; where: ReturnType<typeof sql> }> = [
      { filters: {}, where: sql`true` },
      { filters: { status: 'submitted' }, where: sql`a.status = 'submitted'` },
      { filters: { programme: 'appliance_repair' }, where: sql`a.programme_code = 'appliance_repair'` },
      { filters: { overdue: true }, where: sql`a.status = 'submitted' AND a.submitted_at < ${verificationOverdueBefore(NOW)}` },
      { filters: { status: 'draft' }, where: sql`a.status = 'draft'` },
      { filters: { villagePath: a.village.path }, where: sql`p.path LIKE ${`${a.village.path}%`}` },
      { filters: { search: { kind: 'name', prefix: '郗' } }, where: sql`h.head_name LIKE '郗%'` },
    ];
    for (const { filters, where } of cases) {
      const expected = await expectedOrder(a.township.path, where);
      expect(expected.length, JSON.stringify(filters)).toBeGreaterThan(0);
      for (const limit of [1, 3, 7]) {
        const { ids, pages } = await allPages(a.cadre, filters, limit);
        expect(ids, `${JSON.stringify(filters)} by ${limit}`).toEqual(expected);
        expect(new Set(ids).size).toBe(ids.length);
        // One more row is read than shown, so a full last page says there is no next one.
        expect(pages).toBe(Math.max(1, Math.ceil(expected.length / limit)));
      }
    }
    // The first rows are the overdue ones, flagged.
    const first = await queuePage({ db: t.db, scopePaths: a.cadre.placePaths, now: NOW, limit: 200 });
    const flags = first.rows.map((r) => r.overdue);
    expect(flags.indexOf(false)).toBe(flags.lastIndexOf(true) + 1);
    expect(first.rows.filter((r) => r.overdue).every((r) => r.status === 'submitted' && r.submittedAt! < verificationOverdueBefore(NOW))).toBe(true);
    // A cursor that is not ours starts the list at the top instead of failing.
    expect(decodeQueueCursor('1.abc.not-a-uuid')).toBeNull();
    expect(decodeQueueCursor("0.1'; DROP TABLE applications;--")).toBeNull();
  });
});

describe('needs a visit', () => {
  it('holds the cases of grade-D households (verified, else declared) with fewer than three visit rounds, and no others', async () => {
    const a = await area();
    const cadreUser = a.cadre.id;
    const owed = await home(a.village);
    const declaredD = await home(a.compound);
    const visited = await home(a.village2);
    const gradeC = await home(a.village);
    const verifiedNotD = await home(a.village);
    await t.db.insert(s.householdFacts).values([
      { householdId: owed.id, key: 'safetyGrade', declaredValue: 'C', verifiedValue: 'D', verifiedAt: NOW, verifiedBy: cadreUser, verifyMethod: 'visit' },
      { householdId: declaredD.id, key: 'safetyGrade', declaredValue: 'D' },
      { householdId: visited.id, key: 'safetyGrade', declaredValue: 'D' },
      { householdId: gradeC.id, key: 'safetyGrade', declaredValue: 'C' },
      // Declared D but verified B: the verified grade counts.
      { householdId: verifiedNotD.id, key: 'safetyGrade', declaredValue: 'D', verifiedValue: 'B', verifiedAt: NOW, verifiedBy: cadreUser, verifyMethod: 'appraisal' },
    ]);
    for (const round of [1, 2]) await t.db.insert(s.visits).values({ householdId: owed.id, cadreId: cadreUser, visitedOn: '2026-11-01', round, findings: 'ok' });
    for (const round of [1, 2, 3]) await t.db.insert(s.visits).values({ householdId: visited.id, cadreId: cadreUser, visitedOn: '2026-11-01', round, findings: 'ok' });
    const o1 = await app(owed, 'building_materials', 'submitted', new Date(NOW.getTime() - 3 * DAY));
    const o2 = await app(owed, 'warm_winter', 'fulfilled', new Date(NOW.getTime() - 9 * DAY));
    const d1 = await app(declaredD, 'building_materials', 'draft', null);
    await app(visited, 'building_materials', 'submitted', new Date(NOW.getTime() - 3 * DAY));
    await app(gradeC, 'building_materials', 'submitted', new Date(NOW.getTime() - 3 * DAY));
    await app(verifiedNotD, 'building_materials', 'submitted', new Date(NOW.getTime() - 3 * DAY));

    const page = await queuePage({ db: t.db, scopePaths: a.cadre.placePaths, filters: { needsVisit: true }, now: NOW });
    // In queue order: sent 9 days ago, sent 3 days ago, then the draft.
    expect(page.rows.map((r) => r.id)).toEqual([o2, o1, d1]);
    // Combined with a state.
    expect((await queuePage({ db: t.db, scopePaths: a.cadre.placePaths, filters: { needsVisit: true, status: 'submitted' }, now: NOW })).rows.map((r) => r.id)).toEqual([o1]);
  });
});

describe('counts per state', () => {
  it('come from the rollup and equal plain counts, for the scope, a village and a programme', async () => {
    const a = await area();
    const h1 = await home(a.village);
    const h2 = await home(a.compound);
    const h3 = await home(a.village2);
    const h4 = await home(a.otherVillage);
    await app(h1, 'appliance_repair', 'submitted', new Date(NOW.getTime() - DAY));
    await app(h1, 'warm_winter', 'approved', new Date(NOW.getTime() - DAY));
    await app(h2, 'appliance_repair', 'submitted', new Date(NOW.getTime() - DAY));
    await app(h2, 'heating_fee_waiver', 'draft', null);
    await app(h3, 'appliance_repair', 'rejected', new Date(NOW.getTime() - DAY));
    await app(h4, 'appliance_repair', 'submitted', new Date(NOW.getTime() - DAY));

    const plain = async (pathPrefix: string, programme?: ProgrammeCode) => {
      const rows = await t.db.execute<{ status: ApplicationStatus; n: number }>(sql`
        SELECT a.status, count(*)::int AS n FROM applications a JOIN households h ON h.id = a.household_id JOIN places p ON p.id = h.place_id
        WHERE p.path LIKE ${`${pathPrefix}%`} ${programme ? sql`AND a.programme_code = ${programme}` : sql``} GROUP BY 1`);
      return Object.fromEntries(rows.rows.map((r) => [r.status, Number(r.n)]));
    };
    const scope = await queueCounts({ db: t.db, scopePaths: a.cadre.placePaths });
    expect(scope.counts).toEqual(await plain(a.township.path));
    expect(scope.counts).toEqual({ submitted: 2, approved: 1, draft: 1, rejected: 1 });
    expect(scope.asOf).toBeInstanceOf(Date);
    expect((await queueCounts({ db: t.db, scopePaths: a.cadre.placePaths, villagePath: a.village.path })).counts).toEqual(await plain(a.village.path));
    expect((await queueCounts({ db: t.db, scopePaths: a.cadre.placePaths, programme: 'appliance_repair' })).counts).toEqual(await plain(a.township.path, 'appliance_repair'));
    // Another township's village as the village: nothing (the scope still applies).
    expect((await queueCounts({ db: t.db, scopePaths: a.cadre.placePaths, villagePath: a.otherVillage.path })).counts).toEqual({});
  });

  it('are kept in memory between changes and follow every change, as do the village list and place names', async () => {
    const a = await area();
    const h1 = await home(a.village);
    const id = await app(h1, 'appliance_repair', 'submitted', new Date(NOW.getTime() - DAY));
    expect((await queueCounts({ db: t.db, scopePaths: a.cadre.placePaths })).counts).toEqual({ submitted: 1 });
    await t.db.update(s.applications).set({ status: 'approved' }).where(eq(s.applications.id, id));
    const moved = (await queueCounts({ db: t.db, scopePaths: a.cadre.placePaths })).counts;
    expect([moved.submitted ?? 0, moved.approved]).toEqual([0, 1]);

    const before = await queueVillages({ db: t.db, scopePaths: a.cadre.placePaths });
    expect(before.map((v) => v.id)).toContain(a.village.id);
    const added = await place('village', a.township);
    await t.db.update(s.places).set({ name: `改名-${suffix()}` }).where(eq(s.places.id, a.village.id));
    const after = await queueVillages({ db: t.db, scopePaths: a.cadre.placePaths });
    expect(after.map((v) => v.id)).toContain(added.id);
    const [renamed] = await t.db.select({ name: s.places.name }).from(s.places).where(eq(s.places.id, a.village.id));
    expect(after.find((v) => v.id === a.village.id)?.name).toBe(renamed!.name);
    await t.db.update(s.places).set({ nameEn: 'Renamed township' }).where(eq(s.places.id, a.township.id));
    expect((await placesByIds({ db: t.db, ids: [a.township.id] }))[0]?.nameEn).toBe('Renamed township');
  });
});

describe('export', () => {
  it('is audited with its filters and the kind of search, never the ID number or its hash; names and phones leave masked', async () => {
    const a = await area();
    const hh = await home(a.village, { headName: `滕${suffix()}三` });
    const id = await app(hh, 'building_materials', 'submitted', new Date(NOW.getTime() - 30 * DAY));
    const token = sealSearch(hh.idNumber)!;
    const resolved = await resolveQueue({ db: t.db, scopePaths: a.cadre.placePaths, params: parseQueueParams({ q: token, programme: 'building_materials', overdue: '1' }) });

    const before = new Date(Date.now() - 1000);
    const rows = await exportQueue({
      db: t.db,
      actor: a.cadre,
      ip: '10.9.8.7',
      format: 'xlsx',
      filters: resolved.filters,
      audit: { programme: 'building_materials', overdue: true, needsVisit: false, search: resolved.search?.search.kind ?? null },
      now: NOW,
    });
    const tr = (key: string) => key;
    const columns = labelColumns(queueLedgerColumns(tr), tr);
    let csv = '';
    for await (const chunk of csvChunks(columns, rows)) csv += chunk;
    expect(csv).toContain(maskName(hh.headName));
    expect(csv).not.toContain(hh.headName);
    expect(csv).toContain(`${hh.phone.slice(0, 3)}****${hh.phone.slice(7)}`);
    expect(csv).not.toContain(hh.phone);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(2);

    const [audit] = await t.db
      .select()
      .from(s.auditEvents)
      .where(and(eq(s.auditEvents.action, 'export.queue'), eq(s.auditEvents.actorId, a.cadre.id), sql`${s.auditEvents.at} >= ${before}`));
    expect(audit).toBeDefined();
    expect(audit!.success).toBe(true);
    expect(audit!.ip).toBe('10.9.8.7');
    expect(audit!.details).toMatchObject({ format: 'xlsx', programme: 'building_materials', overdue: true, needsVisit: false, search: 'id' });
    const text = JSON.stringify(audit);
    expect(text).not.toContain(hh.idNumber);
    expect(text).not.toContain(lookupHash(hh.idNumber));
    expect(text).not.toContain(token);
    // The export held exactly the filtered list.
    const again: string[] = [];
    for await (const r of queueRows({ db: t.db, scopePaths: a.cadre.placePaths, filters: resolved.filters, now: NOW })) again.push(r.id);
    expect(again).toEqual([id]);
  });
});
