// The one way to write a mutation (CONVENTIONS §1). Every server action is built here and
// checks, in this order: signed in → role allowed (lib/permissions.ts) → input parses with
// its zod schema → the record is the user's own or inside their places (`authorize` loads
// it scoped by the actor and hands it to `run`, which calls exactly one use case in
// server/). It never throws to the browser: every outcome is a value of the closed
// ActionResult union — except Next's own control flow (redirect, notFound, forbidden), which
// is rethrown so Next can act on it. After a successful action the notification outbox is
// drained once the response has been sent (Next's `after`).
import 'server-only';
import { headers } from 'next/headers';
import { redirect, unstable_rethrow } from 'next/navigation';
import { after } from 'next/server';
import { z } from 'zod';
import { getDb, type Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { drainSoon } from '@/db/queries/notifications';
import { AppError, pgErrorCode, PG_UNIQUE_VIOLATION, PG_CHECK_VIOLATION } from './errors';
import { can, type Capability } from './permissions';
import { getCurrentUser, getUserForPasswordChange, type SessionUser } from './session';
import { clientIp } from './client-address';
import { logError } from './log';
import { FORM_ERRORS_KEY, type ActionResult, type FieldErrors } from './action-result';
import type { AuditAction } from './audit/actions';

export type { ActionResult, FieldErrors } from './action-result';
export interface ActionContext<I> {
  user: SessionUser;
  input: I;
  db: Db;
  ip: string | null;
}

/**
 * Ownership / jurisdiction decision for one request: the record the actor may act on (loaded
 * scoped by the actor, handed to `run`), or a refusal. 'not_found' hides that a record exists.
 */
export type AccessDecision<R = null> = { allow: R } | 'forbidden' | 'not_found';

/** Allow, handing `record` to `run`. */
export function allow<R>(record: R): { allow: R } {
  return { allow: record };
}

/** A loaded record, or "not found" when the scoped load found nothing. */
export function allowFound<R>(record: R | null | undefined): AccessDecision<R> {
  return record == null ? 'not_found' : { allow: record };
}

export interface ActionDefinition<S extends z.ZodType, T, R = null> {
  /**
   * Unique name, e.g. 'application.submit'; the access-matrix test lists actions by it. A refusal
   * is logged under it, so it is a name of the audit registry (lib/audit/actions.ts).
   */
  name: AuditAction;
  capability: Capability;
  input: S;
  /**
   * Required: say explicitly which record the actor may touch, loaded scoped by the actor
   * (db/queries/scope.ts `whereReachable`). Use `anyRecord` only for actions with no record.
   */
  authorize: (ctx: ActionContext<z.output<S>>) => Promise<AccessDecision<R>>;
  run: (ctx: ActionContext<z.output<S>> & { record: R }) => Promise<ActionResult<T>>;
  /**
   * For a form action that leaves the page: where the browser goes after this result (null:
   * stay and show the result). `run` may also call Next's `redirect()` itself.
   */
  redirect?: (result: ActionResult<T>) => string | null;
  /**
   * Only the change-password action: it runs for an account whose one-time password must
   * still be changed, which every other action treats as signed out (lib/session.ts).
   */
  whilePasswordChangePending?: true;
}

/** Every action defined in this process, for the access-matrix test (TRUST A1). */
export const ACTION_REGISTRY = new Map<string, { capability: Capability | null; action: (...args: [unknown] | [unknown, unknown]) => Promise<ActionResult<unknown>> }>();

export const anyRecord = async (): Promise<AccessDecision<null>> => ({ allow: null });

/** Zod's flattened errors as field errors, with refinements that name no field under `_form`. */
function invalid(error: z.ZodError): ActionResult<never> {
  const flat = z.flattenError(error);
  const fieldErrors = { ...(flat.fieldErrors as FieldErrors) };
  if (flat.formErrors.length > 0) fieldErrors[FORM_ERRORS_KEY] = flat.formErrors;
  return { status: 'invalid', fieldErrors };
}

/** Work for after the response: delivering the notifications the use case queued. */
function afterResponse(task: () => void): void {
  try {
    after(task);
  } catch {
    // Outside a request (integration tests, scripts) there is no response to wait for; the
    // outbox is drained by the next action or by whoever calls drainOutbox.
  }
}

/** FormData → plain object; repeated keys become arrays, empty file inputs are dropped. */
export function formDataToObject(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of fd.entries()) {
    if (key.startsWith('$ACTION')) continue;
    if (typeof value !== 'string' && value.size === 0 && !value.name) continue;
    if (key in out) {
      const prev = out[key];
      out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
    } else out[key] = value;
  }
  return out;
}

