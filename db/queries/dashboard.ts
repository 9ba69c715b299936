import 'server-only';
// The officials' drill-down dashboard (issue 11 item 1, first part): for one place, its cases by
// programme and status, and the same for each place directly below it — all from the
// application_counts rollup (a few thousand rows for the whole county), and how long decisions
// take from the timing rollups (migration 0022), kept in memory until a rollup changes
// (memoByRollupClock). Which place an official may open is decided by the page.
import { and, asc, eq, like, max, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { applicationCounts, caseWeeks, decisionDays, places, waitingDays, type Place } from '../schema';
import type { ApplicationStatus, ProgrammeCode } from '@/lib/domain';
import { addCalendarDays, calendarDaysBetween, cstDate, cstDayStart, fromCstDate } from '@/lib/time';
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

// Places are kept in memory like the figures: adding, renaming or moving one moves the rollup
// clock (migration 0025). Callers must not change the objects they get.
export async function findDashboardPlace({ db, placeId }: { db: DbOrTx; placeId: number }): Promise<DashboardPlace | null> {
  return memoByRollupClock(db, `place:${placeId}`, async () => {
    const [p] = await db.select(placeColumns).from(places).where(eq(places.id, placeId));
    return p ?? null;
  });
}

/** The place with this exact path (an assigned place of the official), or null. */
export async function findPlaceByPath({ db, path }: { db: DbOrTx; path: string }): Promise<DashboardPlace | null> {
  return memoByRollupClock(db, `place-path:${path}`, async () => {
    const [p] = await db.select(placeColumns).from(places).where(eq(places.path, path));
    return p ?? null;
  });
}

/** The places on the path from the root down to `place` (itself included), root first. */
export async function placeTrail({ db, place }: { db: DbOrTx; place: DashboardPlace }): Promise<DashboardPlace[]> {
  return memoByRollupClock(db, `trail:${place.path}`, async () => {
    const ids = place.path.split('/').filter(Boolean).map(Number);
    const rows = await db.select(placeColumns).from(places).where(sql`${places.id} = ANY(${`{${ids.join(',')}}`}::int[])`);
    return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is DashboardPlace => Boolean(r));
  });
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

// ---- How long decisions take and how work moves -------------------------------------------------
// From the timing rollups of migration 0022 (decision_days, case_weeks, waiting_days per household
// place), kept by triggers in the transaction of every change: a few thousand rows for the whole
// county instead of a pass over every case (1.7 s at the county's root at county scale).

export interface PlaceTiming {
  /** Days from submission to decision (approval or refusal, by cadre or official), over decided cases. */
  decided: number;
  medianDays: number | null;
  p90Days: number | null;
  /** The last twelve CST weeks, oldest first: the Monday that starts each, and cases sent and decided in it. */
  weeks: { start: string; submitted: number; decided: number }[];
  /** Cases waiting for a cadre's verification longer than the work queue allows (lib/workflow.ts VERIFY_DAYS). */
  verificationOverdue: number;
  /** When the rollups under the place last changed (null: no case has ever counted there); the figures are exact as of then. */
  asOf: Date | null;
}

/** A Monday (CST), from which the weekday of any CST date is counted. */
const A_MONDAY = fromCstDate('2024-01-01');

/**
 * Median and 90th percentile of days from submission to decision, the weekly trend of
 * submissions and decisions, and the cases overdue for verification, for the cases under
 * `place`. Kept in memory while the rollup clock stands still and the CST day is the same (the
 * current week and the overdue cut-off move with the day, not with a change).
 */
export async function placeTiming({ db, place, now = Date.now() }: { db: DbOrTx; place: DashboardPlace; now?: number }): Promise<PlaceTiming> {
  const at = new Date(now);
  return memoByRollupClock(db, `dash-timing:${place.path}:${cstDate(at)}`, () => readTiming(db, place, at));
}

async function readTiming(db: DbOrTx, place: DashboardPlace, now: Date): Promise<PlaceTiming> {
  const under = like(places.path, `${place.path}%`);
  // Overdue = submitted before 00:00 CST of this date (a whole-day cut-off), so the days before it.
  const cutOff = cstDate(verificationOverdueBefore(now));
  const [days, weeks, waiting] = await Promise.all([
    db
      .select({ days: decisionDays.days, n: sql<number>`sum(${decisionDays.n})::int`, at: max(decisionDays.updatedAt) })
      .from(decisionDays)
      .innerJoin(places, eq(places.id, decisionDays.placeId))
      .where(under)
      .groupBy(decisionDays.days)
      .orderBy(asc(decisionDays.days)),
    // Every week, not only the last twelve: their newest change is part of "as of" (a deleted old case changes an old week).
    db
      .select({ week: caseWeeks.week, submitted: sql<number>`sum(${caseWeeks.submitted})::int`, decided: sql<number>`sum(${caseWeeks.decided})::int`, at: max(caseWeeks.updatedAt) })
      .from(caseWeeks)
      .innerJoin(places, eq(places.id, caseWeeks.placeId))
      .where(under)
      .groupBy(caseWeeks.week),
    db
      .select({ overdue: sql<number>`coalesce(sum(${waitingDays.n}) FILTER (WHERE ${waitingDays.day} < ${cutOff}), 0)::int`, at: max(waitingDays.updatedAt) })
      .from(waitingDays)
      .innerJoin(places, eq(places.id, waitingDays.placeId))
      .where(under),
  ]);
  const histogram = days.map((r) => ({ days: Number(r.days), n: Number(r.n) })).filter((r) => r.n > 0);
  const decided = histogram.reduce((sum, r) => sum + r.n, 0);
  const byWeek = new Map(weeks.map((r) => [r.week, r]));
  const monday = addCalendarDays(cstDayStart(now), -(((calendarDaysBetween(now, A_MONDAY) % 7) + 7) % 7));
  const lastTwelve = Array.from({ length: 12 }, (_, i) => cstDate(addCalendarDays(monday, -7 * (11 - i))));
  const newest = [...days.map((r) => r.at), ...weeks.map((r) => r.at), ...waiting.map((r) => r.at)].reduce<Date | null>(
    (latest, t) => (t && (!latest || t > latest) ? t : latest),
    null,
  );
  const oneDecimal = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    decided,
    medianDays: oneDecimal(histogramQuantile(histogram, decided, 0.5)),
    p90Days: oneDecimal(histogramQuantile(histogram, decided, 0.9)),
    weeks: lastTwelve.map((start) => ({ start, submitted: Number(byWeek.get(start)?.submitted ?? 0), decided: Number(byWeek.get(start)?.decided ?? 0) })),
    verificationOverdue: Number(waiting[0]?.overdue ?? 0),
    asOf: newest,
  };
}

