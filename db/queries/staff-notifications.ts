import 'server-only';
// The staff inbox: notices for the cadres responsible for a place (a grievance filed there, an
// objection lodged on a case there, a returned case sent again). Written by the use case that
// makes the change, inside its transaction, so a rolled-back change tells nobody. In-app only:
// no outbox row, because an SMS per event to every cadre of a township would be noise (the
// resident's notices keep theirs, db/queries/notifications.ts).
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../client';
import { applications, households, notifications } from '../schema';

/** Kinds of staff notices; each has its sentence under `cadreInbox.kinds.<kind without "staff.">`. */
export const STAFF_NOTIFICATION_KINDS = ['staff.grievanceFiled', 'staff.objectionLodged', 'staff.caseResubmitted', 'staff.householdClaimRequested', 'staff.grievanceEscalated', 'staff.grievanceReassigned'] as const;
export type StaffNotificationKind = (typeof STAFF_NOTIFICATION_KINDS)[number];

/**
 * One notice for every active cadre assigned to `placeId` or to a place above it (their
 * assigned place's path is a prefix of this place's path), except `exceptUserId` (the cadre
 * who made the change). Returns how many were written.
 */
export async function notifyPlaceStaff({
  tx,
  placeId,
  kind,
  params,
  link,
  exceptUserId = null,
}: {
  tx: Tx;
  placeId: number;
  kind: StaffNotificationKind;
  params: Record<string, string | number>;
  link: string | null;
  exceptUserId?: string | null;
}): Promise<number> {
  const r = await tx.execute(sql`
    INSERT INTO notifications (user_id, kind, params, link)
    SELECT DISTINCT u.id, ${kind}, ${JSON.stringify(params)}::jsonb, ${link}
    FROM places target
    JOIN places assigned ON starts_with(target.path, assigned.path)
    JOIN user_places up ON up.place_id = assigned.id
    JOIN users u ON u.id = up.user_id
    WHERE target.id = ${placeId} AND u.role = 'cadre' AND u.active
      AND (${exceptUserId}::uuid IS NULL OR u.id <> ${exceptUserId}::uuid)`);
  // node-postgres says rowCount, PGlite affectedRows.
  const written = r as unknown as { rowCount?: number | null; affectedRows?: number };
  return written.rowCount ?? written.affectedRows ?? 0;
}

/** What a staff notice about a case names: its reference and programme, and the place of its household. */
export async function caseForStaffNotice({ db, applicationId }: { db: DbOrTx; applicationId: string }): Promise<{ placeId: number; reference: string; programmeCode: string } | null> {
  const [row] = await db
    .select({ placeId: households.placeId, reference: applications.reference, programmeCode: applications.programmeCode })
    .from(applications)
    .innerJoin(households, eq(applications.householdId, households.id))
    .where(eq(applications.id, applicationId));
  return row ?? null;
}

/** The place of a household. */
export async function householdPlaceId({ db, householdId }: { db: DbOrTx; householdId: string }): Promise<number | null> {
  const [row] = await db.select({ placeId: households.placeId }).from(households).where(eq(households.id, householdId));
  return row?.placeId ?? null;
}

/** The badge's number: unread notices, counted up to `cap` (the nav shows "99+" beyond). One probe of notifications_user_idx. */
export async function unreadStaffNotifications({ db, userId, cap = 100 }: { db: DbOrTx; userId: string; cap?: number }): Promise<number> {
  const unread = db.select({ one: sql`1` }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))).limit(cap).as('unread');
  const [row] = await db.select({ n: count() }).from(unread);
  return Number(row?.n ?? 0);
}

/**
 * Keyset position in the inbox (newest first): the row's time as PostgreSQL's own microsecond
 * text (a JS Date keeps milliseconds only, and a cursor rounded to them skips or repeats rows).
 */
export interface InboxCursor {
  at: string;
  id: string;
}

/** A timestamp as exact UTC text, microseconds included: what cursors carry. */
export const exactTime = (column: typeof notifications.createdAt) => sql<string>`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The person's notifications, newest first, in keyset pages; `unreadOnly` for the filter. */
export async function inboxPage({ db, userId, after, unreadOnly = false, limit = 30 }: { db: DbOrTx; userId: string; after?: InboxCursor | null; unreadOnly?: boolean; limit?: number }) {
  const rows = await db
    .select({ n: notifications, at: exactTime(notifications.createdAt) })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        unreadOnly ? isNull(notifications.readAt) : undefined,
        after ? sql`(${notifications.createdAt}, ${notifications.id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page.map((r) => r.n), next: rows.length > limit && last ? { at: last.at, id: last.n.id } : null };
}
