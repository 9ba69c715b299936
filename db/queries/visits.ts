import 'server-only';
// Door-to-door visits (入户走访) as rows: the household a cadre may visit (scoped by the
// actor), the visit row and its photos, and the figures of the three rounds every grade-D
// household is owed (coverage per village and round, and who is still owed a round). Plain
// reads and row writes; recording a visit is server/visits/record-visit.ts.
//
// "Grade D" is the house safety grade as verified, else as declared (the same rule as
// overview.ts visitCoverage). "Village" is the place at the third level of the place path
// ('/county/township/village/…'), as townshipSummary reads the township from the second.
import { and, asc, desc, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx, Tx } from '../client';
import { grievances, householdFacts, householdMembers, households, places, uploads, users, visits, type Visit } from '../schema';
import { keysetRows } from './keyset';
import { placeFiguresPerPlace } from './place-figures';
import { pathWithin, placeInScope, whereReachable } from './scope';
import type { Actor } from '@/lib/permissions';
import type { QueueSearch } from './queue';

/** Rounds a grade-D household must receive. */
export const REQUIRED_ROUNDS = [1, 2, 3] as const;
export type VisitRound = (typeof REQUIRED_ROUNDS)[number];

/** The grade-D condition on a joined `household_facts` row of key safetyGrade. */
const gradeD = sql`coalesce(${householdFacts.verifiedValue}, ${householdFacts.declaredValue}) = '"D"'::jsonb`;
const safetyGradeJoin = and(eq(householdFacts.householdId, households.id), eq(householdFacts.key, 'safetyGrade'));

/** Escapes LIKE wildcards in a search prefix typed by a person. */
function likePrefix(s: string): string {
  return `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// ---------------------------------------------------------------------------------------
// The household of a visit
// ---------------------------------------------------------------------------------------

/** A household the actor reaches, with what the visit form and the use case read. */
export interface VisitHousehold {
  id: string;
  headName: string;
  ownerUserId: string | null;
  placeId: number;
  placePath: string;
  placeName: string;
  placeNameEn: string;
  /** Safety grade as verified, else as declared (null: none known). */
  grade: string | null;
}

function visitHouseholdQuery(db: DbOrTx, actor: Actor, householdId: string) {
  return db
    .select({
      id: households.id,
      headName: households.headName,
      ownerUserId: households.ownerUserId,
      placeId: places.id,
      placePath: places.path,
      placeName: places.name,
      placeNameEn: places.nameEn,
      grade: sql<string | null>`coalesce(${householdFacts.verifiedValue}, ${householdFacts.declaredValue}) #>> '{}'`,
    })
    .from(households)
    .innerJoin(places, eq(households.placeId, places.id))
    .leftJoin(householdFacts, safetyGradeJoin)
    .where(and(eq(households.id, householdId), whereReachable(actor)));
}

/** The household if the actor reaches it (a cadre: inside their places), else null as if it did not exist. */
export async function findVisitHousehold({ db, actor, householdId }: { db: DbOrTx; actor: Actor; householdId: string }): Promise<VisitHousehold | null> {
  const [row] = await visitHouseholdQuery(db, actor, householdId);
  return row ?? null;
}

/** The same, the household row locked until the transaction ends (visits to one household are recorded one at a time). */
export async function lockVisitHousehold({ tx, actor, householdId }: { tx: Tx; actor: Actor; householdId: string }): Promise<VisitHousehold | null> {
  const [row] = await visitHouseholdQuery(tx, actor, householdId).for('update', { of: households });
  return row ?? null;
}

