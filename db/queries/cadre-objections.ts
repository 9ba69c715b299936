import 'server-only';
// Objections to notices (公示) still waiting for a cadre's answer, inside the cadre's places,
// oldest first in keyset pages: the list that sends a cadre to each case page, where the
// answer form is. Plain reads; answering is server/objections/answer-objection.ts.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { applications, households, objections, places } from '../schema';
import { placeInScope } from './scope';

/** Keyset position: the objection's time as PostgreSQL's exact text (microseconds), then its id. */
export interface ObjectionCursor {
  at: string;
  id: string;
}

/** One page of the open objections in the places, oldest first, with their case. `viewerId` marks the viewer's own (they may not answer those). */
export async function openObjectionsPage({ db, scopePaths, viewerId, after, limit = 25 }: { db: DbOrTx; scopePaths: readonly string[]; viewerId: string; after?: ObjectionCursor | null; limit?: number }) {
  const rows = await db
    .select({
      id: objections.id,
      reason: objections.reason,
      createdAt: objections.createdAt,
      at: sql<string>`to_char(${objections.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      mine: sql<boolean>`${objections.filedBy} = ${viewerId}::uuid`,
      applicationId: applications.id,
      reference: applications.reference,
      programmeCode: applications.programmeCode,
      status: applications.status,
      noticeEndsAt: applications.noticeEndsAt,
      headName: households.headName,
      placeName: places.name,
      placeNameEn: places.nameEn,
    })
    .from(objections)
    .innerJoin(applications, eq(objections.applicationId, applications.id))
    .innerJoin(households, eq(applications.householdId, households.id))
    .innerJoin(places, eq(households.placeId, places.id))
    .where(and(eq(objections.status, 'open'), placeInScope(scopePaths), after ? sql`(${objections.createdAt}, ${objections.id}) > (${after.at}::timestamptz, ${after.id}::uuid)` : undefined))
    .orderBy(asc(objections.createdAt), asc(objections.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? { at: last.at, id: last.id } : null };
}
