import 'server-only';
// The visits ledger (入户走访台账, issue 11 item 2) of a cadre's places: every visit, newest day
// first, the head of household masked by the ledger writer; audited before the first row leaves.
import type { DbOrTx } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { visitLedgerRows } from '@/db/queries/visits';
import type { Actor } from '@/lib/permissions';

export async function exportVisits({ db, actor, ip, format }: { db: DbOrTx; actor: Actor; ip: string | null; format: 'csv' | 'xlsx' }) {
  await writeAudit({ db, event: { actorId: actor.id, actorRole: actor.role, action: 'export.visits', entity: 'visit', entityId: null, success: true, ip, details: { format } } });
  return visitLedgerRows({ db, scopePaths: actor.placePaths });
}
