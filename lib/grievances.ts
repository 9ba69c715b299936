// The state machine for grievances (群众诉求), the counterpart of lib/workflow.ts for
// applications. The table says who may fire which action from which status and what it
// requires; the server asks `checkGrievanceTransition` before it changes `status`, the UI asks
// `availableGrievanceActions` which forms to show (a hint only). Also the time limits (3 days
// to respond, 15 to resolve, 7 to reopen) and the input schemas shared by forms and actions.
// Pure: no database, no clock unless the caller leaves `now` out.
import { z } from 'zod';
import { GRIEVANCE_CATEGORIES, type GrievanceStatus } from '@/lib/domain';
import { placeWithin } from '@/lib/permissions';
import { reasonSchema } from '@/lib/validators';
import { cstDate, reasonPresent, windowEndsAt } from '@/lib/workflow';

export type GrievanceActor = 'resident' | 'cadre';

export const GRIEVANCE_ACTIONS = ['respond', 'resolve', 'close', 'reopen'] as const;
export type GrievanceAction = (typeof GRIEVANCE_ACTIONS)[number];

export type GrievanceRequirement = 'note' | 'rating' | 'reason';

export const GRIEVANCE_REFUSALS = ['unknown_action', 'wrong_state', 'wrong_role', 'note_required', 'rating_required', 'reason_required', 'reopen_window_closed', 'context_missing'] as const;
export type GrievanceRefusal = (typeof GRIEVANCE_REFUSALS)[number];

export interface GrievanceTransition {
  readonly action: GrievanceAction;
  readonly from: readonly GrievanceStatus[];
  readonly to: GrievanceStatus;
  readonly actors: readonly GrievanceActor[];
  readonly requires: readonly GrievanceRequirement[];
  /** Reopening is allowed only within REOPEN_WINDOW_DAYS of closing. */
  readonly reopenWindow?: boolean;
}

/** Time limits (PRODUCT.md "Grievances"): counted in hours from filing (or reopening). */
export const RESPOND_DAYS = 3;
export const RESOLVE_DAYS = 15;
/** A closed grievance may be reopened by the resident on this many CST calendar days after closing. */
export const REOPEN_WINDOW_DAYS = 7;
/** A cadre's note and a resident's reason count as given from this many characters (trimmed). */
export const MIN_NOTE_LENGTH = 2;
export const MAX_NOTE_LENGTH = 1000;
export const MIN_DESCRIPTION_LENGTH = 5;
export const MAX_DESCRIPTION_LENGTH = 1000;
export const MAX_COMMENT_LENGTH = 500;

export const GRIEVANCE_TRANSITIONS: readonly GrievanceTransition[] = Object.freeze(
  (
    [
      { action: 'respond', from: ['open', 'reopened'], to: 'responded', actors: ['cadre'], requires: ['note'] },
      { action: 'resolve', from: ['responded'], to: 'resolved', actors: ['cadre'], requires: ['note'] },
      { action: 'close', from: ['resolved'], to: 'closed', actors: ['resident'], requires: ['rating'] },
      { action: 'reopen', from: ['closed'], to: 'reopened', actors: ['resident'], requires: ['reason'], reopenWindow: true },
    ] satisfies GrievanceTransition[]
  ).map((t) => Object.freeze({ ...t, from: Object.freeze([...t.from]), actors: Object.freeze([...t.actors]), requires: Object.freeze([...t.requires]) })),
);

const BY_ACTION = new Map<string, GrievanceTransition>(GRIEVANCE_TRANSITIONS.map((t) => [t.action, t]));

export function isGrievanceAction(v: unknown): v is GrievanceAction {
  return typeof v === 'string' && BY_ACTION.has(v);
}

/** Statuses in which the grievance is still waiting on a cadre (counts as "open" on dashboards). */
export const ACTIVE_GRIEVANCE_STATUSES: readonly GrievanceStatus[] = Object.freeze(['open', 'responded', 'reopened'] as const);

const DAY_MS = 86_400_000;
function validDate(d: Date | null | undefined): d is Date {
  return d instanceof Date && !Number.isNaN(d.getTime());
}

export function validRating(r: unknown): r is number {
  return typeof r === 'number' && Number.isInteger(r) && r >= 1 && r <= 5;
}

/** When a grievance filed (or reopened) at `at` must be answered and resolved. */
export function grievanceDeadlines(at: Date): { respondBy: Date; resolveBy: Date } {
  return { respondBy: new Date(at.getTime() + RESPOND_DAYS * DAY_MS), resolveBy: new Date(at.getTime() + RESOLVE_DAYS * DAY_MS) };
}

/** The instant the reopen window of a grievance closed at `closedAt` is over (00:00 CST after the 7th day). */
export function reopenEndsAt(closedAt: Date): Date {
  return windowEndsAt(closedAt, REOPEN_WINDOW_DAYS);
}

/** The last CST date on which the resident may reopen, 'YYYY-MM-DD'. */
export function reopenLastDay(closedAt: Date): string {
  return cstDate(new Date(reopenEndsAt(closedAt).getTime() - 1));
}

