// Exporting the cadre's work queue (a ledger with personal data, masked): the export is audited
// before the first row leaves, with the filters that chose the rows. The search is recorded by
// its kind only (name / phone / id): neither the words nor their keyed hash go into the log.
import 'server-only';
import type { DbOrTx } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { queueRows, type QueueFilters, type QueueRow } from '@/db/queries/queue';
import type { Actor } from '@/lib/permissions';
import { openPii } from '@/lib/protect';
import { ledgerRevealDetails, type LedgerReveal } from '@/server/ledger/reveal';

export type QueueExportRow = QueueRow & { headPhone: string | null };

export interface QueueExportRequest {
  db: DbOrTx;
  actor: Actor;
  ip: string | null;
  format: 'csv' | 'xlsx';
  filters: QueueFilters;
  /** The filters as the person chose them, for the audit row (village by id, search by kind). */
  audit: { programme?: string; status?: string; village?: number; overdue: boolean; needsVisit: boolean; search: 'name' | 'phone' | 'id' | null };
  now?: Date;
  /** Heads' names and phones in clear, for a role with pii:reveal, recorded with the reason in the audit row. */
  reveal?: LedgerReveal | null;
}

/** Writes the audit row, then returns the rows (in queue order, in keyset batches) for the ledger writer. */
export async function exportQueue({ db, actor, ip, format, filters, audit, now = new Date(), reveal = null }: QueueExportRequest): Promise<AsyncIterable<QueueExportRow>> {
  const revealed = await ledgerRevealDetails({ db, actor, reveal, ip });
  await writeAudit({
    db,
    event: { actorId: actor.id, actorRole: actor.role, action: 'export.queue', entity: 'application', entityId: null, success: true, ip, details: { format, ...audit, ...revealed } },
  });
  const rows = queueRows({ db, scopePaths: actor.placePaths, filters, now });
  return (async function* () {
    for await (const row of rows) {
      // The phone is opened to be masked by the ledger (lib/ledger/rows.ts) on its way out, unless revealed.
      let headPhone: string | null = null;
      if (row.headPhoneEnc) {
        try {
          headPhone = openPii(row.headPhoneEnc);
        } catch {
          headPhone = null;
        }
      }
      yield { ...row, headPhone };
    }
  })();
}
