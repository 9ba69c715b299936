// The queue's "overdue" rule (lib/workflow.ts): a submitted case is overdue once VERIFY_DAYS
// calendar days in China have passed after the day it was sent, and the SQL cut-off
// (`verificationOverdueBefore`) says exactly the same as the per-case function.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VERIFY_DAYS, verificationOverdue, verificationOverdueBefore } from '@/lib/workflow';

const cst = (s: string) => new Date(`${s}+08:00`);

describe('verification overdue', () => {
  it('counts calendar days in China: sent on 1 Nov, overdue from 17 Nov 00:00 CST with 15 days', () => {
    expect(VERIFY_DAYS).toBe(15);
    const sent = cst('2026-11-01T23:59:00');
    expect(verificationOverdue(sent, cst('2026-11-16T23:59:59'))).toBe(false);
    expect(verificationOverdue(sent, cst('2026-11-17T00:00:00'))).toBe(true);
    // A case sent at 00:30 CST on 2 Nov (still 1 Nov in UTC) belongs to 2 Nov.
    expect(verificationOverdue(cst('2026-11-02T00:30:00'), cst('2026-11-17T12:00:00'))).toBe(false);
  });

  it('the SQL cut-off agrees with the per-case rule for any submission and any moment', () => {
    const day = 86_400_000;
    const base = Date.UTC(2026, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * day }), fc.integer({ min: 0, max: 60 * day }), (nowOffset, age) => {
        const now = new Date(base + nowOffset);
        const sent = new Date(now.getTime() - age);
        expect(verificationOverdue(sent, now)).toBe(sent < verificationOverdueBefore(now));
      }),
      { numRuns: 2000 },
    );
  });
});
