// The payee account form as the server parses it (FormData strings), with the rules of
// lib/payee.ts. Apart from lib/payee.ts so that the form's page does not ship zod to the phone.
import { z } from 'zod';
import { BANK_NAME_MAX, HOLDER_NAME_MAX, PAYEE_ACCOUNT_KINDS, accountProblem, normaliseAccountNumber } from './payee';

const text = (max: number, required: string, tooLong: string) =>
  z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ error: 'payee.errors.invalid' }).trim().min(1, required).max(max, tooLong));

const payeeAccountFields = {
  kind: z.enum(PAYEE_ACCOUNT_KINDS, { error: 'payee.errors.kindRequired' }),
  bankName: text(BANK_NAME_MAX, 'payee.errors.bankRequired', 'payee.errors.bankTooLong'),
  holderName: text(HOLDER_NAME_MAX, 'payee.errors.holderRequired', 'payee.errors.holderTooLong'),
  account: z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ error: 'payee.errors.invalid' }).max(200, 'payee.errors.accountLength')),
};

const blankToNull = (v: unknown) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v);

/**
 * The form (FormData strings): the account's fields, the household (staff forms name it; the
 * resident's is found from the session) and the version the person saw (blank: no account yet).
 * The account is normalised and checked for its kind, its problem reported on `account`.
 */
export const payeeAccountInput = z
  .object({
    ...payeeAccountFields,
    householdId: z.preprocess(blankToNull, z.uuid({ error: 'payee.errors.invalid' }).nullable()).optional(),
    version: z.preprocess(blankToNull, z.coerce.number({ error: 'payee.errors.invalid' }).int('payee.errors.invalid').min(1, 'payee.errors.invalid').nullable()).optional(),
  })
  .superRefine((v, ctx) => {
    const problem = accountProblem(v.kind, v.account);
    if (problem) ctx.addIssue({ code: 'custom', path: ['account'], message: `payee.errors.account.${problem}` });
  })
  .transform((v) => ({ ...v, account: normaliseAccountNumber(v.account), householdId: v.householdId ?? null, version: v.version ?? null }));

export type PayeeAccountInput = z.output<typeof payeeAccountInput>;
