// Who may do what, to which record — the one access policy (CONVENTIONS §2). Three parts:
// the table of roles and capabilities; the record rule (a resident reaches their own
// household's records; staff reach what lies inside their places); separation of duties
// (nobody acts as staff on their own household's case; whoever recommended a case cannot
// decide it). The server checks all three on every read and write (lib/actions.ts,
// lib/session.ts, the use cases in server/, and db/queries/scope.ts `whereReachable`, the
// same rule as SQL); the UI reads them only to hide controls. Pure: no database.
import type { Role, UploadKind } from './domain';

// Every capability here is checked somewhere (an action, a page's requireCapability, the upload
// table below); tests/unit/permissions.test.ts fails on one that is defined and never checked.
// The features still to come (visits, stock, budgets, users, audit, exports) add theirs.
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
  'account:change_password': ['resident', 'cadre', 'official'],
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
  // Conflict of interest: staff declare relatives (and their own ID number) whose households they must not handle.
  'relative:declare': ['cadre', 'official'],
  // staff: the full phone or ID number of a household in their places, for one request, with a reason (audited, rate-limited)
  'pii:reveal': ['cadre', 'official'],
  // county officials
  'application:decide': ['official'],
  'dashboard:county': ['official'],
  // officials: the visits of grade-D households inside their places, their coverage and ledger (/county/visits; cadres record them: visit:record)
  'visit:read': ['official'],
  // officials: cadre and official accounts of places inside their own (server/staff/*)
  'staff:manage': ['official'],
  // county-wide officials (isCountyWide, checked in server/audit/*): read, export and check the audit log
  'audit:read': ['official'],
  // officials: grievances inside their places — 督办 (escalate) and hand to another place's cadres (server/grievances/supervise-grievance.ts)
  'grievance:supervise': ['official'],
  // county-wide officials (isCountyWide, checked in server/waivers/*): heating and property companies and their fee-waiver lists
  'waiver:manage': ['official'],
  // county-wide officials (isCountyWide, checked in the use case): programme settings and grievance time limits
  'programme:configure': ['official'],
  // officials: distribution points and their stock inside their places; budget lines (county-wide only: isCountyWide)
  'stock:manage': ['official'],
  'budget:manage': ['official'],
  // county-wide officials (isCountyWide, checked in server/payments/*): payment batches and their bank files
  'payment:manage': ['official'],
  // county-wide officials (isCountyWide, checked in server/enrolment/*): 免申即享 enrolment runs
  'enrolment:run': ['official'],
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

/** True when any one of the capabilities is the role's. */
export function canAny(role: Role | null | undefined, capabilities: readonly Capability[]): boolean {
  return capabilities.some((c) => can(role, c));
}

// ---------------------------------------------------------------------------------------
// The record rule
// ---------------------------------------------------------------------------------------

/** Who is acting, as the server knows them from the session (lib/session.ts). */
export interface Actor {
  id: string;
  role: Role;
  /** Materialised paths ('/1/4/9/') of the places a staff member is assigned to; empty for residents. */
  placePaths: readonly string[];
  /**
   * Staff: households whose head or a member carries the staff member's own ID number or a
   * declared relative's (conflict of interest). Read with the session on every request.
   */
  conflictHouseholdIds?: readonly string[];
}

/** What the record rule needs to know about a household, an application, a grievance or an upload. */
export interface ReachFacts {
  /** The path of the place the record lies in (the household's place, or the grievance's). */
  placePath: string;
  /** The account that owns the household the record belongs to (null: no owner account, e.g. 代办). */
  ownerUserId: string | null;
  /** For grievances: the account that filed it (a resident may file about a place, with no household). */
  filedBy?: string | null;
}

/**
 * Jurisdiction: a place is inside a user's reach when its materialised path ('/1/4/9/')
 * starts with the path of one of the user's assigned places.
 */
export function placeWithin(placePath: string, assignedPaths: readonly string[]): boolean {
  return assignedPaths.some((p) => p.length > 0 && placePath.startsWith(p));
}

