import { describe, expect, it } from 'vitest';
import { reapplyRefusal } from '@/lib/reapply';
import { appealEndsAt } from '@/lib/workflow';

const refusedAt = new Date('2026-11-02T02:00:00Z');

describe('applying again (lib/reapply.ts)', () => {
  it('is free after a withdrawal, whatever the facts', () => {
    expect(reapplyRefusal({ status: 'withdrawn', rejectedAt: null, rejectionFinal: false }, false, refusedAt)).toBeNull();
  });
  it('sends a refusal that can still be appealed to the appeal, facts changed or not', () => {
    const during = new Date(appealEndsAt(refusedAt).getTime() - 1);
    expect(reapplyRefusal({ status: 'rejected', rejectedAt: refusedAt, rejectionFinal: false }, true, during)).toBe('appeal_instead');
  });
  it('after a final refusal, or once the appeal window closed, asks for a changed verified fact', () => {
    const after = appealEndsAt(refusedAt);
    expect(reapplyRefusal({ status: 'rejected', rejectedAt: refusedAt, rejectionFinal: false }, false, after)).toBe('facts_unchanged');
    expect(reapplyRefusal({ status: 'rejected', rejectedAt: refusedAt, rejectionFinal: false }, true, after)).toBeNull();
    expect(reapplyRefusal({ status: 'rejected', rejectedAt: refusedAt, rejectionFinal: true }, false, refusedAt)).toBe('facts_unchanged');
    expect(reapplyRefusal({ status: 'rejected', rejectedAt: refusedAt, rejectionFinal: true }, true, refusedAt)).toBeNull();
  });
});
