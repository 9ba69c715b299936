import 'server-only';
// An official edits a point inside their places (names, place, address) or closes / reopens it.
// A closed point takes no new reservations (db/queries/stock.ts stockPointsWithPaths); what it
// holds for cases already approved stays reserved there and is still handed out.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { findPlaceInScope, updateStockPoint, type StockPointFields } from '@/db/queries/stock';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/permissions';
import { lockPointOrThrow } from './guard';

export async function updateStockPointDetails({ db, actor, pointId, point, ip }: { db: Db; actor: Actor; pointId: number; point: StockPointFields & { active: boolean }; ip: string | null }): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockPointOrThrow({ tx, actor, pointId });
    // The point may move only to another place the official manages.
    if (!(await findPlaceInScope({ db: tx, actor, placeId: point.placeId }))) throw new AppError('forbidden:place_outside_scope');
    await updateStockPoint({ tx, pointId, values: point });
    const action = before.active && !point.active ? 'stock.point.close' : !before.active && point.active ? 'stock.point.reopen' : 'stock.point.update';
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action, entity: 'stock_point', entityId: String(pointId), success: true, ip, details: { placeId: point.placeId, name: point.name, active: point.active } } });
  });
}
