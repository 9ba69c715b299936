import 'server-only';
// The decisions ledger (审批台账, issue 11 item 2) of an official's places: audited before the first
// row leaves, then streamed in keyset batches.
import type { DbOrTx } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { decisionLedgerRows } from '@/db/queries/decisions-ledger';
import type { Actor } from '@/lib/permissions';
import { ledgerRevealDetails, type LedgerReveal } from '@/server/ledger/reveal';

/** `reveal`: heads' names in clear, for a role with pii:reveal, recorded with the reason in the audit row. */
export async function exportDecisions({ db, actor, ip, format, reveal = null }: { db: DbOrTx; actor: Actor; ip: string | null; format: 'csv' | 'xlsx'; reveal?: LedgerReveal | null }) {
  const revealed = await ledgerRevealDetails({ db, actor, reveal, ip });
  await writeAudit({ db, event: { actorId: actor.id, actorRole: actor.role, action: 'export.decisions', entity: 'application', entityId: null, success: true, ip, details: { format, ...revealed } } });
  return decisionLedgerRows({ db, scopePaths: actor.placePaths });
}
