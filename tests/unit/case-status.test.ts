// The word a case's badge shows (lib/case-status.ts): its status, except an expired voucher (not
// a withdrawal) and a repair closed with no unit repaired (not a delivery), told apart by the step
// that closed the case. Every word exists in both languages and differs from the status's word.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import zh from '@/messages/zh-CN.json';
import en from '@/messages/en.json';
import { APPLICATION_STATUSES } from '@/lib/domain';
import { caseStatusLabel, closingStepOf, type CaseStatusLabel } from '@/lib/case-status';
import { repairOutcome } from '@/lib/programs';
import { lookup, type Messages } from './catalogue';

const fulfil = (repaired: number, unrepairable: number) => ({ action: 'fulfil', details: { via: 'work_orders', repaired, unrepairable } });

describe('caseStatusLabel', () => {
  it('says "expired" for a case the system withdrew because its voucher was not used, "withdrawn" when the resident withdrew it', () => {
    expect(caseStatusLabel('withdrawn', { action: 'expire', details: { lastDay: '2026-11-20', released: [] } })).toBe('expired');
    expect(caseStatusLabel('withdrawn', { action: 'withdraw', details: null })).toBe('withdrawn');
    expect(caseStatusLabel('withdrawn', null)).toBe('withdrawn');
    expect(caseStatusLabel('withdrawn')).toBe('withdrawn');
  });

  it('says "expired" for an approved voucher past its pickup window before the sweep withdraws it, and for nothing else that lapses', () => {
    expect(caseStatusLabel('approved', null, true)).toBe('expired');
    expect(caseStatusLabel('approved', null, false)).toBe('approved');
    expect(caseStatusLabel('approved')).toBe('approved');
    // Only an open approval lapses: a handed-out or refused case keeps its word whatever the flag says.
    expect(caseStatusLabel('fulfilled', { action: 'fulfil', details: { via: 'pickup_code' } }, true)).toBe('fulfilled');
    expect(caseStatusLabel('rejected', null, true)).toBe('rejected');
  });

  it('says "closed, could not be repaired" only for a repair closed with no unit repaired', () => {
    expect(caseStatusLabel('fulfilled', fulfil(0, 1))).toBe('closed_unrepairable');
    expect(caseStatusLabel('fulfilled', fulfil(0, 2))).toBe('closed_unrepairable');
    // Some units repaired: something was delivered.
    expect(caseStatusLabel('fulfilled', fulfil(1, 1))).toBe('fulfilled');
    expect(caseStatusLabel('fulfilled', fulfil(2, 0))).toBe('fulfilled');
    // Other deliveries, and a fulfil event written before the outcome was recorded.
    expect(caseStatusLabel('fulfilled', { action: 'fulfil', details: { via: 'pickup_code' } })).toBe('fulfilled');
    expect(caseStatusLabel('fulfilled', { action: 'mark_paid', details: null })).toBe('fulfilled');
    expect(caseStatusLabel('fulfilled', null)).toBe('fulfilled');
  });

  it('follows the repair rule (lib/programs/repair-outcome.ts) for every tally', () => {
    fc.assert(
      fc.property(fc.nat(10), fc.nat(10), (done, unrepairable) => {
        const label = caseStatusLabel('fulfilled', fulfil(done, unrepairable));
        expect(label === 'closed_unrepairable').toBe(repairOutcome({ done, unrepairable }) === 'unrepairable');
      }),
    );
  });

  it('is the status itself for every other status, whatever step came last', () => {
    const steps = [null, { action: 'expire' }, fulfil(0, 1), { action: 'withdraw' }];
    for (const status of APPLICATION_STATUSES) {
      if (status === 'withdrawn' || status === 'fulfilled') continue;
      for (const step of steps) expect(caseStatusLabel(status, step), status).toBe(status);
    }
  });
});

describe('closingStepOf', () => {
  const timeline = [
    { action: 'submit', toStatus: 'submitted', details: null },
    { action: 'approve', toStatus: 'approved', details: null },
    { action: 'expire', toStatus: 'withdrawn', details: { lastDay: '2026-11-20' } },
  ];

  it('is the last event into the present status of a withdrawn or fulfilled case', () => {
    expect(closingStepOf('withdrawn', timeline)).toEqual({ action: 'expire', details: { lastDay: '2026-11-20' } });
    expect(caseStatusLabel('withdrawn', closingStepOf('withdrawn', timeline))).toBe('expired');
    expect(closingStepOf('fulfilled', [...timeline.slice(0, 2), { action: 'fulfil', toStatus: 'fulfilled', details: { repaired: 0, unrepairable: 1 } }])).toEqual({ action: 'fulfil', details: { repaired: 0, unrepairable: 1 } });
  });

  it('is null for a case still open, or with no such event', () => {
    expect(closingStepOf('approved', timeline)).toBeNull();
    expect(closingStepOf('fulfilled', timeline)).toBeNull();
    expect(closingStepOf('withdrawn', [])).toBeNull();
  });
});

describe('the words', () => {
  const labels: CaseStatusLabel[] = [...APPLICATION_STATUSES, 'expired', 'closed_unrepairable'];

  it('exist in both languages for every label, and the two new ones are not the words they replace', () => {
    for (const cat of [zh, en] as Messages[]) {
      for (const l of labels) expect(lookup(cat, `status.${l}`), l).toBeTruthy();
      expect(lookup(cat, 'status.expired')).not.toBe(lookup(cat, 'status.withdrawn'));
      expect(lookup(cat, 'status.closed_unrepairable')).not.toBe(lookup(cat, 'status.fulfilled'));
    }
    expect(lookup(zh as Messages, 'status.expired')).toContain('过期');
    expect(lookup(en as Messages, 'status.expired')).toMatch(/expired/i);
    expect(lookup(zh as Messages, 'status.closed_unrepairable')).toContain('无法修复');
    expect(lookup(en as Messages, 'status.closed_unrepairable')).toMatch(/could not be repaired/i);
  });
});
