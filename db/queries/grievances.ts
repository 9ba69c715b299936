import 'server-only';
// Grievances as rows: plain reads (scoped by the actor where a record is loaded for someone)
// and row writes. Filing and moving a grievance are use cases in server/grievances/.
import { and, asc, desc, eq, gt, inArray, notInArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx, Tx } from '../client';
import { grievanceEvents, grievances, households, places, uploads, users, type Grievance } from '../schema';
import { keysetPages } from './keyset';
import { placeInScope, whereReachable } from './scope';
import { ACTIVE_GRIEVANCE_STATUSES, overdueKind } from '@/lib/grievances';
import type { Actor } from '@/lib/permissions';
import type { GrievanceCategory } from '@/lib/domain';

type NewGrievanceRow = typeof grievances.$inferInsert;

/** Places a grievance may be filed against: villages / communities and compounds. */
const FILEABLE_LEVELS = ['village', 'compound'] as const;

/** The place, if a grievance may be filed against it. */
export async function fileablePlace({ db, placeId }: { db: DbOrTx; placeId: number }) {
  const [p] = await db.select({ id: places.id, path: places.path }).from(places).where(and(eq(places.id, placeId), inArray(places.level, [...FILEABLE_LEVELS])));
  return p ?? null;
}

/** Townships, villages and compounds in tree order, for the place select of the grievance form. */
export async function grievancePlaceOptions({ db }: { db: DbOrTx }) {
  return db
    .select({ id: places.id, name: places.name, nameEn: places.nameEn, level: places.level, path: places.path, parentId: places.parentId })
    .from(places)
    .where(inArray(places.level, ['township', 'village', 'compound']))
    .orderBy(asc(places.path));
}

const owners = alias(households, 'grievance_household');
const filers = alias(users, 'grievance_filer');

/** The record rule (lib/permissions.ts) on a grievance: its place, its household's owner, its filer. */
const reachable = (actor: Actor) => whereReachable(actor, { placePath: places.path, ownerUserId: owners.ownerUserId, filedBy: grievances.filedBy });

/** A grievance with what access to it and notices about it depend on. */
export interface GrievanceRecord {
  g: Grievance;
  filerRole: string;
  /** The owner of the household the grievance is about, when there is one. */
  householdOwnerId: string | null;
  placePath: string;
}

const recordColumns = { g: grievances, filerRole: filers.role, householdOwnerId: owners.ownerUserId, placePath: places.path };

function reachableRecord(db: DbOrTx, actor: Actor, grievanceId: string) {
  return db
    .select(recordColumns)
    .from(grievances)
    .innerJoin(places, eq(grievances.placeId, places.id))
    .innerJoin(filers, eq(grievances.filedBy, filers.id))
    .leftJoin(owners, eq(grievances.householdId, owners.id))
    .where(and(eq(grievances.id, grievanceId), reachable(actor)));
}

/** The grievance if the actor may reach it (their own, or inside their places); null otherwise, as if it did not exist. */
export async function findReachableGrievance({ db, actor, grievanceId }: { db: DbOrTx; actor: Actor; grievanceId: string }): Promise<GrievanceRecord | null> {
  const [row] = await reachableRecord(db, actor, grievanceId);
  return row ?? null;
}

/** The same, locked for a change until the transaction ends. */
export async function lockReachableGrievance({ tx, actor, grievanceId }: { tx: Tx; actor: Actor; grievanceId: string }): Promise<GrievanceRecord | null> {
  const [row] = await reachableRecord(tx, actor, grievanceId).for('update', { of: grievances });
  return row ?? null;
}

