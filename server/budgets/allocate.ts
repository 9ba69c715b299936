import 'server-only';
// New money for a cash programme's budget line ('allocate'), opening the line when the
// programme has none yet. Through db/queries/budgets.ts allocateBudget: the line and its
// ledger row change together, with the audit event, in one transaction.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { allocateBudget } from '@/db/queries/budgets';
import { AppError } from '@/lib/errors';
import { logError } from '@/lib/log';
import type { Actor } from '@/lib/permissions';
import { cashProgrammeOrThrow, countyWideOrThrow } from './guard';

export async function allocateToBudget({ db, actor, programmeCode, amountYuan, note, ip, now = new Date() }: { db: Db; actor: Actor; programmeCode: string; amountYuan: number; note: string; ip: string | null; now?: Date }): Promise<void> {
  countyWideOrThrow(actor);
  const code = cashProgrammeOrThrow(programmeCode);
  if (!Number.isSafeInteger(amountYuan) || amountYuan <= 0) throw new AppError('invalid:amount');
  await db.transaction(async (tx) => {
    // Adding money cannot be refused by the line's figures: 'insufficient' would mean a negative
    // remainder, which the table's checks (budgets_remaining_nonneg) forbid. Should it happen, it is
    // a broken invariant the official cannot mend: nothing is written, the operator's log says
    // which line, the official reads the generic sentence.
    if ((await allocateBudget({ tx, programmeCode: code, deltaYuan: amountYuan, kind: 'allocate', now, actorId: actor.id, note: note || null })) !== 'ok') {
      const err = new AppError('internal:budget_ledger', `budget line ${code} refused an addition of ¥${amountYuan}`);
      logError('budget: line refused an allocation', err);
      throw err;
    }
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'budget.allocate', entity: 'budget', entityId: code, success: true, ip, details: { amountYuan, note } } });
  });
}
