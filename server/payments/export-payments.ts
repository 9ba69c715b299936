import 'server-only';
// The payments ledger (资金发放台账, issue 11 item 2): every item of every batch — case, head and ID
// masked, account's last four, amount, the bank's answer — for county-wide officials; audited before
// the first row leaves. The ID number is opened here only to be masked by the ledger writer.
import type { DbOrTx } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { paymentLedgerRows, type PaymentLedgerRow } from '@/db/queries/payments';
import type { Actor } from '@/lib/permissions';
import { openPii } from '@/lib/protect';
import { assertCountyPayments } from './guard';
import { ledgerRevealDetails, type LedgerReveal } from '@/server/ledger/reveal';

export type PaymentLedgerExportRow = PaymentLedgerRow & { headIdNumber: string | null };

/** `reveal`: heads' names and ID numbers in clear, for a role with pii:reveal, recorded with the reason in the audit row. */
export async function exportPayments({ db, actor, ip, format, reveal = null }: { db: DbOrTx; actor: Actor; ip: string | null; format: 'csv' | 'xlsx'; reveal?: LedgerReveal | null }): Promise<AsyncIterable<PaymentLedgerExportRow>> {
  assertCountyPayments(actor);
  const revealed = await ledgerRevealDetails({ db, actor, reveal, ip });
  await writeAudit({ db, event: { actorId: actor.id, actorRole: actor.role, action: 'export.payments', entity: 'payment_batch', entityId: null, success: true, ip, details: { format, ...revealed } } });
  const rows = paymentLedgerRows({ db });
  return (async function* () {
    for await (const r of rows) {
      let headIdNumber: string | null = null;
      try {
        headIdNumber = openPii(r.headIdNumberEnc);
      } catch {
        headIdNumber = null;
      }
      yield { ...r, headIdNumber };
    }
  })();
}
