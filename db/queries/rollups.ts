import 'server-only';
// Dashboard figures read from rollups instead of scanning every row. `application_counts` is
// kept by a trigger on applications (migration 0005_application_counts), in the transaction
// of each change, so these figures are current as of the newest committed change; `asOf` is
// that change's time, which the pages print beside the figures.
import { cache } from 'react';
import { eq, inArray, max, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../client';
import { applicationCounts, applications, households, places, rollupClock } from '../schema';
import type { ApplicationStatus } from '@/lib/domain';
import { placeInScope } from './scope';

const DECIDED: ApplicationStatus[] = ['approved', 'fulfilled', 'rejected'];

// ---- Figures kept in memory while no rollup has changed ---------------------------------------
// Summing the rollups is cheap but not free at county scale (application_counts holds one row
// per place × programme × status: 25,000 rows for 250,000 households, ~15–25 ms to aggregate),
// and every official and cadre of a township asks for the same sums. `rollup_clock` moves, in
// commit order, with every committed change of a rollup (migration 0007), so figures computed
// at tick N are still exact while the clock reads N: one indexed read instead of the sums.
const memo = new Map<string, { tick: string; value: unknown }>();
const MEMO_LIMIT = 2_000;

export function inTransaction(db: DbOrTx): boolean {
  // A transaction sees its own uncommitted changes, which have not moved the clock yet.
  return 'rollback' in db;
}

export function scopeKey(scopePaths: readonly string[] | null): string {
  return scopePaths === null ? '*' : [...scopePaths].sort().join('|');
}

/**
 * The rollup clock, read once per request: a dashboard asks for half a dozen memoised figures,
 * and one reading serves them all (React's request-scoped cache; outside a request, as in
 * tests and scripts, every call reads). A figure is then as fresh as the request's start.
 */
export const readClock = cache(async (db: DbOrTx): Promise<string | null> => {
  const [clock] = await db.select({ tick: rollupClock.tick, epoch: rollupClock.epoch }).from(rollupClock).where(eq(rollupClock.id, 1));
  return clock ? `${clock.epoch}:${clock.tick}` : null;
});

export async function memoByRollupClock<T>(db: DbOrTx, key: string, compute: () => Promise<T>): Promise<T> {
  if (inTransaction(db)) return compute();
  const tick = await readClock(db);
  if (tick === null) return compute();
  const hit = memo.get(key);
  if (hit && hit.tick === tick) return hit.value as T;
  const value = await compute();
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  memo.set(key, { tick, value });
  return value;
}

/** Applications per status inside the scope (null scope = the whole county), and when the counts last changed. */
export async function applicationCountsByStatus({ db, scopePaths }: { db: DbOrTx; scopePaths: readonly string[] | null }) {
  return memoByRollupClock(db, `counts:${scopeKey(scopePaths)}`, () => countsByStatus(db, scopePaths));
}

async function countsByStatus(db: DbOrTx, scopePaths: readonly string[] | null) {
  const rows = await db
    .select({ status: applicationCounts.status, n: sql<number>`sum(${applicationCounts.n})::int`, asOf: max(applicationCounts.updatedAt) })
    .from(applicationCounts)
    .innerJoin(places, eq(places.id, applicationCounts.placeId))
    .where(placeInScope(scopePaths))
    .groupBy(applicationCounts.status);
  const asOf = rows.reduce<Date | null>((latest, r) => (r.asOf && (!latest || r.asOf > latest) ? r.asOf : latest), null);
  return { counts: rows.map((r) => ({ status: r.status, n: Number(r.n) })), asOf };
}

/** Cases and decided cases per township id (the second id of a place path), from the rollup. */
export async function casesPerTownship({ db }: { db: DbOrTx }): Promise<Map<number, { cases: number; decided: number }>> {
  return memoByRollupClock(db, 'cases-per-township', () => countCasesPerTownship(db));
}

async function countCasesPerTownship(db: DbOrTx): Promise<Map<number, { cases: number; decided: number }>> {
  const rows = await db
    .select({
      township: sql<string>`split_part(${places.path}, '/', 3)`,
      cases: sql<number>`sum(${applicationCounts.n})::int`,
      decided: sql<number>`(sum(${applicationCounts.n}) FILTER (WHERE ${inArray(applicationCounts.status, DECIDED)}))::int`,
    })
    .from(applicationCounts)
    .innerJoin(places, eq(places.id, applicationCounts.placeId))
    .groupBy(sql`1`);
  const out = new Map<number, { cases: number; decided: number }>();
  for (const r of rows) if (r.township) out.set(Number(r.township), { cases: Number(r.cases ?? 0), decided: Number(r.decided ?? 0) });
  return out;
}

/**
 * Counts the rollup again from the applications themselves, in one transaction. For data that
 * reached the table around the trigger (a restore with triggers off) and for checking that the
 * incremental counts still agree with a full count.
 */
export async function rebuildApplicationCounts({ db }: { db: Db }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(applicationCounts).where(sql`true`);
    await tx.insert(applicationCounts).select(
      tx
        .select({
          placeId: households.placeId,
          programmeCode: applications.programmeCode,
          status: applications.status,
          n: sql<number>`count(*)::int`.as('n'),
          updatedAt: sql<Date>`now()`.as('updated_at'),
        })
        .from(applications)
        .innerJoin(households, eq(households.id, applications.householdId))
        .groupBy(households.placeId, applications.programmeCode, applications.status),
    );
  });
}
