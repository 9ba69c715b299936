import 'server-only';
// Uploaded files: where an upload may go, who may see it, and the rows themselves.
// The bytes live in lib/storage.ts; the checks of the content in lib/upload-check.ts.
import { and, asc, count, eq, gt, inArray, isNull, notInArray } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { applications, grievances, households, places, uploads, visits, type Upload } from '../schema';
import { writeAudit } from './audit';
import { can, placeWithin, type Capability } from '@/lib/permissions';
import type { Role, UploadKind } from '@/lib/domain';

export interface UploadActor {
  id: string;
  role: Role;
  placePaths: readonly string[];
}

export interface UploadTargetInput {
  householdId?: string | null;
  applicationId?: string | null;
  grievanceId?: string | null;
}

/** Where a new upload is filed once the target has been checked. */
export interface ResolvedTarget {
  householdId: string | null;
  applicationId: string | null;
  grievanceId: string | null;
}

export type TargetDecision = { status: 'allow'; target: ResolvedTarget } | { status: 'invalid' } | { status: 'forbidden' } | { status: 'not_found' };

/** Who may upload each kind: any one of these capabilities (lib/permissions.ts) will do. */
export const UPLOAD_KIND_CAPABILITIES: Record<UploadKind, readonly Capability[]> = {
  damage_photo: ['household:manage_own', 'household:manage_in_place'],
  invoice: ['application:apply_own', 'application:apply_on_behalf'],
  evidence: ['application:apply_own', 'application:appeal_own', 'application:apply_on_behalf', 'application:verify'],
  visit_photo: ['visit:record'],
  grievance_photo: ['grievance:file_own', 'grievance:file_on_behalf', 'grievance:handle'],
};

export function mayUploadKind(role: Role, kind: UploadKind): boolean {
  return UPLOAD_KIND_CAPABILITIES[kind].some((c) => can(role, c));
}

/** Which record each kind of upload must be filed under. */
const REQUIRES: Record<UploadKind, 'household' | 'household_or_application' | 'none'> = {
  damage_photo: 'household',
  visit_photo: 'household',
  invoice: 'household_or_application',
  evidence: 'household_or_application',
  // A grievance photo is usually taken before the grievance exists; the grievance form links it.
  grievance_photo: 'none',
};

interface Owned {
  ownerUserId: string | null;
  placePath: string;
  filedBy?: string | null;
}

function mayReach(actor: UploadActor, rec: Owned): boolean {
  if (actor.role === 'resident') return rec.ownerUserId === actor.id || (rec.filedBy != null && rec.filedBy === actor.id);
  return placeWithin(rec.placePath, actor.placePaths);
}

async function householdRow(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ id: households.id, ownerUserId: households.ownerUserId, placePath: places.path })
    .from(households)
    .innerJoin(places, eq(households.placeId, places.id))
    .where(eq(households.id, id));
  return row ?? null;
}

async function applicationRow(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ id: applications.id, householdId: applications.householdId, ownerUserId: households.ownerUserId, placePath: places.path })
    .from(applications)
    .innerJoin(households, eq(applications.householdId, households.id))
    .innerJoin(places, eq(households.placeId, places.id))
    .where(eq(applications.id, id));
  return row ?? null;
}

async function grievanceRow(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ id: grievances.id, householdId: grievances.householdId, filedBy: grievances.filedBy, placePath: places.path, ownerUserId: households.ownerUserId })
    .from(grievances)
    .innerJoin(places, eq(grievances.placeId, places.id))
    .leftJoin(households, eq(grievances.householdId, households.id))
    .where(eq(grievances.id, id));
  return row ?? null;
}

/**
 * Checks that the actor may file an upload of this kind under the given records: a resident
 * only under their own household / application / grievance, staff only inside their places.
 * Records given together must belong together. A record the actor may not reach answers
 * 'not_found', exactly as one that does not exist.
 */
