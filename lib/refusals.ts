// The refusals of the two state machines, the appeal window and the grievance reopen window, as
// plain constants: the words for a refusal are chosen on the client too (lib/action-result.ts,
// through ActionProblem), and they name these windows' days; importing them from
// lib/workflow.ts or lib/grievances.ts put those modules' whole graph — zod schemas,
// lib/time.ts and @date-fns/tz — into the JavaScript of every page with a form.
// lib/workflow.ts and lib/grievances.ts re-export them.

export const WORKFLOW_REFUSALS = [
  'unknown_action',
  'wrong_state',
  'wrong_role',
  'reason_required',
  'rule_not_met',
  'rule_met',
  /** Rejecting while a fact the rule needs is not verified yet. */
  'rule_unknown',
  'notice_required',
  'no_notice_period',
  'notice_running',
  'objection_pending',
  'objection_upheld',
  /** Approval: on the facts as verified now the rule no longer passes (they changed since recommendation). */
  'facts_changed',
  /** Approval: on the facts as verified now the rule grants something other than what was recommended. */
  'grant_changed',
  'appeal_window_closed',
  'appeal_final',
  /** Upholding an appeal: the rule does not pass on the facts as verified now. */
  'appeal_rule_not_met',
  /** Delivering an approved case that has no entitlement frozen on it. */
  'no_entitlement',
  /** 免申即享 enrolment is only for a programme that needs no application. */
  'application_needed',
  /** The caller did not supply a fact a guard needs (a programming error): refused, never guessed. */
  'context_missing',
] as const;

/** Days after a rejection in which the resident may appeal (PRODUCT.md, the application life cycle). */
export const APPEAL_WINDOW_DAYS = 15;

/** A closed grievance may be reopened by the resident on this many CST calendar days after closing. */
export const REOPEN_WINDOW_DAYS = 7;

export const GRIEVANCE_REFUSALS = ['unknown_action', 'wrong_state', 'wrong_role', 'note_required', 'rating_required', 'reason_required', 'reopen_window_closed', 'context_missing'] as const;
