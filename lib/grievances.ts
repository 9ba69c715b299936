// The state machine for grievances (群众诉求), the counterpart of lib/workflow.ts for
// applications, on the same generic machine (lib/state-machine.ts). The table says who may
// fire which action from which status and what it requires; the server asks
// `checkGrievanceTransition` before it changes `status`, the UI asks
// `availableGrievanceActions` which forms to show (a hint only), and the input schemas are
// derived from what each transition requires. Also the time limits (per category as officials
// set them, by default 3 days to respond and 15 to resolve, counted in hours from filing; 7
// calendar days to reopen), counted by lib/time.ts.
// Pure: no database, no clock unless the caller leaves `now` out.
import { z } from 'zod';
import { GRIEVANCE_CATEGORIES, GRIEVANCE_STATUSES, type GrievanceCategory, type GrievanceStatus } from '@/lib/domain';
import { defineMachine, recordIdSchema, recordVersionSchema, type TransitionSpec } from '@/lib/state-machine';
import { daysLeft, hoursAfter, isValidDate, lastDayOf, windowEndsAt, windowOpen } from '@/lib/time';
import { reasonSchema } from '@/lib/validators';
import { reasonPresent } from '@/lib/workflow';
import { GRIEVANCE_REFUSALS, REOPEN_WINDOW_DAYS } from './refusals';

export { GRIEVANCE_REFUSALS, REOPEN_WINDOW_DAYS };

export type GrievanceActor = 'resident' | 'cadre';

export const GRIEVANCE_ACTIONS = ['respond', 'resolve', 'close', 'reopen'] as const;
export type GrievanceAction = (typeof GRIEVANCE_ACTIONS)[number];

export type GrievanceRequirement = 'note' | 'rating' | 'reason';

export type GrievanceRefusal = (typeof GRIEVANCE_REFUSALS)[number];

/** Reopening is allowed only within REOPEN_WINDOW_DAYS of closing. */
export type GrievanceGuard = 'reopen_open';

export interface GrievanceTransition extends TransitionSpec<GrievanceStatus, GrievanceAction, GrievanceActor, GrievanceGuard> {
  readonly requires: readonly GrievanceRequirement[];
}

/** Time limits (PRODUCT.md "Grievances"): counted in hours from filing (or reopening), 24 to a day. */
export const RESPOND_DAYS = 3;
export const RESOLVE_DAYS = 15;
/** A cadre's note and a resident's reason count as given from this many characters (trimmed). */
export const MIN_NOTE_LENGTH = 2;
export const MAX_NOTE_LENGTH = 1000;
export const MIN_DESCRIPTION_LENGTH = 5;
export const MAX_DESCRIPTION_LENGTH = 1000;
export const MAX_COMMENT_LENGTH = 500;

/** Statuses in which the grievance is still waiting on a cadre (counts as "open" on dashboards). */
export const ACTIVE_GRIEVANCE_STATUSES: readonly GrievanceStatus[] = Object.freeze(['open', 'responded', 'reopened'] as const);

export function validRating(r: unknown): r is number {
  return typeof r === 'number' && Number.isInteger(r) && r >= 1 && r <= 5;
}

// ---------------------------------------------------------------------------------------
// Time limits
// ---------------------------------------------------------------------------------------

/** A category's time limits in days, as officials set them (grievance_limits); the constants above are the defaults. */
export interface GrievanceLimits {
  respondDays: number;
  resolveDays: number;
}

export const DEFAULT_GRIEVANCE_LIMITS: GrievanceLimits = Object.freeze({ respondDays: RESPOND_DAYS, resolveDays: RESOLVE_DAYS });
/** The ranges the grievance_limits table's checks allow (migration 0016). */
export const RESPOND_DAYS_MAX = 30;
export const RESOLVE_DAYS_MAX = 90;

/** Field errors (message keys) for limits an official typed, or null when they are allowed. */
export function checkGrievanceLimits({ respondDays, resolveDays }: GrievanceLimits): Record<string, string[]> | null {
  const whole = (n: number, max: number) => Number.isInteger(n) && n >= 1 && n <= max;
  const out: Record<string, string[]> = {};
  if (!whole(respondDays, RESPOND_DAYS_MAX)) out.respondDays = ['countyProgrammes.errors.respondDays'];
  if (!whole(resolveDays, RESOLVE_DAYS_MAX)) out.resolveDays = ['countyProgrammes.errors.resolveDays'];
  else if (!out.respondDays && resolveDays < respondDays) out.resolveDays = ['countyProgrammes.errors.resolveBeforeRespond'];
  return Object.keys(out).length > 0 ? out : null;
}

