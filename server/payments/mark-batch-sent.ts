import 'server-only';
// Records that a draft batch's bank file went to the bank (issue 10 item 6). After this the batch
// is closed only by the bank's answer (server/payments/close-batch.ts). The version the official
// saw decides between two officials: one wins, the other is told someone acted first.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { lockBatch, updateBatchIfVersion } from '@/db/queries/payments';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/permissions';
import { assertCountyPayments } from './guard';

export async function markBatchSent({ db, actor, batchId, expectedVersion, ip, now = new Date() }: { db: Db; actor: Actor; batchId: string; expectedVersion: number; ip: string | null; now?: Date }): Promise<{ version: number }> {
  assertCountyPayments(actor);
  return db.transaction(async (tx) => {
    const batch = await lockBatch({ tx, batchId });
    if (!batch) throw new AppError('not_found:payment_batch');
    if (batch.version !== expectedVersion) throw new AppError('conflict:payment_batch');
    if (batch.status !== 'draft') throw new AppError('conflict:batch_not_draft');
    const updated = await updateBatchIfVersion({ tx, batchId, version: expectedVersion, patch: { status: 'sent', sentBy: actor.id, sentAt: now } });
    if (!updated) throw new AppError('conflict:payment_batch');
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'payment.batch.sent', entity: 'payment_batch', entityId: batchId, success: true, ip, details: { reference: batch.reference, items: batch.itemCount, totalYuan: batch.totalYuan } } });
    return { version: updated.version };
  });
}
