import 'server-only';
// Building-material stock as rows (budgets: db/queries/budgets.ts). Every decrement is one conditional
// UPDATE (… WHERE remaining >= n, CONCURRENTLY safe, CONVENTIONS §6) that answers whether it
// applied; which point to take from and what a refusal means is decided by the use case
// (server/applications/transition-application.ts).
import { and, asc, eq, gte, sql, TransactionRollbackError } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../client';
import { places, stockLevels, stockMovements, stockPoints } from '../schema';

export interface MaterialItem {
  material: 'rebar' | 'sand';
  tonnes: number;
}

const kgOf = (item: MaterialItem) => Math.round(item.tonnes * 1000);

/** Every distribution point with the path of its place, by id. */
export async function stockPointsWithPaths({ db }: { db: DbOrTx }): Promise<{ id: number; path: string }[]> {
  return db.select({ id: stockPoints.id, path: places.path }).from(stockPoints).innerJoin(places, eq(stockPoints.placeId, places.id)).orderBy(asc(stockPoints.id));
}

/**
 * Reserves every item at one point, all or nothing (a savepoint inside the caller's
 * transaction): true when each item was available there, false (nothing changed) otherwise.
 */
export async function reserveAtPoint({ tx, pointId, items, applicationId, actorId }: { tx: Tx; pointId: number; items: readonly MaterialItem[]; applicationId: string; actorId: string }): Promise<boolean> {
  return tx
    .transaction(async (sp) => {
      for (const item of items) {
        const kg = kgOf(item);
        const rows = await sp
          .update(stockLevels)
          .set({ availableKg: sql`${stockLevels.availableKg} - ${kg}` })
          .where(and(eq(stockLevels.pointId, pointId), eq(stockLevels.material, item.material), gte(stockLevels.availableKg, kg)))
          .returning({ pointId: stockLevels.pointId });
        if (rows.length === 0) sp.rollback();
        await sp.insert(stockMovements).values({ pointId, material: item.material, kind: 'reserve', availableDeltaKg: -kg, onHandDeltaKg: 0, applicationId, actorId });
      }
      return true;
    })
    .catch((err: unknown) => {
      if (err instanceof TransactionRollbackError) return false;
      throw err;
    });
}

/** Takes one item off the point's stock on hand; false (nothing changed) when there is not enough. */
export async function issueFromPoint({ tx, pointId, item, applicationId, actorId }: { tx: Tx; pointId: number; item: MaterialItem; applicationId: string; actorId: string }): Promise<boolean> {
  const kg = kgOf(item);
  const rows = await tx
    .update(stockLevels)
    .set({ onHandKg: sql`${stockLevels.onHandKg} - ${kg}` })
    .where(and(eq(stockLevels.pointId, pointId), eq(stockLevels.material, item.material), gte(stockLevels.onHandKg, kg)))
    .returning({ pointId: stockLevels.pointId });
  if (rows.length === 0) return false;
  await tx.insert(stockMovements).values({ pointId, material: item.material, kind: 'issue', availableDeltaKg: 0, onHandDeltaKg: -kg, applicationId, actorId });
  return true;
}

/**
 * What a case still holds at its point, per material: reserved, minus released, minus issued
 * (summed over the case's own movements, stock_movements_application_idx).
 */
export async function heldByApplication({ db, applicationId }: { db: DbOrTx; applicationId: string }): Promise<{ pointId: number; material: MaterialItem['material']; kg: number }[]> {
  const rows = await db
    .select({
      pointId: stockMovements.pointId,
      material: stockMovements.material,
      kg: sql<string>`sum(CASE WHEN ${stockMovements.kind} IN ('reserve', 'release') THEN -${stockMovements.availableDeltaKg} WHEN ${stockMovements.kind} = 'issue' THEN ${stockMovements.onHandDeltaKg} ELSE 0 END)`,
    })
    .from(stockMovements)
    .where(eq(stockMovements.applicationId, applicationId))
    .groupBy(stockMovements.pointId, stockMovements.material)
    .orderBy(asc(stockMovements.pointId), asc(stockMovements.material));
  return rows.map((r) => ({ pointId: r.pointId, material: r.material, kg: Number(r.kg) })).filter((r) => r.kg > 0);
}

/**
 * Gives back to the point's available stock whatever the case still holds (movement
 * `release`), in the caller's transaction; answers the kilograms released per material.
 * Nothing held, nothing done: calling it twice releases once.
 */
export async function releaseReservation({ tx, applicationId, actorId }: { tx: Tx; applicationId: string; actorId: string | null }): Promise<{ material: MaterialItem['material']; kg: number }[]> {
  const held = await heldByApplication({ db: tx, applicationId });
  for (const h of held) {
    await tx
      .update(stockLevels)
      .set({ availableKg: sql`${stockLevels.availableKg} + ${h.kg}` })
      .where(and(eq(stockLevels.pointId, h.pointId), eq(stockLevels.material, h.material)));
    await tx.insert(stockMovements).values({ pointId: h.pointId, material: h.material, kind: 'release', availableDeltaKg: h.kg, onHandDeltaKg: 0, applicationId, actorId });
  }
  return held.map((h) => ({ material: h.material, kg: h.kg }));
}