export async function authorizeUploadTarget({ db, actor, kind, target }: { db: DbOrTx; actor: UploadActor; kind: UploadKind; target: UploadTargetInput }): Promise<TargetDecision> {
  const householdId = target.householdId ?? null;
  const applicationId = target.applicationId ?? null;
  const grievanceId = target.grievanceId ?? null;
  if (!mayUploadKind(actor.role, kind)) return { status: 'forbidden' };
  const need = REQUIRES[kind];
  if (need === 'household' && !householdId) return { status: 'invalid' };
  if (need === 'household_or_application' && !householdId && !applicationId) return { status: 'invalid' };
  if (kind !== 'grievance_photo' && grievanceId) return { status: 'invalid' };
  if (kind === 'damage_photo' && applicationId) return { status: 'invalid' };

  let resolvedHousehold: string | null = null;
  if (householdId) {
    const hh = await householdRow(db, householdId);
    if (!hh || !mayReach(actor, hh)) return { status: 'not_found' };
    resolvedHousehold = hh.id;
  }
  if (applicationId) {
    const app = await applicationRow(db, applicationId);
    if (!app || !mayReach(actor, app)) return { status: 'not_found' };
    if (resolvedHousehold && resolvedHousehold !== app.householdId) return { status: 'not_found' };
    resolvedHousehold = app.householdId;
  }
  if (grievanceId) {
    const gr = await grievanceRow(db, grievanceId);
    if (!gr || !mayReach(actor, gr)) return { status: 'not_found' };
    if (resolvedHousehold && gr.householdId && resolvedHousehold !== gr.householdId) return { status: 'not_found' };
    resolvedHousehold ??= gr.householdId;
  }
  return { status: 'allow', target: { householdId: resolvedHousehold, applicationId, grievanceId } };
}

export interface NewUploadRow {
  kind: UploadKind;
  mime: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  storageKey: string;
  sha256: string;
  target: ResolvedTarget;
}

/** Inserts the row and its audit event in one transaction. */
export async function insertUpload({ db, actor, row, ip }: { db: DbOrTx; actor: UploadActor; row: NewUploadRow; ip: string | null }): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(uploads)
      .values({
        ownerUserId: actor.id,
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
    await writeAudit({
      db: tx,
      event: { actorId: actor.id, actorRole: actor.role, action: 'upload.create', entity: 'upload', entityId: inserted!.id, success: true, ip, details: { kind: row.kind, mime: row.mime, size: row.sizeBytes, sha256: row.sha256, householdId: row.target.householdId, applicationId: row.target.applicationId, grievanceId: row.target.grievanceId } },
    });
    return { id: inserted!.id };
  });
}

/**
 * The upload if this person may see it, else null (the route answers 404 either way):
 * the person who uploaded it; the resident who owns a household it belongs to (directly or
 * through its application, grievance or visit) or who filed its grievance; staff whose places
 * cover that household or grievance.
 */
export async function viewableUpload({ db, uploadId, viewer }: { db: DbOrTx; uploadId: string; viewer: UploadActor }): Promise<Upload | null> {
  const [up] = await db.select().from(uploads).where(eq(uploads.id, uploadId));
  if (!up) return null;
  if (up.ownerUserId === viewer.id) return up;

  const householdIds = new Set<string>();
  if (up.householdId) householdIds.add(up.householdId);
  if (up.applicationId) {
    const app = await applicationRow(db, up.applicationId);
    if (app) householdIds.add(app.householdId);
  }
  if (up.visitId) {
    const [v] = await db.select({ householdId: visits.householdId }).from(visits).where(eq(visits.id, up.visitId));
    if (v) householdIds.add(v.householdId);
  }
  if (up.grievanceId) {
    const gr = await grievanceRow(db, up.grievanceId);
    if (gr && mayReach(viewer, gr)) return up;
  }
  for (const id of householdIds) {
    const hh = await householdRow(db, id);
    if (hh && mayReach(viewer, hh)) return up;
  }
  return null;
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
  actor: UploadActor;
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
