// The one state machine for applications (CONVENTIONS.md §3). The table says who may fire
// which action from which status and what it requires; the guards say when the facts of the
// case allow it. The server asks `checkTransition` before it changes `status`; the UI asks
// `availableActions` which buttons to show (a hint only). Pure: no database, no clock unless
// the caller leaves `now` out.

import type { ApplicationStatus } from '@/lib/domain';
import { APPLICATION_STATUSES } from '@/lib/domain';

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
  'approve',
  'decline',
  'fulfil',
  'appeal',
  'grant_appeal',
  'deny_appeal',
] as const;
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

/** Fields an action needs from the person firing it. */
export type RequiredField = 'reason';

/** Named guards; each is implemented once in GUARDS below. */
export type GuardName = 'rule_passes' | 'rule_fails' | 'has_notice_period' | 'notice_over' | 'appeal_open';

export const WORKFLOW_REFUSALS = [
  'unknown_action',
  'wrong_state',
  'wrong_role',
  'reason_required',
  'rule_not_met',
  'rule_met',
  'notice_required',
  'no_notice_period',
  'notice_running',
  'objection_pending',
  'objection_upheld',
  'appeal_window_closed',
  'appeal_final',
  /** The caller did not supply a fact a guard needs (a programming error): refused, never guessed. */
  'context_missing',
] as const;
export type WorkflowRefusal = (typeof WORKFLOW_REFUSALS)[number];

export interface Transition {
  readonly action: TransitionAction;
  readonly from: readonly ApplicationStatus[];
  readonly to: ApplicationStatus;
  readonly actors: readonly Actor[];
  readonly requires: readonly RequiredField[];
  readonly guards: readonly GuardName[];
  /** A rejection reached by this action cannot be appealed again. */
  readonly final?: boolean;
}

export const APPEAL_WINDOW_DAYS = 15;
export const DEFAULT_NOTICE_DAYS = 7;
/** A reason counts as given only when it has at least this many characters after trimming. */
export const MIN_REASON_LENGTH = 2;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export const TRANSITIONS: readonly Transition[] = deepFreeze([
  // A cadre may act on the resident's behalf (代办) for the elderly or those without a phone.
  { action: 'submit', from: ['draft'], to: 'submitted', actors: ['resident', 'cadre'], requires: [], guards: [] },
  { action: 'return', from: ['submitted'], to: 'returned', actors: ['cadre'], requires: ['reason'], guards: [] },
  { action: 'resubmit', from: ['returned'], to: 'submitted', actors: ['resident', 'cadre'], requires: [], guards: [] },
  { action: 'withdraw', from: ['submitted', 'returned'], to: 'withdrawn', actors: ['resident'], requires: [], guards: [] },
  { action: 'recommend', from: ['submitted'], to: 'recommended', actors: ['cadre'], requires: [], guards: ['rule_passes'] },
  // A cadre may not reject a case whose rule passes: only an official can decline it.
  { action: 'reject', from: ['submitted'], to: 'rejected', actors: ['cadre'], requires: ['reason'], guards: ['rule_fails'] },
  { action: 'publish', from: ['recommended'], to: 'in_public_notice', actors: ['system'], requires: [], guards: ['has_notice_period'] },
  { action: 'approve', from: ['recommended', 'in_public_notice'], to: 'approved', actors: ['official'], requires: [], guards: ['notice_over'] },
  { action: 'decline', from: ['recommended', 'in_public_notice'], to: 'rejected', actors: ['official'], requires: ['reason'], guards: [] },
  { action: 'fulfil', from: ['approved'], to: 'fulfilled', actors: ['cadre'], requires: [], guards: [] },
  { action: 'appeal', from: ['rejected'], to: 'appealed', actors: ['resident'], requires: ['reason'], guards: ['appeal_open'] },
  { action: 'grant_appeal', from: ['appealed'], to: 'approved', actors: ['official'], requires: [], guards: [] },
  { action: 'deny_appeal', from: ['appealed'], to: 'rejected', actors: ['official'], requires: ['reason'], guards: [], final: true },
] satisfies Transition[]);