/** Whole CST days on which a reopen is still possible, today included (1 = today is the last day, 0 = over). */
export function reopenDaysLeft(closedAt: Date | null | undefined, now: Date): number {
  if (!validDate(closedAt) || !validDate(now)) return 0;
  const end = reopenEndsAt(closedAt).getTime();
  if (now.getTime() >= end) return 0;
  return Math.min(REOPEN_WINDOW_DAYS, Math.ceil((end - now.getTime()) / DAY_MS));
}

export function reopenOpen(closedAt: Date | null | undefined, now: Date): boolean {
  return validDate(closedAt) && validDate(now) && now.getTime() < reopenEndsAt(closedAt).getTime();
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

/** Whole days until `at` (rounded up; 0 or less = due or past). */
export function daysUntil(at: Date, now: Date): number {
  return Math.ceil((at.getTime() - now.getTime()) / DAY_MS);
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

function textPresent(s: string | null | undefined): boolean {
  return typeof s === 'string' && Array.from(s.trim()).length >= MIN_NOTE_LENGTH;
}

/**
 * May `actor` fire `action` on a grievance in status `from`? Checks, in order: the action
 * exists → the status → the role → the required note / rating / reason → the reopen window.
 */
export function checkGrievanceTransition(input: GrievanceTransitionInput): GrievanceTransitionResult {
  const t = BY_ACTION.get(input.action);
  if (!t) return { ok: false, code: 'unknown_action' };
  if (!t.from.includes(input.from)) return { ok: false, code: 'wrong_state' };
  if (!(t.actors as readonly string[]).includes(input.actor)) return { ok: false, code: 'wrong_role' };
  if (t.requires.includes('note') && !textPresent(input.note)) return { ok: false, code: 'note_required' };
  if (t.requires.includes('reason') && !reasonPresent(input.reason)) return { ok: false, code: 'reason_required' };
  if (t.requires.includes('rating') && !validRating(input.rating)) return { ok: false, code: 'rating_required' };
  if (t.reopenWindow) {
    if (!validDate(input.closedAt)) return { ok: false, code: 'context_missing' };
    const now = input.now ?? new Date();
    if (!reopenOpen(input.closedAt, now)) return { ok: false, code: 'reopen_window_closed' };
  }
  return { ok: true, to: t.to };
}

/** Actions `actor` could fire on a grievance in `status` (ignores the reopen window: for choosing forms only). */
export function availableGrievanceActions(status: GrievanceStatus, actor: GrievanceActor): GrievanceAction[] {
  return GRIEVANCE_TRANSITIONS.filter((t) => t.from.includes(status) && t.actors.includes(actor)).map((t) => t.action);
}

// ---------------------------------------------------------------------------------------
// Who may see and act on a grievance
// ---------------------------------------------------------------------------------------

export interface GrievanceAccessFacts {
  filedBy: string;
  /** The owner of the household the grievance is about, when there is one. */
  householdOwnerId: string | null;
  placePath: string;
}

/** A resident: the one who filed it, or the owner of the household it was filed for. Staff: inside their places. */
export function mayAccessGrievance(user: { id: string; role: string; placePaths: readonly string[] }, g: GrievanceAccessFacts): boolean {
  if (user.role === 'resident') return g.filedBy === user.id || g.householdOwnerId === user.id;
  if (user.role === 'cadre' || user.role === 'official') return placeWithin(g.placePath, user.placePaths);
  return false;
}

/** The resident told about changes: the household's owner, else the filer when the filer is a resident. */
export function grievanceRecipient(g: { filedBy: string; filerRole: string; householdOwnerId: string | null }): string | null {
  if (g.householdOwnerId) return g.householdOwnerId;
  return g.filerRole === 'resident' ? g.filedBy : null;
}

// ---------------------------------------------------------------------------------------
// Input schemas (messages are i18n keys under `grievances.errors.*` or `validation.*`)
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

const idSchema = z.uuid({ error: 'validation.invalidType' });
const versionSchema = z.coerce.number({ error: 'validation.invalidType' }).int({ error: 'validation.invalidType' }).min(1, { error: 'validation.invalidType' });

export const fileGrievanceSchema = objectSchema({
  category: z.enum(GRIEVANCE_CATEGORIES, { error: 'grievances.errors.category' }),
  placeId: z.coerce.number({ error: 'grievances.errors.place' }).int({ error: 'grievances.errors.place' }).positive({ error: 'grievances.errors.place' }),
  description: descriptionSchema,
});

export const handleGrievanceSchema = objectSchema({ grievanceId: idSchema, version: versionSchema, note: noteSchema });

export const closeGrievanceSchema = objectSchema({
  grievanceId: idSchema,
  version: versionSchema,
  rating: z.coerce.number({ error: 'grievances.errors.rating' }).int({ error: 'grievances.errors.rating' }).min(1, { error: 'grievances.errors.rating' }).max(5, { error: 'grievances.errors.rating' }),
  comment: z
    .string({ error: 'validation.invalidType' })
    .max(MAX_COMMENT_LENGTH * 4, { error: 'grievances.errors.commentTooLong' })
    .transform((s) => s.trim())
    .refine((s) => len(s) <= MAX_COMMENT_LENGTH, { error: 'grievances.errors.commentTooLong' })
    .optional()
    .default(''),
});

export const reopenGrievanceSchema = objectSchema({ grievanceId: idSchema, version: versionSchema, reason: reasonSchema });
