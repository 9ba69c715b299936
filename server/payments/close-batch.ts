import 'server-only';
// The bank's answer on a sent batch (issue 10 item 6), in ONE transaction: the items the bank
// returned are marked failed with their reason and their cases stay approved (the money stays
// committed; the next batch picks them up once the account is put right); every other item is
// paid, its case goes approved → fulfilled through the state machine's `mark_paid` check, with
// its timeline line, audit row and the resident's notification ("paid to your card ending
// 1234"); the paid total is recorded on the budget line (recordPaid: approval committed it); the
// batch ends paid or partly_failed. The version the official saw decides between two officials.
import type { Db } from '@/db/client';
import { recordPaid, setAsideForBatch } from '@/db/queries/budgets';
import { writeAudit } from '@/db/queries/audit';
import { failItems, fulfilPaidCases, lockBatch, lockItemCases, payPendingItems, updateBatchIfVersion } from '@/db/queries/payments';
import { recordApplicationEvent } from '@/server/applications/record-event';
import { AppError } from '@/lib/errors';
import { dutyConflict, type Actor } from '@/lib/permissions';
import { checkTransition } from '@/lib/workflow';
import { assertCountyPayments } from './guard';

export interface PaymentFailure {
  applicationId: string;
  reason: string;
}

export interface ClosedBatch {
  status: 'paid' | 'partly_failed';
  version: number;
  paid: number;
  failed: number;
  paidYuan: number;
}

export async function closePaymentBatch({
  db,
  actor,
  batchId,
  expectedVersion,
  failures,
  ip,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  batchId: string;
  expectedVersion: number;
  /** Items the bank returned, each with its reason; empty: all paid. */
  failures: readonly PaymentFailure[];
  ip: string | null;
  now?: Date;
}): Promise<ClosedBatch> {
  assertCountyPayments(actor);
  const unique = new Map(failures.map((f) => [f.applicationId, f.reason.trim()]));
  return db.transaction(async (tx) => {
    const batch = await lockBatch({ tx, batchId });
    if (!batch) throw new AppError('not_found:payment_batch');
    if (batch.version !== expectedVersion) throw new AppError('conflict:payment_batch');
    if (batch.status !== 'sent') throw new AppError('conflict:batch_not_sent');

    const failedIds = await failItems({ tx, batchId, failures: [...unique].map(([applicationId, reason]) => ({ applicationId, reason })) });
    // A failure named for a case this batch does not hold (or holds no longer pending) is a stale or forged form.
    if (failedIds.length !== unique.size) throw new AppError('conflict:payment_item');
    const paid = await payPendingItems({ tx, batchId });

    const cases = await lockItemCases({ tx, applicationIds: [...paid.map((p) => p.applicationId), ...failedIds] });
    const byId = new Map(cases.map((c) => [c.id, c]));
    // Separation of duties (TRUST A3): nobody records the bank's answer on a batch that pays their
    // own or a declared relative's household; another official does.
    for (const c of cases) {
      const duty = dutyConflict(actor, { ownerUserId: c.ownerUserId, householdId: c.householdId });
      if (duty) throw new AppError(`forbidden:${duty}`);
    }
    for (const p of paid) {
      const c = byId.get(p.applicationId);
      const check = checkTransition({ action: 'mark_paid', from: c?.status ?? 'draft', actor: actor.role, context: {} });
      // A case withdrawn or moved since the batch was built cannot be recorded as paid: the official must look at it.
      if (!c || !check.ok) throw new AppError(`conflict:${check.ok ? 'payment_item' : check.code}`);
    }
    const fulfilled = await fulfilPaidCases({ tx, applicationIds: paid.map((p) => p.applicationId), now });
    if (fulfilled.length !== paid.length) throw new AppError('conflict:application');

    const amounts = new Map(paid.map((p) => [p.applicationId, p.amountYuan]));
    for (const p of paid) {
      const c = byId.get(p.applicationId)!;
      await recordApplicationEvent(tx, {
        applicationId: c.id,
        reference: c.reference,
        programmeCode: c.programmeCode,
        ownerUserId: c.ownerUserId,
        actor,
        action: 'mark_paid',
        from: 'approved',
        to: 'fulfilled',
        ip,
        details: { batchId, batch: batch.reference, amountYuan: amounts.get(c.id) ?? 0 },
        noticeKind: 'payment.paid',
        noticeParams: { last4: c.last4 ?? '----', amount: amounts.get(c.id) ?? 0 },
      });
    }
    for (const id of failedIds) {
      const c = byId.get(id);
      if (!c) throw new AppError('conflict:payment_item');
      await recordApplicationEvent(tx, {
        applicationId: c.id,
        reference: c.reference,
        programmeCode: c.programmeCode,
        ownerUserId: c.ownerUserId,
        actor,
        action: 'payment_failed',
        from: c.status,
        to: c.status,
        reason: unique.get(id) ?? null,
        ip,
        details: { batchId, batch: batch.reference },
        noticeKind: 'payment.failed',
      });
    }

    const paidYuan = paid.reduce((n, p) => n + p.amountYuan, 0);
    // A batch built before batches set money aside may pay cases whose approval committed nothing
    // (no budget line then): commit their money now, so paid never exceeds committed (budgets_paid_range).
    const setAside = await setAsideForBatch({ tx, programmeCode: batch.programmeCode, batchId, now, actorId: actor.id, note: batch.reference });
    if (setAside.status === 'no_budget') throw new AppError('conflict:no_budget_line');
    if (setAside.status === 'insufficient') throw new AppError('over_budget:not_set_aside');
    await recordPaid({ tx, programmeCode: batch.programmeCode, amountYuan: paidYuan, now, batchId, actorId: actor.id, note: batch.reference });
    const status = failedIds.length > 0 ? 'partly_failed' : 'paid';
    const updated = await updateBatchIfVersion({ tx, batchId, version: expectedVersion, patch: { status, closedBy: actor.id, closedAt: now } });
    if (!updated) throw new AppError('conflict:payment_batch');
    await writeAudit({
      db: tx,
      event: { actorId: actor.id, actorRole: actor.role, action: 'payment.batch.close', entity: 'payment_batch', entityId: batchId, success: true, ip, details: { reference: batch.reference, status, paid: paid.length, failed: failedIds.length, paidYuan } },
    });
    return { status, version: updated.version, paid: paid.length, failed: failedIds.length, paidYuan };
  });
}
