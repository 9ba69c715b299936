import 'server-only';
// Building-material stock as rows (budgets: db/queries/budgets.ts). Every decrement is one conditional
// UPDATE (… WHERE remaining >= n, CONCURRENTLY safe, CONVENTIONS §6) that answers whether it
// applied; which point to take from and what a refusal means is decided by the use case
// (server/applications/transition-application.ts).
import { and, asc, desc, eq, gte, inArray, is, lt, sql, TransactionRollbackError, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../client';
import { applications, places, stockLevels, stockMovements, stockPoints, users } from '../schema';
import { keysetPages } from './keyset';
import { memoByRollupClock } from './rollups';
import { pathWithin } from './scope';
import { MATERIALS, type Material } from '@/lib/domain';
import type { Actor } from '@/lib/permissions';

export interface MaterialItem {
  material: 'rebar' | 'sand';
  tonnes: number;
}

const kgOf = (item: MaterialItem) => Math.round(item.tonnes * 1000);

/** Every open distribution point with the path of its place, by id (a closed point takes no new reservations). */
export async function stockPointsWithPaths({ db }: { db: DbOrTx }): Promise<{ id: number; path: string }[]> {
  return db.select({ id: stockPoints.id, path: places.path }).from(stockPoints).innerJoin(places, eq(stockPoints.placeId, places.id)).where(eq(stockPoints.active, true)).orderBy(asc(stockPoints.id));
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
      // `is`, not instanceof: the production build can hold two copies of drizzle-orm, and a
      // savepoint rolled back for want of stock then answered 'internal' instead of out of stock.
      if (is(err, TransactionRollbackError)) return false;
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

// ---------------------------------------------------------------------------------------------
// The county's stock pages (issue 10 item 5): points inside the official's places, their levels,
// receipts and corrections, and each point's ledger. Levels change only here, each change with
// its movement row in the same transaction, so a level is always the sum of its movements.
// ---------------------------------------------------------------------------------------------

export interface PointLevel {
  material: Material;
  onHandKg: number;
  availableKg: number;
  /** Sum of the point's issue movements for this material (handed out to date). */
  issuedKg: number;
}

export interface PointSummary {
  id: number;
  name: string;
  nameEn: string;
  address: string;
  active: boolean;
  placeId: number;
  placeName: string;
  placeNameEn: string;
  levels: PointLevel[];
}

/**
 * The distribution points whose place lies inside the actor's places (a county-wide official:
 * all), with their levels and what each has issued. Points are few (one or two per township),
 * so the page lists them whole; the issued figure sums the points' issue movements.
 */
export async function stockPointsInScope({ db, actor }: { db: DbOrTx; actor: Pick<Actor, 'placePaths'> }): Promise<PointSummary[]> {
  return pointSummaries(db, pathWithin(places.path, actor.placePaths) ?? sql`false`);
}

/** One point, if its place lies inside the actor's places; null otherwise (it is not revealed). */
export async function findStockPointInScope({ db, actor, pointId }: { db: DbOrTx; actor: Pick<Actor, 'placePaths'>; pointId: number }): Promise<PointSummary | null> {
  const [row] = await pointSummaries(db, and(eq(stockPoints.id, pointId), pathWithin(places.path, actor.placePaths) ?? sql`false`)!);
  return row ?? null;
}

async function pointSummaries(db: DbOrTx, where: SQL): Promise<PointSummary[]> {
  const points = await db
    .select({ id: stockPoints.id, name: stockPoints.name, nameEn: stockPoints.nameEn, address: stockPoints.address, active: stockPoints.active, placeId: stockPoints.placeId, placeName: places.name, placeNameEn: places.nameEn })
    .from(stockPoints)
    .innerJoin(places, eq(stockPoints.placeId, places.id))
    .where(where)
    .orderBy(desc(stockPoints.active), asc(places.path), asc(stockPoints.id))
    .limit(500);
  if (points.length === 0) return [];
  const ids = points.map((p) => p.id);
  const [levels, issued] = await Promise.all([
    db.select().from(stockLevels).where(inArray(stockLevels.pointId, ids)),
    db
      .select({ pointId: stockMovements.pointId, material: stockMovements.material, kg: sql<string>`-sum(${stockMovements.onHandDeltaKg})` })
      .from(stockMovements)
      .where(and(inArray(stockMovements.pointId, ids), eq(stockMovements.kind, 'issue')))
      .groupBy(stockMovements.pointId, stockMovements.material),
  ]);
  return points.map((p) => ({
    ...p,
    levels: MATERIALS.map((material) => {
      const l = levels.find((x) => x.pointId === p.id && x.material === material);
      const i = issued.find((x) => x.pointId === p.id && x.material === material);
      return { material, onHandKg: l?.onHandKg ?? 0, availableKg: l?.availableKg ?? 0, issuedKg: Number(i?.kg ?? 0) };
    }),
  }));
}

/**
 * Issued (to date) and on hand per material, summed over every point whose place lies at or
 * below `placePath`, open or closed (the dashboard's materials figures). Two aggregates, one
 * row per material each, instead of every point's levels and issue sums; memoised by the
 * rollup clock, which moves with every committed change of a level or a point (migration 0024:
 * each movement, an issue too, changes its level in the same transaction).
 */
export async function materialTotalsUnder({ db, placePath }: { db: DbOrTx; placePath: string }): Promise<{ material: Material; issuedKg: number; onHandKg: number }[]> {
  return memoByRollupClock(db, `materials:${placePath}`, () => sumMaterialsUnder(db, placePath));
}

async function sumMaterialsUnder(db: DbOrTx, placePath: string): Promise<{ material: Material; issuedKg: number; onHandKg: number }[]> {
  const pointsUnder = db
    .select({ id: stockPoints.id })
    .from(stockPoints)
    .innerJoin(places, eq(stockPoints.placeId, places.id))
    .where(pathWithin(places.path, [placePath]) ?? sql`false`);
  const [issued, onHand] = await Promise.all([
    db
      .select({ material: stockMovements.material, kg: sql<string>`-sum(${stockMovements.onHandDeltaKg})` })
      .from(stockMovements)
      .where(and(inArray(stockMovements.pointId, pointsUnder), eq(stockMovements.kind, 'issue')))
      .groupBy(stockMovements.material),
    db
      .select({ material: stockLevels.material, kg: sql<string>`sum(${stockLevels.onHandKg})` })
      .from(stockLevels)
      .where(inArray(stockLevels.pointId, pointsUnder))
      .groupBy(stockLevels.material),
  ]);
  return MATERIALS.map((material) => ({
    material,
    issuedKg: Number(issued.find((r) => r.material === material)?.kg ?? 0),
    onHandKg: Number(onHand.find((r) => r.material === material)?.kg ?? 0),
  }));
}

/** Locks one point row in the caller's transaction, if its place lies inside the actor's places. */
export async function lockStockPointInScope({ tx, actor, pointId }: { tx: Tx; actor: Pick<Actor, 'placePaths'>; pointId: number }): Promise<{ id: number; active: boolean; placeId: number } | null> {
  const [row] = await tx
    .select({ id: stockPoints.id, active: stockPoints.active, placeId: stockPoints.placeId })
    .from(stockPoints)
    .innerJoin(places, eq(stockPoints.placeId, places.id))
    .where(and(eq(stockPoints.id, pointId), pathWithin(places.path, actor.placePaths) ?? sql`false`))
    .for('update', { of: stockPoints });
  return row ?? null;
}

/** A place (township, village…) inside the actor's places, or null. */
export async function findPlaceInScope({ db, actor, placeId }: { db: DbOrTx; actor: Pick<Actor, 'placePaths'>; placeId: number }): Promise<{ id: number; path: string } | null> {
  const [row] = await db
    .select({ id: places.id, path: places.path })
    .from(places)
    .where(and(eq(places.id, placeId), pathWithin(places.path, actor.placePaths) ?? sql`false`));
  return row ?? null;
}

export interface StockPointFields {
  name: string;
  nameEn: string;
  placeId: number;
  address: string;
}

export async function insertStockPoint({ tx, values }: { tx: Tx; values: StockPointFields }): Promise<number> {
  const [row] = await tx.insert(stockPoints).values(values).returning({ id: stockPoints.id });
  return row!.id;
}

export async function updateStockPoint({ tx, pointId, values }: { tx: Tx; pointId: number; values: StockPointFields & { active: boolean } }): Promise<void> {
  await tx.update(stockPoints).set(values).where(eq(stockPoints.id, pointId));
}

/** A delivery received at the point: on hand and available both rise, with its 'receive' movement. */
export async function receiveAtPoint({ tx, pointId, material, kg, note, actorId }: { tx: Tx; pointId: number; material: Material; kg: number; note: string; actorId: string }): Promise<void> {
  if (!(kg > 0)) throw new Error('receiveAtPoint: kg must be positive');
  await tx
    .insert(stockLevels)
    .values({ pointId, material, onHandKg: kg, availableKg: kg })
    .onConflictDoUpdate({ target: [stockLevels.pointId, stockLevels.material], set: { onHandKg: sql`${stockLevels.onHandKg} + ${kg}`, availableKg: sql`${stockLevels.availableKg} + ${kg}` } });
  await tx.insert(stockMovements).values({ pointId, material, kind: 'receive', availableDeltaKg: kg, onHandDeltaKg: kg, note, actorId });
}

/**
 * A correction of what is physically at the point (a count, damage, a wrong receipt): on hand
 * and available move together by the signed amount, so what is reserved for approved cases
 * never changes. One conditional UPDATE: false (nothing changed) when a cut would take
 * available below zero, i.e. on hand below what is reserved.
 */
export async function adjustAtPoint({ tx, pointId, material, deltaKg, note, actorId }: { tx: Tx; pointId: number; material: Material; deltaKg: number; note: string; actorId: string }): Promise<boolean> {
  if (deltaKg === 0) return false;
  if (deltaKg > 0) {
    await tx.insert(stockLevels).values({ pointId, material, onHandKg: 0, availableKg: 0 }).onConflictDoNothing({ target: [stockLevels.pointId, stockLevels.material] });
  }
  const rows = await tx
    .update(stockLevels)
    .set({ onHandKg: sql`${stockLevels.onHandKg} + ${deltaKg}`, availableKg: sql`${stockLevels.availableKg} + ${deltaKg}` })
    .where(and(eq(stockLevels.pointId, pointId), eq(stockLevels.material, material), gte(stockLevels.availableKg, -deltaKg)))
    .returning({ pointId: stockLevels.pointId });
  if (rows.length === 0) return false;
  await tx.insert(stockMovements).values({ pointId, material, kind: 'adjust', availableDeltaKg: deltaKg, onHandDeltaKg: deltaKg, note, actorId });
  return true;
}

/** One level as it stands (zero when the point never held the material). */
export async function stockLevelOf({ db, pointId, material }: { db: DbOrTx; pointId: number; material: Material }): Promise<{ onHandKg: number; availableKg: number }> {
  const [row] = await db.select({ onHandKg: stockLevels.onHandKg, availableKg: stockLevels.availableKg }).from(stockLevels).where(and(eq(stockLevels.pointId, pointId), eq(stockLevels.material, material)));
  return row ?? { onHandKg: 0, availableKg: 0 };
}

export interface LedgerRow {
  id: number;
  at: Date;
  material: Material;
  kind: 'receive' | 'reserve' | 'release' | 'issue' | 'adjust';
  onHandDeltaKg: number;
  availableDeltaKg: number;
  note: string | null;
  actorName: string | null;
  actorRole: string | null;
  applicationId: string | null;
  reference: string | null;
}

/**
 * One page of a point's movements, newest first, keyset on the movement id (ids only grow, so
 * a page never repeats or skips a row while new movements arrive). `before`: the last id of
 * the page shown. Answers one row more than the page to tell whether another page follows.
 */
export async function stockLedgerPage({ db, pointId, before, limit = 30 }: { db: DbOrTx; pointId: number; before?: number | null; limit?: number }): Promise<{ rows: LedgerRow[]; next: number | null }> {
  const rows = await db
    .select({
      id: stockMovements.id,
      at: stockMovements.at,
      material: stockMovements.material,
      kind: stockMovements.kind,
      onHandDeltaKg: stockMovements.onHandDeltaKg,
      availableDeltaKg: stockMovements.availableDeltaKg,
      note: stockMovements.note,
      actorName: users.realName,
      actorRole: users.role,
      applicationId: stockMovements.applicationId,
      reference: applications.reference,
    })
    .from(stockMovements)
    .leftJoin(users, eq(stockMovements.actorId, users.id))
    .leftJoin(applications, eq(stockMovements.applicationId, applications.id))
    .where(and(eq(stockMovements.pointId, pointId), before ? lt(stockMovements.id, before) : undefined))
    .orderBy(desc(stockMovements.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { rows: page, next: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null };
}

/** Every movement of a point, newest first, in keyset batches (the point's ledger export). */
export async function* stockLedgerRows({ db, pointId, batch = 1000 }: { db: DbOrTx; pointId: number; batch?: number }): AsyncGenerator<LedgerRow> {
  yield* keysetPages({ batch, fetchPage: (before: number | null, limit) => stockLedgerPage({ db, pointId, before, limit }) });
}
