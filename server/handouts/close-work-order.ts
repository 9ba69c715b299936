import 'server-only';
// A cadre closes one repair work order: done (the unit is repaired), or impossible with the
// reason (the unit cannot be repaired). Impossible records, in the same transaction, the
// verified fact "repair impossible" for the household (how the outcome reaches the subsidy's
// rule) and frees exactly that unit for the replacement subsidy: the subsidy rule takes off
// every unit whose order is open, scheduled or done (db/queries/handouts.ts
// unitsHeldByOtherProgramme), so the other units stay out of it. When the last open order of
// the case is closed, the case is fulfilled through the state machine (audited, the resident
// told), still in the same transaction. What the resident is told follows what the orders came
// to (lib/programs/repair-outcome.ts): "delivered" only when every unit was repaired; when none
// or only some could be, that those units may now be replaced with the subsidy.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { findHouseholdFact, saveFactVerification } from '@/db/queries/cases';
import { lockReachableWorkOrder, updateWorkOrderIfVersion, workOrderTally } from '@/db/queries/handouts';
import type { ApplicationStatus } from '@/lib/domain';
import { AppError } from '@/lib/errors';
import { can, dutyConflict, type Actor } from '@/lib/permissions';
import { repairFulfilledNoticeKind, repairOutcome } from '@/lib/programs';
import { transitionInTransaction } from '../applications/transition-application';

export type WorkOrderOutcome = { kind: 'done' } | { kind: 'impossible'; reason: string };

export async function closeWorkOrder({
  db,
  actor,
  workOrderId,
  expectedVersion,
  outcome,
  note,
  ip,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  workOrderId: string;
  expectedVersion: number;
  outcome: WorkOrderOutcome;
  note?: string | null;
  ip: string | null;
  now?: Date;
}): Promise<{ id: string; version: number; caseStatus: ApplicationStatus }> {
  if (!can(actor.role, 'fulfilment:record')) throw new AppError('forbidden:fulfilment');
  const reason = outcome.kind === 'impossible' ? outcome.reason.trim() : null;
  if (outcome.kind === 'impossible' && !reason) throw new AppError('invalid:reason');
  return db.transaction(async (tx) => {
    const row = await lockReachableWorkOrder({ tx, actor, workOrderId });
    if (!row) throw new AppError('not_found:work_order');
    const conflict = dutyConflict(actor, { ownerUserId: row.ownerUserId, householdId: row.householdId });
    if (conflict) throw new AppError(`forbidden:${conflict}`);
    if (row.order.version !== expectedVersion) throw new AppError('conflict:work_order');
    if (row.applicationStatus !== 'approved' || (row.order.status !== 'open' && row.order.status !== 'scheduled')) throw new AppError('conflict:work_order_closed');

    const updated = await updateWorkOrderIfVersion({
      tx,
      id: row.order.id,
      version: expectedVersion,
      patch: { status: outcome.kind === 'done' ? 'done' : 'cancelled', closedAt: now, impossibleReason: reason, note: note?.trim() || null },
    });
    if (!updated) throw new AppError('conflict:work_order');
    await writeAudit({
      db: tx,
      event: { actorId: actor.id, actorRole: actor.role, action: `work_order.${outcome.kind}`, entity: 'work_order', entityId: row.order.id, success: true, ip, details: { applicationId: row.applicationId, appliance: row.order.appliance, unitNo: row.order.unitNo, ...(reason ? { reason } : {}) } },
    });

    if (outcome.kind === 'impossible') {
      const before = await findHouseholdFact({ db: tx, householdId: row.householdId, key: 'repairImpossible' });
      await saveFactVerification({
        tx,
        householdId: row.householdId,
        key: 'repairImpossible',
        factId: before?.id ?? null,
        verification: { verifiedValue: true, verifiedAt: now, verifiedBy: actor.id, verifyMethod: 'visit', verifyNote: reason, appraisalGrade: null, appraiser: null },
      });
      await writeAudit({
        db: tx,
        event: { actorId: actor.id, actorRole: actor.role, action: 'fact.verify', entity: 'household', entityId: row.householdId, success: true, ip, details: { key: 'repairImpossible', value: true, method: 'visit', workOrderId: row.order.id, declared: before?.declaredValue ?? null, previous: before?.verifiedValue ?? null } },
      });
    }

    let caseStatus: ApplicationStatus = row.applicationStatus;
    const tally = await workOrderTally({ db: tx, applicationId: row.applicationId });
    if (tally.open === 0) {
      const kind = repairFulfilledNoticeKind(repairOutcome(tally));
      const handout = {
        via: 'work_orders' as const,
        details: { repaired: tally.done, unrepairable: tally.unrepairable },
        ...(kind === 'application.fulfilled' ? {} : { notice: { kind, params: { repaired: tally.done, unrepairable: tally.unrepairable } } }),
      };
      const done = await transitionInTransaction(tx, { actor, applicationId: row.applicationId, action: 'fulfil', expectedVersion: row.applicationVersion, ip, now, handout });
      caseStatus = done.status;
    }
    return { id: updated.id, version: updated.version, caseStatus };
  });
}
