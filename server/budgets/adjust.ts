import 'server-only';
// A correction of a budget line's total ('adjust', signed, with its reason): never below what
// is already committed to approved or enrolled cases (allocateBudget's conditional UPDATE);
// a refused cut writes nothing and answers how much could be taken off at most.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { allocateBudget, findBudgetLine } from '@/db/queries/budgets';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/permissions';
import { cashProgrammeOrThrow, countyWideOrThrow } from './guard';

export type AdjustBudgetResult = { status: 'ok' } | { status: 'below_committed'; remainingYuan: number };

export async function adjustBudget({ db, actor, programmeCode, deltaYuan, reason, ip, now = new Date() }: { db: Db; actor: Actor; programmeCode: string; deltaYuan: number; reason: string; ip: string | null; now?: Date }): Promise<AdjustBudgetResult> {
  countyWideOrThrow(actor);
  const code = cashProgrammeOrThrow(programmeCode);
  if (!Number.isSafeInteger(deltaYuan) || deltaYuan === 0) throw new AppError('invalid:amount');
  return db.transaction(async (tx): Promise<AdjustBudgetResult> => {
    // A correction is of a line that exists; opening one is new money (allocate).
    if (!(await findBudgetLine({ db: tx, programmeCode: code }))) throw new AppError('not_found:budget');
    if ((await allocateBudget({ tx, programmeCode: code, deltaYuan, kind: 'adjust', now, actorId: actor.id, note: reason })) === 'insufficient') {
      return { status: 'below_committed', remainingYuan: (await findBudgetLine({ db: tx, programmeCode: code }))?.remainingYuan ?? 0 };
    }
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'budget.adjust', entity: 'budget', entityId: code, success: true, ip, details: { deltaYuan, reason } } });
    return { status: 'ok' };
  });
}