/** Serialises one person's filings, so a duplicate check cannot race its twin. Until the transaction ends. */
export async function lockFilingsOf({ tx, userId }: { tx: Tx; userId: string }): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`grievance:${userId}`}))`);
}

/** The same grievance (person, place, category, text) filed since `since`, or null. */
export async function findSameGrievanceSince({
  db,
  filedBy,
  placeId,
  category,
  description,
  since,
}: {
  db: DbOrTx;
  filedBy: string;
  placeId: number;
  category: GrievanceCategory;
  description: string;
  since: Date;
}): Promise<{ id: string; reference: string } | null> {
  const [row] = await db
    .select({ id: grievances.id, reference: grievances.reference })
    .from(grievances)
    .where(and(eq(grievances.filedBy, filedBy), eq(grievances.placeId, placeId), eq(grievances.category, category), eq(grievances.description, description), gt(grievances.createdAt, since)))
    .limit(1);
  return row ?? null;
}

/** The next number of the grievance reference sequence. */
export async function nextGrievanceNumber({ tx }: { tx: Tx }): Promise<number> {
  const r = await tx.execute<{ n: string }>(sql`SELECT nextval('grievance_ref_seq')::text AS n`);
  return Number(r.rows[0]!.n);
}

export async function insertGrievance({ tx, values }: { tx: Tx; values: NewGrievanceRow }): Promise<{ id: string; reference: string }> {
  const [row] = await tx.insert(grievances).values(values).returning({ id: grievances.id, reference: grievances.reference });
  return row!;
}

/** Writes `patch` (and version + 1) only if the grievance is still at `version`; null when someone else acted first. */
export async function updateGrievanceIfVersion({ tx, id, version, patch }: { tx: Tx; id: string; version: number; patch: Partial<NewGrievanceRow> }) {
  const [row] = await tx
    .update(grievances)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(grievances.id, id), eq(grievances.version, version)))
    .returning({ id: grievances.id, status: grievances.status, version: grievances.version });
  return row ?? null;
}

export async function insertGrievanceEvent({ tx, event }: { tx: Tx; event: typeof grievanceEvents.$inferInsert }): Promise<void> {
  await tx.insert(grievanceEvents).values(event);
}

/** A grievance with its place and household, as its detail page shows it (the caller adds the scope). */
function detailQuery(db: DbOrTx) {
  return db
    .select({
      g: grievances,
      placeName: places.name,
      placeNameEn: places.nameEn,
      placePath: places.path,
      filerRole: filers.role,
      householdOwnerId: owners.ownerUserId,
      householdHeadName: owners.headName,
    })
    .from(grievances)
    .innerJoin(places, eq(grievances.placeId, places.id))
    .innerJoin(filers, eq(grievances.filedBy, filers.id))
    .leftJoin(owners, eq(grievances.householdId, owners.id));
}

/**
 * A grievance as its detail page shows it, read only when `viewer` may reach it (the filer,
 * the household's resident, or staff whose places cover it); null otherwise, so the page 404s.
 */
export async function grievanceForViewer({ db, viewer, grievanceId }: { db: DbOrTx; viewer: Actor; grievanceId: string }) {
  const [row] = await detailQuery(db).where(and(eq(grievances.id, grievanceId), reachable(viewer)));
  if (!row) return null;
  const [events, photos] = await Promise.all([grievanceTimeline({ db, grievanceId }), grievancePhotos({ db, grievanceId })]);
  return { ...row, events, photos };
}

/** The timeline of one grievance, oldest first. Who is a role, never a name. */
export async function grievanceTimeline({ db, grievanceId }: { db: DbOrTx; grievanceId: string }) {
  return db
    .select({ id: grievanceEvents.id, at: grievanceEvents.at, actorRole: grievanceEvents.actorRole, action: grievanceEvents.action, toStatus: grievanceEvents.toStatus, note: grievanceEvents.note })
    .from(grievanceEvents)
    .where(eq(grievanceEvents.grievanceId, grievanceId))
    .orderBy(asc(grievanceEvents.at), asc(grievanceEvents.id));
}

const listColumns = {
  id: grievances.id,
  reference: grievances.reference,
  category: grievances.category,
  status: grievances.status,
  description: grievances.description,
  createdAt: grievances.createdAt,
  respondBy: grievances.respondBy,
  resolveBy: grievances.resolveBy,
  respondedAt: grievances.respondedAt,
  resolvedAt: grievances.resolvedAt,
  closedAt: grievances.closedAt,
  rating: grievances.rating,
  escalatedAt: grievances.escalatedAt,
  placeName: places.name,
  placeNameEn: places.nameEn,
};

/** A resident's grievances: those they filed and those filed for their household, newest first. */
export async function residentGrievances({ db, userId, limit = 100 }: { db: DbOrTx; userId: string; limit?: number }) {
  return db
    .select(listColumns)
    .from(grievances)
    .innerJoin(places, eq(grievances.placeId, places.id))
    .leftJoin(owners, eq(grievances.householdId, owners.id))
    // The owner's one household (owner_user_id is unique) as a scalar sub-select on grievances'
    // own column: PostgreSQL then ORs the filer index with the household index. As a condition
    // on the joined owner it scanned every grievance (122 ms → 0.5 ms at 250,000 households).
    .where(or(eq(grievances.filedBy, userId), eq(grievances.householdId, sql`(SELECT ${households.id} FROM ${households} WHERE ${households.ownerUserId} = ${userId})`)))
    .orderBy(desc(grievances.createdAt))
    .limit(limit);
}

/**
 * Grievances inside a cadre's places: the active ones (overdue first, then by the next
 * deadline) and the most recent finished ones. `scopePaths` null = the whole county.
 */
export async function placeGrievances({ db, scopePaths, now = new Date(), limit = 200 }: { db: DbOrTx; scopePaths: readonly string[] | null; now?: Date; limit?: number }) {
  const cols = { ...listColumns, householdHeadName: owners.headName };
  const active = await db
    .select(cols)
    .from(grievances)
    .innerJoin(places, eq(grievances.placeId, places.id))
    .leftJoin(owners, eq(grievances.householdId, owners.id))
    .where(and(inArray(grievances.status, [...ACTIVE_GRIEVANCE_STATUSES]), placeInScope(scopePaths)))
    .orderBy(asc(grievances.createdAt))
    .limit(limit);
  const done = await db
    .select(cols)
    .from(grievances)
    .innerJoin(places, eq(grievances.placeId, places.id))
    .leftJoin(owners, eq(grievances.householdId, owners.id))
    .where(and(notInArray(grievances.status, [...ACTIVE_GRIEVANCE_STATUSES]), placeInScope(scopePaths)))
    .orderBy(desc(sql`coalesce(${grievances.closedAt}, ${grievances.resolvedAt}, ${grievances.createdAt})`))
    .limit(50);
  const nextDue = (g: (typeof active)[number]) => (g.respondedAt || g.status === 'responded' ? g.resolveBy : g.respondBy).getTime();
  const withFlag = active.map((g) => ({ ...g, overdue: overdueKind(g, now) }));
  withFlag.sort((a, b) => Number(Boolean(b.overdue)) - Number(Boolean(a.overdue)) || nextDue(a) - nextDue(b));
  return { active: withFlag, done: done.map((g) => ({ ...g, overdue: null })) };
}

/** Photos filed under a grievance (access to the grievance is checked by the caller). */
export async function grievancePhotos({ db, grievanceId }: { db: DbOrTx; grievanceId: string }) {
  return db
    .select({ id: uploads.id, mime: uploads.mime, width: uploads.width, height: uploads.height, createdAt: uploads.createdAt })
    .from(uploads)
    .where(and(eq(uploads.grievanceId, grievanceId), eq(uploads.kind, 'grievance_photo')))
    .orderBy(asc(uploads.createdAt));
}

// ---------------------------------------------------------------------------------------
// The cadre's grievance list: every grievance of their places, in keyset pages
// ---------------------------------------------------------------------------------------

export const CADRE_GRIEVANCE_FILTERS = ['open', 'overdue', 'resolved'] as const;
export type CadreGrievanceFilter = (typeof CADRE_GRIEVANCE_FILTERS)[number];

/** Keyset position: the sort time as PostgreSQL's exact text (microseconds; a JS Date would round them), then the id. */
export interface GrievanceCursor {
  at: string;
  id: string;
}

/**
 * The deadline an active grievance runs against next (lib/grievances.ts `nextDeadline`):
 * respond-by until someone answered, then resolve-by. Ordering by it ascending puts exactly
 * the overdue ones first (their next deadline is past), then the most pressing.
 */
const nextDue = sql`CASE WHEN ${grievances.respondedAt} IS NULL AND ${grievances.status} <> 'responded' THEN ${grievances.respondBy} ELSE ${grievances.resolveBy} END`;
/** When a finished grievance finished. */
const finishedAt = sql`coalesce(${grievances.closedAt}, ${grievances.resolvedAt}, ${grievances.createdAt})`;

/**
 * One page of the grievances inside `scopePaths`: 'open' = every active one (overdue first,
 * then by the next deadline), 'overdue' = active ones past a time limit, 'resolved' = solved
 * or closed, most recently finished first. `now` decides what is overdue.
 */
export async function cadreGrievancePage({
  db,
  scopePaths,
  filter,
  after,
  now = new Date(),
  limit = 25,
}: {
  db: DbOrTx;
  scopePaths: readonly string[];
  filter: CadreGrievanceFilter;
  after?: GrievanceCursor | null;
  now?: Date;
  limit?: number;
}) {
  const active = filter !== 'resolved';
  const sortAt = active ? nextDue : finishedAt;
  const statusCond = active ? inArray(grievances.status, [...ACTIVE_GRIEVANCE_STATUSES]) : notInArray(grievances.status, [...ACTIVE_GRIEVANCE_STATUSES]);
  const overdueCond = filter === 'overdue' ? sql`${nextDue} < ${now.toISOString()}::timestamptz` : undefined;
  const cursorCond = after
    ? active
      ? sql`(${nextDue}, ${grievances.id}) > (${after.at}::timestamptz, ${after.id}::uuid)`
      : sql`(${finishedAt}, ${grievances.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`
    : undefined;
  // The places first, then the grievances by place id: with the scope as a join condition the
  // planner scanned every grievance of the county; by id it probes grievances_place_status_idx.
  const scope = await db.select({ id: places.id }).from(places).where(placeInScope(scopePaths));
  if (scope.length === 0) return { rows: [], next: null };
  // Ids and sort keys first, then the page's details. Each place's first page is read in order
  // from grievances_place_active_due_idx / grievances_place_finished_idx (at most limit + 1
  // rows a place), and those are merged: ~4 ms for a township's 61 places on county data,
  // where one scan of all their ~4,400 open grievances and a sort took 7–14 ms.
  const dir = active ? sql`ASC` : sql`DESC`;
  const placeIds = `{${scope.map((p) => p.id).join(',')}}`;
  const topResult = await db.execute<{ id: string; sort_at: string }>(sql`
    SELECT g.id, to_char(g.due AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_at
    FROM unnest(${placeIds}::int[]) AS p(id)
    CROSS JOIN LATERAL (
      SELECT ${grievances.id} AS id, ${sortAt} AS due
      FROM ${grievances}
      WHERE ${grievances.placeId} = p.id AND ${and(statusCond, overdueCond, cursorCond)}
      ORDER BY ${sortAt} ${dir}, ${grievances.id} ${dir}
      LIMIT ${limit + 1}
    ) g
    ORDER BY g.due ${dir}, g.id ${dir}
    LIMIT ${limit + 1}`);
  const top = topResult.rows.map((r) => ({ id: r.id, sortAt: r.sort_at }));
  const pageIds = top.slice(0, limit).map((r) => r.id);
  const details = pageIds.length
    ? await db
        .select({ ...listColumns, householdId: grievances.householdId, householdHeadName: owners.headName, onBehalf: grievances.onBehalf })
        .from(grievances)
        .innerJoin(places, eq(grievances.placeId, places.id))
        .leftJoin(owners, eq(grievances.householdId, owners.id))
        .where(inArray(grievances.id, pageIds))
    : [];
  const byId = new Map(details.map((g) => [g.id, g]));
  const page = pageIds.flatMap((id) => {
    const g = byId.get(id);
    return g ? [{ ...g, overdue: overdueKind(g, now) }] : [];
  });
  const last = top[limit - 1];
  return { rows: page, next: top.length > limit && last ? { at: last.sortAt, id: last.id } : null };
}

/** Every grievance a page of `cadreGrievancePage` would list, in the same order, fetched in keyset batches (ledger exports). */
export async function* grievanceRows({ db, scopePaths, filter, now = new Date(), batch = 500 }: { db: DbOrTx; scopePaths: readonly string[]; filter: CadreGrievanceFilter; now?: Date; batch?: number }) {
  // The cursor is the sort time as PostgreSQL's text, which the rows do not carry: the page hands it over.
  yield* keysetPages({ batch, fetchPage: (after: GrievanceCursor | null, limit) => cadreGrievancePage({ db, scopePaths, filter, after, now, limit }) });
}
