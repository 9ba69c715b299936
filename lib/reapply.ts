// Applying again for a programme (issue 9 item 8; PRODUCT.md allows one open application per
// household and programme, enforced by the index applications_household_programme_open_uq).
// After a withdrawal a household may apply again at once. After a refusal it must first use
// its right of appeal: only a final refusal (decided on appeal, or its appeal window closed)
// opens the way, and only once a verified fact has changed since — the same facts would be
// refused again by the same rule.
import type { ApplicationStatus, ProgrammeCode } from './domain';
import { appealEndsAt } from './workflow';

export type ReapplyRefusal = 'appeal_instead' | 'facts_unchanged';

export interface ClosedApplication {
  status: ApplicationStatus;
  rejectedAt: Date | null;
  rejectionFinal: boolean;
}

/** Why the household may not apply again yet, or null when it may. `factsChanged`: a fact was verified after the refusal. */
export function reapplyRefusal(previous: ClosedApplication, factsChanged: boolean, now: Date): ReapplyRefusal | null {
  if (previous.status === 'withdrawn') return null;
  const final = previous.rejectionFinal || (previous.rejectedAt !== null && now.getTime() >= appealEndsAt(previous.rejectedAt).getTime());
  if (!final) return 'appeal_instead';
  return factsChanged ? null : 'facts_unchanged';
}

/** A withdrawn or refused case: history, after which the household may be able to apply again. */
export function isClosedApplication(status: ApplicationStatus): boolean {
  return status === 'withdrawn' || status === 'rejected';
}

/**
 * Per programme, the case that decides whether the household may apply again: its most recent
 * closed case, when it has no open one (one open application per household and programme).
 * `cases` newest first, as the resident's case lists are read. A programme with an open case
 * (a draft, one being dealt with, an appeal, a delivered one) or no case at all is left out.
 */
export function reapplyCandidates<C extends ClosedApplication & { programmeCode: ProgrammeCode }>(cases: readonly C[]): C[] {
  const open = new Set(cases.filter((c) => !isClosedApplication(c.status)).map((c) => c.programmeCode));
  const seen = new Set<ProgrammeCode>();
  return cases.filter((c) => {
    if (open.has(c.programmeCode) || seen.has(c.programmeCode)) return false;
    seen.add(c.programmeCode);
    return true;
  });
}
