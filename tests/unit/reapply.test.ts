import { describe, expect, it } from 'vitest';
import { isClosedApplication, reapplyCandidates, reapplyRefusal } from '@/lib/reapply';
import { APPLICATION_STATUSES, type ApplicationStatus, type ProgrammeCode } from '@/lib/domain';
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

describe('the case that decides whether a household may apply again (reapplyCandidates)', () => {
  const c = (programmeCode: ProgrammeCode, status: ApplicationStatus, id: string) => ({ id, programmeCode, status, rejectedAt: status === 'rejected' ? refusedAt : null, rejectionFinal: false });

  it('only a withdrawn or refused case is closed', () => {
    expect(APPLICATION_STATUSES.filter(isClosedApplication)).toEqual(['withdrawn', 'rejected']);
  });
  it('takes, per programme, the newest closed case, and none for a programme with no case', () => {
    const cases = [c('heating_fee_waiver', 'rejected', 'new'), c('property_fee_waiver', 'withdrawn', 'p'), c('heating_fee_waiver', 'withdrawn', 'old')];
    expect(reapplyCandidates(cases).map((x) => x.id)).toEqual(['new', 'p']);
  });
  it('leaves out a programme with an open case, even behind an older closed one', () => {
    for (const open of APPLICATION_STATUSES.filter((s) => !isClosedApplication(s))) {
      expect(reapplyCandidates([c('heating_fee_waiver', open, 'now'), c('heating_fee_waiver', 'withdrawn', 'before')])).toEqual([]);
      expect(reapplyCandidates([c('heating_fee_waiver', 'withdrawn', 'before'), c('heating_fee_waiver', open, 'now')])).toEqual([]);
    }
  });
});
