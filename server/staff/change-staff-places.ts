import 'server-only';
// Assign or unassign one place of a staff member. Both the person and the place must lie in
// the acting official's scope; the person's sessions end at once (their places are read from
// the database on every request anyway, lib/session.ts, but an unassigned cadre must not keep
// a page open on a place they lost). Nobody changes their own places; the last place is not
// removed (a person with no place would fall out of every official's scope, unmanageable).
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { endSessions } from '@/db/queries/auth';
import { addUserPlaces, placesInScope, removeUserPlace } from '@/db/queries/staff-admin';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/permissions';
import { loadStaffOrThrow, notSelf } from './guard';

export async function assignStaffPlace({ db, actor, userId, placeId, ip }: { db: Db; actor: Actor; userId: string; placeId: number; ip: string | null }): Promise<{ added: boolean }> {
  notSelf(actor, userId);
  return db.transaction(async (tx) => {
    await loadStaffOrThrow({ tx, actor, userId });
    const [place] = await placesInScope({ db: tx, actor, placeIds: [placeId] });
    if (!place) throw new AppError('forbidden:place_outside_scope');
    const added = (await addUserPlaces({ tx, userId, placeIds: [placeId] })) > 0;
    if (added) {
      await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'staff.place.assign', entity: 'user', entityId: userId, success: true, ip, details: { placeId } } });
      await endSessions({ db: tx, userId, reason: 'places_changed', actor });
    }
    return { added };
  });
}

export async function unassignStaffPlace({ db, actor, userId, placeId, ip }: { db: Db; actor: Actor; userId: string; placeId: number; ip: string | null }): Promise<void> {
  notSelf(actor, userId);
  await db.transaction(async (tx) => {
    const person = await loadStaffOrThrow({ tx, actor, userId });
    if (!person.places.some((p) => p.id === placeId)) throw new AppError('not_found:place');
    if (person.places.length <= 1) throw new AppError('conflict:last_place');
    await removeUserPlace({ tx, userId, placeId });
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'staff.place.unassign', entity: 'user', entityId: userId, success: true, ip, details: { placeId } } });
    await endSessions({ db: tx, userId, reason: 'places_changed', actor });
  });
}
