// The payee account rules (lib/payee.ts): the Luhn digit on known card numbers and on every
// single-digit typo of one, normalisation of what people type, and which problem is reported.
import { describe, expect, it } from 'vitest';
import { accountLast4, accountProblem, holderDiffersFromHead, luhnValid, maskAccount, normaliseAccountNumber } from '@/lib/payee';

// Published test numbers with a correct check digit (ISO/IEC 7812 examples).
const VALID = ['79927398713', '4111111111111111'];

describe('luhnValid', () => {
  it('accepts numbers with a correct check digit and refuses every one-digit typo of them', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('4111111111111111')).toBe(true);
    for (const n of VALID) {
      for (let i = 0; i < n.length; i++) {
        for (let d = 0; d < 10; d++) {
          if (String(d) === n[i]) continue;
          expect(luhnValid(`${n.slice(0, i)}${d}${n.slice(i + 1)}`), `${n} with ${d} at ${i}`).toBe(false);
        }
      }
    }
  });

  it('refuses anything but digits', () => {
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('4111 1111 1111 1111')).toBe(false);
  });
});

describe('accountProblem', () => {
  it('removes spaces, dashes and full-width digits before checking', () => {
    expect(normaliseAccountNumber('4111 1111-1111 １１１１')).toBe('4111111111111111');
    expect(accountProblem('bank_card', '4111 1111 1111 1111')).toBeNull();
  });

  it('names the problem: missing, not digits, 12–30 digits, Luhn for bank cards only', () => {
    expect(accountProblem('bank_card', '  ')).toBe('required');
    expect(accountProblem('bank_card', '4111x11111111111')).toBe('digits');
    expect(accountProblem('bank_card', '41111111111')).toBe('length');
    expect(accountProblem('social_security_card', '1'.repeat(31))).toBe('length');
    expect(accountProblem('bank_card', '4111111111111112')).toBe('luhn');
    expect(accountProblem('social_security_card', '4111111111111112')).toBeNull();
  });
});

describe('showing an account', () => {
  it('keeps the last four digits only', () => {
    expect(maskAccount(accountLast4('4111111111111234'))).toBe('****1234');
  });

  it('warns when the holder is not the head, ignoring spaces and width', () => {
    expect(holderDiffersFromHead('张 三', '张三')).toBe(false);
    expect(holderDiffersFromHead('李四', '张三')).toBe(true);
  });
});
