// The one state machine for applications (CONVENTIONS.md §3), on the generic machine of
// lib/state-machine.ts. The table says who may fire which action from which status and what
// it requires; the guards say when the facts of the case allow it. The server asks
// `checkTransition` before it changes `status`; the UI asks `availableActions` which buttons
// to show (a hint only); forms and actions parse their input with
// `applicationTransitionInput`, derived from the table, so a reason is required exactly where
// the table says so. Pure: no database, no clock unless the caller leaves `now` out.

import { z } from 'zod';
import type { ApplicationStatus } from '@/lib/domain';
import { APPLICATION_STATUSES } from '@/lib/domain';
import { defineMachine, recordIdSchema, recordVersionSchema, type Guard as MachineGuard, type TransitionSpec } from '@/lib/state-machine';
import { addCalendarDays, cstDayStart, daysLeft, isValidDate, lastDayOf, windowEndsAt } from '@/lib/time';
import { REASON_MAX_LENGTH, REASON_MIN_LENGTH } from '@/lib/field-limits';
import { reasonSchema } from '@/lib/validators';
import { APPEAL_WINDOW_DAYS, WORKFLOW_REFUSALS } from './refusals';

export { APPEAL_WINDOW_DAYS, WORKFLOW_REFUSALS };

/** Who fires a transition. `system` = scheduled jobs (e.g. opening the public notice). */
export type Actor = 'resident' | 'cadre' | 'official' | 'system';
export const ACTORS = ['resident', 'cadre', 'official', 'system'] as const satisfies readonly Actor[];

export const TRANSITION_ACTIONS = [
  'submit',
  'return',
  'resubmit',
  'withdraw',
  'recommend',
  'reject',
  'publish',
  'review_again',
  'approve',
  'decline',
  'fulfil',
  'appeal',
  'grant_appeal',
  'deny_appeal',
  'enrol',
  'mark_paid',
  'confirm_waiver',
  'expire',
] as const;
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

/**
 * What an official decides on one case's page. The official's other actions in the table are
 * bulk steps with their own pages: `mark_paid` through a payment batch, `confirm_waiver` through
 * a waiver list, `enrol` through an enrolment run.
 */
export const CASE_PAGE_DECISIONS = ['approve', 'decline', 'grant_appeal', 'deny_appeal'] as const satisfies readonly TransitionAction[];

/** Fields an action needs from the person firing it. */
export type RequiredField = 'reason';

/** Named guards; each is implemented once in GUARDS below. */
export type GuardName = 'rule_passes' | 'rule_fails' | 'has_notice_period' | 'notice_over' | 'grant_unchanged' | 'appeal_open' | 'appeal_rule_passes' | 'no_application_needed' | 'entitled';

export type WorkflowRefusal = (typeof WORKFLOW_REFUSALS)[number];

export interface Transition extends TransitionSpec<ApplicationStatus, TransitionAction, Actor, GuardName> {
  readonly requires: readonly RequiredField[];
  /** A rejection reached by this action cannot be appealed again. */
  readonly final?: boolean;
}

export const DEFAULT_NOTICE_DAYS = 7;
/**
 * Calendar days a cadre has to verify a submitted case before the work queue flags it overdue.
 * PRODUCT.md gives no verification limit; 15 days is its limit for resolving a grievance, the
 * only "finish the work" limit it sets for cadres. A returned case waits on the resident and a
 * decided one on nobody, so only `submitted` can be overdue.
 */
export const VERIFY_DAYS = 15;

/** A case submitted before this instant is overdue at `now` (same calendar rule as `windowEndsAt`). */
export function verificationOverdueBefore(now: Date): Date {
  return cstDayStart(addCalendarDays(now, -VERIFY_DAYS));
}

export function verificationOverdue(submittedAt: Date, now: Date): boolean {
  return now.getTime() >= windowEndsAt(submittedAt, VERIFY_DAYS).getTime();
}
/** A reason counts as given only when it has at least this many characters after trimming (the form's rule, lib/validators.ts). */
export const MIN_REASON_LENGTH = REASON_MIN_LENGTH;

// ---------------------------------------------------------------------------------------
// Time windows: calendar days in China Standard Time, as in Chinese law (lib/time.ts). A case
// rejected at any hour on 1 Nov may be appealed until 16 Nov 24:00 CST, and a 7-day notice
// opened on 1 Nov runs 2–8 Nov and is over at 9 Nov 00:00 CST.
// ---------------------------------------------------------------------------------------

/** When a public notice opened at `publishedAt` is over; store it on the case as `noticeEndsAt`. */
export function noticeEndsAt(publishedAt: Date, noticeDays: number = DEFAULT_NOTICE_DAYS): Date {
  return windowEndsAt(publishedAt, noticeDays);
}

