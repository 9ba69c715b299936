// Which programmes are paid in money and so keep a budget line (issue 10 item 5). Materials are
// kept as stock (db/queries/stock.ts), repairs as work orders, waivers by the companies: none of
// them has a budget. tests/unit/budgets.test.ts checks this list against the programmes' rules.
import type { ProgrammeCode } from './domain';

export const CASH_PROGRAMMES = ['appliance_subsidy', 'warm_winter'] as const satisfies readonly ProgrammeCode[];
export type CashProgramme = (typeof CASH_PROGRAMMES)[number];

export function isCashProgramme(code: string): code is CashProgramme {
  return (CASH_PROGRAMMES as readonly string[]).includes(code);
}

/** A budget line's figures as an official reads them: committed and not yet paid = total − remaining − paid. */
export function budgetFigures(line: { totalYuan: number; remainingYuan: number; paidYuan: number }) {
  const committed = line.totalYuan - line.remainingYuan;
  return { total: line.totalYuan, committedUnpaid: committed - line.paidYuan, paid: line.paidYuan, remaining: line.remainingYuan, committed };
}
