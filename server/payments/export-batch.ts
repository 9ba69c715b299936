import 'server-only';
// The bank file of a payment batch (issue 10 item 6): one row per item, masked by default. The
// full account number and holder's name leave only when the official gives a reason and may
// reveal personal data; the ID number stays masked either way (the bank pays by account). The
// export is audited before the first row is sent: who, which batch, how many rows, masked or
// revealed and why — never a value.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { allBatchItems, batchPaysAnyHousehold, findBatch, type BatchItemRow } from '@/db/queries/payments';
import type { PaymentBatch } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { maskAccount } from '@/lib/payee';
import type { Actor } from '@/lib/permissions';
import { maskIdNumber, maskName } from '@/lib/pii';
import { openPii } from '@/lib/protect';
import { ledgerRevealDetails } from '@/server/ledger/reveal';
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
  const asked = revealReason?.trim() ? { reason: revealReason } : null;
  const batch = await findBatch({ db, batchId });
  if (!batch) throw new AppError('not_found:payment_batch');
  // The same reveal rule as every ledger (capability, reason, the hourly allowance), and no clear
  // bank file for a person who must step aside from a household it pays.
  const revealed = await ledgerRevealDetails({ db, actor, reveal: asked, ip, holdsStepAsideHousehold: (householdIds) => batchPaysAnyHousehold({ db, batchId: batch.id, householdIds }) });
  const reveal = revealed.revealed;
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
      details: { format, reference: batch.reference, rows: batch.itemCount, ...revealed },
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
