import 'server-only';
// Builds a payment batch for one cash programme (issue 10 item 6): every approved cash case with a
// payee account that no live batch item holds, in one set-based statement. Two officials building
// at once never put a case in two batches: the partial unique index on live items decides, the
// insert skips what the other batch took (ON CONFLICT DO NOTHING), and the batch counts only what
// it really holds. Nothing to pay: no batch is left behind (the transaction rolls back). Money the
// budget line never committed (a case approved before approvals needed a line) is set aside here.
import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { setAsideForBatch } from '@/db/queries/budgets';
import { fillBatch, insertBatch, setBatchTotals } from '@/db/queries/payments';
import { AppError } from '@/lib/errors';
import type { CashProgramme } from '@/lib/payee';
import type { Actor } from '@/lib/permissions';
import { cstDate } from '@/lib/time';
import { assertCountyPayments } from './guard';

export interface BuiltBatch {
  id: string;
  reference: string;
  itemCount: number;
  totalYuan: number;
}

/** e.g. ZF-20261130-3FA91C: the day in China and a random tail (the column is unique). */
export function batchReference(now: Date): string {
  return `ZF-${cstDate(now).replaceAll('-', '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
}

export async function buildPaymentBatch({ db, actor, programmeCode, ip, now = new Date() }: { db: Db; actor: Actor; programmeCode: CashProgramme; ip: string | null; now?: Date }): Promise<BuiltBatch> {
  assertCountyPayments(actor);
  return db.transaction(async (tx) => {
    const batch = await insertBatch({ tx, values: { reference: batchReference(now), programmeCode, createdBy: actor.id, createdAt: now } });
    // Separation of duties (TRUST A3): nobody puts their own or a declared relative's household in a
    // batch they build; another official's batch pays it.
    const { count, totalYuan } = await fillBatch({ tx, batchId: batch.id, programmeCode, excludeOwnerUserId: actor.id, excludeHouseholdIds: actor.conflictHouseholdIds ?? [] });
    if (count === 0) throw new AppError('conflict:nothing_to_pay');
    // Nothing is paid that the budget line did not commit: cases approved while the programme had no
    // line (before approvals were refused for want of one) have their money set aside now, or the
    // batch is refused and rolls back whole.
    const setAside = await setAsideForBatch({ tx, programmeCode, batchId: batch.id, now, actorId: actor.id, note: batch.reference });
    if (setAside.status === 'no_budget') throw new AppError('conflict:no_budget_line');
    if (setAside.status === 'insufficient') throw new AppError('over_budget:not_set_aside');
    await setBatchTotals({ tx, batchId: batch.id, count, totalYuan });
    await writeAudit({
      db: tx,
      event: { actorId: actor.id, actorRole: actor.role, action: 'payment.batch.build', entity: 'payment_batch', entityId: batch.id, success: true, ip, details: { programme: programmeCode, reference: batch.reference, items: count, totalYuan, ...(setAside.cases > 0 ? { setAsideYuan: setAside.amountYuan, setAsideCases: setAside.cases } : {}) } },
    });
    return { id: batch.id, reference: batch.reference, itemCount: count, totalYuan };
  });
}
