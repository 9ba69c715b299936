import 'server-only';
// What a county official does with a grievance inside their places (issue 11 item 4), in one
// transaction each: 督办 (escalate: a note on what must happen, shown on the grievance and sent
// to the place's cadres) and reassigning it to another place inside the official's scope, whose
// cadres then own it. Neither changes the grievance's status or time limits (the state machine
// alone does that, lib/grievances.ts); both are on its timeline and in the audit log, with the
// version the official saw (two people acting at once: one wins, the other is told).
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { fileablePlace, insertGrievanceEvent, lockReachableGrievance, updateGrievanceIfVersion } from '@/db/queries/grievances';
import { notifyPlaceStaff } from '@/db/queries/staff-notifications';
import { AppError } from '@/lib/errors';
import { ACTIVE_GRIEVANCE_STATUSES } from '@/lib/grievances';
import { dutyConflict, placeWithin, type Actor } from '@/lib/permissions';

async function lockForOfficial(tx: Parameters<Parameters<Db['transaction']>[0]>[0], actor: Actor, grievanceId: string, expectedVersion: number) {
  if (actor.role !== 'official') throw new AppError('forbidden:grievance');
  const row = await lockReachableGrievance({ tx, actor, grievanceId });
  if (!row) throw new AppError('not_found:grievance');
  const conflict = dutyConflict(actor, { ownerUserId: row.householdOwnerId, householdId: row.g.householdId });
  if (conflict) throw new AppError(`forbidden:${conflict}`);
  if (row.g.version !== expectedVersion) throw new AppError('conflict:grievance');
  if (!ACTIVE_GRIEVANCE_STATUSES.includes(row.g.status)) throw new AppError('conflict:grievance_finished');
  return row;
}

export async function escalateGrievance({ db, actor, grievanceId, expectedVersion, note, ip, now = new Date() }: { db: Db; actor: Actor; grievanceId: string; expectedVersion: number; note: string; ip: string | null; now?: Date }) {
  return db.transaction(async (tx) => {
    const { g } = await lockForOfficial(tx, actor, grievanceId, expectedVersion);
    const text = note.trim();
    const updated = await updateGrievanceIfVersion({ tx, id: g.id, version: expectedVersion, patch: { escalatedAt: now, escalatedBy: actor.id, escalationNote: text } });
    if (!updated) throw new AppError('conflict:grievance');
    await insertGrievanceEvent({ tx, event: { grievanceId: g.id, at: now, actorId: actor.id, actorRole: actor.role, action: 'escalate', toStatus: g.status, note: text } });
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'grievance.escalate', entity: 'grievance', entityId: g.id, success: true, ip, details: { note: text } } });
    await notifyPlaceStaff({ tx, placeId: g.placeId, kind: 'staff.grievanceEscalated', params: { reference: g.reference, category: g.category }, link: `/cadre/grievances/${g.id}` });
    return { id: g.id, version: expectedVersion + 1 };
  });
}

export async function reassignGrievance({ db, actor, grievanceId, expectedVersion, placeId, note, ip, now = new Date() }: { db: Db; actor: Actor; grievanceId: string; expectedVersion: number; placeId: number; note: string; ip: string | null; now?: Date }) {
  return db.transaction(async (tx) => {
    const { g } = await lockForOfficial(tx, actor, grievanceId, expectedVersion);
    const target = await fileablePlace({ db: tx, placeId });
    // A place outside the official's scope reads like one that does not exist.
    if (!target || !placeWithin(target.path, actor.placePaths)) throw new AppError('forbidden:place_outside_scope');
    if (target.id === g.placeId) throw new AppError('conflict:same_place');
    const text = note.trim();
    const updated = await updateGrievanceIfVersion({ tx, id: g.id, version: expectedVersion, patch: { placeId: target.id } });
    if (!updated) throw new AppError('conflict:grievance');
    await insertGrievanceEvent({ tx, event: { grievanceId: g.id, at: now, actorId: actor.id, actorRole: actor.role, action: 'reassign', toStatus: g.status, note: text } });
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'grievance.reassign', entity: 'grievance', entityId: g.id, success: true, ip, details: { fromPlace: g.placeId, toPlace: target.id, note: text } } });
    await notifyPlaceStaff({ tx, placeId: target.id, kind: 'staff.grievanceReassigned', params: { reference: g.reference, category: g.category }, link: `/cadre/grievances/${g.id}` });
    return { id: g.id, version: expectedVersion + 1 };
  });
}
