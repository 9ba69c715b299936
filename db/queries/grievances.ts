import 'server-only';
import { and, asc, desc, eq, gt, inArray, notInArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, DbOrTx } from '../client';
import { grievanceEvents, grievances, households, places, uploads, users } from '../schema';
import { writeAudit } from './audit';
import { enqueueNotification } from './notifications';
import { placeInScope } from './scope';
import { attachUploads } from './uploads';
import { AppError } from '@/lib/errors';
import { cstYear } from '@/lib/time';
import {
  ACTIVE_GRIEVANCE_STATUSES,
  checkGrievanceTransition,
  grievanceDeadlines,
  grievanceRecipient,
  mayAccessGrievance,
  overdueKind,
  type GrievanceAction,
} from '@/lib/grievances';
import type { GrievanceCategory, GrievanceStatus, Role } from '@/lib/domain';

/** Who is acting, as the server knows them from the session. */
export interface GrievanceActorInfo {
  id: string;
  role: Role;
  placePaths: readonly string[];
}

/** Places a grievance may be filed against: villages / communities and compounds. */
const FILEABLE_LEVELS = ['village', 'compound'] as const;

/** A second identical grievance from the same person within this time is taken as a double submit. */
const DUPLICATE_WINDOW_MS = 10 * 60_000;

async function nextReference(tx: DbOrTx, now: Date): Promise<string> {
  const r = await tx.execute<{ n: string }>(sql`SELECT nextval('grievance_ref_seq')::text AS n`);
  const year = cstYear(now);
  return `SQ-${year}-${String(r.rows[0]!.n).padStart(6, '0')}`;
}

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

/**
 * A resident files a grievance about a place (default: their household's). One transaction:
 * the row (reference SQ-YYYY-NNNNNN, respond-by +3 days, resolve-by +15 days), the first
 * timeline event, the audit event and the resident's confirmation notice. The same text sent
 * twice by the same person within ten minutes (double click, retried request) returns the
 * first grievance instead of filing a second one.
 */
export async function fileGrievance({
  db,
  actor,
  placeId,
  category,
  description,
  photoIds = [],
  ip,
  now = new Date(),
}: {
  db: Db;
  actor: GrievanceActorInfo;
  placeId: number;
  category: GrievanceCategory;
  description: string;
  /** The resident's own loose grievance photos (uploaded before filing) to file under it. */
  photoIds?: readonly string[];
  ip: string | null;
  now?: Date;
}): Promise<{ id: string; reference: string; created: boolean }> {
  if (actor.role !== 'resident') throw new AppError('forbidden:grievance');
  return db.transaction(async (tx) => {
    const place = await fileablePlace({ db: tx, placeId });
    if (!place) throw new AppError('invalid:place');
    // One filing at a time per person, so the duplicate check below cannot race itself.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`grievance:${actor.id}`}))`);
    const [dup] = await tx
      .select({ id: grievances.id, reference: grievances.reference })
      .from(grievances)
      .where(
        and(
          eq(grievances.filedBy, actor.id),
          eq(grievances.placeId, placeId),
          eq(grievances.category, category),
          eq(grievances.description, description),
          gt(grievances.createdAt, new Date(now.getTime() - DUPLICATE_WINDOW_MS)),
        ),
      )
      .limit(1);
    if (dup) return { ...dup, created: false };

    const [own] = await tx.select({ id: households.id }).from(households).where(eq(households.ownerUserId, actor.id)).limit(1);
    const reference = await nextReference(tx, now);
    const { respondBy, resolveBy } = grievanceDeadlines(now);
    const [g] = await tx
      .insert(grievances)
      .values({ reference, householdId: own?.id ?? null, filedBy: actor.id, onBehalf: false, placeId, category, description, status: 'open', respondBy, resolveBy, createdAt: now })
      .returning({ id: grievances.id, reference: grievances.reference });
    const photos = await attachUploads({ db: tx, ids: photoIds, ownerUserId: actor.id, kinds: ['grievance_photo'], set: { grievanceId: g!.id } });
    await tx.insert(grievanceEvents).values({ grievanceId: g!.id, at: now, actorId: actor.id, actorRole: actor.role, action: 'file', toStatus: 'open' });
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'grievance.file', entity: 'grievance', entityId: g!.id, success: true, ip, details: { category, placeId, photos: photos.length } } });
    await enqueueNotification({ db: tx, n: { userId: actor.id, kind: 'grievance.open', params: { reference, category }, link: `/resident/grievances/${g!.id}` } });
    return { id: g!.id, reference: g!.reference, created: true };
  });
}

const owners = alias(households, 'grievance_household');
const filers = alias(users, 'grievance_filer');

/** What access to one grievance depends on, or null when it does not exist. */
export async function grievanceAccess({ db, grievanceId }: { db: DbOrTx; grievanceId: string }) {
  const [row] = await db
    .select({ id: grievances.id, filedBy: grievances.filedBy, filerRole: filers.role, householdOwnerId: owners.ownerUserId, placePath: places.path })
    .from(grievances)
    .innerJoin(places, eq(grievances.placeId, places.id))
    .innerJoin(filers, eq(grievances.filedBy, filers.id))
    .leftJoin(owners, eq(grievances.householdId, owners.id))
    .where(eq(grievances.id, grievanceId));
  return row ?? null;
}

