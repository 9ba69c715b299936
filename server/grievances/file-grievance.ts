import 'server-only';
// A resident files a grievance about a place (their household's, or another village or
// compound); a cadre files one for a household inside their places (代办, e.g. the needs found
// on a visit). One transaction: the row (reference SQ-YYYY-NNNNNN, respond-by and resolve-by),
// the photos the resident took beforehand filed under it, the first timeline event, the
// audit event, the resident's confirmation notice and the place's cadres' inbox notice. The same text sent twice by the same
// person within ten minutes (double click, retried request) returns the first grievance.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { fileablePlace, findSameGrievanceSince, insertGrievance, insertGrievanceEvent, lockFilingsOf, nextGrievanceNumber } from '@/db/queries/grievances';
import { findReachableHousehold } from '@/db/queries/applications';
import { ownedHouseholdId } from '@/db/queries/households';
import { enqueueNotification } from '@/db/queries/notifications';
import { notifyPlaceStaff } from '@/db/queries/staff-notifications';
import { attachUploads } from '@/db/queries/uploads';
import type { GrievanceCategory } from '@/lib/domain';
import { AppError } from '@/lib/errors';
import { findGrievanceLimit } from '@/db/queries/programme-settings';
import { DEFAULT_GRIEVANCE_LIMITS, grievanceDeadlines } from '@/lib/grievances';
import { can, dutyConflict, placeWithin, type Actor } from '@/lib/permissions';
import { cstYear } from '@/lib/time';

/** A second identical grievance from the same person within this time is taken as a double submit. */
const DUPLICATE_WINDOW_MS = 10 * 60_000;

export async function fileGrievance({
  db,
  actor,
  placeId,
  category,
  description,
  photoIds = [],
  onBehalfOf = null,
  ip,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  placeId: number;
  category: GrievanceCategory;
  description: string;
  /** The resident's own loose grievance photos (uploaded before filing) to file under it. */
  photoIds?: readonly string[];
  /** Staff only: the household (inside their places) the grievance is filed for. */
  onBehalfOf?: string | null;
  ip: string | null;
  now?: Date;
}): Promise<{ id: string; reference: string; created: boolean }> {
  // A resident files for themselves; staff only for a household, and only with the capability.
  const onBehalf = actor.role !== 'resident';
  if (onBehalf ? !onBehalfOf || !can(actor.role, 'grievance:file_on_behalf') : onBehalfOf) throw new AppError('forbidden:grievance');
  return db.transaction(async (tx) => {
    const place = await fileablePlace({ db: tx, placeId });
    if (!place) throw new AppError('invalid:place');
    let householdId: string | null = null;
    let ownerUserId: string | null = actor.id;
    if (onBehalf) {
      const hh = await findReachableHousehold({ db: tx, actor, householdId: onBehalfOf! });
      if (!hh) throw new AppError('not_found:household');
      const conflict = dutyConflict(actor, { ownerUserId: hh.ownerUserId, householdId: onBehalfOf });
      if (conflict) throw new AppError(`forbidden:${conflict}`);
      if (!placeWithin(place.path, actor.placePaths)) throw new AppError('invalid:place');
      householdId = hh.id;
      ownerUserId = hh.ownerUserId;
    }
    await lockFilingsOf({ tx, userId: actor.id });
    const dup = await findSameGrievanceSince({ db: tx, filedBy: actor.id, placeId, category, description, since: new Date(now.getTime() - DUPLICATE_WINDOW_MS) });
    if (dup) return { ...dup, created: false };

    if (!onBehalf) householdId = await ownedHouseholdId({ db: tx, userId: actor.id });
    const reference = `SQ-${cstYear(now)}-${String(await nextGrievanceNumber({ tx })).padStart(6, '0')}`;
    // The category's limits as officials set them now; the deadlines stored on the row stay its truth afterwards.
    const limits = (await findGrievanceLimit({ db: tx, category })) ?? DEFAULT_GRIEVANCE_LIMITS;
    const { respondBy, resolveBy } = grievanceDeadlines(now, limits);
    const g = await insertGrievance({ tx, values: { reference, householdId, filedBy: actor.id, onBehalf, placeId, category, description, status: 'open', respondBy, resolveBy, createdAt: now } });
    const photos = await attachUploads({ db: tx, ids: photoIds, ownerUserId: actor.id, kinds: ['grievance_photo'], set: { grievanceId: g.id } });
    await insertGrievanceEvent({ tx, event: { grievanceId: g.id, at: now, actorId: actor.id, actorRole: actor.role, action: 'file', toStatus: 'open' } });
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'grievance.file', entity: 'grievance', entityId: g.id, success: true, ip, details: { category, placeId, photos: photos.length, ...(onBehalf ? { onBehalf: true, householdId } : {}) } } });
    // The resident hears of it (the filer, or the household's owner when a cadre filed it for them).
    // Both notices name the days to answer that this grievance got (its category's limit now), not a default.
    const days = limits.respondDays;
    if (ownerUserId) await enqueueNotification({ db: tx, n: { userId: ownerUserId, kind: 'grievance.open', params: { reference, category, days }, link: `/resident/grievances/${g.id}` } });
    await notifyPlaceStaff({ tx, placeId, kind: 'staff.grievanceFiled', params: { reference, category, days }, link: `/cadre/grievances/${g.id}`, exceptUserId: actor.id });
    return { ...g, created: true };
  });
}
