import 'server-only';
// Moves one grievance through its state machine (lib/grievances.ts) in one transaction: the
// grievance locked scoped by the actor (someone else's, or outside the cadre's places: not
// found), separation of duties, the version the person saw, the transition's rules, the row,
// the timeline event, the audit event and the resident's notification. A stale version
// answers conflict and changes nothing.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { insertGrievanceEvent, lockReachableGrievance, updateGrievanceIfVersion } from '@/db/queries/grievances';
import { enqueueNotification } from '@/db/queries/notifications';
import type { GrievanceStatus } from '@/lib/domain';
import { AppError } from '@/lib/errors';
import { findGrievanceLimit } from '@/db/queries/programme-settings';
import { checkGrievanceTransition, DEFAULT_GRIEVANCE_LIMITS, grievanceDeadlines, grievanceRecipient, type GrievanceAction } from '@/lib/grievances';
import { dutyConflict, type Actor } from '@/lib/permissions';

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
  actor: Actor;
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
    const row = await lockReachableGrievance({ tx, actor, grievanceId });
    if (!row) throw new AppError('not_found:grievance');
    if (actor.role !== 'resident' && actor.role !== 'cadre') throw new AppError('forbidden:grievance');
    // As for applications (TRUST A3): no one handles as staff a grievance about their own household.
    const conflict = dutyConflict(actor, { ownerUserId: row.householdOwnerId, householdId: row.g.householdId });
    if (conflict) throw new AppError(`forbidden:${conflict}`);
    const { g } = row;
    if (g.version !== expectedVersion) throw new AppError('conflict:grievance');

    const text = note?.trim() || null;
    const check = checkGrievanceTransition({ action, from: g.status, actor: actor.role, note: text, reason: text, rating, closedAt: g.closedAt, now });
    if (!check.ok) throw new AppError(`conflict:${check.code}`);

    const patch: Parameters<typeof updateGrievanceIfVersion>[0]['patch'] = { status: check.to };
    // What the resident's notice adds to its sentence: on reopening, the days to answer the new time limits give.
    const noticeParams: Record<string, string | number> = {};
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
        const limits = (await findGrievanceLimit({ db: tx, category: g.category })) ?? DEFAULT_GRIEVANCE_LIMITS;
        const d = grievanceDeadlines(now, limits);
        Object.assign(patch, { respondBy: d.respondBy, resolveBy: d.resolveBy, respondedAt: null, resolvedAt: null, closedAt: null, rating: null, ratingComment: null, reopenCount: g.reopenCount + 1 });
        noticeParams.days = limits.respondDays;
        break;
      }
    }
    const updated = await updateGrievanceIfVersion({ tx, id: g.id, version: expectedVersion, patch });
    if (!updated) throw new AppError('conflict:grievance');

    await insertGrievanceEvent({ tx, event: { grievanceId: g.id, at: now, actorId: actor.id, actorRole: actor.role, action, toStatus: check.to, note: text } });
    await writeAudit({
      db: tx,
      event: { actorId: actor.id, actorRole: actor.role, action: `grievance.${action}`, entity: 'grievance', entityId: g.id, success: true, ip, details: { from: g.status, to: check.to, ...(action === 'close' ? { rating } : {}) } },
    });
    const recipient = grievanceRecipient({ filedBy: g.filedBy, filerRole: row.filerRole, householdOwnerId: row.householdOwnerId });
    if (recipient) {
      await enqueueNotification({ db: tx, n: { userId: recipient, kind: `grievance.${check.to}`, params: { ...noticeParams, reference: g.reference, category: g.category }, link: `/resident/grievances/${g.id}` } });
    }
    return updated;
  });
}