/** When a grievance filed (or reopened) at `at` must be answered and resolved under `limits`: hour windows, same time of day. */
export function grievanceDeadlines(at: Date, limits: GrievanceLimits = DEFAULT_GRIEVANCE_LIMITS): { respondBy: Date; resolveBy: Date } {
  return { respondBy: hoursAfter(at, limits.respondDays * 24), resolveBy: hoursAfter(at, limits.resolveDays * 24) };
}

/**
 * The limits a grievance's stored deadlines were set with (grievanceDeadlines read backwards),
 * counted from `startedAt`, when its time started (see limitsStartedAt). The deadlines on the row
 * are the grievance's own truth: an official may have changed its category's limits since.
 */
export function limitsOfDeadlines(g: { respondBy: Date; resolveBy: Date }, startedAt: Date): GrievanceLimits {
  const days = (end: Date) => Math.round((end.getTime() - startedAt.getTime()) / (24 * 3_600_000));
  return { respondDays: days(g.respondBy), resolveDays: days(g.resolveBy) };
}

/** When a grievance's current time limits started: its last reopening (a timeline event), else its filing. */
export function limitsStartedAt(createdAt: Date, events: readonly { action: string; at: Date }[]): Date {
  let at = createdAt;
  for (const e of events) if (e.action === 'reopen' && e.at.getTime() > at.getTime()) at = e.at;
  return at;
}

/**
 * The limits every category has, when they are all the same (a category without a row has the
 * defaults, as filing gives it), or null when officials set different limits for some
 * categories. For words that speak of all grievances at once (a page's lead).
 */
export function sharedGrievanceLimits(byCategory: Partial<Record<GrievanceCategory, GrievanceLimits>>): GrievanceLimits | null {
  const all = GRIEVANCE_CATEGORIES.map((c) => byCategory[c] ?? DEFAULT_GRIEVANCE_LIMITS);
  const [first] = all;
  if (!first) return DEFAULT_GRIEVANCE_LIMITS;
  return all.every((l) => l.respondDays === first.respondDays && l.resolveDays === first.resolveDays) ? { respondDays: first.respondDays, resolveDays: first.resolveDays } : null;
}

/** The instant the reopen window of a grievance closed at `closedAt` is over (00:00 CST after the 7th day). */
export function reopenEndsAt(closedAt: Date): Date {
  return windowEndsAt(closedAt, REOPEN_WINDOW_DAYS);
}

/** The last day on which the resident may reopen, as 00:00 CST of that day: give it to a date formatter. */
export function reopenLastDay(closedAt: Date): Date {
  return lastDayOf(reopenEndsAt(closedAt));
}

/** Days left to reopen, in the one meaning of lib/time.ts `daysLeft` (today included, the closing day not counted; 1 = today is the last day, 0 = over). */
export function reopenDaysLeft(closedAt: Date | null | undefined, now: Date): number {
  if (!isValidDate(closedAt)) return 0;
  return daysLeft({ startedAt: closedAt, endsAt: reopenEndsAt(closedAt) }, now);
}

export function reopenOpen(closedAt: Date | null | undefined, now: Date): boolean {
  return isValidDate(closedAt) && windowOpen(reopenEndsAt(closedAt), now);
}

export interface DeadlineFields {
  status: GrievanceStatus;
  respondBy: Date;
  resolveBy: Date;
  respondedAt: Date | null;
}

/**
 * Which time limit an active grievance has missed: 'respond' while nobody has answered and
 * the respond-by time is past, 'resolve' when the resolve-by time is past. Resolved and
 * closed grievances are never overdue. Same rule as the dashboards' SQL (overview.ts).
 */
export function overdueKind(g: DeadlineFields, now: Date): 'respond' | 'resolve' | null {
  if (!ACTIVE_GRIEVANCE_STATUSES.includes(g.status)) return null;
  if (g.resolveBy.getTime() < now.getTime()) return 'resolve';
  if (!g.respondedAt && g.respondBy.getTime() < now.getTime()) return 'respond';
  return null;
}

/** The deadline that matters next for an active grievance (respond first, then resolve), or null. */
export function nextDeadline(g: DeadlineFields): { kind: 'respond' | 'resolve'; at: Date } | null {
  if (!ACTIVE_GRIEVANCE_STATUSES.includes(g.status)) return null;
  if (!g.respondedAt && g.status !== 'responded') return { kind: 'respond', at: g.respondBy };
  return { kind: 'resolve', at: g.resolveBy };
}