/**
 * County-wide: an official assigned at the root of the place tree (a path of one id, '/1/').
 * Things that belong to the whole county and to no one place — programme settings, budgets,
 * 免申即享 enrolment, payment batches, the companies' waiver lists — are managed only by them;
 * an official scoped to a township manages what lies inside it.
 */
export function isCountyWide(actor: Pick<Actor, 'role' | 'placePaths'>): boolean {
  return actor.role === 'official' && actor.placePaths.some((p) => /^\/\d+\/$/.test(p));
}

/**
 * THE record rule. A resident reaches the records of the household they own, and the
 * grievances they filed; a cadre or official reaches records inside their places. Anything
 * else is answered as "not found", so the existence of a record is not revealed.
 * `whereReachable` in db/queries/scope.ts is the same rule as a SQL condition.
 */
export function mayReach(actor: Actor, record: ReachFacts): boolean {
  if (actor.role === 'resident') return (record.ownerUserId !== null && record.ownerUserId === actor.id) || (record.filedBy != null && record.filedBy === actor.id);
  return placeWithin(record.placePath, actor.placePaths);
}

// ---------------------------------------------------------------------------------------
// Separation of duties (TRUST A3)
// ---------------------------------------------------------------------------------------

export type DutyRefusal = 'own_household' | 'conflict_of_interest' | 'separation_of_duties';

/** The record belongs to the actor's own household (an objection to one's own case is refused too). */
export function ownsHousehold(actor: Pick<Actor, 'id'>, record: { ownerUserId: string | null }): boolean {
  return record.ownerUserId !== null && record.ownerUserId === actor.id;
}

/**
 * A staff member never acts on their own household's case nor on one of a household they are
 * related to (their own ID number or a declared relative's on the head or a member: another
 * cadre of the place takes it), and the official who decides a case is not the person who
 * recommended it. Returns the refusal, or null when allowed.
 */
export function dutyConflict(actor: Actor, record: { ownerUserId: string | null; householdId: string | null; recommendedBy?: string | null }): DutyRefusal | null {
  if (actor.role === 'resident') return null;
  if (ownsHousehold(actor, record)) return 'own_household';
  if (record.householdId && actor.conflictHouseholdIds?.includes(record.householdId)) return 'conflict_of_interest';
  if (actor.role === 'official' && record.recommendedBy != null && record.recommendedBy === actor.id) return 'separation_of_duties';
  return null;
}

/**
 * Staff keep a household's records for it (代办: its members, its declared damage, its
 * applications) only while no resident account manages it. Once its head has claimed it, the
 * household does these itself and the cadre verifies, as for any household. Filing a grievance
 * for a household is not keeping its records: a visit's needs become one for any household.
 * Returns the error to throw, or null when allowed.
 */
export function keepingRefusal(actor: Actor, record: { ownerUserId: string | null; householdId: string | null }): `forbidden:${DutyRefusal}` | 'conflict:household_claimed' | null {
  const duty = dutyConflict(actor, record);
  if (duty) return `forbidden:${duty}`;
  return actor.role !== 'resident' && record.ownerUserId !== null ? 'conflict:household_claimed' : null;
}

// ---------------------------------------------------------------------------------------
// Uploads: who may upload each kind (any one of these capabilities will do)
// ---------------------------------------------------------------------------------------

export const UPLOAD_KIND_CAPABILITIES: Record<UploadKind, readonly Capability[]> = {
  damage_photo: ['household:manage_own', 'household:manage_in_place'],
  invoice: ['application:apply_own', 'application:apply_on_behalf'],
  evidence: ['application:apply_own', 'application:appeal_own', 'application:apply_on_behalf', 'application:verify'],
  visit_photo: ['visit:record'],
  grievance_photo: ['grievance:file_own', 'grievance:file_on_behalf', 'grievance:handle'],
};

export function mayUploadKind(role: Role, kind: UploadKind): boolean {
  return canAny(role, UPLOAD_KIND_CAPABILITIES[kind]);
}