/**
 * Moves one grievance through the state machine (lib/grievances.ts) in one transaction:
 * access (own / inside the cadre's places, else not found), the version the person saw, the
 * transition's rules, the timeline event, the audit event and the resident's notification. A
 * stale version answers conflict and changes nothing.
 */
export async function transitionGrievance({
  db,
  actor,
  grievanceId,
  action,
  expectedVersion,
  note,
  rating,
  ip,
  now = new Date(),
}: {
  db: Db;
  actor: GrievanceActorInfo;
  grievanceId: string;
  action: GrievanceAction;
  expectedVersion: number;
  /** The cadre's note (respond, resolve), the resident's comment (close) or reason (reopen). */
  note?: string | null;
  rating?: number | null;
  ip: string | null;
  now?: Date;
}): Promise<{ id: string; status: GrievanceStatus; version: number }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ g: grievances, filerRole: filers.role, householdOwnerId: owners.ownerUserId, placePath: places.path })
      .from(grievances)
      .innerJoin(places, eq(grievances.placeId, places.id))
      .innerJoin(filers, eq(grievances.filedBy, filers.id))
      .leftJoin(owners, eq(grievances.householdId, owners.id))
      .where(eq(grievances.id, grievanceId));
    if (!row || !mayAccessGrievance(actor, { filedBy: row.g.filedBy, householdOwnerId: row.householdOwnerId, placePath: row.placePath })) throw new AppError('not_found:grievance');
    if (actor.role !== 'resident' && actor.role !== 'cadre') throw new AppError('forbidden:grievance');
    // As for applications (TRUST A3): no one handles as staff a grievance about their own household.
    if (actor.role === 'cadre' && row.householdOwnerId === actor.id) throw new AppError('forbidden:own_household');
    const { g } = row;
    if (g.version !== expectedVersion) throw new AppError('conflict:grievance');

    const text = note?.trim() || null;
    const check = checkGrievanceTransition({ action, from: g.status, actor: actor.role, note: text, reason: text, rating, closedAt: g.closedAt, now });
    if (!check.ok) throw new AppError(`conflict:${check.code}`);

    const patch: Partial<typeof grievances.$inferInsert> = { status: check.to, version: g.version + 1 };
    switch (action) {
      case 'respond':
        patch.respondedAt = now;
        break;
      case 'resolve':
        patch.resolvedAt = now;
        break;
      case 'close':
        patch.closedAt = now;
        patch.rating = rating!;
        patch.ratingComment = text;
        break;
      case 'reopen': {
        // A reopened grievance starts its time limits again; the earlier rating no longer stands.
        const d = grievanceDeadlines(now);
        Object.assign(patch, { respondBy: d.respondBy, resolveBy: d.resolveBy, respondedAt: null, resolvedAt: null, closedAt: null, rating: null, ratingComment: null, reopenCount: g.reopenCount + 1 });
        break;
      }
    }
    const [updated] = await tx
      .update(grievances)
      .set(patch)
      .where(and(eq(grievances.id, g.id), eq(grievances.version, expectedVersion)))
      .returning({ id: grievances.id, status: grievances.status, version: grievances.version });
    if (!updated) throw new AppError('conflict:grievance');

    await tx.insert(grievanceEvents).values({ grievanceId: g.id, at: now, actorId: actor.id, actorRole: actor.role, action, toStatus: check.to, note: text });
    await writeAudit({
      db: tx,
      event: { actorId: actor.id, actorRole: actor.role, action: `grievance.${action}`, entity: 'grievance', entityId: g.id, success: true, ip, details: { from: g.status, to: check.to, ...(action === 'close' ? { rating } : {}) } },
    });
    const recipient = grievanceRecipient({ filedBy: g.filedBy, filerRole: row.filerRole, householdOwnerId: row.householdOwnerId });
    if (recipient) {
      await enqueueNotification({ db: tx, n: { userId: recipient, kind: `grievance.${check.to}`, params: { reference: g.reference, category: g.category }, link: `/resident/grievances/${g.id}` } });
    }
    return updated;
  });
}

/** One grievance with its place (access is checked by the caller with `mayAccessGrievance`). */
export async function getGrievance({ db, grievanceId }: { db: DbOrTx; grievanceId: string }) {
  const [row] = await db
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
    .leftJoin(owners, eq(grievances.householdId, owners.id))
    .where(eq(grievances.id, grievanceId));
  return row ?? null;
}

/** The timeline of one grievance, oldest first. Who is a role, never a name. */
/**
 * A grievance as its detail page shows it, only when `viewer` may see it (the filer, the
 * household's resident, or staff whose places cover it); null otherwise, so the page 404s.
 */
export async function grievanceForViewer({ db, viewer, grievanceId }: { db: DbOrTx; viewer: Parameters<typeof mayAccessGrievance>[0]; grievanceId: string }) {
  const row = await getGrievance({ db, grievanceId });
  if (!row || !mayAccessGrievance(viewer, { filedBy: row.g.filedBy, householdOwnerId: row.householdOwnerId, placePath: row.placePath })) return null;
  const [events, photos] = await Promise.all([grievanceTimeline({ db, grievanceId }), grievancePhotos({ db, grievanceId })]);
  return { ...row, events, photos };
}

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
    .where(or(eq(grievances.filedBy, userId), eq(owners.ownerUserId, userId)))
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