/**
 * Days left before the next deadline, in the one meaning of lib/time.ts `daysLeft`: CST
 * calendar days on which it is still running, today included, the day of filing (or
 * reopening, both `respondBy` − the category's respond days × 24 h) not counted. So a grievance shows 3 on the day it is
 * filed, 1 on the day the answer is due ("due today") and 0 once the time is past.
 * null when no deadline is running.
 */
export function deadlineDaysLeft(g: DeadlineFields, now: Date, limits: GrievanceLimits = DEFAULT_GRIEVANCE_LIMITS): { kind: 'respond' | 'resolve'; days: number } | null {
  const next = nextDeadline(g);
  if (!next) return null;
  // When the time started (filing or reopening), from the category's limits: only the first day's count depends on it.
  const startedAt = hoursAfter(g.respondBy, -limits.respondDays * 24);
  return { kind: next.kind, days: daysLeft({ startedAt, endsAt: next.at }, now) };
}

// ---------------------------------------------------------------------------------------
// Input fields (messages are i18n keys under `grievances.errors.*` or `validation.*`)
// ---------------------------------------------------------------------------------------

const len = (s: string) => Array.from(s).length;

function text(required: string, tooShort: string, tooLong: string, min: number, max: number) {
  return z
    .string({ error: (i) => (i.input === undefined || i.input === null ? required : 'validation.invalidType') })
    .superRefine((raw, ctx) => {
      if (raw.length > max * 4) return void ctx.addIssue({ code: 'custom', message: tooLong });
      const s = raw.trim();
      if (s === '') return void ctx.addIssue({ code: 'custom', message: required });
      if (len(s) < min) return void ctx.addIssue({ code: 'custom', message: tooShort });
      if (len(s) > max) ctx.addIssue({ code: 'custom', message: tooLong });
    })
    .transform((s) => s.trim());
}

const objectSchema = <T extends z.ZodRawShape>(shape: T) => z.object(shape, { error: () => 'validation.invalidType' });

export const descriptionSchema = text('grievances.errors.descriptionRequired', 'grievances.errors.descriptionTooShort', 'grievances.errors.descriptionTooLong', MIN_DESCRIPTION_LENGTH, MAX_DESCRIPTION_LENGTH);
export const noteSchema = text('grievances.errors.noteRequired', 'grievances.errors.noteTooShort', 'grievances.errors.noteTooLong', MIN_NOTE_LENGTH, MAX_NOTE_LENGTH);
const ratingSchema = z.coerce.number({ error: 'grievances.errors.rating' }).int({ error: 'grievances.errors.rating' }).min(1, { error: 'grievances.errors.rating' }).max(5, { error: 'grievances.errors.rating' });

function textPresent(s: unknown): boolean {
  return typeof s === 'string' && len(s.trim()) >= MIN_NOTE_LENGTH;
}

// ---------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------

interface GrievanceContext {
  closedAt?: Date | null;
  now?: Date;
}

export const grievanceMachine = defineMachine({
  states: GRIEVANCE_STATUSES,
  refusals: GRIEVANCE_REFUSALS,
  transitions: [
    { action: 'respond', from: ['open', 'reopened'], to: 'responded', actors: ['cadre'], requires: ['note'], guards: [] },
    { action: 'resolve', from: ['responded'], to: 'resolved', actors: ['cadre'], requires: ['note'], guards: [] },
    { action: 'close', from: ['resolved'], to: 'closed', actors: ['resident'], requires: ['rating'], guards: [] },
    { action: 'reopen', from: ['closed'], to: 'reopened', actors: ['resident'], requires: ['reason'], guards: ['reopen_open'] },
  ] as const satisfies readonly GrievanceTransition[],
  guards: {
    reopen_open: (_from: GrievanceStatus, ctx: GrievanceContext) => {
      if (!isValidDate(ctx.closedAt)) return 'context_missing';
      return reopenOpen(ctx.closedAt, ctx.now ?? new Date()) ? null : 'reopen_window_closed';
    },
  },
  fields: {
    note: { present: textPresent, refusal: 'note_required', schema: noteSchema },
    rating: { present: validRating, refusal: 'rating_required', schema: ratingSchema },
    reason: { present: (v: unknown) => reasonPresent(typeof v === 'string' ? v : null), refusal: 'reason_required', schema: reasonSchema },
  },
  emptyContext: {} as GrievanceContext,
});

