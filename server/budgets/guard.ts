import 'server-only';
// Budget lines belong to the whole county: only an official assigned at the county's root
// manages them (lib/permissions.ts isCountyWide), and only for programmes paid in money.
import { AppError } from '@/lib/errors';
import { isCashProgramme, type CashProgramme } from '@/lib/budgets';
import { isCountyWide, type Actor } from '@/lib/permissions';

export function countyWideOrThrow(actor: Actor): void {
  if (!isCountyWide(actor)) throw new AppError('forbidden:budget');
}

export function cashProgrammeOrThrow(code: string): CashProgramme {
  if (!isCashProgramme(code)) throw new AppError('not_found:budget');
  return code;
}
