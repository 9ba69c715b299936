import 'server-only';
// The county's public progress figures per township (issue 11 item 5): aggregates only, never a
// row about a person. Households, grade-D visit rounds and grievances come from the
// place_figures rollup; households helped, money paid, materials issued and repairs done are
// counted from the cases themselves — a pass over the county's applications that is far too
// heavy for every visitor of a public page, so the result is kept in memory for ten minutes and
// the page prints when it was counted. Each server process counts at most once per ten minutes.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { applications, households, places, stockMovements, workOrders } from '../schema';
import { placeFiguresByTownship } from './place-figures';

export const PROGRESS_TTL_MS = 10 * 60_000;

export interface TownshipProgress {
  id: number;
  name: string;
  nameEn: string;
  households: number;
  /** Households with at least one case approved or fulfilled. */
  helped: number;
  /** Cash paid out: fulfilled cases with a cash entitlement, whole yuan. */
  paidYuan: number;
  rebarKg: number;
  sandKg: number;
  /** Repair work orders done. */
  repairsDone: number;
  gradeD: number;
  /** Grade-D households with all three rounds of visits. */
  gradeDComplete: number;
  grievancesResolved: number;
  ratingSum: number;
  ratingCount: number;
}

export interface CountyProgress {
  townships: TownshipProgress[];
  countedAt: Date;
}

let cached: { at: number; value: CountyProgress } | null = null;
let inFlight: Promise<CountyProgress> | null = null;

/** The figures, counted at most once per PROGRESS_TTL_MS per process (concurrent first visitors share one count). */
export async function countyProgress({ db, now = Date.now() }: { db: DbOrTx; now?: number }): Promise<CountyProgress> {
  if (cached && now - cached.at < PROGRESS_TTL_MS) return cached.value;
  inFlight ??= countProgress(db)
    .then((value) => {
      cached = { at: Date.now(), value };
      return value;
    })
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

/** For tests: the next read counts again. */
export function forgetCountyProgress(): void {
  cached = null;
}

const township = sql<string>`split_part(${places.path}, '/', 3)`;

async function countProgress(db: DbOrTx): Promise<CountyProgress> {
  const countedAt = new Date();
  const [rows, figures, helped, paid, issued, repairs] = await Promise.all([
    db.select({ id: places.id, name: places.name, nameEn: places.nameEn }).from(places).where(eq(places.level, 'township')).orderBy(asc(places.id)),
    placeFiguresByTownship({ db }),
    db
      .select({ township, n: sql<number>`count(DISTINCT ${applications.householdId})::int` })
      .from(applications)
      .innerJoin(households, eq(households.id, applications.householdId))
      .innerJoin(places, eq(places.id, households.placeId))
      .where(sql`${applications.status} IN ('approved', 'fulfilled')`)
      .groupBy(sql`1`),
    db
      .select({ township, yuan: sql<string>`coalesce(sum((${applications.entitlement}->>'amountYuan')::bigint), 0)` })
      .from(applications)
      .innerJoin(households, eq(households.id, applications.householdId))
      .innerJoin(places, eq(places.id, households.placeId))
      .where(and(eq(applications.status, 'fulfilled'), sql`${applications.entitlement}->>'kind' = 'cash'`))
      .groupBy(sql`1`),
    db
      .select({ township, material: stockMovements.material, kg: sql<string>`coalesce(sum(-${stockMovements.onHandDeltaKg}), 0)` })
      .from(stockMovements)
      .innerJoin(applications, eq(applications.id, stockMovements.applicationId))
      .innerJoin(households, eq(households.id, applications.householdId))
      .innerJoin(places, eq(places.id, households.placeId))
      .where(eq(stockMovements.kind, 'issue'))
      .groupBy(sql`1`, stockMovements.material),
    db
      .select({ township, n: sql<number>`count(*)::int` })
      .from(workOrders)
      .innerJoin(applications, eq(applications.id, workOrders.applicationId))
      .innerJoin(households, eq(households.id, applications.householdId))
      .innerJoin(places, eq(places.id, households.placeId))
      .where(eq(workOrders.status, 'done'))
      .groupBy(sql`1`),
  ]);
  const by = <T extends { township: string }>(list: T[]) => new Map(list.map((r) => [Number(r.township), r]));
  const helpedBy = by(helped);
  const paidBy = by(paid);
  const repairsBy = by(repairs);
  const kg = (id: number, material: 'rebar' | 'sand') => Number(issued.find((r) => Number(r.township) === id && r.material === material)?.kg ?? 0);
  const townships = rows.map((r): TownshipProgress => {
    const f = figures.get(r.id);
    return {
      ...r,
      households: f?.households ?? 0,
      helped: helpedBy.get(r.id)?.n ?? 0,
      paidYuan: Number(paidBy.get(r.id)?.yuan ?? 0),
      rebarKg: kg(r.id, 'rebar'),
      sandKg: kg(r.id, 'sand'),
      repairsDone: repairsBy.get(r.id)?.n ?? 0,
      gradeD: f?.gradeD ?? 0,
      gradeDComplete: f?.complete ?? 0,
      grievancesResolved: f?.grievancesResolved ?? 0,
      // Back to a sum so the county's average weighs every rating once (f.satisfaction is sum / rated).
      ratingSum: f && f.satisfaction !== null ? Math.round(f.satisfaction * f.rated) : 0,
      ratingCount: f?.rated ?? 0,
    };
  });
  return { townships, countedAt };
}
