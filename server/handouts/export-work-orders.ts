import 'server-only';
// The repair ledger (维修工单台账, issue 11 item 2) of a cadre's places: every work order, newest
// first, the head of household masked by the ledger writer; audited before the first row leaves.
import type { DbOrTx } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { workOrderLedgerRows } from '@/db/queries/handouts';
import type { Actor } from '@/lib/permissions';
import { ledgerRevealDetails, type LedgerReveal } from '@/server/ledger/reveal';

/** `reveal`: heads' names in clear, for a role with pii:reveal, recorded with the reason in the audit row. */
export async function exportWorkOrders({ db, actor, ip, format, reveal = null }: { db: DbOrTx; actor: Actor; ip: string | null; format: 'csv' | 'xlsx'; reveal?: LedgerReveal | null }) {
  const revealed = await ledgerRevealDetails({ db, actor, reveal, ip });
  await writeAudit({ db, event: { actorId: actor.id, actorRole: actor.role, action: 'export.work_orders', entity: 'work_order', entityId: null, success: true, ip, details: { format, ...revealed } } });
  return workOrderLedgerRows({ db, scopePaths: actor.placePaths });
}
