import 'server-only';
// A delivery arrives at a point: a 'receive' movement with its delivery note and the level
// raised by the same amount, in one transaction with the audit event.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { receiveAtPoint } from '@/db/queries/stock';
import { AppError } from '@/lib/errors';
import type { Material } from '@/lib/domain';
import type { Actor } from '@/lib/permissions';
import { kgFromTonnes, lockPointOrThrow } from './guard';

export async function receiveStock({ db, actor, pointId, material, tonnes, deliveryNote, ip }: { db: Db; actor: Actor; pointId: number; material: Material; tonnes: number; deliveryNote: string; ip: string | null }): Promise<{ kg: number }> {
  const kg = kgFromTonnes(tonnes);
  if (!(kg > 0)) throw new AppError('invalid:tonnes');
  await db.transaction(async (tx) => {
    await lockPointOrThrow({ tx, actor, pointId });
    await receiveAtPoint({ tx, pointId, material, kg, note: deliveryNote, actorId: actor.id });
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'stock.receive', entity: 'stock_point', entityId: String(pointId), success: true, ip, details: { material, kg, deliveryNote } } });
  });
  return { kg };
}
