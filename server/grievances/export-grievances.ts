import 'server-only';
// The grievance ledger (群众诉求台账, issue 11 item 2) for an official's or a cadre's places, with
// the list's filter: audited before the first row leaves, then streamed in keyset batches.
import type { DbOrTx } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { grievanceRows, type CadreGrievanceFilter } from '@/db/queries/grievances';
import type { Actor } from '@/lib/permissions';
import { ledgerRevealDetails, type LedgerReveal } from '@/server/ledger/reveal';

/** `reveal`: heads' names in clear, for a role with pii:reveal, recorded with the reason in the audit row. */
export async function exportGrievances({ db, actor, ip, format, filter, now = new Date(), reveal = null }: { db: DbOrTx; actor: Actor; ip: string | null; format: 'csv' | 'xlsx'; filter: CadreGrievanceFilter; now?: Date; reveal?: LedgerReveal | null }) {
  const revealed = await ledgerRevealDetails({ db, actor, reveal, ip });
  await writeAudit({ db, event: { actorId: actor.id, actorRole: actor.role, action: 'export.grievances', entity: 'grievance', entityId: null, success: true, ip, details: { format, filter, ...revealed } } });
  return grievanceRows({ db, scopePaths: actor.placePaths, filter, now });
}
