import 'server-only';
// A correction of a point's stock (a count that differs, damaged goods, a receipt entered
// wrong): an 'adjust' movement with its reason. On hand and available move together, so what
// is reserved for approved cases is untouched; a cut that would take on hand below what is
// reserved (available below zero) is refused and nothing is written. The refusal says how much
// could be taken off at most, so the official can correct the figure.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { adjustAtPoint, stockLevelOf } from '@/db/queries/stock';
import { AppError } from '@/lib/errors';
import type { Material } from '@/lib/domain';
import type { Actor } from '@/lib/permissions';
import { kgFromTonnes, lockPointOrThrow } from './guard';

export type CorrectStockResult = { status: 'ok'; kg: number } | { status: 'below_reserved'; availableKg: number };

export async function correctStock({ db, actor, pointId, material, tonnes, reason, ip }: { db: Db; actor: Actor; pointId: number; material: Material; tonnes: number; reason: string; ip: string | null }): Promise<CorrectStockResult> {
  const kg = kgFromTonnes(tonnes);
  if (kg === 0) throw new AppError('invalid:tonnes');
  return db.transaction(async (tx): Promise<CorrectStockResult> => {
    await lockPointOrThrow({ tx, actor, pointId });
    if (!(await adjustAtPoint({ tx, pointId, material, deltaKg: kg, note: reason, actorId: actor.id }))) {
      return { status: 'below_reserved', availableKg: (await stockLevelOf({ db: tx, pointId, material })).availableKg };
    }
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'stock.correct', entity: 'stock_point', entityId: String(pointId), success: true, ip, details: { material, kg, reason } } });
    return { status: 'ok', kg };
  });
}
