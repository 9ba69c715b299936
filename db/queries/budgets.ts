import 'server-only';
// Budget lines per cash programme and their ledger (budget_movements). Every change to a line is
// one conditional UPDATE (… WHERE remaining >= n: safe under concurrent approvals, CONVENTIONS
// §6) plus one ledger row in the same transaction, so the line's figures can always be summed
// back from its movements. What a refusal means is decided by the use case.
import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../client';
import { applications, budgetMovements, budgets, programmes, users } from '../schema';
import type { ProgrammeCode } from '@/lib/domain';
import { AppError } from '@/lib/errors';
import { logError } from '@/lib/log';
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
 * than the amount remains. Nothing is committed on 'no_budget': the use case must refuse, since
 * money approved against no line could never be released or paid against one (the CHECKs of
 * migration 0016 keep released ≤ committed and paid ≤ committed).
 */
export async function spendFromBudget({ tx, programmeCode, amountYuan, now, movement = true, ...link }: { tx: Tx; programmeCode: ProgrammeCode; amountYuan: number; now: Date; /** false: the caller writes the ledger rows itself (one per case). */ movement?: boolean } & Link): Promise<'no_budget' | 'spent' | 'insufficient'> {
  const [line] = await tx.select({ code: budgets.programmeCode }).from(budgets).where(eq(budgets.programmeCode, programmeCode));
  if (!line) return 'no_budget';
  const rows = await tx
    .update(budgets)
    .set({ remainingYuan: sql`${budgets.remainingYuan} - ${amountYuan}`, updatedAt: now })
    .where(and(eq(budgets.programmeCode, programmeCode), gte(budgets.remainingYuan, amountYuan)))
    .returning({ code: budgets.programmeCode });
  if (rows.length === 0) return 'insufficient';
  if (movement) await tx.insert(budgetMovements).values({ programmeCode, kind: 'commit', remainingDeltaYuan: -amountYuan, at: now, ...linkOf(link) });
  return 'spent';
}

/**
 * What the budget line holds committed for each case, by the ledger: an approval's (or a late
 * set-aside's) 'commit' rows linked to the case, less its 'release' rows, plus the case's cash
 * when it was enrolled by a run that committed its total. A case approved while its programme had
 * no budget line (before approvals were refused for want of one) committed nothing and reads 0.
 * Cases not given are absent from the map; cases given that committed nothing map to 0.
 */
async function committedByCase(db: DbOrTx, cases: SQL): Promise<Map<string, { amountYuan: number; committedYuan: number }>> {
  const r = await db.execute<{ id: string; amount: string; committed: string }>(sql`
    WITH c AS (${cases}),
    linked AS (
      SELECT m.application_id, sum(m.remaining_delta_yuan) AS delta FROM budget_movements m JOIN c ON c.id = m.application_id GROUP BY m.application_id
    ),
    runs AS (
      SELECT DISTINCT m.enrolment_run_id FROM budget_movements m
      WHERE m.kind = 'commit' AND m.enrolment_run_id IN (SELECT a.enrolment_run_id FROM applications a JOIN c ON c.id = a.id WHERE a.enrolment_run_id IS NOT NULL)
    )
    SELECT a.id,
      coalesce((a.entitlement->>'amountYuan')::bigint, 0)::text AS amount,
      ((CASE WHEN a.enrolment_run_id IN (SELECT enrolment_run_id FROM runs) THEN coalesce((a.entitlement->>'amountYuan')::bigint, 0) ELSE 0 END) - coalesce(linked.delta, 0))::text AS committed
    FROM applications a JOIN c ON c.id = a.id LEFT JOIN linked ON linked.application_id = a.id`);
  return new Map(r.rows.map((x) => [x.id, { amountYuan: Number(x.amount), committedYuan: Number(x.committed) }]));
}

