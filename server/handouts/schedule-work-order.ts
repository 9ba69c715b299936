import 'server-only';
// A cadre books the repair team's visit for one damaged unit: the order becomes scheduled for
// that day (or is moved to another day), audited. Only an order of an approved repair case
// inside the cadre's places that is not yet closed; the version the cadre saw must still hold.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { lockReachableWorkOrder, updateWorkOrderIfVersion } from '@/db/queries/handouts';
import { AppError } from '@/lib/errors';
import { can, dutyConflict, type Actor } from '@/lib/permissions';

export async function scheduleWorkOrder({
  db,
  actor,
  workOrderId,
  expectedVersion,
  scheduledFor,
  ip,
}: {
  db: Db;
  actor: Actor;
  workOrderId: string;
  expectedVersion: number;
  /** 00:00 China time of the day booked. */
  scheduledFor: Date;
  ip: string | null;
}): Promise<{ id: string; version: number }> {
  if (!can(actor.role, 'fulfilment:record')) throw new AppError('forbidden:fulfilment');
  return db.transaction(async (tx) => {
    const row = await lockReachableWorkOrder({ tx, actor, workOrderId });
    if (!row) throw new AppError('not_found:work_order');
    const conflict = dutyConflict(actor, { ownerUserId: row.ownerUserId, householdId: row.householdId });
    if (conflict) throw new AppError(`forbidden:${conflict}`);
    if (row.order.version !== expectedVersion) throw new AppError('conflict:work_order');
    if (row.applicationStatus !== 'approved' || (row.order.status !== 'open' && row.order.status !== 'scheduled')) throw new AppError('conflict:work_order_closed');
    const updated = await updateWorkOrderIfVersion({ tx, id: row.order.id, version: expectedVersion, patch: { status: 'scheduled', scheduledFor } });
    if (!updated) throw new AppError('conflict:work_order');
    await writeAudit({
      db: tx,
      event: { actorId: actor.id, actorRole: actor.role, action: 'work_order.schedule', entity: 'work_order', entityId: row.order.id, success: true, ip, details: { applicationId: row.applicationId, appliance: row.order.appliance, unitNo: row.order.unitNo, scheduledFor: scheduledFor.toISOString(), previous: row.order.scheduledFor?.toISOString() ?? null } },
    });
    return { id: updated.id, version: updated.version };
  });
}
