import 'server-only';
// Uploaded files as rows: the scoped reads that say where an upload may go and who may see
// it, and the row writes. Who may upload what, under which record, is decided in
// server/uploads/; the bytes live in lib/storage.ts; the checks of the content in
// lib/upload-check.ts.
import { and, asc, count, eq, exists, gt, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../client';
import { applications, grievances, households, places, uploads, visits, type Upload } from '../schema';
import { writeAudit } from './audit';
import { whereReachable } from './scope';
import type { Actor } from '@/lib/permissions';
import type { UploadKind } from '@/lib/domain';

/** Where a new upload is filed once the target has been checked. */
export interface ResolvedTarget {
  householdId: string | null;
  applicationId: string | null;
  grievanceId: string | null;
}

/** A checked file as stored (lib/storage.ts): what its row records about it. */
export interface StoredFile {
  mime: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  storageKey: string;
  sha256: string;
}

export interface NewUploadRow extends StoredFile {
  ownerUserId: string;
  kind: UploadKind;
  target: ResolvedTarget;
}

export async function insertUpload({ tx, row }: { tx: Tx; row: NewUploadRow }): Promise<{ id: string }> {
  const [inserted] = await tx
    .insert(uploads)
    .values({
      ownerUserId: row.ownerUserId,
      householdId: row.target.householdId,
      applicationId: row.target.applicationId,
      grievanceId: row.target.grievanceId,
      kind: row.kind,
      mime: row.mime,
      sizeBytes: row.sizeBytes,
      width: row.width,
      height: row.height,
      storageKey: row.storageKey,
      sha256: row.sha256,
    })
    .returning({ id: uploads.id });
  return inserted!;
}

/**
 * The upload if the viewer may see it, else null (the route answers 404 either way): the
 * person who uploaded it, or anyone the record rule lets reach a household it belongs to
 * (directly or through its application or visit) or its grievance.
 */
export async function findViewableUpload({ db, actor, uploadId }: { db: DbOrTx; actor: Actor; uploadId: string }): Promise<Upload | null> {
  const householdOfUpload = or(
    eq(households.id, uploads.householdId),
    eq(households.id, sql`(SELECT ${applications.householdId} FROM ${applications} WHERE ${applications.id} = ${uploads.applicationId})`),
    eq(households.id, sql`(SELECT ${visits.householdId} FROM ${visits} WHERE ${visits.id} = ${uploads.visitId})`),
  );
  const viaHousehold = db
    .select({ one: sql`1` })
    .from(households)
    .innerJoin(places, eq(households.placeId, places.id))
    .where(and(householdOfUpload, whereReachable(actor)));
  const viaGrievance = db
    .select({ one: sql`1` })
    .from(grievances)
    .innerJoin(places, eq(grievances.placeId, places.id))
    .leftJoin(households, eq(grievances.householdId, households.id))
    .where(and(eq(grievances.id, uploads.grievanceId), whereReachable(actor, { filedBy: grievances.filedBy })));
  const [row] = await db
    .select()
    .from(uploads)
    .where(and(eq(uploads.id, uploadId), or(eq(uploads.ownerUserId, actor.id), exists(viaHousehold), exists(viaGrievance))));
  return row ?? null;
}

/** A household's uploads of one kind, oldest first (for thumbnails on its page). */
export async function householdUploads({ db, householdId, kind }: { db: DbOrTx; householdId: string; kind: UploadKind }) {
  return db
    .select({ id: uploads.id, mime: uploads.mime, width: uploads.width, height: uploads.height, createdAt: uploads.createdAt, ownerUserId: uploads.ownerUserId })
    .from(uploads)
    .where(and(eq(uploads.householdId, householdId), eq(uploads.kind, kind)))
    .orderBy(asc(uploads.createdAt));
}

/**
 * Files loose uploads under a record once it exists (e.g. grievance photos taken before the
 * grievance was filed, an invoice under the application it was sent with). Only the
 * uploader's own uploads of the given kinds, not yet filed elsewhere, are touched; returns
 * the ids that were filed. Call inside the transaction that creates the record.
 */
export async function attachUploads({
  db,
  ids,
  ownerUserId,
  kinds,
  set,
}: {
  db: DbOrTx;
  ids: readonly string[];
  ownerUserId: string;
  kinds: readonly UploadKind[];
  set: { applicationId?: string; grievanceId?: string };
}): Promise<string[]> {
  if (ids.length === 0 || kinds.length === 0) return [];
  const conditions = [inArray(uploads.id, [...ids]), eq(uploads.ownerUserId, ownerUserId), inArray(uploads.kind, [...kinds])];
  if (set.applicationId) conditions.push(isNull(uploads.applicationId));
  if (set.grievanceId) conditions.push(isNull(uploads.grievanceId));
  const rows = await db.update(uploads).set(set).where(and(...conditions)).returning({ id: uploads.id });
  return rows.map((r) => r.id);
}

/**
 * Keeps only `keepIds` among the household's uploads of one kind that this person uploaded
 * (the photo list of a form is the set the person wants); deletes the other rows, with an
 * audit event each, and returns their storage keys so the caller can delete the files after
 * the transaction commits. Uploads already filed under an application or grievance stay.
 */
export async function pruneHouseholdUploads({
  db,
  householdId,
  kind,
  ownerUserId,
  keepIds,
  actor,
  ip,
}: {
  db: DbOrTx;
  householdId: string;
  kind: UploadKind;
  ownerUserId: string;
  keepIds: readonly string[];
  actor: Actor;
  ip: string | null;
}): Promise<string[]> {
  const conditions = [eq(uploads.householdId, householdId), eq(uploads.kind, kind), eq(uploads.ownerUserId, ownerUserId), isNull(uploads.applicationId), isNull(uploads.grievanceId)];
  if (keepIds.length > 0) conditions.push(notInArray(uploads.id, [...keepIds]));
  const removed = await db.delete(uploads).where(and(...conditions)).returning({ id: uploads.id, storageKey: uploads.storageKey, sha256: uploads.sha256 });
  for (const r of removed) {
    await writeAudit({ db, event: { actorId: actor.id, actorRole: actor.role, action: 'upload.delete', entity: 'upload', entityId: r.id, success: true, ip, details: { kind, householdId, sha256: r.sha256 } } });
  }
  return removed.map((r) => r.storageKey);
}

/** How many files this person uploaded since `since` (a brake on filling the disk). */
export async function uploadsSince({ db, ownerUserId, since }: { db: DbOrTx; ownerUserId: string; since: Date }): Promise<number> {
  const [row] = await db.select({ n: count() }).from(uploads).where(and(eq(uploads.ownerUserId, ownerUserId), gt(uploads.createdAt, since)));
  return row?.n ?? 0;
}

/** Ids among `ids` that are this household's uploads of the kind (to validate a form's list). */
export async function householdUploadIds({ db, householdId, kind, ids }: { db: DbOrTx; householdId: string; kind: UploadKind; ids: readonly string[] }): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: uploads.id })
    .from(uploads)
    .where(and(eq(uploads.householdId, householdId), eq(uploads.kind, kind), inArray(uploads.id, [...ids])));
  return new Set(rows.map((r) => r.id));
}
