import 'server-only';
// Budget lines per cash programme and their ledger (budget_movements). Every change to a line is
// one conditional UPDATE (… WHERE remaining >= n: safe under concurrent approvals, CONVENTIONS
// §6) plus one ledger row in the same transaction, so the line's figures can always be summed
// back from its movements. What a refusal means is decided by the use case.
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { budgetMovements, budgets } from '../schema';
import type { ProgrammeCode } from '@/lib/domain';

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
