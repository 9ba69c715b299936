import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPABILITIES, HOME_BY_ROLE, can, capabilitiesOf, dutyConflict, isCountyWide, keepingRefusal, mayReach, placeWithin, type Actor } from '@/lib/permissions';
import { ROLES } from '@/lib/domain';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

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
  it('checks every capability it defines somewhere: an action, a page, a route or the upload table', () => {
    const own = readFileSync('lib/permissions.ts', 'utf8');
    // The table itself does not count as a check: cut it out of its own file.
    const code = [own.slice(own.indexOf('} as const satisfies')), ...['app', 'server', 'lib', 'components'].flatMap(sourceFiles).filter((f) => !f.endsWith('permissions.ts')).map((f) => readFileSync(f, 'utf8'))].join('\n');
    const unchecked = Object.keys(CAPABILITIES).filter((c) => !code.includes(`'${c}'`));
    expect(unchecked).toEqual([]);
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

describe('the record rule (mayReach)', () => {
  const resident: Actor = { id: 'r1', role: 'resident', placePaths: [] };
  const cadre: Actor = { id: 'c1', role: 'cadre', placePaths: ['/1/4/'] };
  it('lets a resident reach their own household and what they filed, nothing else', () => {
    expect(mayReach(resident, { placePath: '/1/4/9/', ownerUserId: 'r1' })).toBe(true);
    expect(mayReach(resident, { placePath: '/1/4/9/', ownerUserId: 'r2' })).toBe(false);
    expect(mayReach(resident, { placePath: '/1/4/9/', ownerUserId: null, filedBy: 'r1' })).toBe(true);
    expect(mayReach(resident, { placePath: '/1/4/9/', ownerUserId: null })).toBe(false);
    expect(mayReach(resident, { placePath: '/1/4/9/', ownerUserId: null, filedBy: null })).toBe(false);
  });
  it('lets staff reach records inside their places only, whoever owns them', () => {
    expect(mayReach(cadre, { placePath: '/1/4/9/', ownerUserId: 'r1' })).toBe(true);
    expect(mayReach(cadre, { placePath: '/1/45/9/', ownerUserId: 'r1' })).toBe(false);
    expect(mayReach(cadre, { placePath: '/1/5/', ownerUserId: null, filedBy: 'c1' })).toBe(false);
    expect(mayReach({ ...cadre, placePaths: [] }, { placePath: '/1/4/9/', ownerUserId: null })).toBe(false);
  });
});

describe('separation of duties (dutyConflict)', () => {
  const official: Actor = { id: 'o1', role: 'official', placePaths: ['/1/'] };
  it('refuses staff on their own household and an official deciding what they recommended', () => {
    expect(dutyConflict(official, { ownerUserId: 'o1', householdId: null })).toBe('own_household');
    expect(dutyConflict(official, { ownerUserId: 'r1', householdId: null, recommendedBy: 'o1' })).toBe('separation_of_duties');
    expect(dutyConflict({ ...official, role: 'cadre' }, { ownerUserId: 'r1', householdId: null, recommendedBy: 'o1' })).toBeNull();
    expect(dutyConflict(official, { ownerUserId: null, householdId: null, recommendedBy: 'c9' })).toBeNull();
    expect(dutyConflict({ id: 'r1', role: 'resident', placePaths: [] }, { ownerUserId: 'r1', householdId: null })).toBeNull();
  });
});

describe('keeping a household\'s records for it (keepingRefusal)', () => {
  const cadre: Actor = { id: 'c1', role: 'cadre', placePaths: ['/1/'], conflictHouseholdIds: ['h-related'] };
  it('lets staff keep a household nobody manages, and refuses once its head has claimed it', () => {
    expect(keepingRefusal(cadre, { ownerUserId: null, householdId: 'h1' })).toBeNull();
    expect(keepingRefusal(cadre, { ownerUserId: 'r1', householdId: 'h1' })).toBe('conflict:household_claimed');
  });
  it('puts a conflict of interest first, and leaves residents to the record rule', () => {
    expect(keepingRefusal(cadre, { ownerUserId: null, householdId: 'h-related' })).toBe('forbidden:conflict_of_interest');
    expect(keepingRefusal(cadre, { ownerUserId: 'c1', householdId: 'h2' })).toBe('forbidden:own_household');
    expect(keepingRefusal({ id: 'r1', role: 'resident', placePaths: [] }, { ownerUserId: 'r1', householdId: 'h1' })).toBeNull();
  });
});

describe('isCountyWide', () => {
  it('is true only for an official assigned at the root of the place tree', () => {
    expect(isCountyWide({ role: 'official', placePaths: ['/1/'] })).toBe(true);
    expect(isCountyWide({ role: 'official', placePaths: ['/1/4/', '/1/'] })).toBe(true);
    expect(isCountyWide({ role: 'official', placePaths: ['/1/4/'] })).toBe(false);
    expect(isCountyWide({ role: 'official', placePaths: [] })).toBe(false);
    expect(isCountyWide({ role: 'cadre', placePaths: ['/1/'] })).toBe(false);
    expect(isCountyWide({ role: 'resident', placePaths: [] })).toBe(false);
  });
});
