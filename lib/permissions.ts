// Who may do what: the one table of roles and capabilities. The server checks it on every
// read and write (lib/actions.ts, lib/session.ts); the UI reads it only to hide controls.
// Ownership and jurisdiction are checked on top of this, per record.
import type { Role } from './domain';

export const CAPABILITIES = {
  // residents, on their own household
  'household:manage_own': ['resident'],
  'application:apply_own': ['resident'],
  'application:withdraw_own': ['resident'],
  'application:appeal_own': ['resident'],
  'grievance:file_own': ['resident'],
  'grievance:rate_own': ['resident'],
  'voucher:view_own': ['resident'],
  // anyone signed in
  'notice:object': ['resident', 'cadre', 'official'],
  'notifications:read_own': ['resident', 'cadre', 'official'],
  // cadres, inside the places they are assigned to
  'household:manage_in_place': ['cadre'],
  'application:apply_on_behalf': ['cadre'],
  'application:verify': ['cadre'],
  'fact:verify': ['cadre'],
  'visit:record': ['cadre'],
  'grievance:file_on_behalf': ['cadre'],
  'grievance:handle': ['cadre'],
  'objection:answer': ['cadre'],
  'fulfilment:record': ['cadre'],
  'dashboard:places': ['cadre', 'official'],
  'ledger:export': ['cadre', 'official'],
  'pii:reveal': ['cadre', 'official'],
  // county officials
  'application:decide': ['official'],
  'warm_winter:enrol': ['official'],
  'programme:edit': ['official'],
  'stock:manage': ['official'],
  'budget:manage': ['official'],
  'payment:batch': ['official'],
  'user:manage': ['official'],
  'audit:read': ['official'],
  'dashboard:county': ['official'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;

export function can(role: Role | null | undefined, capability: Capability): boolean {
  if (!role) return false;
  return (CAPABILITIES[capability] as readonly Role[]).includes(role);
}

export function capabilitiesOf(role: Role): Capability[] {
  return (Object.keys(CAPABILITIES) as Capability[]).filter((c) => can(role, c));
}

/** Each role's home; the role layout refuses every other role. */
export const HOME_BY_ROLE: Record<Role, string> = {
  resident: '/resident',
  cadre: '/cadre',
  official: '/county',
};

/**
 * Jurisdiction: a place is inside a user's reach when its materialised path ('/1/4/9/')
 * starts with the path of one of the user's assigned places.
 */
export function placeWithin(placePath: string, assignedPaths: readonly string[]): boolean {
  return assignedPaths.some((p) => p.length > 0 && placePath.startsWith(p));
}
