// Applying again for a programme (issue 9 item 8; PRODUCT.md allows one open application per
// household and programme, enforced by the index applications_household_programme_open_uq).
// After a withdrawal a household may apply again at once. After a refusal it must first use
// its right of appeal: only a final refusal (decided on appeal, or its appeal window closed)
// opens the way, and only once a verified fact has changed since — the same facts would be
// refused again by the same rule.
import type { ApplicationStatus } from './domain';
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