/** When the appeal window of a case rejected at `rejectedAt` closes (exclusive). */
export function appealEndsAt(rejectedAt: Date): Date {
  return windowEndsAt(rejectedAt, APPEAL_WINDOW_DAYS);
}

/** The last day on which an appeal may be lodged, as 00:00 CST of that day: give it to a date formatter ("请在…前申诉"). */
export function appealLastDay(rejectedAt: Date): Date {
  return lastDayOf(appealEndsAt(rejectedAt));
}

/**
 * Days left to appeal, in the one meaning of lib/time.ts `daysLeft`: CST calendar days on
 * which an appeal can still be lodged, today included, the rejection day not counted (so it
 * shows 15, like the day after). 1 = today is the last day; 0 = over. `> 0` exactly when an
 * appeal would pass the window guard.
 */
export function appealDaysLeft(rejectedAt: Date, now: Date): number {
  if (!isValidDate(rejectedAt)) return 0;
  return daysLeft({ startedAt: rejectedAt, endsAt: appealEndsAt(rejectedAt) }, now);
}

// ---------------------------------------------------------------------------------------
// Guards
// ---------------------------------------------------------------------------------------

export interface TransitionContext {
  /** The programme rule's result on VERIFIED facts (`evaluate(...).eligible`). */
  rulePasses?: boolean;
  /** The rule cannot decide yet: a fact it needs is not verified, and no verified fact already fails it (`evaluate(...).unknown`). */
  ruleUnknown?: boolean;
  /** The programme's public-notice period in days (0 = none). */
  noticeDays?: number;
  /** When the case's public notice is over (set at publish, see `noticeEndsAt`). */
  noticeEndsAt?: Date | null;
  /** Defaults to the current time. */
  now?: Date;
  /** Objections lodged during the notice that a cadre has not answered yet. */
  openObjections?: number;
  /** Objections a cadre found to be well founded. */
  upheldObjections?: number;
  /** When the case was (last) rejected. */
  rejectedAt?: Date | null;
  /** The rejection was the final decision on an appeal (`isFinalRejection`). */
  rejectionFinal?: boolean;
  /** The programme's `needsApplication` (false = 免申即享). */
  needsApplication?: boolean;
  /** The approved case has an entitlement frozen on it (what approval granted: stock, money, work orders, a waiver). */
  hasEntitlement?: boolean;
  /**
   * At approval: the rule, run on the facts as verified now (with the programme's settings as they
   * were at recommendation), grants something other than the entitlement frozen at recommendation.
   */
  grantChanged?: boolean;
}

type Guard = MachineGuard<ApplicationStatus, TransitionContext, WorkflowRefusal>;

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0;
}

const GUARDS: Readonly<Record<GuardName, Guard>> = Object.freeze({
  rule_passes: (_from, ctx) => {
    if (typeof ctx.rulePasses !== 'boolean') return 'context_missing';
    return ctx.rulePasses ? null : 'rule_not_met';
  },
  // PRODUCT.md: reject "only where the rule fails on verified facts". A verdict still unknown (a fact
  // not verified yet) is not a failure: the cadre verifies it, or returns the case for more information.
  rule_fails: (_from, ctx) => {
    if (typeof ctx.rulePasses !== 'boolean' || typeof ctx.ruleUnknown !== 'boolean') return 'context_missing';
    if (ctx.rulePasses) return 'rule_met';
    return ctx.ruleUnknown ? 'rule_unknown' : null;
  },
  has_notice_period: (_from, ctx) => {
    if (!isCount(ctx.noticeDays)) return 'context_missing';
    return ctx.noticeDays > 0 ? null : 'no_notice_period';
  },
  notice_over: (from, ctx) => {
    // A case already on the notice board finishes its notice, even if the programme's
    // period has since been set to 0: the public was told it could object until the end.
    if (from === 'recommended') {
      if (!isCount(ctx.noticeDays)) return 'context_missing';
      return ctx.noticeDays > 0 ? 'notice_required' : null;
    }
    if (!isValidDate(ctx.noticeEndsAt)) return 'context_missing';
    const now = ctx.now ?? new Date();
    if (!isValidDate(now)) return 'context_missing';
    if (now.getTime() < ctx.noticeEndsAt.getTime()) return 'notice_running';
    if (!isCount(ctx.openObjections) || !isCount(ctx.upheldObjections)) return 'context_missing';
    if (ctx.openObjections > 0) return 'objection_pending';
    if (ctx.upheldObjections > 0) return 'objection_upheld';
    return null;
  },
  // Approval grants what was recommended (and shown on the notice board) only while the facts as
  // verified now still say so: a fact corrected during the notice (a lower grade, "affected" or
  // "ground floor flooded" found false) stops it. The official declines the case instead, giving the
  // reason; the household may appeal, and an appeal is decided on the facts as verified then.
  grant_unchanged: (_from, ctx) => {
    if (typeof ctx.rulePasses !== 'boolean' || typeof ctx.grantChanged !== 'boolean') return 'context_missing';
    if (!ctx.rulePasses) return 'facts_changed';
    return ctx.grantChanged ? 'grant_changed' : null;
  },
  appeal_open: (_from, ctx) => {
    if (ctx.rejectionFinal === true) return 'appeal_final';
    if (typeof ctx.rejectionFinal !== 'boolean' || !isValidDate(ctx.rejectedAt)) return 'context_missing';
    const now = ctx.now ?? new Date();
    if (!isValidDate(now)) return 'context_missing';
    return now.getTime() < appealEndsAt(ctx.rejectedAt).getTime() ? null : { code: 'appeal_window_closed', params: { days: APPEAL_WINDOW_DAYS } };
  },
  // Upholding an appeal approves the case on the facts as verified now, like a recommendation and an
  // approval do: a case rejected because the rule failed is approved only once a cadre has verified
  // facts on which it passes, or it would be approved with nothing to grant.
  appeal_rule_passes: (_from, ctx) => {
    if (typeof ctx.rulePasses !== 'boolean') return 'context_missing';
    return ctx.rulePasses ? null : 'appeal_rule_not_met';
  },
  // Delivery hands over what approval granted; a case approved with nothing frozen on it has nothing to deliver.
  entitled: (_from, ctx) => {
    if (typeof ctx.hasEntitlement !== 'boolean') return 'context_missing';
    return ctx.hasEntitlement ? null : 'no_entitlement';
  },
  no_application_needed: (_from, ctx) => {
    if (typeof ctx.needsApplication !== 'boolean') return 'context_missing';
    return ctx.needsApplication ? 'application_needed' : null;
  },
});

