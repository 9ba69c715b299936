// What a server action answers, and the one sentence a person reads for it. Client-safe: no
// server imports, so forms import the types and `describeResult` from here, while
// lib/actions.ts (server-only) builds the results.
import { ERROR_CODES, type ErrorCode } from './errors';
import { REASON_MIN_LENGTH } from './field-limits';
import { APPEAL_WINDOW_DAYS, GRIEVANCE_REFUSALS, REOPEN_WINDOW_DAYS, WORKFLOW_REFUSALS } from './refusals';

/** Field name → message keys. `_form` holds problems that belong to no single field. */
export type FieldErrors = Record<string, string[]>;

export type ActionResult<T = null> =
  | { status: 'ok'; data: T }
  | { status: 'invalid'; fieldErrors: FieldErrors }
  | { status: 'conflict'; code: ErrorCode }
  | { status: 'rate_limited'; code: ErrorCode }
  | { status: 'unauthenticated' }
  | { status: 'forbidden' }
  | { status: 'not_found' }
  | { status: 'error'; code: ErrorCode };

export type ActionStatus = ActionResult<unknown>['status'];

/** The key of the form-level entry in `fieldErrors` (zod's `formErrors`, refinements without a path). */
export const FORM_ERRORS_KEY = '_form';

/** A message key and the values it needs; the caller translates it. */
export interface ResultMessage {
  key: string;
  values?: Record<string, string | number>;
}

/**
 * Where the result is read, for the few sentences that depend on it: a refused step names the
 * application workflow's refusal or the grievance's (both have a `wrong_state`), and "forbidden"
 * on a staff case or the notice board has its own explanation.
 */
export type ResultContext = 'form' | 'application' | 'case' | 'grievance' | 'notice';

const WORKFLOW_REFUSAL_SET = new Set<string>(WORKFLOW_REFUSALS);
const GRIEVANCE_REFUSAL_SET = new Set<string>(GRIEVANCE_REFUSALS);
const ERROR_KIND_SET = new Set<string>(ERROR_CODES);

/** Codes with a sentence of their own, whatever the screen. */
const CODE_MESSAGES: Partial<Record<string, string>> = {
  'conflict:application': 'cases.messages.stale',
  'conflict:objection_answered': 'cases.messages.objectionAnswered',
  'conflict:notice_closed': 'notice.messages.closed',
  'duplicate:objection': 'notice.messages.duplicate',
  'rate_limited:objection': 'notice.messages.tooManyObjections',
  'rate_limited:registration': 'register.errors.rateLimited',
  // Approval refused for want of stock or money (issue 10 item 5): what is short and what to do.
  'out_of_stock:materials': 'countyStock.refusals.outOfStock',
  'over_budget:programme': 'countyBudgets.refusals.overBudget',
  // A cash programme with no budget line: no money can be committed, so none is approved or enrolled.
  'conflict:no_budget_line': 'countyBudgets.refusals.noBudgetLine',
  // A cash entitlement is fulfilled only by a payment batch the bank paid (issue 10 item 6).
  'conflict:paid_through_batch': 'countyPayments.messages.paidThroughBatch',
  // A case whose money is with the bank cannot be withdrawn until the bank's answer is recorded.
  'conflict:in_payment_batch': 'countyPayments.messages.inPaymentBatch',
  // A repair case with a unit already repaired was partly delivered: the resident cannot withdraw it.
  'conflict:repair_started': 'track.withdraw.repairStarted',
  // An official closed the programme to new applications (issue 10 item 3).
  'conflict:applications_closed': 'countyProgrammes.closedForApplications',
  // The household's head claimed it: a cadre no longer keeps its records for it (代办).
  'conflict:household_claimed': 'cadreAssist.household.claimedStop',
};

const FORBIDDEN_MESSAGES: Partial<Record<ResultContext, string>> = {
  case: 'cases.messages.forbidden',
  notice: 'notice.messages.ownHousehold',
};

/**
 * The one sentence a person reads for an action's result, as a message key and its values
 * (the caller translates), or null when there is nothing to say: success, or field errors
 * that the fields show themselves. Form-level problems (`fieldErrors._form`) are that sentence.
 */
export function describeResult(result: ActionResult<unknown> | null | undefined, context: ResultContext = 'form'): ResultMessage | null {
  if (!result) return null;
  switch (result.status) {
    case 'ok':
      return null;
    case 'invalid': {
      const key = result.fieldErrors[FORM_ERRORS_KEY]?.[0];
      return key ? { key } : null;
    }
    case 'unauthenticated':
    case 'not_found':
      return { key: `errors.${result.status}` };
    case 'forbidden':
      return { key: FORBIDDEN_MESSAGES[context] ?? 'errors.forbidden' };
    case 'conflict':
    case 'rate_limited':
    case 'error': {
      const own = CODE_MESSAGES[result.code];
      if (own) return { key: own };
      const [kind = 'internal', subject] = result.code.split(':');
      if (kind === 'conflict' && subject) {
        if (context === 'grievance' && GRIEVANCE_REFUSAL_SET.has(subject)) return { key: `grievances.refusals.${subject}`, values: { days: REOPEN_WINDOW_DAYS } };
        if (context !== 'grievance' && WORKFLOW_REFUSAL_SET.has(subject)) return { key: `workflow.refusals.${subject}`, values: { min: REASON_MIN_LENGTH, days: APPEAL_WINDOW_DAYS } };
      }
      return { key: ERROR_KIND_SET.has(kind) ? `errors.${kind}` : 'errors.internal' };
    }
  }
}

/** Every key describeResult can answer with, for the catalogue test. */
export function describableKeys(): string[] {
  return [
    ...Object.values(CODE_MESSAGES),
    ...Object.values(FORBIDDEN_MESSAGES),
    ...ERROR_CODES.map((k) => `errors.${k}`),
    ...WORKFLOW_REFUSALS.map((s) => `workflow.refusals.${s}`),
    ...GRIEVANCE_REFUSALS.map((s) => `grievances.refusals.${s}`),
  ].filter((k): k is string => typeof k === 'string');
}