const BY_ACTION: ReadonlyMap<string, Transition> = new Map(TRANSITIONS.map((t) => [t.action, t]));

export function getTransition(action: string): Transition | undefined {
  return BY_ACTION.get(action);
}

export function isTransitionAction(value: unknown): value is TransitionAction {
  return typeof value === 'string' && BY_ACTION.has(value);
}

/** True when a rejection produced by `action` is final (no further appeal). Store it with the case. */
export function isFinalRejection(action: TransitionAction): boolean {
  return getTransition(action)?.final === true;
}

/** Statuses with no way out. `rejected` is not one: it can be appealed (unless final). */
export const TERMINAL_STATUSES: readonly ApplicationStatus[] = Object.freeze(
  APPLICATION_STATUSES.filter((s) => !TRANSITIONS.some((t) => t.from.includes(s))),
);
export function isTerminal(status: ApplicationStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** A decision on the case stands (approved, rejected, fulfilled). An appealed case is awaiting a new one. */
export const DECIDED_STATUSES: readonly ApplicationStatus[] = Object.freeze(['approved', 'rejected', 'fulfilled'] as const);
export function isDecided(status: ApplicationStatus): boolean {
  return DECIDED_STATUSES.includes(status);
}

export function reasonPresent(reason: string | null | undefined): boolean {
  return typeof reason === 'string' && reason.trim().length >= MIN_REASON_LENGTH;
}

// ---------------------------------------------------------------------------------------
// Time windows, counted in China Standard Time calendar days (UTC+8, no daylight saving).
// As in Chinese law (民法典 第二百零一条、第二百零三条): the day the period starts is not
// counted, counting begins the next day, and the last day runs until 24:00. So a case
// rejected at any hour on 1 Nov may be appealed until 16 Nov 24:00 CST, and a 7-day notice
// opened on 1 Nov runs 2–8 Nov and is over at 9 Nov 00:00 CST. (Public holidays falling on
// the last day are not taken into account.) A resident reads "until 16 Nov", not "until
// 16 Nov 14:37", which is why calendar days were chosen over 24-hour periods.
// ---------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

function validDate(d: Date | null | undefined): d is Date {
  return d instanceof Date && !Number.isNaN(d.getTime());
}

/** Number of the CST calendar day containing `d` (days since 1970-01-01 CST). */
function cstDayNumber(d: Date): number {
  return Math.floor((d.getTime() + CST_OFFSET_MS) / DAY_MS);
}

/** The CST calendar date of an instant, as 'YYYY-MM-DD'. */
export function cstDate(d: Date): string {
  return new Date(cstDayNumber(d) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The instant a window of `days` calendar days, starting the day after `start`, is over:
 * 00:00 CST of day start+days+1. The window is open while `now < windowEndsAt(start, days)`.
 */
export function windowEndsAt(start: Date, days: number): Date {
  return new Date((cstDayNumber(start) + Math.max(0, Math.floor(days)) + 1) * DAY_MS - CST_OFFSET_MS);
}

/** When a public notice opened at `publishedAt` is over; store it on the case as `noticeEndsAt`. */
export function noticeEndsAt(publishedAt: Date, noticeDays: number = DEFAULT_NOTICE_DAYS): Date {
  return windowEndsAt(publishedAt, noticeDays);
}

/** When the appeal window of a case rejected at `rejectedAt` closes (exclusive). */
export function appealEndsAt(rejectedAt: Date): Date {
  return windowEndsAt(rejectedAt, APPEAL_WINDOW_DAYS);
}

/** The last CST date on which an appeal may be lodged, 'YYYY-MM-DD' (for "请在…前申诉"). */
export function appealLastDay(rejectedAt: Date): string {
  return cstDate(new Date(appealEndsAt(rejectedAt).getTime() - 1));
}

/**
 * Whole CST calendar days on which an appeal can still be lodged, today included, capped at
 * APPEAL_WINDOW_DAYS (the rejection day itself is not counted, so it shows 15, like the day
 * after). 1 = today is the last day; 0 = the window is over. `> 0` exactly when an appeal
 * would pass the window guard.
 */
export function appealDaysLeft(rejectedAt: Date, now: Date): number {
  if (!validDate(rejectedAt) || !validDate(now)) return 0;
  const lastDay = cstDayNumber(rejectedAt) + APPEAL_WINDOW_DAYS;
  return Math.max(0, Math.min(APPEAL_WINDOW_DAYS, lastDay - cstDayNumber(now) + 1));
}

// ---------------------------------------------------------------------------------------
// Guards
// ---------------------------------------------------------------------------------------

export interface TransitionContext {
  /** The programme rule's result on VERIFIED facts (`evaluate(...).eligible`). */
  rulePasses?: boolean;
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
}

type Guard = (from: ApplicationStatus, ctx: TransitionContext) => WorkflowRefusal | null;

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0;
}

const GUARDS: Readonly<Record<GuardName, Guard>> = Object.freeze({
  rule_passes: (_from, ctx) => {
    if (typeof ctx.rulePasses !== 'boolean') return 'context_missing';
    return ctx.rulePasses ? null : 'rule_not_met';
  },
  rule_fails: (_from, ctx) => {
    if (typeof ctx.rulePasses !== 'boolean') return 'context_missing';
    return ctx.rulePasses ? 'rule_met' : null;
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
    if (!validDate(ctx.noticeEndsAt)) return 'context_missing';
    const now = ctx.now ?? new Date();
    if (!validDate(now)) return 'context_missing';
    if (now.getTime() < ctx.noticeEndsAt.getTime()) return 'notice_running';
    if (!isCount(ctx.openObjections) || !isCount(ctx.upheldObjections)) return 'context_missing';
    if (ctx.openObjections > 0) return 'objection_pending';
    if (ctx.upheldObjections > 0) return 'objection_upheld';
    return null;
  },
  appeal_open: (_from, ctx) => {
    if (ctx.rejectionFinal === true) return 'appeal_final';
    if (typeof ctx.rejectionFinal !== 'boolean' || !validDate(ctx.rejectedAt)) return 'context_missing';
    const now = ctx.now ?? new Date();
    if (!validDate(now)) return 'context_missing';
    return now.getTime() < appealEndsAt(ctx.rejectedAt).getTime() ? null : 'appeal_window_closed';
  },
});

// ---------------------------------------------------------------------------------------
// The two questions
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
  const t = BY_ACTION.get(input.action);
  if (!t) return { ok: false, code: 'unknown_action' };
  if (!t.from.includes(input.from)) return { ok: false, code: 'wrong_state' };
  if (!t.actors.includes(input.actor)) return { ok: false, code: 'wrong_role' };
  if (t.requires.includes('reason') && !reasonPresent(input.reason)) {
    return { ok: false, code: 'reason_required', params: { min: MIN_REASON_LENGTH } };
  }
  const ctx = input.context ?? {};
  for (const g of t.guards) {
    const refusal = GUARDS[g](input.from, ctx);
    if (refusal) {
      return refusal === 'appeal_window_closed'
        ? { ok: false, code: refusal, params: { days: APPEAL_WINDOW_DAYS } }
        : { ok: false, code: refusal };
    }
  }
  return { ok: true, to: t.to };
}

/** Actions `actor` could fire on a case in `status`, in table order. Ignores guards: for choosing buttons only. */
export function availableActions(status: ApplicationStatus, actor: Actor): TransitionAction[] {
  return TRANSITIONS.filter((t) => t.from.includes(status) && t.actors.includes(actor)).map((t) => t.action);
}
