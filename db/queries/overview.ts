import 'server-only';
import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import {
  applications,
  budgets,
  householdFacts,
  households,
  notifications,
  places,
  stockLevels,
  stockPoints,
} from '../schema';
import { closingStep } from './case-closing';
import { placeFigureTotals, placeFiguresByTownship } from './place-figures';
import { preparedRead } from './prepared';
import { casesPerTownship, memoByRollupClock } from './rollups';
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
    .select({ id: applications.id, reference: applications.reference, programmeCode: applications.programmeCode, status: applications.status, updatedAt: applications.updatedAt, submittedAt: applications.submittedAt, decidedAt: applications.decidedAt, rejectedAt: applications.rejectedAt, rejectionFinal: applications.rejectionFinal, closing: closingStep })
    .from(applications)
    .where(eq(applications.householdId, householdId))
    .orderBy(desc(applications.updatedAt));
}

const unreadCountQuery = preparedRead('unread_notification_count', (db) =>
  db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, sql.placeholder('userId')), isNull(notifications.readAt))),
);

export async function unreadNotificationCount({ db, userId }: { db: DbOrTx; userId: string }) {
  const [row] = await unreadCountQuery(db, { userId });
  return row?.n ?? 0;
}

/**
 * Per township: households, cases, cases decided, grievances open. Cases come from the
 * application_counts rollup, households and open grievances from place_figures (both in
 * db/queries/): a few thousand rows instead of a pass over every household and grievance.
 */
export async function townshipSummary({ db }: { db: DbOrTx }) {
  const [townships, cases, figures] = await Promise.all([
    db.select({ id: places.id, name: places.name, name_en: places.nameEn }).from(places).where(eq(places.level, 'township')).orderBy(asc(places.id)),
    casesPerTownship({ db }),
    placeFiguresByTownship({ db }),
  ]);
  return townships.map((r) => {
    const c = cases.get(r.id);
    const f = figures.get(r.id);
    return { ...r, households: f?.households ?? 0, cases: c?.cases ?? 0, decided: c?.decided ?? 0, grievances_open: f?.grievancesOpen ?? 0 };
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

/** Grievances open, overdue (by the database clock) and rated inside the scope, from place_figures. */
export async function grievanceSummary({ db, scopePaths }: { db: DbOrTx; scopePaths: readonly string[] | null }) {
  const f = await placeFigureTotals({ db, scopePaths });
  return { open: f.grievancesOpen, overdue: f.grievancesOverdue, satisfaction: f.satisfaction, rated: f.rated, asOf: f.asOf };
}

/** Grade-D households (verified, else declared) and how many still owe one of the three visit rounds, from place_figures. */
export async function visitCoverage({ db, scopePaths }: { db: DbOrTx; scopePaths: readonly string[] | null }) {
  const f = await placeFigureTotals({ db, scopePaths });
  return { total: f.gradeD, complete: f.complete, owed: f.gradeD - f.complete };
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
  // Kept in memory until the rollup clock moves (a place added or changed moves it: migration 0025).
  return memoByRollupClock(db, `places:${[...ids].sort((a, b) => a - b).join(',')}`, () =>
    db.select({ id: places.id, name: places.name, nameEn: places.nameEn, path: places.path }).from(places).where(inArray(places.id, ids)),
  );
}
