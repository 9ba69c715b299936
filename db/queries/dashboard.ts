import 'server-only';
// The officials' drill-down dashboard (issue 11 item 1, first part): for one place, its cases by
// programme and status, and the same for each place directly below it — all from the
// application_counts rollup (a few thousand rows for the whole county), kept in memory until a
// rollup changes (memoByRollupClock). Which place an official may open is decided by the page.
import { and, asc, eq, like, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { applicationCounts, places, type Place } from '../schema';
import type { ApplicationStatus, ProgrammeCode } from '@/lib/domain';
import { verificationOverdueBefore } from '@/lib/workflow';
import { memoByRollupClock } from './rollups';

export interface DashboardPlace {
  id: number;
  parentId: number | null;
  level: Place['level'];
  name: string;
  nameEn: string;
  path: string;
}

export interface CaseCount {
  programmeCode: ProgrammeCode;
  status: ApplicationStatus;
  n: number;
}

const placeColumns = { id: places.id, parentId: places.parentId, level: places.level, name: places.name, nameEn: places.nameEn, path: places.path };

export async function findDashboardPlace({ db, placeId }: { db: DbOrTx; placeId: number }): Promise<DashboardPlace | null> {
  const [p] = await db.select(placeColumns).from(places).where(eq(places.id, placeId));
  return p ?? null;
}

/** The place with this exact path (an assigned place of the official), or null. */
export async function findPlaceByPath({ db, path }: { db: DbOrTx; path: string }): Promise<DashboardPlace | null> {
  const [p] = await db.select(placeColumns).from(places).where(eq(places.path, path));
  return p ?? null;
}

/** The places on the path from the root down to `place` (itself included), root first. */
export async function placeTrail({ db, place }: { db: DbOrTx; place: DashboardPlace }): Promise<DashboardPlace[]> {
  const ids = place.path.split('/').filter(Boolean).map(Number);
  const rows = await db.select(placeColumns).from(places).where(sql`${places.id} = ANY(${`{${ids.join(',')}}`}::int[])`);
  return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is DashboardPlace => Boolean(r));
}

/** Cases under `place`, by programme and status. */
export async function casesUnder({ db, place }: { db: DbOrTx; place: DashboardPlace }): Promise<CaseCount[]> {
  return memoByRollupClock(db, `dash-cases:${place.path}`, async () => {
    const rows = await db
      .select({ programmeCode: applicationCounts.programmeCode, status: applicationCounts.status, n: sql<number>`sum(${applicationCounts.n})::int` })
      .from(applicationCounts)
      .innerJoin(places, eq(places.id, applicationCounts.placeId))
      .where(like(places.path, `${place.path}%`))
      .groupBy(applicationCounts.programmeCode, applicationCounts.status);
    return rows.map((r) => ({ ...r, n: Number(r.n) })).filter((r) => r.n !== 0);
  });
}

/** Each place directly below `place`, with its cases by status (every programme). */
export async function casesByChild({ db, place }: { db: DbOrTx; place: DashboardPlace }): Promise<{ place: DashboardPlace; byStatus: Partial<Record<ApplicationStatus, number>>; total: number }[]> {
  return memoByRollupClock(db, `dash-children:${place.path}`, async () => {
    const depth = place.path.split('/').filter(Boolean).length;
    const [children, counts] = await Promise.all([
      db.select(placeColumns).from(places).where(eq(places.parentId, place.id)).orderBy(asc(places.id)),
      db
        .select({ child: sql<string>`split_part(${places.path}, '/', ${depth + 2})`, status: applicationCounts.status, n: sql<number>`sum(${applicationCounts.n})::int` })
        .from(applicationCounts)
        .innerJoin(places, eq(places.id, applicationCounts.placeId))
        .where(and(like(places.path, `${place.path}%`), sql`${places.id} <> ${place.id}`))
        .groupBy(sql`1`, applicationCounts.status),
    ]);
    return children.map((c) => {
      const byStatus: Partial<Record<ApplicationStatus, number>> = {};
      let total = 0;
      for (const r of counts) {
        if (Number(r.child) !== c.id || Number(r.n) === 0) continue;
        byStatus[r.status] = (byStatus[r.status] ?? 0) + Number(r.n);
        total += Number(r.n);
      }
      return { place: c, byStatus, total };
    });
  });
}

/** How long decisions take and how work moves, per place: counted from the cases, kept for ten minutes. */
export const TIMING_TTL_MS = 10 * 60_000;
const timingMemo = new Map<string, { at: number; value: Promise<PlaceTiming> }>();