// ---------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------

/** Same length as a person counts it: code points, as the form schema does. */
export function reasonPresent(reason: string | null | undefined): boolean {
  return typeof reason === 'string' && Array.from(reason.trim()).length >= MIN_REASON_LENGTH;
}

/**
 * On actions that need no reason, a posted reason (one form, several buttons) is still
 * capped, and then dropped: only a required reason is recorded.
 */
const unusedReason = z
  .preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ error: 'validation.invalidType' }).trim().max(REASON_MAX_LENGTH, { error: 'validation.reason.tooLong' }))
  .transform((): null => null);

export const applicationMachine = defineMachine({
  states: APPLICATION_STATUSES,
  refusals: WORKFLOW_REFUSALS,
  transitions: [
    // A cadre may act on the resident's behalf (代办) for the elderly or those without a phone.
    { action: 'submit', from: ['draft'], to: 'submitted', actors: ['resident', 'cadre'], requires: [], guards: [] },
    { action: 'return', from: ['submitted'], to: 'returned', actors: ['cadre'], requires: ['reason'], guards: [] },
    { action: 'resubmit', from: ['returned'], to: 'submitted', actors: ['resident', 'cadre'], requires: [], guards: [] },
    // Also from approved, before delivery: the resident gives the benefit up, and what approval took (stock, budget, work orders) is given back.
    { action: 'withdraw', from: ['submitted', 'returned', 'approved'], to: 'withdrawn', actors: ['resident'], requires: [], guards: [] },
    { action: 'recommend', from: ['submitted'], to: 'recommended', actors: ['cadre'], requires: [], guards: ['rule_passes'] },
    // A cadre may not reject a case whose rule passes: only an official can decline it.
    { action: 'reject', from: ['submitted'], to: 'rejected', actors: ['cadre'], requires: ['reason'], guards: ['rule_fails'] },
    { action: 'publish', from: ['recommended'], to: 'in_public_notice', actors: ['system'], requires: [], guards: ['has_notice_period'] },
    // A cadre upheld an objection lodged during the notice: the case goes back to verification (fired by answerObjection).
    { action: 'review_again', from: ['in_public_notice'], to: 'submitted', actors: ['system'], requires: [], guards: [] },
    { action: 'approve', from: ['recommended', 'in_public_notice'], to: 'approved', actors: ['official'], requires: [], guards: ['notice_over', 'grant_unchanged'] },
    { action: 'decline', from: ['recommended', 'in_public_notice'], to: 'rejected', actors: ['official'], requires: ['reason'], guards: [] },
    { action: 'fulfil', from: ['approved'], to: 'fulfilled', actors: ['cadre'], requires: [], guards: ['entitled'] },
    { action: 'appeal', from: ['rejected'], to: 'appealed', actors: ['resident'], requires: ['reason'], guards: ['appeal_open'] },
    { action: 'grant_appeal', from: ['appealed'], to: 'approved', actors: ['official'], requires: [], guards: ['appeal_rule_passes'] },
    { action: 'deny_appeal', from: ['appealed'], to: 'rejected', actors: ['official'], requires: ['reason'], guards: [], final: true },
    // 免申即享 (warm winter): an official's enrolment run creates the case and approves it in one step, on verified facts;
    // the case row exists as a draft only inside that run's transaction (server/enrolment/*).
    { action: 'enrol', from: ['draft'], to: 'approved', actors: ['official'], requires: [], guards: ['no_application_needed', 'rule_passes'] },
    // Fulfilment the county records for many cases at once: a payment batch the bank paid, a waiver list the company confirmed.
    { action: 'mark_paid', from: ['approved'], to: 'fulfilled', actors: ['official'], requires: [], guards: [] },
    { action: 'confirm_waiver', from: ['approved'], to: 'fulfilled', actors: ['official'], requires: [], guards: [] },
    // A materials voucher not collected in time (lib/pickup-window.ts): the system withdraws the case and gives its stock back (server/handouts/expire-pickups.ts).
    { action: 'expire', from: ['approved'], to: 'withdrawn', actors: ['system'], requires: [], guards: [] },
  ] as const satisfies readonly Transition[],
  guards: GUARDS,
  fields: {
    reason: {
      present: (v: unknown) => reasonPresent(typeof v === 'string' ? v : null),
      refusal: { code: 'reason_required', params: { min: MIN_REASON_LENGTH } },
      schema: reasonSchema,
      unused: unusedReason,
    },
  },
  emptyContext: {} as TransitionContext,
});

