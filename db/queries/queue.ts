import 'server-only';
// The cadre's work queue (issue 9 item 1): every application of the actor's places, in every
// state, overdue first and then oldest first, in keyset pages. Scoped in the WHERE clause by the
// actor's place paths (db/queries/scope.ts), so a case of another place never leaves the database.
//
// Order: three segments, each in its own index order.
//   0  overdue: submitted before `verificationOverdueBefore(now)` (lib/workflow.ts), oldest first;
//   1  every other case that is not a draft, oldest first by `coalesce(submitted_at, created_at)`:
//      its submission, or its creation when it was never submitted (a 免申即享 enrolment creates
//      its cases approved, with no submission: they are counted, so they must be listed too);
//   2  drafts (never sent, so no submission date), oldest creation first.
// A cursor is (segment, sort time, id) of the last row shown.
//
// Two query shapes, because one plan cannot serve both a township and a household:
//  - "walk" (no village, no search): one branch per segment, each walking its index in order
//    (applications_sent_sort_idx across states, applications_status_sort_idx for one state,
//    (status, submitted_at) for the overdue, applications_draft_created_idx for drafts) until it
//    has a page of rows inside the scope; the branches run one after the other. A township is ~1/7 of the county, so a branch reads ~7 index entries per row
//    shown, whatever the depth of the cursor.
//  - "narrow" (a village or a search): the few households come first (place index, or the
//    keyed hash / name index), their applications are sorted in memory.
//
// "Needs a visit" (PRODUCT.md "Visits": every D-graded household must receive three rounds):
// the case's household is graded D (verified, else declared, as the dashboards and the visit
// lists count it) and has fewer than three visit rounds. PRODUCT.md names no programme that
// needs a home visit of its own (a cadre verifies facts "by visit, photo or appraisal"), so no
// programme adds cases to this filter.
//
// Each row also carries the step that closed a withdrawn or fulfilled case (db/queries/case-closing.ts),
// so that its badge can say "expired" or "closed, could not be repaired" (lib/case-status.ts): one
// probe of application_events_app_idx per row, which PostgreSQL evaluates above the sort and the
// limit, i.e. for the rows of the page only (county scale, a township's page: +0.1 to 0.5 ms).
// It comes last in the select list, after the columns the narrow shape orders by position.
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client';
import { applicationCounts, applications, householdFacts, householdMembers, households, places, users, visits } from '../schema';
import type { ClosingStep } from '@/lib/case-status';
import { APPLICATION_STATUSES, type ApplicationStatus, type ProgrammeCode } from '@/lib/domain';
import { UUID_TEXT } from '@/lib/validators';
import { verificationOverdueBefore } from '@/lib/workflow';
import { closingStep } from './case-closing';
import { keysetPages } from './keyset';
import { memoByRollupClock, scopeKey } from './rollups';
import { pathWithin } from './scope';

/** A phone shows about five cards at a time; 20 a page keeps the page light (rendering, not SQL, is its cost: docs/performance.md §6). */
export const QUEUE_PAGE_SIZE = 20;
/** Households a search may match before the rest is cut off (a name prefix such as 王 can match thousands). */
const SEARCH_HOUSEHOLD_LIMIT = 500;

export type QueueSearch = { kind: 'name'; prefix: string } | { kind: 'phone'; hash: string } | { kind: 'id'; hash: string };

export interface QueueFilters {
  programme?: ProgrammeCode;
  status?: ApplicationStatus;
  /** Path of a village or compound inside the actor's places (resolve it with `queueVillages`). */
  villagePath?: string;
  overdue?: boolean;
  needsVisit?: boolean;
  search?: QueueSearch;
}

export type QueueSegment = 0 | 1 | 2;

/**
 * Keyset position: the last row's segment, sort time and id. The time is in whole microseconds
 * since 1970 (PostgreSQL's own precision, as a decimal string): a JavaScript Date keeps only
 * milliseconds, and a cursor rounded to them would show a row again or skip one.
 */
export interface QueueCursor {
  seg: QueueSegment;
  us: string;
  id: string;
}

export interface QueueRow {
  id: string;
  reference: string;
  programmeCode: ProgrammeCode;
  status: ApplicationStatus;
  submittedAt: Date | null;
  createdAt: Date;
  householdId: string;
  headName: string;
  headPhoneEnc: string | null;
  placeName: string;
  placeNameEn: string;
  overdue: boolean;
  /** What closed a withdrawn or fulfilled case, for its status word (lib/case-status.ts). */
  closing: ClosingStep | null;
  cursor: QueueCursor;
}

