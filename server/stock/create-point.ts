import 'server-only';
// An official opens a distribution point at a place inside their own places (a township
// official: inside the township). It starts with no stock; receipts bring it.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { findPlaceInScope, insertStockPoint, type StockPointFields } from '@/db/queries/stock';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/permissions';

export async function createStockPoint({ db, actor, point, ip }: { db: Db; actor: Actor; point: StockPointFields; ip: string | null }): Promise<{ pointId: number }> {
  if (actor.role !== 'official') throw new AppError('forbidden:stock');
  return db.transaction(async (tx) => {
    if (!(await findPlaceInScope({ db: tx, actor, placeId: point.placeId }))) throw new AppError('forbidden:place_outside_scope');
    const pointId = await insertStockPoint({ tx, values: point });
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'stock.point.create', entity: 'stock_point', entityId: String(pointId), success: true, ip, details: { placeId: point.placeId, name: point.name } } });
    return { pointId };
  });
}