/** Households inside the places found by the search (head's name prefix; phone or ID number by keyed hash), by name then id, in keyset pages. */
export async function searchVisitHouseholds({
  db,
  scopePaths,
  search,
  afterId,
  limit = 20,
}: {
  db: DbOrTx;
  scopePaths: readonly string[];
  /** The start of the head's name, or the keyed hash of a phone or ID number (head or member), as sealed by the search route. */
  search: QueueSearch;
  /** The last household of the previous page (its name is looked up: no name travels in the URL). */
  afterId?: string | null;
  limit?: number;
}) {
  if (search.kind === 'name' && !search.prefix.trim()) return { rows: [], next: null };
  const match =
    search.kind === 'name'
      ? like(households.headName, likePrefix(search.prefix.trim()))
      : search.kind === 'phone'
        ? eq(households.headPhoneHash, search.hash)
        : sql`(${households.headIdNumberHash} = ${search.hash} OR ${households.id} IN (SELECT ${householdMembers.householdId} FROM ${householdMembers} WHERE ${householdMembers.idNumberHash} = ${search.hash}))`;
  const rows = await db
    .select({
      id: households.id,
      headName: households.headName,
      placeName: places.name,
      placeNameEn: places.nameEn,
      grade: sql<string | null>`coalesce(${householdFacts.verifiedValue}, ${householdFacts.declaredValue}) #>> '{}'`,
      rounds: sql<number[]>`coalesce((SELECT array_agg(${visits.round} ORDER BY ${visits.round}) FROM ${visits} WHERE ${visits.householdId} = ${households.id}), '{}')`,
    })
    .from(households)
    .innerJoin(places, eq(households.placeId, places.id))
    .leftJoin(householdFacts, safetyGradeJoin)
    .where(
      and(
        placeInScope(scopePaths),
        match,
        afterId ? sql`(${households.headName}, ${households.id}) > ((SELECT h2.head_name FROM ${households} h2 WHERE h2.id = ${afterId}::uuid), ${afterId}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(households.headName), asc(households.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? last.id : null };
}

// ---------------------------------------------------------------------------------------
// Visit rows
// ---------------------------------------------------------------------------------------

/** Inserts the visit unless the household already has one for this round; null when it has. */
export async function insertVisitIfRoundFree({ tx, values }: { tx: Tx; values: typeof visits.$inferInsert }): Promise<{ id: string } | null> {
  const [row] = await tx.insert(visits).values(values).onConflictDoNothing({ target: [visits.householdId, visits.round] }).returning({ id: visits.id });
  return row ?? null;
}

/**
 * Files the cadre's own loose visit photos of this household under the visit; returns the
 * ids filed. Photos of another household, another person or already filed are left alone.
 */
export async function attachVisitPhotos({ tx, ids, ownerUserId, householdId, visitId }: { tx: Tx; ids: readonly string[]; ownerUserId: string; householdId: string; visitId: string }): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .update(uploads)
    .set({ visitId })
    .where(and(inArray(uploads.id, [...ids]), eq(uploads.ownerUserId, ownerUserId), eq(uploads.householdId, householdId), eq(uploads.kind, 'visit_photo'), isNull(uploads.visitId)))
    .returning({ id: uploads.id });
  return rows.map((r) => r.id);
}

/** Rounds already recorded for a household, with their dates. */
export async function householdVisits({ db, householdId }: { db: DbOrTx; householdId: string }) {
  return db
    .select({ id: visits.id, round: visits.round, visitedOn: visits.visitedOn, findings: visits.findings, needs: visits.needs })
    .from(visits)
    .where(eq(visits.householdId, householdId))
    .orderBy(asc(visits.round));
}

/** A visit with its household, if the actor reaches the household; null otherwise. */
export async function findReachableVisit({ db, actor, visitId }: { db: DbOrTx; actor: Actor; visitId: string }) {
  const [row] = await db
    .select({
      visit: visits,
      headName: households.headName,
      ownerUserId: households.ownerUserId,
      placeId: places.id,
      placePath: places.path,
      placeName: places.name,
      placeNameEn: places.nameEn,
      cadreName: users.realName,
    })
    .from(visits)
    .innerJoin(households, eq(visits.householdId, households.id))
    .innerJoin(places, eq(households.placeId, places.id))
    .innerJoin(users, eq(visits.cadreId, users.id))
    .where(and(eq(visits.id, visitId), whereReachable(actor)));
  return row ?? null;
}

export type ReachableVisit = NonNullable<Awaited<ReturnType<typeof findReachableVisit>>>;

/** Photos filed under a visit (access to the visit is checked by the caller). */
export async function visitPhotos({ db, visitId }: { db: DbOrTx; visitId: string }) {
  return db
    .select({ id: uploads.id, mime: uploads.mime })
    .from(uploads)
    .where(and(eq(uploads.visitId, visitId), eq(uploads.kind, 'visit_photo')))
    .orderBy(asc(uploads.createdAt));
}

/** The marker a grievance filed from a visit's needs carries in its text, so the visit finds it again. */
export function visitMarker(visitId: string): string {
  return `#visit:${visitId}`;
}

/** Grievances of the household whose text carries the visit's marker (filed from its needs). */
export async function grievancesFromVisit({ db, householdId, visitId }: { db: DbOrTx; householdId: string; visitId: string }) {
  return db
    .select({ id: grievances.id, reference: grievances.reference, status: grievances.status })
    .from(grievances)
    .where(and(eq(grievances.householdId, householdId), like(grievances.description, `%${visitMarker(visitId)}%`)))
    .orderBy(asc(grievances.createdAt));
}

/** The visits this cadre recorded most recently, inside their places. */
export async function recentVisitsBy({ db, actor, limit = 10 }: { db: DbOrTx; actor: Actor; limit?: number }) {
  return db
    .select({ id: visits.id, round: visits.round, visitedOn: visits.visitedOn, headName: households.headName, placeName: places.name, placeNameEn: places.nameEn })
    .from(visits)
    .innerJoin(households, eq(visits.householdId, households.id))
    .innerJoin(places, eq(households.placeId, places.id))
    .where(and(eq(visits.cadreId, actor.id), whereReachable(actor)))
    .orderBy(desc(visits.createdAt), desc(visits.id))
    .limit(limit);
}

// ---------------------------------------------------------------------------------------
// Coverage of grade-D households
// ---------------------------------------------------------------------------------------

/** Villages (and communities) inside the places, in tree order: those a cadre's lists are grouped by. */
export async function villagesInScope({ db, scopePaths }: { db: DbOrTx; scopePaths: readonly string[] }) {
  return db
    .select({ id: places.id, name: places.name, nameEn: places.nameEn, path: places.path })
    .from(places)
    .where(and(eq(places.level, 'village'), placeInScope(scopePaths)))
    .orderBy(asc(places.path));
}

export interface VillageCoverage {
  villageId: number;
  name: string;
  nameEn: string;
  /** Grade-D households of the village inside the actor's places. */
  total: number;
  /** Of them, visited in round 1, 2 and 3. */
  rounds: [number, number, number];
}

/**
 * Per village of the places: the grade-D households and how many have had each round. Summed
 * from the per-place rollup (db/queries/place-figures.ts, brought up to date for the scope
 * before it is read): counting the rounds of a township's ~4,000 grade-D households here took
 * ~50 ms per view at county scale, even with the grade-D index.
 */
export async function visitCoverageByVillage({ db, scopePaths }: { db: DbOrTx; scopePaths: readonly string[] }): Promise<VillageCoverage[]> {
  const perPlace = await placeFiguresPerPlace({ db, scopePaths });
  const byVillage = new Map<number, { total: number; rounds: [number, number, number] }>();
  for (const p of perPlace) {
    // The village is the third id of the place's path ('/county/township/village/…').
    const villageId = Number(p.path.split('/')[3]);
    if (!Number.isSafeInteger(villageId) || villageId <= 0 || p.gradeD === 0) continue;
    const v = byVillage.get(villageId) ?? { total: 0, rounds: [0, 0, 0] };
    v.total += p.gradeD;
    for (const i of [0, 1, 2] as const) v.rounds[i] += p.rounds[i];
    byVillage.set(villageId, v);
  }
  if (byVillage.size === 0) return [];
  const names = await db.select({ id: places.id, name: places.name, nameEn: places.nameEn, path: places.path }).from(places).where(and(inArray(places.id, [...byVillage.keys()]), eq(places.level, 'village')));
  return names
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((v) => ({ villageId: v.id, name: v.name, nameEn: v.nameEn, ...byVillage.get(v.id)! }));
}

/** Keyset position in the "still owed" list: the household's place path, then its id. */
export interface OwedCursor {
  path: string;
  id: string;
}

/**
 * Grade-D households of one village (inside the places) that have not had round `round`, by
 * place then id, in keyset pages of `limit`.
 */
export async function owedVisitHouseholds({
  db,
  scopePaths,
  villageId,
  round,
  after,
  limit = 25,
}: {
  db: DbOrTx;
  scopePaths: readonly string[];
  villageId: number;
  round: VisitRound;
  after?: OwedCursor | null;
  limit?: number;
}) {
  const [village] = await db.select({ path: places.path }).from(places).where(and(eq(places.id, villageId), eq(places.level, 'village')));
  if (!village) return { rows: [], next: null };
  const rows = await db
    .select({
      id: households.id,
      headName: households.headName,
      placePath: places.path,
      placeName: places.name,
      placeNameEn: places.nameEn,
      rounds: sql<number[]>`coalesce((SELECT array_agg(${visits.round} ORDER BY ${visits.round}) FROM ${visits} WHERE ${visits.householdId} = ${households.id}), '{}')`,
    })
    .from(households)
    .innerJoin(places, eq(households.placeId, places.id))
    .innerJoin(householdFacts, safetyGradeJoin)
    .where(
      and(
        placeInScope(scopePaths),
        // The village's own subtree (a prefix, so the path index serves it).
        pathWithin(places.path, [village.path]),
        gradeD,
        sql`NOT EXISTS (SELECT 1 FROM ${visits} WHERE ${visits.householdId} = ${households.id} AND ${visits.round} = ${round})`,
        after ? sql`(${places.path}, ${households.id}) > (${after.path}, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(places.path), asc(households.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? { path: last.placePath, id: last.id } : null };
}

export type { Visit };

export interface VisitLedgerRow {
  id: string;
  visitedOn: string;
  round: number;
  findings: string;
  needs: string;
  householdId: string;
  headName: string;
  placeName: string;
  placeNameEn: string;
  cadreName: string;
}

/** What a visits list or ledger is narrowed to, beyond the reader's places (all optional). */
export interface VisitFilters {
  /** Only households inside this place (its path; the caller checks it lies inside the reader's places). */
  placePath?: string | null;
  round?: VisitRound | null;
  /** Visit days from / to, inclusive ('YYYY-MM-DD', China Standard Time like visited_on). */
  from?: string | null;
  to?: string | null;
}

/** Keyset position in the visits list: the visit day, then the visit's id (newest first). */
export interface VisitCursor {
  day: string;
  id: string;
}

function visitFilterWhere(scopePaths: readonly string[], filters: VisitFilters, after: VisitCursor | null) {
  return and(
    placeInScope(scopePaths),
    filters.placePath ? pathWithin(places.path, [filters.placePath]) : undefined,
    filters.round ? eq(visits.round, filters.round) : undefined,
    filters.from ? sql`${visits.visitedOn} >= ${filters.from}::date` : undefined,
    filters.to ? sql`${visits.visitedOn} <= ${filters.to}::date` : undefined,
    // Walks visits_visited_on_id_idx backwards (migration 0021).
    after ? sql`(${visits.visitedOn}, ${visits.id}) < (${after.day}::date, ${after.id}::uuid)` : undefined,
  );
}

function visitRowsAfter(db: DbOrTx, scopePaths: readonly string[], filters: VisitFilters, after: VisitCursor | null, limit: number): Promise<VisitLedgerRow[]> {
  const cadres = alias(users, 'visit_cadre');
  return db
    .select({
      id: visits.id,
      visitedOn: visits.visitedOn,
      round: visits.round,
      findings: visits.findings,
      needs: visits.needs,
      householdId: households.id,
      headName: households.headName,
      placeName: places.name,
      placeNameEn: places.nameEn,
      cadreName: cadres.realName,
    })
    .from(visits)
    .innerJoin(households, eq(households.id, visits.householdId))
    .innerJoin(places, eq(places.id, households.placeId))
    .innerJoin(cadres, eq(cadres.id, visits.cadreId))
    .where(visitFilterWhere(scopePaths, filters, after))
    .orderBy(desc(visits.visitedOn), desc(visits.id))
    .limit(limit);
}

/**
 * Every visit to a household inside `scopePaths` (and the filters), newest visit day first, in
 * keyset batches by (visited_on, id) — the visits ledger (入户走访台账).
 */
export async function* visitLedgerRows({ db, scopePaths, filters = {}, batch = 1000 }: { db: DbOrTx; scopePaths: readonly string[]; filters?: VisitFilters; batch?: number }): AsyncGenerator<VisitLedgerRow> {
  yield* keysetRows<VisitLedgerRow, VisitCursor>({
    batch,
    cursorOf: (last) => ({ day: last.visitedOn, id: last.id }),
    fetchPage: (after, limit) => visitRowsAfter(db, scopePaths, filters, after, limit),
  });
}

/** One page of the visits list (the same rows and order as the ledger), with the cursor of the next page or null. */
export async function visitPage({
  db,
  scopePaths,
  filters = {},
  after = null,
  limit = 50,
}: {
  db: DbOrTx;
  scopePaths: readonly string[];
  filters?: VisitFilters;
  after?: VisitCursor | null;
  limit?: number;
}): Promise<{ rows: VisitLedgerRow[]; next: VisitCursor | null }> {
  const rows = await visitRowsAfter(db, scopePaths, filters, after, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? { day: last.visitedOn, id: last.id } : null };
}

/** Townships and villages inside the places, in tree order: what a visits list can be narrowed to. */
export async function visitPlaceOptions({ db, scopePaths }: { db: DbOrTx; scopePaths: readonly string[] }) {
  return db
    .select({ id: places.id, level: places.level, name: places.name, nameEn: places.nameEn, path: places.path })
    .from(places)
    .where(and(inArray(places.level, ['township', 'village']), placeInScope(scopePaths)))
    .orderBy(asc(places.path));
}

export interface PlaceCoverage {
  placeId: number;
  name: string;
  nameEn: string;
  path: string;
  /** Grade-D households in this place and below. */
  total: number;
  /** Of them, visited in round 1, 2 and 3. */
  rounds: [number, number, number];
  /** Of them, visited in all three rounds. */
  complete: number;
}

/**
 * Grade-D visit coverage of each place directly below `placePath` (the townships of the county,
 * the villages of a township …), households placed on `placePath` itself counted as its own row.
 * Summed from the per-place rollup (place_figures, brought up to date for the place first), never
 * by counting households; `asOf` is when the oldest figure summed was computed.
 */
export async function visitCoverageBelow({ db, placePath }: { db: DbOrTx; placePath: string }): Promise<{ rows: PlaceCoverage[]; asOf: Date | null }> {
  const perPlace = await placeFiguresPerPlace({ db, scopePaths: [placePath] });
  const depth = placePath.split('/').filter(Boolean).length;
  const byChild = new Map<number, { total: number; rounds: [number, number, number]; complete: number }>();
  let asOf: Date | null = null;
  for (const p of perPlace) {
    if (p.asOf && (!asOf || p.asOf < asOf)) asOf = p.asOf;
    const ids = p.path.split('/').filter(Boolean).map(Number);
    // The child of `placePath` this place lies in (or the place itself).
    const id = ids[depth] ?? ids[depth - 1];
    if (id === undefined || !Number.isSafeInteger(id) || p.gradeD === 0) continue;
    const c = byChild.get(id) ?? { total: 0, rounds: [0, 0, 0], complete: 0 };
    c.total += p.gradeD;
    for (const i of [0, 1, 2] as const) c.rounds[i] += p.rounds[i];
    c.complete += p.complete;
    byChild.set(id, c);
  }
  if (byChild.size === 0) return { rows: [], asOf };
  const names = await db.select({ id: places.id, name: places.name, nameEn: places.nameEn, path: places.path }).from(places).where(inArray(places.id, [...byChild.keys()]));
  const rows = names
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((p) => ({ placeId: p.id, name: p.name, nameEn: p.nameEn, path: p.path, ...byChild.get(p.id)! }));
  return { rows, asOf };
}
