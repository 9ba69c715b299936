import { describe, expect, it } from 'vitest';
import { actsForHousehold, recordedForHousehold, stepTakenForHousehold } from '@/lib/on-behalf';
import { ROLES } from '@/lib/domain';

describe('who acts for a household (lib/on-behalf.ts)', () => {
  it('staff act for the household; a resident, or nobody known, acts for nobody else', () => {
    expect(ROLES.filter(actsForHousehold)).toEqual(['cadre', 'official']);
    expect(actsForHousehold(null)).toBe(false);
    expect(actsForHousehold('system')).toBe(false);
  });

  it('a member or a fact a cadre recorded was recorded for the household, before and after a resident takes it over', () => {
    expect(recordedForHousehold('cadre', { hasOwner: false })).toBe(true);
    expect(recordedForHousehold('cadre', { hasOwner: true })).toBe(true);
    expect(recordedForHousehold('resident', { hasOwner: true })).toBe(false);
  });

  it('when who recorded it is not known, only a household nobody manages had it recorded by staff', () => {
    expect(recordedForHousehold(null, { hasOwner: false })).toBe(true);
    expect(recordedForHousehold(undefined, { hasOwner: true })).toBe(false);
  });

  it("on a case, only sending the application is the household's step a cadre takes for it", () => {
    expect(stepTakenForHousehold('application', { action: 'submit', actorRole: 'cadre' })).toBe(true);
    expect(stepTakenForHousehold('application', { action: 'resubmit', actorRole: 'cadre' })).toBe(true);
    expect(stepTakenForHousehold('application', { action: 'submit', actorRole: 'resident' })).toBe(false);
    // The cadre's own steps are theirs, not the household's.
    expect(stepTakenForHousehold('application', { action: 'recommend', actorRole: 'cadre' })).toBe(false);
    expect(stepTakenForHousehold('application', { action: 'return', actorRole: 'cadre' })).toBe(false);
    expect(stepTakenForHousehold('application', { action: null, actorRole: 'cadre' })).toBe(false);
  });

  it('on a grievance, filing it is the step a cadre takes for the household; answering it is their own', () => {
    expect(stepTakenForHousehold('grievance', { action: 'file', actorRole: 'cadre' })).toBe(true);
    expect(stepTakenForHousehold('grievance', { action: 'file', actorRole: 'resident' })).toBe(false);
    expect(stepTakenForHousehold('grievance', { action: 'respond', actorRole: 'cadre' })).toBe(false);
    expect(stepTakenForHousehold('grievance', { action: 'submit', actorRole: 'cadre' })).toBe(false);
  });
});