export interface PlaceTiming {
  /** Days from submission to decision (approval or refusal, by cadre or official), over decided cases. */
  decided: number;
  medianDays: number | null;
  p90Days: number | null;
  /** The last twelve CST weeks, oldest first: the Monday that starts each, and cases sent and decided in it. */
  weeks: { start: string; submitted: number; decided: number }[];
  /** Cases waiting for a cadre's verification longer than the work queue allows (lib/workflow.ts VERIFY_DAYS). */
  verificationOverdue: number;
  countedAt: Date;
}

/**
 * Median and 90th percentile of days from submission to decision, and the weekly trend of
 * submissions and decisions, for the cases under `place`. A pass over the place's cases (the
 * whole county's at its root), so each place's figures are counted at most every ten minutes per
 * process and the page prints when.
 */
export async function placeTiming({ db, place, now = Date.now() }: { db: DbOrTx; place: DashboardPlace; now?: number }): Promise<PlaceTiming> {
  const hit = timingMemo.get(place.path);
  if (hit && now - hit.at < TIMING_TTL_MS) return hit.value;
  const value = countTiming(db, place).catch((err: unknown) => {
    timingMemo.delete(place.path);
    throw err;
  });
  if (timingMemo.size >= 2_000) timingMemo.delete(timingMemo.keys().next().value!);
  timingMemo.set(place.path, { at: now, value });
  return value;
}

/** For tests: the next read counts again. */
export function forgetPlaceTiming(): void {
  timingMemo.clear();
}

async function countTiming(db: DbOrTx, place: DashboardPlace): Promise<PlaceTiming> {
  const countedAt = new Date();
  const under = sql`h.place_id IN (SELECT id FROM places WHERE path LIKE ${`${place.path}%`})`;
  const [durations, weekly, late] = await Promise.all([
    db.execute<{ n: string; median: string | null; p90: string | null }>(sql`
      SELECT count(*) AS n,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.decided_at - a.submitted_at) / 86400) AS median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM a.decided_at - a.submitted_at) / 86400) AS p90
      FROM applications a JOIN households h ON h.id = a.household_id
      WHERE ${under} AND a.decided_at IS NOT NULL AND a.submitted_at IS NOT NULL AND a.decided_at >= a.submitted_at`),
    db.execute<{ week: string; submitted: string; decided: string }>(sql`
      WITH weeks AS (
        SELECT generate_series(date_trunc('week', (now() AT TIME ZONE 'Asia/Shanghai')) - interval '11 weeks', date_trunc('week', (now() AT TIME ZONE 'Asia/Shanghai')), interval '1 week') AS week
      ),
      cases AS (
        SELECT a.submitted_at, a.decided_at FROM applications a JOIN households h ON h.id = a.household_id
        WHERE ${under} AND (a.submitted_at >= now() - interval '13 weeks' OR a.decided_at >= now() - interval '13 weeks')
      ),
      events AS (
        SELECT date_trunc('week', submitted_at AT TIME ZONE 'Asia/Shanghai') AS week, 1 AS s, 0 AS d FROM cases WHERE submitted_at IS NOT NULL
        UNION ALL
        SELECT date_trunc('week', decided_at AT TIME ZONE 'Asia/Shanghai'), 0, 1 FROM cases WHERE decided_at IS NOT NULL
      )
      SELECT to_char(w.week, 'YYYY-MM-DD') AS week, coalesce(sum(e.s), 0) AS submitted, coalesce(sum(e.d), 0) AS decided
      FROM weeks w LEFT JOIN events e ON e.week = w.week
      GROUP BY w.week ORDER BY w.week`),
    db.execute<{ n: string }>(sql`
      SELECT count(*) AS n FROM applications a JOIN households h ON h.id = a.household_id
      WHERE ${under} AND a.status = 'submitted' AND a.submitted_at < ${verificationOverdueBefore(countedAt).toISOString()}::timestamptz`),
  ]);
  const d = durations.rows[0];
  const num = (v: string | null | undefined) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
  return {
    decided: Number(d?.n ?? 0),
    medianDays: num(d?.median),
    p90Days: num(d?.p90),
    weeks: weekly.rows.map((r) => ({ start: r.week, submitted: Number(r.submitted), decided: Number(r.decided) })),
    verificationOverdue: Number(late.rows[0]?.n ?? 0),
    countedAt,
  };
}