export const TRANSITIONS: readonly Transition[] = applicationMachine.transitions;

export function getTransition(action: string): Transition | undefined {
  return applicationMachine.get(action);
}

export function isTransitionAction(value: unknown): value is TransitionAction {
  return applicationMachine.isAction(value);
}

/** True when a rejection produced by `action` is final (no further appeal). Store it with the case. */
export function isFinalRejection(action: TransitionAction): boolean {
  return getTransition(action)?.final === true;
}

/** Statuses with no way out. `rejected` is not one: it can be appealed (unless final). */
export const TERMINAL_STATUSES: readonly ApplicationStatus[] = applicationMachine.terminal;
export function isTerminal(status: ApplicationStatus): boolean {
  return applicationMachine.isTerminal(status);
}

/** A decision on the case stands (approved, rejected, fulfilled). An appealed case is awaiting a new one. */
export const DECIDED_STATUSES: readonly ApplicationStatus[] = Object.freeze(['approved', 'rejected', 'fulfilled'] as const);
export function isDecided(status: ApplicationStatus): boolean {
  return DECIDED_STATUSES.includes(status);
}

// ---------------------------------------------------------------------------------------
// The three questions
// ---------------------------------------------------------------------------------------

export interface TransitionInput {
  action: TransitionAction | (string & {});
  from: ApplicationStatus;
  actor: Actor;
  reason?: string | null;
  context?: TransitionContext;
}

export type TransitionResult =
  | { ok: true; to: ApplicationStatus }
  | { ok: false; code: WorkflowRefusal; params?: Record<string, string | number> };

/**
 * May `actor` fire `action` on a case in status `from`? Checks, in this order: the action
 * exists → the case is in a status it starts from → the actor may fire it → required fields
 * are given → its guards pass. The first failure is the answer.
 */
export function checkTransition(input: TransitionInput): TransitionResult {
  return applicationMachine.check(input);
}

/** Actions `actor` could fire on a case in `status`, in table order. Ignores guards: for choosing buttons only. */
export function availableActions(status: ApplicationStatus, actor: Actor): TransitionAction[] {
  return applicationMachine.available(status, actor);
}

/**
 * The form input of a case transition among `actions`: `{ applicationId, action, version,
 * reason }`. `applicationId` a UUID, `version` coerced to an integer ≥ 1, `action` one of
 * `actions` (all three report `validation.invalidType`). `reason` is the trimmed text for
 * actions that require one (`validation.reason.required` / `.tooShort` under
 * MIN_REASON_LENGTH / `.tooLong` over 500 characters) and `null` for the others (a posted
 * reason over 500 characters still reports `.tooLong`). A parse that succeeds therefore
 * passes `checkTransition`'s reason check.
 */
export function applicationTransitionInput<const X extends readonly [TransitionAction, ...TransitionAction[]]>(actions: X) {
  return applicationMachine.inputSchema(actions, { applicationId: recordIdSchema, version: recordVersionSchema });
}
