import 'server-only';
// The officials' drill-down dashboard (issue 11 item 1, first part): for one place, its cases by
// programme and status, and the same for each place directly below it — all from the
// application_counts rollup (a few thousand rows for the whole county), kept in memory until a
// rollup changes (memoByRollupClock). Which place an official may open is decided by the page.
import { and, asc, eq, like, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { applicationCounts, places, type Place } from '../schema';
import type { ApplicationStatus, ProgrammeCode } from '@/lib/domain';
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
