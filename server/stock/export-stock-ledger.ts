import 'server-only';
// A distribution point's ledger (建材出入库台账, issue 11 item 2): every delivery, reservation,
// release, hand-out and correction, for a point inside the official's places; audited before the
// first row leaves, then streamed in keyset batches. Null when the point is out of reach.
import type { DbOrTx } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { findStockPointInScope, stockLedgerRows } from '@/db/queries/stock';
import type { Actor } from '@/lib/permissions';

export async function exportStockLedger({ db, actor, ip, format, pointId }: { db: DbOrTx; actor: Actor; ip: string | null; format: 'csv' | 'xlsx'; pointId: number }) {
  const point = await findStockPointInScope({ db, actor, pointId });
  if (!point) return null;
  await writeAudit({ db, event: { actorId: actor.id, actorRole: actor.role, action: 'export.stock_ledger', entity: 'stock_point', entityId: String(point.id), success: true, ip, details: { format } } });
  return { point, rows: stockLedgerRows({ db, pointId: point.id }) };
}
