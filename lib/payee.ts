// Where a household's cash is paid (issue 10 item 6): the rules for a payee account as a person
// types it. Pure and browser-safe (no node:crypto, no zod), so the form can check as the person
// types; the server parses the form with lib/payee-input.ts, which applies the same rules.
// Error messages are keys under `payee.errors.`.
import { canonical } from './id-rules';

export const PAYEE_ACCOUNT_KINDS = ['bank_card', 'social_security_card'] as const;
export type PayeeAccountKind = (typeof PAYEE_ACCOUNT_KINDS)[number];

/** Chinese bank cards are 16–19 digits and passbook accounts up to ~25; 12–30 leaves room for both without letting a phone number through. */
export const ACCOUNT_MIN_DIGITS = 12;
export const ACCOUNT_MAX_DIGITS = 30;
export const BANK_NAME_MAX = 60;
export const HOLDER_NAME_MAX = 30;

/** Spaces, dashes and full-width digits typed by an IME removed: what is sealed and checked. */
export function normaliseAccountNumber(s: string): string {
  return canonical(s);
}

/** The Luhn check digit, which every UnionPay bank card carries; a typo in one digit fails it. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export type AccountProblem = 'required' | 'digits' | 'length' | 'luhn';

/**
 * What is wrong with an account number, or null. Social-security cards (一卡通) are numbered by
 * the bank that issues them for the social-security bureau, not always with a Luhn digit, so
 * only bank cards are Luhn-checked.
 */
export function accountProblem(kind: PayeeAccountKind, raw: string): AccountProblem | null {
  const n = normaliseAccountNumber(raw);
  if (n.length === 0) return 'required';
  if (!/^\d+$/.test(n)) return 'digits';
  if (n.length < ACCOUNT_MIN_DIGITS || n.length > ACCOUNT_MAX_DIGITS) return 'length';
  if (kind === 'bank_card' && !luhnValid(n)) return 'luhn';
  return null;
}

/** Shown everywhere but a reveal: the last four digits. */
export function accountLast4(normalised: string): string {
  return normalised.slice(-4);
}

export function maskAccount(last4: string): string {
  return `****${last4}`;
}

/** A holder whose name is not the head's is allowed (a spouse's card), but staff are told so before paying into it. */
export function holderDiffersFromHead(holderName: string, headName: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  return norm(holderName) !== norm(headName);
}

// The programmes whose entitlement is money paid into an account: one list, kept with the budget lines (and tested against the rules there).
export { CASH_PROGRAMMES, type CashProgramme } from './budgets';