/** `1.1732500000000000.<uuid>`: segment, sort time in µs, id. Opaque to people, safe in a URL. */
export function encodeQueueCursor(c: QueueCursor): string {
  return `${c.seg}.${c.us}.${c.id}`;
}

/** The cursor in a URL, or null when it is not one of ours (then the list starts at the top). */
export function decodeQueueCursor(s: string | undefined | null): QueueCursor | null {
  if (!s) return null;
  const m = /^([012])\.(-?\d{1,17})\.([0-9a-f-]{36})$/.exec(s);
  if (!m || !UUID_TEXT.test(m[3]!)) return null;
  return { seg: Number(m[1]) as QueueSegment, us: m[2]!, id: m[3]! };
}

const STATUS_SET = new Set<string>(APPLICATION_STATUSES);

function likePrefix(s: string): string {
  return `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Conditions every shape shares: scope, programme, needs-a-visit. */
function commonConditions(scopePaths: readonly string[] | null, f: QueueFilters): SQL[] {
  const out: SQL[] = [];
  const scope = pathWithin(places.path, scopePaths);
  if (scope) out.push(scope);
  if (f.villagePath) out.push(sql`${places.path} LIKE ${likePrefix(f.villagePath)}`);
  if (f.programme) out.push(sql`${applications.programmeCode} = ${f.programme}`);
  if (f.needsVisit) out.push(needsVisitCondition(scopePaths));
  return out;
}

function needsVisitCondition(scopePaths: readonly string[] | null): SQL {
  // The grade-D households of the scope first: the scope's households by (place, id) hashed
  // against household_facts_grade_d_idx (migration 0007, exactly this predicate), both
  // index-only; behind OFFSET 0 so the planner cannot move the visit count below it. Otherwise
  // it counted the visits of every D-graded household of the county, or looked each of them up
  // in households (80–100 ms for a township at county scale; this ~30 ms, a loaded machine).
  const scope = pathWithin(places.path, scopePaths);
  const inScope = scope ? sql`${households.placeId} = ANY (ARRAY(SELECT ${places.id} FROM ${places} WHERE ${scope}))` : sql`true`;
  return sql`${households.id} IN (SELECT d.id FROM (
      SELECT ${households.id} AS id FROM ${households}
      WHERE ${inScope} AND EXISTS (SELECT 1 FROM ${householdFacts} WHERE ${householdFacts.householdId} = ${households.id} AND ${householdFacts.key} = 'safetyGrade'
        AND coalesce(${householdFacts.verifiedValue}, ${householdFacts.declaredValue}) = '"D"'::jsonb)
      OFFSET 0) d
    WHERE (SELECT count(*) FROM ${visits} WHERE ${visits.householdId} = d.id) < 3)`;
}

/**
 * Ids of the households the search names, as a sub-select the narrow shape filters on (the
 * outer query applies the scope). Each arm is one index lookup; an OR across columns would not be.
 */
function searchHouseholds(search: QueueSearch, scopePaths: readonly string[] | null): SQL {
  switch (search.kind) {
    case 'name': {
      // A common surname matches thousands of households: cut off inside the scope.
      const scope = pathWithin(places.path, scopePaths);
      return sql`SELECT ${households.id} FROM ${households} JOIN ${places} ON ${places.id} = ${households.placeId}
        WHERE ${households.headName} LIKE ${likePrefix(search.prefix)} AND ${scope ?? sql`true`} LIMIT ${SEARCH_HOUSEHOLD_LIMIT}`;
    }
    case 'phone':
      // The head's phone hash (migration 0006), and the owner's sign-in phone for households
      // written before every writer set it.
      return sql`SELECT ${households.id} FROM ${households} WHERE ${households.headPhoneHash} = ${search.hash}
        UNION SELECT ${households.id} FROM ${households} WHERE ${households.ownerUserId} IN (SELECT ${users.id} FROM ${users} WHERE ${users.phoneHash} = ${search.hash})`;
    case 'id':
      return sql`SELECT ${households.id} FROM ${households} WHERE ${households.headIdNumberHash} = ${search.hash}
        UNION SELECT ${householdMembers.householdId} FROM ${householdMembers} WHERE ${householdMembers.idNumberHash} = ${search.hash}`;
  }
}

const SELECT_COLUMNS = sql`${applications.id} AS id, ${applications.reference} AS reference, ${applications.programmeCode} AS programme_code,
  ${applications.status} AS status, ${applications.submittedAt} AS submitted_at, ${applications.createdAt} AS created_at,
  ${applications.householdId} AS household_id, ${households.headName} AS head_name, ${households.headPhoneEnc} AS head_phone_enc, ${places.name} AS place_name, ${places.nameEn} AS place_name_en`;

const FROM = sql`FROM ${applications} JOIN ${households} ON ${households.id} = ${applications.householdId} JOIN ${places} ON ${places.id} = ${households.placeId}`;

function and(parts: SQL[]): SQL {
  return parts.length === 0 ? sql`true` : sql.join(parts, sql` AND `);
}

type RawRow = {
  id: string;
  reference: string;
  programme_code: ProgrammeCode;
  status: ApplicationStatus;
  submitted_at: Date | string | null;
  created_at: Date | string;
  household_id: string;
  head_name: string;
  head_phone_enc: string | null;
  place_name: string;
  place_name_en: string;
  seg: number;
  sort_us: string;
  closing: ClosingStep | null;
};

const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

/** A timestamptz as whole microseconds since 1970, exactly (extract gives numeric). */
const micros = (col: SQL | AnyPgColumn) => sql`(extract(epoch FROM ${col}) * 1000000)::bigint::text`;
/** The cursor's time back as a timestamptz, exactly: the epoch plus so many microseconds (to_timestamp would round through a double). */
const cursorTime = (c: QueueCursor) => sql`(timestamptz 'epoch' + ${c.us}::bigint * interval '1 microsecond')`;

/** Segment 1's sort key: the submission, or the creation of a case never submitted (an enrolled one). The expression of migration 0026's indexes. */
const SENT_KEY = sql`coalesce(${applications.submittedAt}, ${applications.createdAt})`;

/** One branch of the walk shape: one status (or several) of one segment, in the order of its index. */
function walkBranch(opts: { seg: QueueSegment; statuses: ApplicationStatus[]; cutoff: Date; common: SQL[]; after: QueueCursor | null; limit: number }): SQL {
  const { seg, statuses, cutoff, common, after, limit } = opts;
  const key = seg === 2 ? applications.createdAt : seg === 1 ? SENT_KEY : applications.submittedAt;
  const status = statuses.length === 1 ? sql`${applications.status} = ${statuses[0]}` : sql`${applications.status} IN (${sql.join(statuses.map((s) => sql`${s}`), sql`, `)})`;
  const conds = [status, ...common];
  if (seg === 0) conds.push(sql`${applications.submittedAt} < ${cutoff}`);
  // Segment 1 walks applications_sent_sort_idx or applications_status_sort_idx (migration 0026),
  // both partial on status <> 'draft': said in so many words, so the planner need not prove it.
  if (seg === 1) conds.push(sql`${applications.status} <> 'draft'`);
  // A range the index can start from, not a NOT (…) it would filter row by row. A submitted case
  // always has its submission time (server/applications/save-application.ts sets it on sending;
  // the CHECK applications_submitted_has_time, migration 0027, holds every writer to it), so for
  // it the key is submitted_at and this is exactly "not overdue".
  if (seg === 1 && statuses.length === 1 && statuses[0] === 'submitted') conds.push(sql`${SENT_KEY} >= ${cutoff}`);
  else if (seg === 1) conds.push(sql`NOT (${applications.status} = 'submitted' AND ${applications.submittedAt} < ${cutoff})`);
  if (after && seg === after.seg) conds.push(sql`(${key}, ${applications.id}) > (${cursorTime(after)}, ${after.id}::uuid)`);
  return sql`(SELECT ${SELECT_COLUMNS}, ${seg}::int AS seg, ${key} AS sort_at, ${micros(key)} AS sort_us, ${closingStep} AS closing ${FROM} WHERE ${and(conds)} ORDER BY ${key}, ${applications.id} LIMIT ${limit})`;
}

function toRow(r: RawRow): QueueRow {
  const seg = Number(r.seg) as QueueSegment;
  return {
    id: r.id,
    reference: r.reference,
    programmeCode: r.programme_code,
    status: r.status,
    submittedAt: r.submitted_at === null ? null : toDate(r.submitted_at),
    createdAt: toDate(r.created_at),
    householdId: r.household_id,
    headName: r.head_name,
    headPhoneEnc: r.head_phone_enc,
    placeName: r.place_name,
    placeNameEn: r.place_name_en,
    overdue: seg === 0,
    closing: r.closing ?? null,
    cursor: { seg, us: String(r.sort_us), id: r.id },
  };
}

interface PageArgs {
  scopePaths: readonly string[] | null;
  filters?: QueueFilters;
  after?: QueueCursor | null;
  limit?: number;
  now?: Date;
}

/**
 * The statements behind one page, in the order they run; each asks for up to `limit + 1` rows
 * and the next runs only while the page is not full (most pages need the first one only).
 * Exported for EXPLAIN and the bench.
 */
export function queueQueries({ scopePaths, filters = {}, after = null, limit = QUEUE_PAGE_SIZE, now = new Date() }: PageArgs): SQL[] {
  const cutoff = verificationOverdueBefore(now);
  const common = commonConditions(scopePaths, filters);
  const take = limit + 1;

  if (filters.search || filters.villagePath || filters.needsVisit) {
    // Narrow: few households, so one statement sorts their applications by the computed key.
    const segExpr = sql`(CASE WHEN ${applications.status} = 'submitted' AND ${applications.submittedAt} < ${cutoff} THEN 0 WHEN ${applications.status} = 'draft' THEN 2 ELSE 1 END)`;
    const keyExpr = SENT_KEY;
    const conds = [...common];
    if (filters.status) conds.push(sql`${applications.status} = ${filters.status}`);
    if (filters.overdue) conds.push(sql`${applications.status} = 'submitted' AND ${applications.submittedAt} < ${cutoff}`);
    // The matching households first, so the sort below reads only their applications.
    if (filters.search) conds.push(sql`${households.id} IN (${searchHouseholds(filters.search, scopePaths)})`);
    if (after) conds.push(sql`(${segExpr}, ${keyExpr}, ${applications.id}) > (${after.seg}::int, ${cursorTime(after)}, ${after.id}::uuid)`);
    return [sql`SELECT ${SELECT_COLUMNS}, ${segExpr} AS seg, ${keyExpr} AS sort_at, ${micros(keyExpr)} AS sort_us, ${closingStep} AS closing ${FROM} WHERE ${and(conds)} ORDER BY seg, sort_at, id LIMIT ${take}`];
  }

  const statuses: ApplicationStatus[] = filters.status && STATUS_SET.has(filters.status) ? [filters.status] : [...APPLICATION_STATUSES];
  const segments: QueueSegment[] = filters.overdue ? [0] : [0, 1, 2];
  const out: SQL[] = [];
  for (const seg of segments) {
    if (after && seg < after.seg) continue;
    if (seg === 0 && !statuses.includes('submitted')) continue;
    if (seg === 2 && !statuses.includes('draft')) continue;
    const sent = statuses.filter((s) => s !== 'draft');
    if (seg === 1 && sent.length === 0) continue;
    // Every non-draft case across statuses walks applications_sent_sort_idx; one status walks
    // applications_status_sort_idx (migration 0026).
    out.push(walkBranch({ seg, statuses: seg === 0 ? ['submitted'] : seg === 2 ? ['draft'] : sent, cutoff, common, after, limit: take }));
  }
  return out;
}

/**
 * One keyset page of the queue. Not a prepared statement (db/queries/prepared.ts) on purpose:
 * after five runs PostgreSQL may switch a named statement to a generic plan, which for the
 * filtered deep page drives from the households instead of walking the index (measured at
 * county scale, 10 users: p50 12 ms unprepared, 400–580 ms prepared); the first page gained ~1 ms.
 * `rows` holds at most `limit` rows; `next` is the cursor of the
 * page after it, null on the last page.
 */
export async function queuePage({ db, ...args }: PageArgs & { db: DbOrTx }): Promise<{ rows: QueueRow[]; next: QueueCursor | null }> {
  const limit = args.limit ?? QUEUE_PAGE_SIZE;
  const raw: RawRow[] = [];
  for (const query of queueQueries(args)) {
    const result = await db.execute<RawRow>(query);
    raw.push(...result.rows);
    if (raw.length > limit) break;
  }
  const rows = raw.slice(0, limit).map(toRow);
  const last = rows.at(-1);
  return { rows, next: raw.length > limit && last ? last.cursor : null };
}

/** Every row the filters match, in queue order, fetched in keyset batches (for exports). */
export async function* queueRows({
  db,
  scopePaths,
  filters = {},
  batch = 1000,
  now = new Date(),
}: {
  db: DbOrTx;
  scopePaths: readonly string[] | null;
  filters?: QueueFilters;
  batch?: number;
  now?: Date;
}): AsyncGenerator<QueueRow> {
  yield* keysetPages({ batch, fetchPage: (after: QueueCursor | null, limit) => queuePage({ db, scopePaths, filters, after, limit, now }) });
}

/** Villages and compounds inside the actor's places, for the village filter, in tree order. */
export async function queueVillages({ db, scopePaths }: { db: DbOrTx; scopePaths: readonly string[] | null }) {
  // Kept in memory until the rollup clock moves (adding, renaming or moving a place moves it:
  // migration 0025); callers must not change the list they get.
  return memoByRollupClock(db, `queue-villages:${scopeKey(scopePaths)}`, async () => {
    const scope = pathWithin(places.path, scopePaths);
    const rows = await db.execute<{ id: number; name: string; name_en: string; path: string; level: 'village' | 'compound' }>(
      sql`SELECT ${places.id} AS id, ${places.name} AS name, ${places.nameEn} AS name_en, ${places.path} AS path, ${places.level} AS level
          FROM ${places} WHERE ${places.level} IN ('village', 'compound') AND ${scope ?? sql`true`} ORDER BY ${places.path} COLLATE "C"`,
    );
    return rows.rows.map((r) => ({ id: Number(r.id), name: r.name, nameEn: r.name_en, path: r.path, level: r.level }));
  });
}

/**
 * Applications per status for the queue's scope (or one village) and programme, from the
 * application_counts rollup (db/queries/rollups.ts) instead of counting a township's rows.
 */
export async function queueCounts({
  db,
  scopePaths,
  villagePath,
  programme,
}: {
  db: DbOrTx;
  scopePaths: readonly string[] | null;
  villagePath?: string;
  programme?: ProgrammeCode;
}): Promise<{ counts: Partial<Record<ApplicationStatus, number>>; asOf: Date | null }> {
  // The rollup and the places move the rollup clock with every change (migrations 0007, 0025).
  return memoByRollupClock(db, `queue-counts:${scopeKey(scopePaths)}:${villagePath ?? ''}:${programme ?? ''}`, () => countQueue({ db, scopePaths, villagePath, programme }));
}

async function countQueue({ db, scopePaths, villagePath, programme }: { db: DbOrTx; scopePaths: readonly string[] | null; villagePath?: string; programme?: ProgrammeCode }) {
  const placeConds: SQL[] = [];
  const scope = pathWithin(places.path, scopePaths);
  if (scope) placeConds.push(scope);
  if (villagePath) placeConds.push(sql`${places.path} LIKE ${likePrefix(villagePath)}`);
  const conds: SQL[] = [];
  // The places' ids first (a few dozen), then the rollup's primary key (place, programme, status):
  // a join let the planner scan the whole rollup (25k rows at county scale, 2–6 ms; this ~1 ms).
  if (placeConds.length > 0) conds.push(sql`${applicationCounts.placeId} = ANY (ARRAY(SELECT ${places.id} FROM ${places} WHERE ${and(placeConds)}))`);
  if (programme) conds.push(sql`${applicationCounts.programmeCode} = ${programme}`);
  const rows = await db.execute<{ status: ApplicationStatus; n: number; as_of: Date | string | null }>(
    sql`SELECT ${applicationCounts.status} AS status, sum(${applicationCounts.n})::int AS n, max(${applicationCounts.updatedAt}) AS as_of
        FROM ${applicationCounts} WHERE ${and(conds)} GROUP BY 1`,
  );
  const counts: Partial<Record<ApplicationStatus, number>> = {};
  let asOf: Date | null = null;
  for (const r of rows.rows) {
    counts[r.status] = Number(r.n);
    const at = r.as_of === null ? null : toDate(r.as_of);
    if (at && (!asOf || at > asOf)) asOf = at;
  }
  return { counts, asOf };
}
