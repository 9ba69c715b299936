import 'server-only';
// Figures per household place from the `place_figures` rollup (migration 0006): households,
// grade-D households and their visit rounds, grievances open / overdue / resolved and their
// ratings. Each read first brings its scope up to date — the places whose rows changed since
// (marked by triggers), those where an open grievance has passed a deadline since, and places
// never computed — so the figures are exact without counting the county on every view. When
// another reader is already recomputing, this one reads the figures as they stand; `asOf`
// (the oldest computation in the scope) is printed beside them.
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { placeFigures, places } from '../schema';
import { inTransaction, memoByRollupClock, readClock, scopeKey } from './rollups';
import { placeInScope } from './scope';

// Per scope: the rollup clock's reading taken before the last refresh that ran to its end, and
// the earliest grievance deadline of the scope it left ahead. Nothing can need a refresh while
// the clock still reads the same (marking a place dirty, adding or changing a place moves it:
// migration 0025) and that deadline has not come; then the call is skipped — it cost a round
// trip and about a millisecond of the database's time at the county's root on every view.
const refreshed = new Map<string, { tick: string; nextDueMs: number | null }>();
const REFRESHED_LIMIT = 2_000;

async function refresh(db: DbOrTx, scopePaths: readonly string[] | null): Promise<void> {
  const scope = sql`ARRAY(SELECT ${places.id} FROM ${places} WHERE ${placeInScope(scopePaths) ?? sql`true`})`;
  if (inTransaction(db)) {
    // A transaction sees its own uncommitted changes, which have not moved the clock yet.
    await db.execute(sql`SELECT place_figures_refresh(${scope})`);
    return;
  }
  const key = scopeKey(scopePaths);
  const tick = await readClock(db);
  const last = refreshed.get(key);
  if (tick !== null && last?.tick === tick && (last.nextDueMs === null || Date.now() < last.nextDueMs)) return;
  // The deadline is read in the same statement, so from before this refresh's own changes: when
  // it recomputed a place whose deadline had passed, the next call refreshes once more (finding
  // nothing to do) and then remembers the deadline after it.
  const result = await db.execute<{ done: number | null; next_due: Date | string | null }>(
    sql`WITH s AS (SELECT ${scope} AS ids)
        SELECT place_figures_refresh(s.ids) AS done, (SELECT min(${placeFigures.nextDueAt}) FROM ${placeFigures} WHERE ${placeFigures.placeId} = ANY(s.ids)) AS next_due FROM s`,
  );
  const row = result.rows[0];
  // NULL: another refresh was running, so this one did nothing; ask again next time.
  if (tick === null || row?.done === null || row?.done === undefined) return;
  if (refreshed.size >= REFRESHED_LIMIT) refreshed.delete(refreshed.keys().next().value!);
  refreshed.set(key, { tick, nextDueMs: row.next_due === null ? null : new Date(row.next_due).getTime() });
}

const sums = {
  households: sql<number>`coalesce(sum(${placeFigures.households}), 0)::int`,
  gradeD: sql<number>`coalesce(sum(${placeFigures.gradeD}), 0)::int`,
  round1: sql<number>`coalesce(sum(${placeFigures.gradeDRound1}), 0)::int`,
  round2: sql<number>`coalesce(sum(${placeFigures.gradeDRound2}), 0)::int`,
  round3: sql<number>`coalesce(sum(${placeFigures.gradeDRound3}), 0)::int`,
  complete: sql<number>`coalesce(sum(${placeFigures.gradeDComplete}), 0)::int`,
  grievancesOpen: sql<number>`coalesce(sum(${placeFigures.grievancesOpen}), 0)::int`,
  grievancesOverdue: sql<number>`coalesce(sum(${placeFigures.grievancesOverdue}), 0)::int`,
  grievancesResolved: sql<number>`coalesce(sum(${placeFigures.grievancesResolved}), 0)::int`,
  ratingSum: sql<number>`coalesce(sum(${placeFigures.ratingSum}), 0)::int`,
  ratingCount: sql<number>`coalesce(sum(${placeFigures.ratingCount}), 0)::int`,
  asOf: sql<Date | null>`min(${placeFigures.computedAt})`,
};

