// The word a case's status badge shows (under `status.*` in the message files). Mostly the status
// itself, but two closed cases would be misread under their status's word, so they have their own:
//  - a materials voucher not collected in time is withdrawn by the system (`expire`,
//    server/handouts/expire-pickups.ts): "withdrawn" would say the resident gave it up;
//  - a free repair closed with no unit repaired (every work order closed as impossible; the rule
//    is lib/programs/repair-outcome.ts) was not "delivered".
// And one open case: an approved voucher past its pickup window reads "expired" at once, though the
// sweep that withdraws it runs only after a staff page (`lapsed`, from lib/pickup-window.ts
// voucherLapsed): "approved" would tell the resident to go and collect what they no longer can.
// What tells them apart is the step that closed the case: the event that moved it into its
// present status, whose action and details the list queries read with the row
// (db/queries/case-closing.ts) and the case pages find in the timeline. Pure.
import type { ApplicationStatus } from './domain';
import { repairOutcomeOfEvent } from './programs/repair-outcome';

export type CaseStatusLabel = ApplicationStatus | 'expired' | 'closed_unrepairable';

/** The event that moved a case into its present status: its action and details (null for a case still open). */
export interface ClosingStep {
  action: string | null;
  details?: unknown;
}

/** The badge's word for a case: its status, unless the step that closed it (or, for an approved voucher, its lapse) says something else happened. */
export function caseStatusLabel(status: ApplicationStatus, closing?: ClosingStep | null, lapsed = false): CaseStatusLabel {
  if (status === 'withdrawn' && closing?.action === 'expire') return 'expired';
  if (status === 'approved' && lapsed) return 'expired';
  if (status === 'fulfilled' && closing?.action === 'fulfil' && repairOutcomeOfEvent(closing.details) === 'unrepairable') return 'closed_unrepairable';
  return status;
}

/**
 * From a case's timeline (oldest first), the step that closed it: the last event into its present
 * status, when that status is one a case leaves no more (withdrawn, fulfilled); else null.
 */
export function closingStepOf(status: ApplicationStatus, timeline: readonly { action: string | null; toStatus: string | null; details?: unknown }[]): ClosingStep | null {
  if (status !== 'withdrawn' && status !== 'fulfilled') return null;
  const e = timeline.findLast((ev) => ev.toStatus === status);
  return e ? { action: e.action, details: e.details } : null;
}