export function defineAction<S extends z.ZodType, T, R = null>(def: ActionDefinition<S, T, R>) {
  if (ACTION_REGISTRY.has(def.name)) throw new Error(`Action "${def.name}" is defined twice`);

  // Callable directly (`action(input)`) or from useActionState (`action(prevState, formData)`).
  async function action(...args: [unknown] | [unknown, unknown]): Promise<ActionResult<T>> {
    const result = await checkedRun(...args);
    const to = def.redirect?.(result);
    if (to) redirect(to);
    return result;
  }
  async function checkedRun(...args: [unknown] | [unknown, unknown]): Promise<ActionResult<T>> {
    const payload = args.length > 1 ? args[1] : args[0];
    let user: SessionUser | null = null;
    let stage: RefusalStage = 'capability';
    let result: ActionResult<T>;
    try {
      user = def.whilePasswordChangePending ? await getUserForPasswordChange() : await getCurrentUser();
      if (!user) return { status: 'unauthenticated' };
      if (!can(user.role, def.capability)) {
        result = { status: 'forbidden' };
      } else {
        const raw = payload instanceof FormData ? formDataToObject(payload) : payload;
        const parsed = def.input.safeParse(raw);
        if (!parsed.success) return invalid(parsed.error);
        const ctx: ActionContext<z.output<S>> = { user, input: parsed.data, db: getDb(), ip: clientIp(await headers()) };
        stage = 'record';
        const access = await def.authorize(ctx);
        if (access === 'forbidden' || access === 'not_found') {
          result = { status: access };
        } else {
          stage = 'use_case';
          result = await def.run({ ...ctx, record: access.allow });
          if (result.status === 'ok') afterResponse(() => drainSoon(ctx.db));
        }
      }
    } catch (err) {
      unstable_rethrow(err);
      result = errorResult(def.name, err);
    }
    if (user && (result.status === 'forbidden' || result.status === 'not_found')) await auditRefusal(def.name, user, result.status, stage);
    return result;
  }
  ACTION_REGISTRY.set(def.name, { capability: def.capability, action });
  return action;
}

/** Where a refusal came from: the role's capabilities, the record rule, or the use case's own checks. */
type RefusalStage = 'capability' | 'record' | 'use_case';

/**
 * Every refused action of a signed-in person goes into the audit log (issue 11 item 3), in its
 * own statement: the use case's transaction, if any, has rolled back. A failure to write it is
 * logged and never changes the answer the person gets.
 */
async function auditRefusal(name: AuditAction, user: SessionUser, refused: 'forbidden' | 'not_found', stage: RefusalStage): Promise<void> {
  try {
    const ip = clientIp(await headers());
    await writeAudit({ db: getDb(), event: { actorId: user.id, actorRole: user.role, action: name, entity: 'action', entityId: null, success: false, ip, details: { refused, stage } } });
  } catch (err) {
    logError(`audit of refused ${name}`, err);
  }
}

export function errorResult(name: string, err: unknown): ActionResult<never> {
  if (err instanceof AppError) {
    const kind = err.kind;
    if (kind === 'forbidden') return { status: 'forbidden' };
    if (kind === 'not_found') return { status: 'not_found' };
    if (kind === 'unauthenticated') return { status: 'unauthenticated' };
    if (kind === 'rate_limited') return { status: 'rate_limited', code: err.code };
    if (kind === 'conflict' || kind === 'duplicate' || kind === 'out_of_stock' || kind === 'over_budget') return { status: 'conflict', code: err.code };
    return { status: 'error', code: err.code };
  }
  const pg = pgErrorCode(err);
  if (pg === PG_UNIQUE_VIOLATION) return { status: 'conflict', code: 'duplicate' };
  if (pg === PG_CHECK_VIOLATION) return { status: 'conflict', code: 'conflict' };
  // Logged with detail for staff; the person sees one plain sentence.
  logError(`action ${name}`, err);
  return { status: 'error', code: 'internal' };
}

/**
 * The only exception to "signed in first": actions a visitor takes before having an account
 * (registration). Same input parsing and closed results; `run` must do its own rate limiting
 * and must not reveal more than the form needs.
 */
export function definePublicAction<S extends z.ZodType, T>(def: { name: string; input: S; run: (ctx: { input: z.output<S>; db: Db; ip: string | null }) => Promise<ActionResult<T>> }) {
  if (ACTION_REGISTRY.has(def.name)) throw new Error(`Action "${def.name}" is defined twice`);
  async function action(...args: [unknown] | [unknown, unknown]): Promise<ActionResult<T>> {
    const payload = args.length > 1 ? args[1] : args[0];
    try {
      const raw = payload instanceof FormData ? formDataToObject(payload) : payload;
      const parsed = def.input.safeParse(raw);
      if (!parsed.success) return invalid(parsed.error);
      return await def.run({ input: parsed.data, db: getDb(), ip: clientIp(await headers()) });
    } catch (err) {
      unstable_rethrow(err);
      return errorResult(def.name, err);
    }
  }
  ACTION_REGISTRY.set(def.name, { capability: null, action });
  return action;
}