export interface PlaceFigureTotals {
  households: number;
  gradeD: number;
  /** Grade-D households visited in round 1, 2 and 3. */
  rounds: [number, number, number];
  /** Grade-D households with all three rounds done. */
  complete: number;
  grievancesOpen: number;
  grievancesOverdue: number;
  grievancesResolved: number;
  /** Average rating of rated grievances, null when none is rated. */
  satisfaction: number | null;
  rated: number;
  asOf: Date | null;
}

type SumRow = { [K in keyof typeof sums]: K extends 'asOf' ? Date | string | null : number | string };

function totals(r: SumRow | undefined): PlaceFigureTotals {
  const n = (v: number | string | undefined) => Number(v ?? 0);
  const ratingCount = n(r?.ratingCount);
  return {
    households: n(r?.households),
    gradeD: n(r?.gradeD),
    rounds: [n(r?.round1), n(r?.round2), n(r?.round3)],
    complete: n(r?.complete),
    grievancesOpen: n(r?.grievancesOpen),
    grievancesOverdue: n(r?.grievancesOverdue),
    grievancesResolved: n(r?.grievancesResolved),
    satisfaction: ratingCount > 0 ? n(r?.ratingSum) / ratingCount : null,
    rated: ratingCount,
    asOf: r?.asOf ? new Date(r.asOf) : null,
  };
}

/** The figures summed over the scope (null = the whole county; [] = nothing). */
export async function placeFigureTotals({ db, scopePaths }: { db: DbOrTx; scopePaths: readonly string[] | null }): Promise<PlaceFigureTotals> {
  await refresh(db, scopePaths);
  return memoByRollupClock(db, `figures:${scopeKey(scopePaths)}`, async () => {
    const [row] = await db.select(sums).from(placeFigures).innerJoin(places, eq(places.id, placeFigures.placeId)).where(placeInScope(scopePaths));
    return totals(row as SumRow | undefined);
  });
}

/** The figures per township (keyed by the township's id, the second id of every path below it). */
export async function placeFiguresByTownship({ db }: { db: DbOrTx }): Promise<Map<number, PlaceFigureTotals>> {
  await refresh(db, null);
  return memoByRollupClock(db, 'figures-per-township', async () => {
    const rows = await db
      .select({ township: sql<string>`split_part(${places.path}, '/', 3)`, ...sums })
      .from(placeFigures)
      .innerJoin(places, eq(places.id, placeFigures.placeId))
      .groupBy(sql`1`);
    const out = new Map<number, PlaceFigureTotals>();
    for (const r of rows) if (r.township) out.set(Number(r.township), totals(r as SumRow));
    return out;
  });
}

/** The figures of each place inside the scope that has households, with its names (per village coverage). */
export async function placeFiguresPerPlace({ db, scopePaths }: { db: DbOrTx; scopePaths: readonly string[] | null }) {
  await refresh(db, scopePaths);
  return memoByRollupClock(db, `figures-per-place:${scopeKey(scopePaths)}`, () => perPlace(db, scopePaths));
}

async function perPlace(db: DbOrTx, scopePaths: readonly string[] | null) {
  const rows = await db
    .select({ placeId: places.id, name: places.name, nameEn: places.nameEn, path: places.path, ...sums })
    .from(placeFigures)
    .innerJoin(places, eq(places.id, placeFigures.placeId))
    .where(sql`${placeFigures.households} > 0 AND ${placeInScope(scopePaths) ?? sql`true`}`)
    .groupBy(places.id, places.name, places.nameEn, places.path)
    .orderBy(places.path);
  return rows.map((r) => ({ placeId: r.placeId, name: r.name, nameEn: r.nameEn, path: r.path, ...totals(r as SumRow) }));
}