/**
 * The q-quantile of durations kept as a histogram of whole days (floor), read the way
 * percentile_cont reads the raw durations, with linear interpolation inside a day: the n cases
 * of day d are taken as spread evenly at d, d + 1/n, …, d + (n−1)/n, and the value at rank
 * q·(N−1) is interpolated between the two cases either side of it. Exact when every duration is
 * a whole number of days and no two share a day; otherwise off by less than a day, and by far
 * less at county scale: over the county's 555,663 decided cases 6.63 against percentile_cont's
 * 6.64 days (median) and 19.60 against 19.61 (p90); within 0.05 of a day at every place tried, so
 * the one decimal on the page moves by 0.1 at most, when the exact figure sits on a rounding edge.
 */
export function histogramQuantile(histogram: readonly { days: number; n: number }[], total: number, q: number): number | null {
  if (total <= 0) return null;
  const valueAt = (k: number): number => {
    let before = 0;
    for (const b of histogram) {
      if (k < before + b.n) return b.days + (k - before) / b.n;
      before += b.n;
    }
    const last = histogram[histogram.length - 1]!;
    return last.days + (last.n - 1) / last.n;
  };
  const rank = q * (total - 1);
  const lo = Math.floor(rank);
  const low = valueAt(lo);
  return low + (rank - lo) * (valueAt(Math.min(lo + 1, total - 1)) - low);
}
