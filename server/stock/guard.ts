import 'server-only';
// Shared by the stock use cases: kilograms from the tonnes an official types (3 decimals at
// most), and the point locked inside the official's places or refused as not found.
import type { Tx } from '@/db/client';
import { lockStockPointInScope } from '@/db/queries/stock';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/permissions';

/** Tonnes (up to 3 decimals) as whole kilograms; the ledger and the levels count kilograms. */
export function kgFromTonnes(tonnes: number): number {
  return Math.round(tonnes * 1000);
}

export async function lockPointOrThrow({ tx, actor, pointId }: { tx: Tx; actor: Actor; pointId: number }) {
  if (actor.role !== 'official') throw new AppError('forbidden:stock');
  const point = await lockStockPointInScope({ tx, actor, pointId });
  if (!point) throw new AppError('not_found:stock_point');
  return point;
}
