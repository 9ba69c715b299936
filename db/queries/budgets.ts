import 'server-only';
// Budget lines per cash programme and their ledger (budget_movements). Every change to a line is
// one conditional UPDATE (… WHERE remaining >= n: safe under concurrent approvals, CONVENTIONS
// §6) plus one ledger row in the same transaction, so the line's figures can always be summed
// back from its movements. What a refusal means is decided by the use case.
import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../client';
import { applications, budgetMovements, budgets, programmes, users } from '../schema';
import type { ProgrammeCode } from '@/lib/domain';
import { memoByRollupClock } from './rollups';

interface Link {
  applicationId?: string | null;
  batchId?: string | null;
  enrolmentRunId?: string | null;
  actorId?: string | null;
  note?: string | null;
}

const linkOf = (l: Link) => ({
  applicationId: l.applicationId ?? null,
  batchId: l.batchId ?? null,
  enrolmentRunId: l.enrolmentRunId ?? null,
  actorId: l.actorId ?? null,
  note: l.note ?? null,
});

/**
 * Commits an amount from the programme's budget line (an approval, an enrolment run):
 * 'no_budget' when none is kept for it, 'spent', or 'insufficient' (nothing changed) when less
 * than the amount remains.
 */
export async function spendFromBudget({ tx, programmeCode, amountYuan, now, ...link }: { tx: Tx; programmeCode: ProgrammeCode; amountYuan: number; now: Date } & Link): Promise<'no_budget' | 'spent' | 'insufficient'> {
  const [line] = await tx.select({ code: budgets.programmeCode }).from(budgets).where(eq(budgets.programmeCode, programmeCode));
  if (!line) return 'no_budget';
  const rows = await tx
    .update(budgets)
    .set({ remainingYuan: sql`${budgets.remainingYuan} - ${amountYuan}`, updatedAt: now })
    .where(and(eq(budgets.programmeCode, programmeCode), gte(budgets.remainingYuan, amountYuan)))
    .returning({ code: budgets.programmeCode });
  if (rows.length === 0) return 'insufficient';
  await tx.insert(budgetMovements).values({ programmeCode, kind: 'commit', remainingDeltaYuan: -amountYuan, at: now, ...linkOf(link) });
  return 'spent';
}

/** Puts an approved but unpaid amount back on the programme's budget line (none kept: nothing to do). */
export async function refundToBudget({ tx, programmeCode, amountYuan, now, ...link }: { tx: Tx; programmeCode: ProgrammeCode; amountYuan: number; now: Date } & Link): Promise<void> {
  const rows = await tx
    .update(budgets)
    .set({ remainingYuan: sql`${budgets.remainingYuan} + ${amountYuan}`, updatedAt: now })
    .where(eq(budgets.programmeCode, programmeCode))
    .returning({ code: budgets.programmeCode });
  if (rows.length > 0) await tx.insert(budgetMovements).values({ programmeCode, kind: 'release', remainingDeltaYuan: amountYuan, at: now, ...linkOf(link) });
}

/**
 * Records money the bank paid (positive) or that came back after being counted paid (negative,
 * kind 'unpay'), against a committed amount. No line kept: nothing to do. The CHECK on budgets
 * keeps paid within what was committed; a breach is a programming error and throws.
 */
export async function recordPaid({ tx, programmeCode, amountYuan, now, ...link }: { tx: Tx; programmeCode: ProgrammeCode; amountYuan: number; now: Date } & Link): Promise<void> {
  if (amountYuan === 0) return;
  const rows = await tx
    .update(budgets)
    .set({ paidYuan: sql`${budgets.paidYuan} + ${amountYuan}`, updatedAt: now })
    .where(eq(budgets.programmeCode, programmeCode))
    .returning({ code: budgets.programmeCode });
  if (rows.length > 0) await tx.insert(budgetMovements).values({ programmeCode, kind: amountYuan > 0 ? 'pay' : 'unpay', paidDeltaYuan: amountYuan, at: now, ...linkOf(link) });
}

/**
 * Opens a programme's budget line or changes its total (kind 'allocate' for new money,
 * 'adjust' for a correction, which may be negative). 'insufficient' (nothing changed) when a
 * cut would take the total below what is already committed.
 */
export async function allocateBudget({ tx, programmeCode, deltaYuan, kind, now, ...link }: { tx: Tx; programmeCode: ProgrammeCode; deltaYuan: number; kind: 'allocate' | 'adjust'; now: Date } & Link): Promise<'ok' | 'insufficient'> {
  await tx.insert(budgets).values({ programmeCode, totalYuan: 0, remainingYuan: 0, updatedAt: now }).onConflictDoNothing({ target: budgets.programmeCode });
  const rows = await tx
    .update(budgets)
    .set({ totalYuan: sql`${budgets.totalYuan} + ${deltaYuan}`, remainingYuan: sql`${budgets.remainingYuan} + ${deltaYuan}`, updatedAt: now })
    .where(and(eq(budgets.programmeCode, programmeCode), gte(budgets.remainingYuan, -deltaYuan)))
    .returning({ code: budgets.programmeCode });
  if (rows.length === 0) return 'insufficient';
  await tx.insert(budgetMovements).values({ programmeCode, kind, totalDeltaYuan: deltaYuan, remainingDeltaYuan: deltaYuan, at: now, ...linkOf(link) });
  return 'ok';
}