export const GRIEVANCE_TRANSITIONS: readonly GrievanceTransition[] = grievanceMachine.transitions;

export function isGrievanceAction(v: unknown): v is GrievanceAction {
  return grievanceMachine.isAction(v);
}

export interface GrievanceTransitionInput {
  action: GrievanceAction | (string & {});
  from: GrievanceStatus;
  actor: GrievanceActor | (string & {});
  note?: string | null;
  reason?: string | null;
  rating?: number | null;
  closedAt?: Date | null;
  now?: Date;
}

export type GrievanceTransitionResult = { ok: true; to: GrievanceStatus } | { ok: false; code: GrievanceRefusal };

/**
 * May `actor` fire `action` on a grievance in status `from`? Checks, in order: the action
 * exists → the status → the role → the required note / rating / reason → the reopen window.
 */
export function checkGrievanceTransition(input: GrievanceTransitionInput): GrievanceTransitionResult {
  const { closedAt, now, ...rest } = input;
  const r = grievanceMachine.check({ ...rest, context: { closedAt, now } });
  return r.ok ? r : { ok: false, code: r.code };
}

/** Actions `actor` could fire on a grievance in `status` (ignores the reopen window: for choosing forms only). */
export function availableGrievanceActions(status: GrievanceStatus, actor: GrievanceActor): GrievanceAction[] {
  return grievanceMachine.available(status, actor);
}

// ---------------------------------------------------------------------------------------
// Who is told about a grievance (who may see it is the record rule, lib/permissions.ts)
// ---------------------------------------------------------------------------------------

/** The resident told about changes: the household's owner, else the filer when the filer is a resident. */
export function grievanceRecipient(g: { filedBy: string; filerRole: string; householdOwnerId: string | null }): string | null {
  if (g.householdOwnerId) return g.householdOwnerId;
  return g.filerRole === 'resident' ? g.filedBy : null;
}

// ---------------------------------------------------------------------------------------
// Input schemas, derived from what each transition requires
// ---------------------------------------------------------------------------------------

const idSchema = recordIdSchema;
const versionSchema = recordVersionSchema;
const commentSchema = z
  .string({ error: 'validation.invalidType' })
  .max(MAX_COMMENT_LENGTH * 4, { error: 'grievances.errors.commentTooLong' })
  .transform((s) => s.trim())
  .refine((s) => len(s) <= MAX_COMMENT_LENGTH, { error: 'grievances.errors.commentTooLong' })
  .optional()
  .default('');

export const fileGrievanceSchema = objectSchema({
  category: z.enum(GRIEVANCE_CATEGORIES, { error: 'grievances.errors.category' }),
  placeId: z.coerce.number({ error: 'grievances.errors.place' }).int({ error: 'grievances.errors.place' }).positive({ error: 'grievances.errors.place' }),
  description: descriptionSchema,
});

/** A cadre's respond or resolve: `{ grievanceId, version, note }`. */
export const handleGrievanceSchema = objectSchema({ grievanceId: idSchema, version: versionSchema, ...grievanceMachine.fieldsFor('respond') });

/** A resident's close: `{ grievanceId, version, rating, comment }` (comment optional, '' when left out). */
export const closeGrievanceSchema = objectSchema({ grievanceId: idSchema, version: versionSchema, ...grievanceMachine.fieldsFor('close'), comment: commentSchema });

/** A resident's reopen: `{ grievanceId, version, reason }`. */
export const reopenGrievanceSchema = objectSchema({ grievanceId: idSchema, version: versionSchema, ...grievanceMachine.fieldsFor('reopen') });

/**
 * The form input of a grievance step among `actions`, with the action in the form:
 * `{ grievanceId, action, version, …what the action requires }` — `note` for respond and
 * resolve (`grievances.errors.noteRequired` / `.noteTooShort` / `.noteTooLong`), `rating`
 * 1–5 for close (`grievances.errors.rating`), `reason` for reopen (`validation.reason.*`).
 * `grievanceId`, `version` (coerced integer ≥ 1) and an action outside `actions` report
 * `validation.invalidType`. `comment` (close) is included when `actions` holds close.
 */
export function grievanceTransitionInput<const X extends readonly [GrievanceAction, ...GrievanceAction[]]>(actions: X) {
  const shape = { grievanceId: idSchema, version: versionSchema, ...(actions.includes('close') ? { comment: commentSchema } : {}) };
  return grievanceMachine.inputSchema(actions, shape as { grievanceId: typeof idSchema; version: typeof versionSchema; comment?: typeof commentSchema });
}
