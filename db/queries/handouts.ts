import 'server-only';
// Reads and row writes for hand-outs (issue 9 item 5): the cadre's "to deliver" queue of
// approved cases per programme, the case a pickup code belongs to, repair work orders, and the
// units one appliance programme holds against the other. Every read a cadre makes is scoped by
// `whereReachable` in its WHERE clause; what a refusal means is decided by the use cases in
// server/handouts/.
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../client';
import { applicationCounts, applications, households, places, stockPoints, workOrders, type WorkOrder } from '../schema';
import { keysetRows } from './keyset';
import { pathWithin, whereReachable } from './scope';
import type { ApplicationStatus, ProgrammeCode } from '@/lib/domain';
import type { Actor } from '@/lib/permissions';
import type { Entitlement } from '@/lib/programs';
import { isExactUtcTime } from '@/lib/url-cursor';
import { UUID_SHAPE } from '@/lib/validators';

/** Programmes a cadre delivers in person; cash programmes are paid in batches by the county. */
export const HANDOUT_PROGRAMMES = ['building_materials', 'appliance_repair', 'heating_fee_waiver', 'property_fee_waiver'] as const satisfies readonly ProgrammeCode[];
export type HandoutProgramme = (typeof HANDOUT_PROGRAMMES)[number];

export const HANDOUT_PAGE_SIZE = 30;

/** Position in the queue: the decision time as PostgreSQL wrote it (microseconds) and the id. */
export interface HandoutCursor {
  decidedAt: string;
  id: string;
}

// Lower case only, as PostgreSQL writes a uuid: the cursors we hand out never hold capitals.
const UUID = new RegExp(`^${UUID_SHAPE}$`);

export function encodeHandoutCursor(c: HandoutCursor): string {
  return Buffer.from(`${c.decidedAt}|${c.id}`, 'utf8').toString('base64url');
}

/** A cursor from a URL; anything that is not one we wrote reads as "from the start". */
export function decodeHandoutCursor(s: string | null | undefined): HandoutCursor | null {
  if (!s || s.length > 200) return null;
  const [decidedAt, id, rest] = Buffer.from(s, 'base64url').toString('utf8').split('|');
  if (rest !== undefined || !decidedAt || !id || !isExactUtcTime(decidedAt) || !UUID.test(id)) return null;
  return { decidedAt, id };
}