/**
 * Puts back on the programme's budget line what one case still holds committed (a case leaving
 * approved without being paid): its commitment by the ledger, never the amount frozen on the case,
 * so a case that committed nothing gives nothing back and the line's `remaining` is never inflated
 * past what was taken from it. 'released', or 'nothing_committed' (nothing changed).
 *
 * Throws AppError 'internal:budget_ledger' (logged for the operator with the figures) when the
 * line cannot take back what the ledger says the case committed: the line and its ledger
 * disagree, which is a broken invariant, not the person's doing. The caller's transaction rolls
 * back and the person reads the generic "something went wrong" sentence.
 */
export async function releaseCaseCommitment({ tx, programmeCode, applicationId, now, ...link }: { tx: Tx; programmeCode: ProgrammeCode; applicationId: string; now: Date } & Omit<Link, 'applicationId'>): Promise<'released' | 'nothing_committed'> {
  const committed = (await committedByCase(tx, sql`SELECT ${applicationId}::uuid AS id`)).get(applicationId)?.committedYuan ?? 0;
  if (committed <= 0) return 'nothing_committed';
  const rows = await tx
    .update(budgets)
    .set({ remainingYuan: sql`${budgets.remainingYuan} + ${committed}`, updatedAt: now })
    .where(and(eq(budgets.programmeCode, programmeCode), sql`${budgets.remainingYuan} + ${committed} <= ${budgets.totalYuan} - ${budgets.paidYuan}`))
    .returning({ code: budgets.programmeCode });
  // The ledger says committed, the line cannot take it back: the two disagree, which no use case can mend.
  if (rows.length === 0) {
    const [line] = await tx.select({ total: budgets.totalYuan, remaining: budgets.remainingYuan, paid: budgets.paidYuan }).from(budgets).where(eq(budgets.programmeCode, programmeCode));
    const figures = line ? `total ¥${line.total}, remaining ¥${line.remaining}, paid ¥${line.paid}` : 'no such line';
    const err = new AppError('internal:budget_ledger', `budget line ${programmeCode} (${figures}) cannot take back ¥${committed} committed for case ${applicationId}`);
    logError('budget: line and ledger disagree', err);
    throw err;
  }
  await tx.insert(budgetMovements).values({ programmeCode, kind: 'release', remainingDeltaYuan: committed, at: now, ...linkOf({ ...link, applicationId }) });
  return 'released';
}

/**
 * Sets aside, for every live item of a payment batch (pending or paid), the part of its amount the
 * budget line does not hold committed for its case: cases approved before approvals needed a budget
 * line. Money is never paid that was not first committed, so a batch is refused rather than pay it:
 * 'no_budget' when the programme has no line, 'insufficient' (nothing changed) when the line has
 * less left than is missing. Otherwise one 'commit' row per such case, linked to the case and the
 * batch; the total set aside comes back (0 when every case was already committed).
 */
export async function setAsideForBatch({ tx, programmeCode, batchId, now, actorId, note }: { tx: Tx; programmeCode: ProgrammeCode; batchId: string; now: Date; actorId: string | null; note?: string | null }): Promise<{ status: 'ok' | 'no_budget' | 'insufficient'; amountYuan: number; cases: number }> {
  const committed = await committedByCase(tx, sql`SELECT application_id AS id FROM payment_items WHERE batch_id = ${batchId}::uuid AND status <> 'failed'`);
  const missing = [...committed].map(([id, c]) => ({ id, yuan: Math.max(0, c.amountYuan - Math.max(0, c.committedYuan)) })).filter((m) => m.yuan > 0);
  const amountYuan = missing.reduce((n, m) => n + m.yuan, 0);
  if (amountYuan === 0) return { status: 'ok', amountYuan: 0, cases: 0 };
  const spent = await spendFromBudget({ tx, programmeCode, amountYuan, now, batchId, actorId, note, movement: false });
  if (spent !== 'spent') return { status: spent, amountYuan, cases: missing.length };
  for (let i = 0; i < missing.length; i += 1000) {
    await tx.insert(budgetMovements).values(missing.slice(i, i + 1000).map((m) => ({ programmeCode, kind: 'commit' as const, remainingDeltaYuan: -m.yuan, at: now, ...linkOf({ applicationId: m.id, batchId, actorId, note }) })));
  }
  return { status: 'ok', amountYuan, cases: missing.length };
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
