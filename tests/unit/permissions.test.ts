import { describe, expect, it } from 'vitest';
import { CAPABILITIES, HOME_BY_ROLE, can, capabilitiesOf, placeWithin } from '@/lib/permissions';
import { ROLES } from '@/lib/domain';

describe('permissions table', () => {
  it('gives every capability to at least one role and only to known roles', () => {
    for (const [cap, roles] of Object.entries(CAPABILITIES)) {
      expect(roles.length, cap).toBeGreaterThan(0);
      for (const r of roles) expect(ROLES).toContain(r);
    }
  });
  it('keeps deciding for officials and verifying for cadres (TRUST A3: no one does both)', () => {
    expect(can('official', 'application:decide')).toBe(true);
    expect(can('cadre', 'application:decide')).toBe(false);
    expect(can('resident', 'application:decide')).toBe(false);
    expect(can('cadre', 'application:verify')).toBe(true);
    expect(can('official', 'application:verify')).toBe(false);
    expect(capabilitiesOf('resident').some((c) => c.startsWith('audit') || c.startsWith('user:'))).toBe(false);
  });
  it('refuses a missing role', () => {
    expect(can(null, 'notifications:read_own')).toBe(false);
    expect(can(undefined, 'notice:object')).toBe(false);
  });
  it('has a home per role', () => {
    expect(Object.keys(HOME_BY_ROLE).sort()).toEqual([...ROLES].sort());
  });
  it('judges jurisdiction by path prefix, never by a sibling with a longer id', () => {
    expect(placeWithin('/1/4/9/', ['/1/4/'])).toBe(true);
    expect(placeWithin('/1/4/', ['/1/4/'])).toBe(true);
    expect(placeWithin('/1/45/9/', ['/1/4/'])).toBe(false);
    expect(placeWithin('/1/5/', ['/1/4/', '/1/6/'])).toBe(false);
    expect(placeWithin('/1/5/', [])).toBe(false);
    expect(placeWithin('/1/5/', [''])).toBe(false);
  });
});
