import 'server-only';
// A resident files a grievance about a place (their household's, or another village or
// compound). One transaction: the row (reference SQ-YYYY-NNNNNN, respond-by and resolve-by),
// the photos the resident took beforehand filed under it, the first timeline event, the
// audit event and the resident's confirmation notice. The same text sent twice by the same
// person within ten minutes (double click, retried request) returns the first grievance.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { fileablePlace, findSameGrievanceSince, insertGrievance, insertGrievanceEvent, lockFilingsOf, nextGrievanceNumber } from '@/db/queries/grievances';
import { ownedHouseholdId } from '@/db/queries/households';
import { enqueueNotification } from '@/db/queries/notifications';
import { attachUploads } from '@/db/queries/uploads';
import type { GrievanceCategory } from '@/lib/domain';
import { AppError } from '@/lib/errors';
import { grievanceDeadlines } from '@/lib/grievances';
import type { Actor } from '@/lib/permissions';
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
  ip: string | null;
  now?: Date;
}): Promise<{ id: string; reference: string; created: boolean }> {
  // Staff file on a resident's behalf through their own flow; this one is the resident's.
  if (actor.role !== 'resident') throw new AppError('forbidden:grievance');
  return db.transaction(async (tx) => {
    if (!(await fileablePlace({ db: tx, placeId }))) throw new AppError('invalid:place');
    await lockFilingsOf({ tx, userId: actor.id });
    const dup = await findSameGrievanceSince({ db: tx, filedBy: actor.id, placeId, category, description, since: new Date(now.getTime() - DUPLICATE_WINDOW_MS) });
    if (dup) return { ...dup, created: false };

    const householdId = await ownedHouseholdId({ db: tx, userId: actor.id });
    const reference = `SQ-${cstYear(now)}-${String(await nextGrievanceNumber({ tx })).padStart(6, '0')}`;
    const { respondBy, resolveBy } = grievanceDeadlines(now);
    const g = await insertGrievance({ tx, values: { reference, householdId, filedBy: actor.id, onBehalf: false, placeId, category, description, status: 'open', respondBy, resolveBy, createdAt: now } });
    const photos = await attachUploads({ db: tx, ids: photoIds, ownerUserId: actor.id, kinds: ['grievance_photo'], set: { grievanceId: g.id } });
    await insertGrievanceEvent({ tx, event: { grievanceId: g.id, at: now, actorId: actor.id, actorRole: actor.role, action: 'file', toStatus: 'open' } });
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'grievance.file', entity: 'grievance', entityId: g.id, success: true, ip, details: { category, placeId, photos: photos.length } } });
    await enqueueNotification({ db: tx, n: { userId: actor.id, kind: 'grievance.open', params: { reference, category }, link: `/resident/grievances/${g.id}` } });
    return { ...g, created: true };
  });
}
