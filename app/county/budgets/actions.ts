'use server';
// Budget lines (issue 10 item 5): new money for a cash programme (opening its line when it has
// none) and corrections of a line's total. County-wide officials only (lib/permissions.ts
// isCountyWide), checked here and again in the use cases in server/budgets/.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { allow, defineAction, type ActionContext, type ActionResult } from '@/lib/actions';
import { CASH_PROGRAMMES } from '@/lib/budgets';
import { isCountyWide } from '@/lib/permissions';
import { formSchema, reasonSchema } from '@/lib/validators';
import { allocateToBudget } from '@/server/budgets/allocate';
import { adjustBudget } from '@/server/budgets/adjust';

const programme = z.enum(CASH_PROGRAMMES, { error: 'validation.invalidType' });
/** Whole yuan as typed, thousands separators allowed (1,000 / 1，000). */
const yuan = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().replace(/[,，\s]/g, '') : v),
  z
    .string({ error: 'countyBudgets.errors.amount' })
    .regex(/^[+-]?\d{1,12}$/, 'countyBudgets.errors.amount')
    .transform(Number),
);
const note = z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ error: 'validation.invalidType' }).trim().max(200, 'countyBudgets.errors.noteTooLong'));

const countyWide = async ({ user }: ActionContext<unknown>) => (isCountyWide(user) ? allow(null) : ('forbidden' as const));

function refresh(code: string) {
  revalidatePath('/county/budgets');
  revalidatePath(`/county/budgets/${code}`);
}

export const allocateBudgetAction = defineAction({
  name: 'budget.allocate',
  capability: 'budget:manage',
  input: formSchema({ programme, amount: yuan.refine((n) => n > 0, 'countyBudgets.errors.amountPositive'), note }),
  authorize: countyWide,
  run: async ({ db, user, input, ip }): Promise<ActionResult<null>> => {
    await allocateToBudget({ db, actor: user, programmeCode: input.programme, amountYuan: input.amount, note: input.note, ip });
    refresh(input.programme);
    return { status: 'ok', data: null };
  },
});

export const adjustBudgetAction = defineAction({
  name: 'budget.adjust',
  capability: 'budget:manage',
  input: formSchema({ programme, amount: yuan.refine((n) => n !== 0, 'countyBudgets.errors.amountNonZero'), reason: reasonSchema }),
  authorize: countyWide,
  run: async ({ db, user, input, ip }): Promise<ActionResult<null>> => {
    const r = await adjustBudget({ db, actor: user, programmeCode: input.programme, deltaYuan: input.amount, reason: input.reason, ip });
    if (r.status === 'below_committed') return { status: 'conflict', code: 'conflict:below_committed' };
    refresh(input.programme);
    return { status: 'ok', data: null };
  },
});