// ---------------------------------------------------------------------------------------------
// Reads for the county's budget page (issue 10 item 5).
// ---------------------------------------------------------------------------------------------

export interface BudgetLine {
  programmeCode: ProgrammeCode;
  nameZh: string;
  nameEn: string;
  /** null: the programme has no budget line yet. */
  line: { totalYuan: number; remainingYuan: number; paidYuan: number; updatedAt: Date } | null;
}

/** The given programmes with their budget lines (or none yet), in the order given. */
export async function budgetLines({ db, codes }: { db: DbOrTx; codes: readonly ProgrammeCode[] }): Promise<BudgetLine[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .select({ programmeCode: programmes.code, nameZh: programmes.nameZh, nameEn: programmes.nameEn, totalYuan: budgets.totalYuan, remainingYuan: budgets.remainingYuan, paidYuan: budgets.paidYuan, updatedAt: budgets.updatedAt })
    .from(programmes)
    .leftJoin(budgets, eq(budgets.programmeCode, programmes.code))
    .where(inArray(programmes.code, [...codes]))
    .orderBy(asc(programmes.code));
  return codes.flatMap((code) => {
    const r = rows.find((x) => x.programmeCode === code);
    if (!r) return [];
    return [{ programmeCode: code, nameZh: r.nameZh, nameEn: r.nameEn, line: r.totalYuan === null ? null : { totalYuan: r.totalYuan, remainingYuan: r.remainingYuan!, paidYuan: r.paidYuan!, updatedAt: r.updatedAt! } }];
  });
}

export interface BudgetFigures {
  programmeCode: ProgrammeCode;
  totalYuan: number;
  remainingYuan: number;
  paidYuan: number;
}

/**
 * The figures of the given programmes' budget lines (those kept; in the order given), for the
 * county's dashboard: memoised by the rollup clock, which moves with every committed change of
 * a line (migration 0024). Names and `updatedAt` are left out on purpose: a programme's rename
 * does not move the clock, and the budget pages that show them read budgetLines unmemoised.
 */
export async function budgetFiguresNow({ db, codes }: { db: DbOrTx; codes: readonly ProgrammeCode[] }): Promise<BudgetFigures[]> {
  if (codes.length === 0) return [];
  return memoByRollupClock(db, `budgets:${codes.join('|')}`, async () => {
    const rows = await db
      .select({ programmeCode: budgets.programmeCode, totalYuan: budgets.totalYuan, remainingYuan: budgets.remainingYuan, paidYuan: budgets.paidYuan })
      .from(budgets)
      .where(inArray(budgets.programmeCode, [...codes]));
    return codes.flatMap((code) => rows.filter((r) => r.programmeCode === code));
  });
}

/** The line as it stands (for a use case's message), or null when none is kept. */
export async function findBudgetLine({ db, programmeCode }: { db: DbOrTx; programmeCode: ProgrammeCode }): Promise<{ totalYuan: number; remainingYuan: number; paidYuan: number } | null> {
  const [row] = await db.select({ totalYuan: budgets.totalYuan, remainingYuan: budgets.remainingYuan, paidYuan: budgets.paidYuan }).from(budgets).where(eq(budgets.programmeCode, programmeCode));
  return row ?? null;
}

export interface BudgetLedgerRow {
  id: number;
  at: Date;
  kind: 'allocate' | 'adjust' | 'commit' | 'release' | 'pay' | 'unpay';
  totalDeltaYuan: number;
  remainingDeltaYuan: number;
  paidDeltaYuan: number;
  note: string | null;
  actorName: string | null;
  reference: string | null;
}

/**
 * One page of a programme's budget ledger, newest first, keyset on the movement id (ids only
 * grow; a cursor on the timestamp would lose its microseconds in a JS Date). With one
 * programme's rows being a large share of the table, the primary key read backwards serves it.
 * `before`: the last id shown. One row more than the page tells whether another follows.
 */
export async function budgetLedgerPage({ db, programmeCode, before, limit = 30 }: { db: DbOrTx; programmeCode: ProgrammeCode; before?: number | null; limit?: number }): Promise<{ rows: BudgetLedgerRow[]; next: number | null }> {
  const rows = await db
    .select({
      id: budgetMovements.id,
      at: budgetMovements.at,
      kind: budgetMovements.kind,
      totalDeltaYuan: budgetMovements.totalDeltaYuan,
      remainingDeltaYuan: budgetMovements.remainingDeltaYuan,
      paidDeltaYuan: budgetMovements.paidDeltaYuan,
      note: budgetMovements.note,
      actorName: users.realName,
      reference: applications.reference,
    })
    .from(budgetMovements)
    .leftJoin(users, eq(budgetMovements.actorId, users.id))
    .leftJoin(applications, eq(budgetMovements.applicationId, applications.id))
    .where(and(eq(budgetMovements.programmeCode, programmeCode), before ? lt(budgetMovements.id, before) : undefined))
    .orderBy(desc(budgetMovements.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { rows: page, next: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null };
}