// Microseconds in UTC whatever the session's time zone, so a cursor neither repeats nor skips
// rows decided in the same millisecond.
const decidedAtText = sql<string>`to_char(${applications.decidedAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export interface HandoutRow {
  id: string;
  reference: string;
  version: number;
  householdId: string;
  headName: string;
  placeName: string;
  placeNameEn: string;
  decidedAt: Date | null;
  entitlement: Entitlement | null;
  /** Repair cases: work orders still open or scheduled / all of them. */
  openOrders: number;
  orders: number;
}

/** Below this many approved cases in scope (by the rollup) a page starts from the households of their places. */
const SPARSE_SCOPE = 200;

/**
 * One page of approved cases of a programme inside the actor's places, oldest decision first,
 * after `after`. The application_counts rollup says first which places of the scope have any
 * (kept in every writer's transaction; no use case moves a household between places): none →
 * no query; fewer than SPARSE_SCOPE → the households of just those places, through the
 * (household, programme) key; else walk applications_approved_decided_idx (programme,
 * decided_at, id) WHERE status = 'approved' in order, keeping the scope's cases. Measured on a
 * copy of the county data (noisy 2-core machine): a scope without any (an urban street's
 * materials, a rural township's fee waivers) 75–180 ms by either plan → ~1 ms; a village with
 * ~40 cases 15–23 ms (walk) → 9–15 ms; a township with ~2,000 cases 4–11 ms (walk; the
 * households plan 100–300 ms there).
 */
export async function handoutPage({
  db,
  actor,
  programme,
  after = null,
  limit = HANDOUT_PAGE_SIZE,
  sparseBelow = SPARSE_SCOPE,
}: {
  db: DbOrTx;
  actor: Actor;
  programme: HandoutProgramme;
  after?: HandoutCursor | null;
  limit?: number;
  /** Tests set 0 to take the index walk for a small scope: both plans must give the same pages. */
  sparseBelow?: number;
}): Promise<{ rows: HandoutRow[]; next: HandoutCursor | null }> {
  const placed = await db.execute<{ place_id: number; n: number }>(
    sql`SELECT ${applicationCounts.placeId} AS place_id, ${applicationCounts.n} AS n FROM ${applicationCounts}
        WHERE ${applicationCounts.programmeCode} = ${programme} AND ${applicationCounts.status} = 'approved' AND ${applicationCounts.n} > 0
          AND ${applicationCounts.placeId} = ANY (ARRAY(SELECT ${places.id} FROM ${places} WHERE ${whereReachable(actor)}))`,
  );
  if (placed.rows.length === 0) return { rows: [], next: null };
  const inScope = placed.rows.reduce((sum, r) => sum + Number(r.n), 0);
  const conds: SQL[] = [eq(applications.status, 'approved'), eq(applications.programmeCode, programme), whereReachable(actor)];
  if (inScope < sparseBelow) conds.push(inArray(households.placeId, placed.rows.map((r) => Number(r.place_id))));
  if (after) conds.push(sql`(${applications.decidedAt}, ${applications.id}) > (${after.decidedAt}::timestamptz, ${after.id}::uuid)`);
  const orderCounts =
    programme === 'appliance_repair'
      ? {
          openOrders: sql<number>`(SELECT count(*)::int FROM ${workOrders} w WHERE w.application_id = ${applications.id} AND w.status IN ('open', 'scheduled'))`,
          orders: sql<number>`(SELECT count(*)::int FROM ${workOrders} w WHERE w.application_id = ${applications.id})`,
        }
      : { openOrders: sql<number>`0`, orders: sql<number>`0` };
  const rows = await db
    .select({
      id: applications.id,
      reference: applications.reference,
      version: applications.version,
      householdId: applications.householdId,
      headName: households.headName,
      placeName: places.name,
      placeNameEn: places.nameEn,
      decidedAt: applications.decidedAt,
      cursorAt: decidedAtText,
      entitlement: applications.entitlement,
      ...orderCounts,
    })
    .from(applications)
    .innerJoin(households, eq(applications.householdId, households.id))
    .innerJoin(places, eq(households.placeId, places.id))
    .where(and(...conds))
    .orderBy(asc(applications.decidedAt), asc(applications.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page.map(({ cursorAt: _c, ...r }) => ({ ...r, entitlement: (r.entitlement ?? null) as Entitlement | null, openOrders: Number(r.openOrders), orders: Number(r.orders) })),
    next: rows.length > limit && last ? { decidedAt: last.cursorAt, id: last.id } : null,
  };
}

/** The case a pickup code belongs to, when it is an approved materials case inside the actor's places; else null. */
export async function findPickupCase({ db, actor, code }: { db: DbOrTx; actor: Actor; code: string }) {
  const [row] = await db
    .select({
      id: applications.id,
      reference: applications.reference,
      version: applications.version,
      householdId: applications.householdId,
      headName: households.headName,
      placeName: places.name,
      placeNameEn: places.nameEn,
      entitlement: applications.entitlement,
      decidedAt: applications.decidedAt,
      point: { name: stockPoints.name, nameEn: stockPoints.nameEn },
    })
    .from(applications)
    .innerJoin(households, eq(applications.householdId, households.id))
    .innerJoin(places, eq(households.placeId, places.id))
    .leftJoin(stockPoints, eq(applications.stockPointId, stockPoints.id))
    .where(and(eq(applications.pickupCode, code), eq(applications.status, 'approved'), eq(applications.programmeCode, 'building_materials'), whereReachable(actor)));
  if (!row) return null;
  return { ...row, entitlement: (row.entitlement ?? null) as Entitlement | null, point: row.point?.name ? row.point : null };
}

/** The work orders of a case, by kind and unit. */
export async function workOrdersOf({ db, applicationId }: { db: DbOrTx; applicationId: string }): Promise<WorkOrder[]> {
  return db.select().from(workOrders).where(eq(workOrders.applicationId, applicationId)).orderBy(asc(workOrders.appliance), asc(workOrders.unitNo));
}

/** Work orders of several cases at once (one page of the queue). */
export async function workOrdersOfCases({ db, applicationIds }: { db: DbOrTx; applicationIds: readonly string[] }): Promise<WorkOrder[]> {
  if (applicationIds.length === 0) return [];
  return db
    .select()
    .from(workOrders)
    .where(inArray(workOrders.applicationId, [...applicationIds]))
    .orderBy(asc(workOrders.applicationId), asc(workOrders.appliance), asc(workOrders.unitNo));
}

/** One order per unit; a unit that already has its order keeps it (unique per case, kind and unit). */
export async function insertWorkOrders({ tx, applicationId, units }: { tx: Tx; applicationId: string; units: { boilers: number; heatPumps: number } }): Promise<number> {
  const values = [
    ...Array.from({ length: units.boilers }, (_, i) => ({ applicationId, appliance: 'boiler', unitNo: i + 1 })),
    ...Array.from({ length: units.heatPumps }, (_, i) => ({ applicationId, appliance: 'heatPump', unitNo: i + 1 })),
  ];
  if (values.length === 0) return 0;
  const rows = await tx.insert(workOrders).values(values).onConflictDoNothing().returning({ id: workOrders.id });
  return rows.length;
}

/**
 * A work order the actor reaches (through its case's household), locked with its case for the
 * rest of the transaction; null when it does not exist or lies outside the actor's places.
 */
export async function lockReachableWorkOrder({ tx, actor, workOrderId }: { tx: Tx; actor: Actor; workOrderId: string }) {
  const [row] = await tx
    .select({
      order: workOrders,
      applicationId: applications.id,
      applicationStatus: applications.status,
      applicationVersion: applications.version,
      programmeCode: applications.programmeCode,
      householdId: applications.householdId,
      ownerUserId: households.ownerUserId,
    })
    .from(workOrders)
    .innerJoin(applications, eq(workOrders.applicationId, applications.id))
    .innerJoin(households, eq(applications.householdId, households.id))
    .innerJoin(places, eq(households.placeId, places.id))
    .where(and(eq(workOrders.id, workOrderId), whereReachable(actor)))
    .for('update', { of: [workOrders, applications] });
  return row ?? null;
}

/** A work order the actor reaches, unlocked (for an action's access check); null otherwise. */
export async function findReachableWorkOrder({ db, actor, workOrderId }: { db: DbOrTx; actor: Actor; workOrderId: string }) {
  const [row] = await db
    .select({ id: workOrders.id, applicationId: workOrders.applicationId, status: workOrders.status, version: workOrders.version })
    .from(workOrders)
    .innerJoin(applications, eq(workOrders.applicationId, applications.id))
    .innerJoin(households, eq(applications.householdId, households.id))
    .innerJoin(places, eq(households.placeId, places.id))
    .where(and(eq(workOrders.id, workOrderId), whereReachable(actor)));
  return row ?? null;
}

/** Writes the patch when the order still has `version`; null when someone else changed it first. */
export async function updateWorkOrderIfVersion({
  tx,
  id,
  version,
  patch,
}: {
  tx: Tx;
  id: string;
  version: number;
  patch: Partial<Pick<WorkOrder, 'status' | 'scheduledFor' | 'closedAt' | 'impossibleReason' | 'note'>>;
}): Promise<WorkOrder | null> {
  const [row] = await tx
    .update(workOrders)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(workOrders.id, id), eq(workOrders.version, version)))
    .returning();
  return row ?? null;
}

/** Orders of a case still open or scheduled. */
export async function countOpenWorkOrders({ db, applicationId }: { db: DbOrTx; applicationId: string }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(workOrders)
    .where(and(eq(workOrders.applicationId, applicationId), inArray(workOrders.status, ['open', 'scheduled'])));
  return Number(row?.n ?? 0);
}

export interface WorkOrderTally {
  /** Still open or scheduled. */
  open: number;
  /** Repaired. */
  done: number;
  /** Closed by the team as impossible to repair (cancelled with a reason). */
  unrepairable: number;
}

/** How a case's orders stand: open, repaired, found unrepairable. Orders cancelled because the case left approved count in none. */
export async function workOrderTally({ db, applicationId }: { db: DbOrTx; applicationId: string }): Promise<WorkOrderTally> {
  const [row] = await db
    .select({
      open: sql<number>`count(*) FILTER (WHERE ${workOrders.status} IN ('open', 'scheduled'))::int`,
      done: sql<number>`count(*) FILTER (WHERE ${workOrders.status} = 'done')::int`,
      unrepairable: sql<number>`count(*) FILTER (WHERE ${workOrders.status} = 'cancelled' AND ${workOrders.impossibleReason} IS NOT NULL)::int`,
    })
    .from(workOrders)
    .where(eq(workOrders.applicationId, applicationId));
  return { open: Number(row?.open ?? 0), done: Number(row?.done ?? 0), unrepairable: Number(row?.unrepairable ?? 0) };
}

/** Cancels every order of a case still open or scheduled (the case left approved without repair). */
export async function cancelOpenWorkOrders({ tx, applicationId, now }: { tx: Tx; applicationId: string; now: Date }): Promise<number> {
  const rows = await tx
    .update(workOrders)
    .set({ status: 'cancelled', closedAt: now, version: sql`${workOrders.version} + 1` })
    .where(and(eq(workOrders.applicationId, applicationId), inArray(workOrders.status, ['open', 'scheduled'])))
    .returning({ id: workOrders.id });
  return rows.length;
}

/**
 * States in which a case holds its units against the other programme: from recommendation,
 * when its units are frozen on the case, until it is withdrawn or rejected. A case only sent
 * holds nothing yet, so whichever is recommended first takes the unit and the other is
 * refused by its rule (and at approval, transition-application.ts).
 */
const CLAIMING: readonly ApplicationStatus[] = ['recommended', 'in_public_notice', 'approved', 'fulfilled'];

/**
 * Units of a household taken off what an appliance programme may grant (lib/programs
 * UnitRequest `heldElsewhere`): what the OTHER appliance programme holds, and every unit
 * already repaired for free.
 *
 * For the subsidy, a repair case in a CLAIMING state holds each unit with an order open,
 * scheduled or done (an order closed as impossible, or cancelled, holds nothing), or, while it
 * has no orders yet, the units frozen on it. For the repair, a subsidy case in a CLAIMING state
 * holds the units frozen on it.
 *
 * For both, a unit whose repair order is done stays taken whatever later happens to its case:
 * the free repair was given, so the unit can be neither replaced with the subsidy nor repaired
 * for free again, even when the case was withdrawn afterwards (a withdrawal that the service
 * now refuses once a unit is repaired, transition-application.ts, but which older rows hold).
 * A repair case in a CLAIMING state is counted once, by the first rule; the ones outside those
 * states (withdrawn) by their done orders alone.
 */
export async function unitsHeldByOtherProgramme({ db, householdId, programme }: { db: DbOrTx; householdId: string; programme: 'appliance_repair' | 'appliance_subsidy' }): Promise<{ boilers: number; heatPumps: number }> {
  const other = programme === 'appliance_repair' ? 'appliance_subsidy' : 'appliance_repair';
  const claiming = sql.join(CLAIMING.map((s) => sql`${s}`), sql`, `);
  // Units a case claims from its frozen entitlement when it has one, else from the answers.
  const asked = (kind: 'boilers' | 'heatPumps', item: 'boiler' | 'heatPump') =>
    other === 'appliance_repair'
      ? sql`COALESCE((a.entitlement->'units'->>${kind})::int, (a.answers->>${kind})::int, 0)`
      : sql`COALESCE((SELECT sum((l->>'units')::int) FROM jsonb_array_elements(CASE WHEN jsonb_typeof(a.entitlement->'breakdown') = 'array' THEN a.entitlement->'breakdown' ELSE '[]'::jsonb END) l WHERE l->>'item' = ${item})::int, (a.answers->>${kind})::int, 0)`;
  const claimed = (kind: 'boilers' | 'heatPumps', item: 'boiler' | 'heatPump') =>
    other === 'appliance_repair'
      ? sql`CASE WHEN EXISTS (SELECT 1 FROM ${workOrders} w WHERE w.application_id = a.id)
                 THEN (SELECT count(*)::int FROM ${workOrders} w WHERE w.application_id = a.id AND w.appliance = ${item} AND w.status IN ('open', 'scheduled', 'done'))
                 ELSE ${asked(kind, item)} END`
      : asked(kind, item);
  const repaired = (item: 'boiler' | 'heatPump') => sql`(SELECT count(*)::int FROM ${workOrders} w WHERE w.application_id = a.id AND w.appliance = ${item} AND w.status = 'done')`;
  const held = (kind: 'boilers' | 'heatPumps', item: 'boiler' | 'heatPump') => sql`CASE WHEN a.status IN (${claiming}) THEN ${claimed(kind, item)} ELSE ${repaired(item)} END`;
  const result = await db.execute<{ boilers: number | null; heat_pumps: number | null }>(
    sql`SELECT sum(${held('boilers', 'boiler')})::int AS boilers, sum(${held('heatPumps', 'heatPump')})::int AS heat_pumps
        FROM ${applications} a
        WHERE a.household_id = ${householdId}
          AND ((a.programme_code = ${other} AND a.status IN (${claiming})) OR (a.programme_code = 'appliance_repair' AND a.status NOT IN (${claiming})))`,
  );
  const r = result.rows[0];
  return { boilers: Number(r?.boilers ?? 0), heatPumps: Number(r?.heat_pumps ?? 0) };
}

/** An application the actor reaches, with its programme and status (for choosing the proof of delivery); null otherwise. */
export async function findReachableHandoutCase({ db, actor, applicationId }: { db: DbOrTx; actor: Actor; applicationId: string }) {
  const [row] = await db
    .select({ id: applications.id, programmeCode: applications.programmeCode, status: applications.status, version: applications.version })
    .from(applications)
    .innerJoin(households, eq(applications.householdId, households.id))
    .innerJoin(places, eq(households.placeId, places.id))
    .where(and(eq(applications.id, applicationId), whereReachable(actor)));
  return row ?? null;
}

export interface WorkOrderLedgerRow {
  id: string;
  reference: string;
  appliance: string;
  unitNo: number;
  status: WorkOrder['status'];
  scheduledFor: Date | null;
  closedAt: Date | null;
  impossibleReason: string | null;
  note: string | null;
  createdAt: Date;
  householdId: string;
  headName: string;
  placeName: string;
}

/**
 * Every repair work order of a case inside `scopePaths`, newest first, in keyset batches by
 * (created_at, id) — the repair ledger (维修工单台账) the repair teams work from.
 */
export async function* workOrderLedgerRows({ db, scopePaths, batch = 1000 }: { db: DbOrTx; scopePaths: readonly string[]; batch?: number }): AsyncGenerator<WorkOrderLedgerRow> {
  const rows = keysetRows<WorkOrderLedgerRow & { at: string }, { at: string; id: string }>({
    batch,
    cursorOf: (last) => ({ at: last.at, id: last.id }),
    fetchPage: async (after, limit) =>
      db
        .select({
          id: workOrders.id,
          reference: applications.reference,
          appliance: workOrders.appliance,
          unitNo: workOrders.unitNo,
          status: workOrders.status,
          scheduledFor: workOrders.scheduledFor,
          closedAt: workOrders.closedAt,
          impossibleReason: workOrders.impossibleReason,
          note: workOrders.note,
          createdAt: workOrders.createdAt,
          householdId: households.id,
          headName: households.headName,
          placeName: places.name,
          // The sort key at PostgreSQL's own precision, for the next batch's cursor.
          at: sql<string>`to_char(${workOrders.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
        })
        .from(workOrders)
        .innerJoin(applications, eq(applications.id, workOrders.applicationId))
        .innerJoin(households, eq(households.id, applications.householdId))
        .innerJoin(places, eq(places.id, households.placeId))
        .where(and(pathWithin(places.path, scopePaths), after ? sql`(${workOrders.createdAt}, ${workOrders.id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined))
        .orderBy(sql`${workOrders.createdAt} DESC, ${workOrders.id} DESC`)
        .limit(limit),
  });
  for await (const { at: _at, ...r } of rows) yield r;
}

// ---------------------------------------------------------------------------------------------
// Vouchers not collected in time (lib/pickup-window.ts, server/handouts/expire-pickups.ts).
// ---------------------------------------------------------------------------------------------

/** Approved materials cases decided before `before` (their vouchers lapsed), oldest first, at most `limit`: the approved-by-decision index. */
export async function lapsedPickupIds({ db, before, limit }: { db: DbOrTx; before: Date; limit: number }): Promise<string[]> {
  const rows = await db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.programmeCode, 'building_materials'), eq(applications.status, 'approved'), sql`${applications.decidedAt} < ${before}`))
    .orderBy(asc(applications.decidedAt), asc(applications.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/**
 * One lapsed case locked for the sweep, with its household's owner; null when it is no longer
 * an approved materials case decided before `before` (handed out or withdrawn meanwhile), or
 * another transaction holds it (SKIP LOCKED: a cadre handing it out right now wins, and a second
 * sweep does not wait on the first).
 */
export async function lockLapsedPickup({ tx, applicationId, before }: { tx: Tx; applicationId: string; before: Date }) {
  const [row] = await tx
    .select({ id: applications.id, reference: applications.reference, version: applications.version, decidedAt: applications.decidedAt, entitlement: applications.entitlement, ownerUserId: households.ownerUserId })
    .from(applications)
    .innerJoin(households, eq(applications.householdId, households.id))
    .where(and(eq(applications.id, applicationId), eq(applications.programmeCode, 'building_materials'), eq(applications.status, 'approved'), sql`${applications.decidedAt} < ${before}`))
    .for('update', { of: applications, skipLocked: true });
  return row ?? null;
}
