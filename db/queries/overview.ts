import 'server-only';
import { and, asc, count, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import {
  applications,
  budgets,
  grievances,
  householdFacts,
  households,
  notifications,
  places,
  stockLevels,
  stockPoints,
  visits,
} from '../schema';
import { casesPerTownship } from './rollups';
import { placeInScope } from './scope';

/** The place and its ancestors, county first: one statement (the ids come from the place's own path). */
export async function placeChain({ db, placeId }: { db: DbOrTx; placeId: number }) {
  const rows = await db
    .select({ id: places.id, name: places.name, nameEn: places.nameEn, level: places.level })
    .from(places)
    .where(sql`${places.id} IN (SELECT unnest(string_to_array(trim(both '/' from p.path), '/'))::int FROM ${places} p WHERE p.id = ${placeId})`)
    // '/1/4/9/': an ancestor's path is a prefix of its descendants', so path length orders the chain.
    .orderBy(asc(sql`length(${places.path})`));
  return rows;
}

export async function ownHousehold({ db, userId }: { db: DbOrTx; userId: string }) {
  const [hh] = await db.select().from(households).where(eq(households.ownerUserId, userId)).limit(1);
  if (!hh) return null;
  // Independent reads: on PostgreSQL they go out on two pooled connections at once.
  const [facts, chain] = await Promise.all([db.select().from(householdFacts).where(eq(householdFacts.householdId, hh.id)), placeChain({ db, placeId: hh.placeId })]);
  return { household: hh, facts, chain };
}

export async function householdApplications({ db, householdId }: { db: DbOrTx; householdId: string }) {
  return db
    .select({ id: applications.id, reference: applications.reference, programmeCode: applications.programmeCode, status: applications.status, updatedAt: applications.updatedAt, submittedAt: applications.submittedAt })
    .from(applications)
    .where(eq(applications.householdId, householdId))
    .orderBy(desc(applications.updatedAt));
}

export async function unreadNotificationCount({ db, userId }: { db: DbOrTx; userId: string }) {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/**
 * Per township: households, cases, cases decided, grievances open. Cases come from the
 * application_counts rollup (db/queries/rollups.ts); households and open grievances are
 * counted in one pass per table, grouped by the township id inside the place path
 * ('/county/township/…/'), instead of correlated counts per township (each a scan).
 */
export async function townshipSummary({ db }: { db: DbOrTx }) {
  const [rows, cases] = await Promise.all([
    db.execute<{ id: number; name: string; name_en: string; households: number; grievances_open: number }>(sql`
    WITH hh AS (
      SELECT split_part(p.path, '/', 3) AS t, count(*) AS n FROM households h JOIN places p ON p.id = h.place_id GROUP BY 1
    ), gr AS (
      SELECT split_part(p.path, '/', 3) AS t, count(*) AS n FROM grievances g JOIN places p ON p.id = g.place_id
      WHERE g.status IN ('open', 'responded', 'reopened') GROUP BY 1
    )
    SELECT t.id, t.name, t.name_en, coalesce(hh.n, 0)::int AS households, coalesce(gr.n, 0)::int AS grievances_open
    FROM places t
    LEFT JOIN hh ON hh.t = t.id::text
    LEFT JOIN gr ON gr.t = t.id::text
    WHERE t.level = 'township' ORDER BY t.id`),
    casesPerTownship({ db }),
  ]);
  return rows.rows.map((r) => {
    const c = cases.get(Number(r.id));
    return { ...r, households: Number(r.households), cases: c?.cases ?? 0, decided: c?.decided ?? 0, grievances_open: Number(r.grievances_open) };
  });
}

/** Cases waiting for a cadre's verification, oldest first. */
export async function verificationQueue({ db, scopePaths, limit = 20 }: { db: DbOrTx; scopePaths: readonly string[] | null; limit?: number }) {
  return db
    .select({ id: applications.id, reference: applications.reference, programmeCode: applications.programmeCode, status: applications.status, submittedAt: applications.submittedAt, headName: households.headName, placeName: places.name, placeNameEn: places.nameEn })
    .from(applications)
    .innerJoin(households, eq(applications.householdId, households.id))
    .innerJoin(places, eq(households.placeId, places.id))
    .where(and(eq(applications.status, 'submitted'), placeInScope(scopePaths)))
    .orderBy(asc(applications.submittedAt))
    .limit(limit);
}

export async function grievanceSummary({ db, scopePaths, now = new Date() }: { db: DbOrTx; scopePaths: readonly string[] | null; now?: Date }) {
  const open = inArray(grievances.status, ['open', 'responded', 'reopened']);
  const base = db.select({ n: count() }).from(grievances).innerJoin(places, eq(grievances.placeId, places.id));
  const [openRow] = await base.where(and(open, placeInScope(scopePaths)));
  const [overdueRow] = await db
    .select({ n: count() })
    .from(grievances)
    .innerJoin(places, eq(grievances.placeId, places.id))
    .where(and(open, placeInScope(scopePaths), or(lt(grievances.resolveBy, now), and(isNull(grievances.respondedAt), lt(grievances.respondBy, now)))));
  const [rated] = await db
    .select({ avg: sql<string | null>`avg(${grievances.rating})`, n: count(grievances.rating) })
    .from(grievances)
    .innerJoin(places, eq(grievances.placeId, places.id))
    .where(placeInScope(scopePaths));
  return { open: openRow?.n ?? 0, overdue: overdueRow?.n ?? 0, satisfaction: rated?.avg ? Number(rated.avg) : null, rated: rated?.n ?? 0 };
}

/**
 * D-graded households (verified, else declared) and how many still owe one of three visit rounds.
 * Counted in SQL: a county has tens of thousands of D-graded households, and one row per
 * household used to travel to the server only to be counted there.
 */
export async function visitCoverage({ db, scopePaths }: { db: DbOrTx; scopePaths: readonly string[] | null }) {
  const perHousehold = db
    .select({ id: households.id, rounds: sql<number>`count(${visits.id})`.as('rounds') })
    .from(households)
    .innerJoin(places, eq(households.placeId, places.id))
    .innerJoin(householdFacts, and(eq(householdFacts.householdId, households.id), eq(householdFacts.key, 'safetyGrade')))
    .leftJoin(visits, eq(visits.householdId, households.id))
    .where(and(placeInScope(scopePaths), sql`coalesce(${householdFacts.verifiedValue}, ${householdFacts.declaredValue}) = '"D"'::jsonb`))
    .groupBy(households.id)
    .as('d');
  const [row] = await db
    .select({ total: sql<number>`count(*)::int`, complete: sql<number>`(count(*) FILTER (WHERE ${perHousehold.rounds} >= 3))::int` })
    .from(perHousehold);
  const total = Number(row?.total ?? 0);
  const complete = Number(row?.complete ?? 0);
  return { total, complete, owed: total - complete };
}

export async function budgetsAndStock({ db }: { db: DbOrTx }) {
  const b = await db.select().from(budgets).orderBy(asc(budgets.programmeCode));
  const s = await db
    .select({ pointId: stockPoints.id, name: stockPoints.name, nameEn: stockPoints.nameEn, material: stockLevels.material, onHandKg: stockLevels.onHandKg, availableKg: stockLevels.availableKg })
    .from(stockLevels)
    .innerJoin(stockPoints, eq(stockLevels.pointId, stockPoints.id))
    .orderBy(asc(stockPoints.id), asc(stockLevels.material));
  return { budgets: b, stock: s };
}

export async function placesByIds({ db, ids }: { db: DbOrTx; ids: number[] }) {
  if (ids.length === 0) return [];
  return db.select({ id: places.id, name: places.name, nameEn: places.nameEn, path: places.path }).from(places).where(inArray(places.id, ids));
}
