import 'server-only';
// Applications as rows: reads scoped by the actor (db/queries/scope.ts `whereReachable`), the
// row lock a use case takes before it changes one, and the plain row writes. No policy here:
// who may do what, the state machine and its effects are in server/applications/.
import { and, asc, count, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../client';
import { applicationEvents, applications, households, objections, places, programmes, stockPoints, type Application, type NewApplication } from '../schema';
import { whereReachable } from './scope';
import type { Actor } from '@/lib/permissions';
import type { ApplicationStatus, ProgrammeCode } from '@/lib/domain';

export type { Actor } from '@/lib/permissions';

/** An application the actor reaches, with what the record rule and separation of duties read. */
export interface ReachableApplication {
  applicationId: string;
  householdId: string;
  ownerUserId: string | null;
  placePath: string;
  status: ApplicationStatus;
  version: number;
}

/** The application if the actor reaches it (own household / inside their places), else null. */
export async function findReachableApplication({ db, actor, applicationId }: { db: DbOrTx; actor: Actor; applicationId: string }): Promise<ReachableApplication | null> {
  const [row] = await db
    .select({ applicationId: applications.id, householdId: households.id, ownerUserId: households.ownerUserId, placePath: places.path, status: applications.status, version: applications.version })
    .from(applications)
    .innerJoin(households, eq(applications.householdId, households.id))
    .innerJoin(places, eq(households.placeId, places.id))
    .where(and(eq(applications.id, applicationId), whereReachable(actor)));
  return row ?? null;
}

/**
 * The application row, locked for the rest of the transaction (FOR UPDATE), with its
 * household's owner and place; null when it does not exist or the actor does not reach it.
 */
export async function lockReachableApplication({ tx, actor, applicationId }: { tx: Tx; actor: Actor; applicationId: string }): Promise<{ app: Application; ownerUserId: string | null; placePath: string } | null> {
  const [row] = await tx
    .select({ app: applications, ownerUserId: households.ownerUserId, placePath: places.path })
    .from(applications)
    .innerJoin(households, eq(applications.householdId, households.id))
    .innerJoin(places, eq(households.placeId, places.id))
    .where(and(eq(applications.id, applicationId), whereReachable(actor)))
    .for('update', { of: applications });
  return row ?? null;
}

/**
 * A household the actor reaches, with its owner and place; null when it does not exist or the
 * actor does not reach it (to change one, lock it with households.ts `lockReachableHousehold`).
 */
export async function findReachableHousehold({ db, actor, householdId }: { db: DbOrTx; actor: Actor; householdId: string }): Promise<{ id: string; ownerUserId: string | null; placePath: string } | null> {
  const [row] = await db
    .select({ id: households.id, ownerUserId: households.ownerUserId, placePath: places.path })
    .from(households)
    .innerJoin(places, eq(households.placeId, places.id))
    .where(and(eq(households.id, householdId), whereReachable(actor)));
  return row ?? null;
}

/**
 * The application with its programme, pickup point and household, if the actor reaches it
 * (the resident's case page; the staff case page through cases.ts staffCaseDetail, which masks
 * the name). No ID or phone number is read.
 */
export async function findApplicationDetail({ db, actor, applicationId }: { db: DbOrTx; actor: Actor; applicationId: string }) {
  const [row] = await db
    .select({
      app: applications,
      programme: programmes,
      stockPoint: stockPoints,
      household: {
        id: households.id,
        headName: households.headName,
        kind: households.kind,
        placeId: households.placeId,
        addressDetail: households.addressDetail,
        building: households.building,
        unitNo: households.unitNo,
        floor: households.floor,
        ownerUserId: households.ownerUserId,
      },
      placePath: places.path,
    })
    .from(applications)
    .innerJoin(programmes, eq(applications.programmeCode, programmes.code))
    .innerJoin(households, eq(applications.householdId, households.id))
    .innerJoin(places, eq(households.placeId, places.id))
    .leftJoin(stockPoints, eq(applications.stockPointId, stockPoints.id))
    .where(and(eq(applications.id, applicationId), whereReachable(actor)));
  return row ?? null;
}

/** The next case reference, ZZ-<year>-<6 digits> (year: the CST year the caller passes). */
export async function nextApplicationReference({ tx, year }: { tx: DbOrTx; year: number }): Promise<string> {
  const r = await tx.execute<{ n: string }>(sql`SELECT nextval('application_ref_seq')::text AS n`);
  return `ZZ-${year}-${String(r.rows[0]!.n).padStart(6, '0')}`;
}

/** Inserts an application unless one exists for the household × programme (unique); null when it did. */
export async function insertApplicationIfAbsent({ tx, values }: { tx: Tx; values: NewApplication }): Promise<Application | null> {
  const [row] = await tx.insert(applications).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/** States that close an application and leave the household free to apply again (the open-application index excludes them). */
export const CLOSED_APPLICATION_STATES = ['withdrawn', 'rejected'] as const;

/** The household's open application for a programme (at most one: applications_household_programme_open_uq), locked (FOR UPDATE), or null. */
export async function lockHouseholdApplication({ tx, householdId, programmeCode }: { tx: Tx; householdId: string; programmeCode: ProgrammeCode }): Promise<Application | null> {
  const [row] = await tx
    .select()
    .from(applications)
    .where(and(eq(applications.householdId, householdId), eq(applications.programmeCode, programmeCode), notInArray(applications.status, [...CLOSED_APPLICATION_STATES])))
    .for('update');
  return row ?? null;
}

/** The household's most recent closed (withdrawn or refused) application for a programme, or null. */
export async function latestClosedApplication({ db, householdId, programmeCode }: { db: DbOrTx; householdId: string; programmeCode: ProgrammeCode }) {
  const [row] = await db
    .select({ id: applications.id, reference: applications.reference, status: applications.status, rejectedAt: applications.rejectedAt, rejectionFinal: applications.rejectionFinal })
    .from(applications)
    .where(and(eq(applications.householdId, householdId), eq(applications.programmeCode, programmeCode), inArray(applications.status, [...CLOSED_APPLICATION_STATES])))
    .orderBy(desc(applications.createdAt), desc(applications.id))
    .limit(1);
  return row ?? null;
}

/** Changes fields that carry no version (a draft's answers). */
export async function updateApplication({ tx, id, patch }: { tx: Tx; id: string; patch: Partial<NewApplication> }): Promise<void> {
  await tx.update(applications).set(patch).where(eq(applications.id, id));
}

/**
 * Optimistic concurrency (CONVENTIONS §6): the update applies only while the row still has
 * `version`; null means someone else changed it first.
 */
export async function updateApplicationIfVersion({ tx, id, version, patch }: { tx: Tx; id: string; version: number; patch: Partial<NewApplication> }): Promise<Application | null> {
  const [row] = await tx
    .update(applications)
    .set(patch)
    .where(and(eq(applications.id, id), eq(applications.version, version)))
    .returning();
  return row ?? null;
}

/** One line of the case timeline. */
export async function insertApplicationEvent({
  tx,
  event,
}: {
  tx: Tx;
  event: { applicationId: string; actorId: string | null; actorRole: string; action: string; fromStatus: ApplicationStatus | null; toStatus: ApplicationStatus; reason: string | null; details: Record<string, unknown> | null };
}): Promise<void> {
  await tx.insert(applicationEvents).values(event);
}

/** Objections of one case still open and upheld (the decision guards read them). */
/** The case's objections by state, counting only those of its current notice (an upheld one of an earlier notice sent it back to review). */
export async function objectionCounts({ db, applicationId }: { db: DbOrTx; applicationId: string }): Promise<{ open: number; upheld: number }> {
  const rows = await db
    .select({ status: objections.status, n: count() })
    .from(objections)
    .where(and(eq(objections.applicationId, applicationId), sql`${objections.createdAt} >= coalesce((SELECT a.notice_starts_at FROM ${applications} a WHERE a.id = ${applicationId}), '-infinity'::timestamptz)`))
    .groupBy(objections.status);
  return { open: rows.find((r) => r.status === 'open')?.n ?? 0, upheld: rows.find((r) => r.status === 'upheld')?.n ?? 0 };
}

export async function applicationTimeline({ db, applicationId }: { db: DbOrTx; applicationId: string }) {
  return db
    .select({ id: applicationEvents.id, at: applicationEvents.at, actorRole: applicationEvents.actorRole, action: applicationEvents.action, fromStatus: applicationEvents.fromStatus, toStatus: applicationEvents.toStatus, reason: applicationEvents.reason, details: applicationEvents.details })
    .from(applicationEvents)
    .where(eq(applicationEvents.applicationId, applicationId))
    .orderBy(asc(applicationEvents.at), asc(applicationEvents.id));
}
