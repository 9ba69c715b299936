import 'server-only';
// The bank file of a payment batch (issue 10 item 6): one row per item, masked by default. The
// full account number and holder's name leave only when the official gives a reason and may
// reveal personal data; the ID number stays masked either way (the bank pays by account). The
// export is audited before the first row is sent: who, which batch, how many rows, masked or
// revealed and why — never a value.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { allBatchItems, findBatch, type BatchItemRow } from '@/db/queries/payments';
import type { PaymentBatch } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { maskAccount } from '@/lib/payee';
import { can, type Actor } from '@/lib/permissions';
import { maskIdNumber, maskName } from '@/lib/pii';
import { openPii } from '@/lib/protect';
import { REVEAL_REASON_MAX, REVEAL_REASON_MIN } from '@/server/households/reveal-pii';
import { assertCountyPayments } from './guard';

export interface BankFileRow {
  n: number;
  name: string;
  idNumber: string;
  kind: BatchItemRow['kind'];
  bankName: string;
  account: string;
  amountYuan: number;
}

function open(sealed: string | null): string | null {
  if (!sealed) return null;
  try {
    return openPii(sealed);
  } catch {
    return null;
  }
}

export async function exportBankFile({
  db,
  actor,
  batchId,
  revealReason,
  format,
  ip,
}: {
  db: Db;
  actor: Actor;
  batchId: string;
  /** Given: the full account numbers and names, audited with it. */
  revealReason?: string | null;
  format: 'csv' | 'xlsx';
  ip: string | null;
}): Promise<{ batch: PaymentBatch; revealed: boolean; rows: AsyncIterable<BankFileRow> }> {
  assertCountyPayments(actor);
  const why = revealReason?.trim() ?? '';
  const reveal = why.length > 0;
  if (reveal) {
    if (!can(actor.role, 'pii:reveal')) throw new AppError('forbidden:pii');
    const len = Array.from(why).length;
    if (len < REVEAL_REASON_MIN || len > REVEAL_REASON_MAX) throw new AppError('invalid:reason');
  }
  const batch = await findBatch({ db, batchId });
  if (!batch) throw new AppError('not_found:payment_batch');
  await writeAudit({
    db,
    event: {
      actorId: actor.id,
      actorRole: actor.role,
      action: 'export.payment_batch',
      entity: 'payment_batch',
      entityId: batch.id,
      success: true,
      ip,
      details: { format, reference: batch.reference, rows: batch.itemCount, revealed: reveal, ...(reveal ? { reason: why } : {}) },
    },
  });
  const rows = (async function* () {
    let n = 0;
    for await (const item of allBatchItems({ db, batchId })) {
      n += 1;
      const id = open(item.headIdNumberEnc);
      const account = reveal ? open(item.accountEnc) : null;
      const name = item.headName;
      yield {
        n,
        name: reveal ? name : maskName(name),
        idNumber: id ? maskIdNumber(id) : '',
        kind: item.kind,
        bankName: item.bankName ?? '',
        account: account ?? (item.last4 ? maskAccount(item.last4) : ''),
        amountYuan: item.amountYuan,
      };
    }
  })();
  return { batch, revealed: reveal, rows };
}
