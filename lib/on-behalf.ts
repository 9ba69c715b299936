// Assisted service (代办): which of a household's records a cadre made for the household rather
// than the household making them itself. The one rule behind the words that say so on the
// cadre's household page ("干部代为申报", "干部代为登记"), the staff case pages and the
// timelines of a case or a grievance ("村（社区）干部代办"), read by cadres, officials and, once
// they have taken the household over, the residents themselves.
import type { Role } from '@/lib/domain';

/** Staff who record something on a household record it for the household: only a resident acts for their own. */
export function actsForHousehold(role: Role | string | null | undefined): boolean {
  return role === 'cadre' || role === 'official';
}

/**
 * A member or a declared fact was recorded for the household by staff when the account that
 * recorded it is staff (`household_facts.declared_by`, the member's audit event). When that is
 * not known (rows written before it was kept), a household no resident account manages had
 * nobody of its own to record it, so staff did.
 */
export function recordedForHousehold(byRole: Role | string | null | undefined, household: { hasOwner: boolean }): boolean {
  if (byRole) return actsForHousehold(byRole);
  return !household.hasOwner;
}

/** The steps that are the household's own to take: sending its application, filing its grievance. */
const HOUSEHOLD_STEPS = {
  application: new Set(['submit', 'resubmit']),
  grievance: new Set(['file']),
} as const;

/** One step on a case's or a grievance's timeline was taken by staff for the household (代办). */
export function stepTakenForHousehold(subject: keyof typeof HOUSEHOLD_STEPS, step: { action: string | null; actorRole: string | null }): boolean {
  return step.action !== null && HOUSEHOLD_STEPS[subject].has(step.action) && actsForHousehold(step.actorRole);
}
