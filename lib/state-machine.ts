// The one way a record's `status` changes (CONVENTIONS.md §3), written once for every kind of
// record: a table of transitions (action, from, to, who may fire it, which fields it requires,
// which guards must pass), and the answers derived from it — may this actor fire this action
// now (`check`, asked by the server before it writes), which actions to offer (`available`, a
// hint for the UI), and the form input a set of actions takes (`inputSchema`, derived from
// what each transition requires, so no action checks a reason by hand). lib/workflow.ts
// (applications) and lib/grievances.ts (grievances) are built on it; edit this file only to
// change how every machine behaves. Pure: no database, no clock.

import { z } from 'zod';

/** Fields a transition can require from the person firing it. */
export const REQUIREMENTS = ['reason', 'note', 'rating'] as const;
export type Requirement = (typeof REQUIREMENTS)[number];

/** Refusals every machine can give before its own requirement and guard refusals. */
export const BASE_REFUSALS = ['unknown_action', 'wrong_state', 'wrong_role'] as const;
export type BaseRefusal = (typeof BASE_REFUSALS)[number];

export type RefusalParams = Record<string, string | number>;
/** A refusal with the numbers its sentence needs (e.g. `{ min: 2 }` for "at least 2 characters"). */
export interface Refusal<C extends string> {
  readonly code: C;
  readonly params?: RefusalParams;
}

export interface TransitionSpec<S extends string = string, A extends string = string, R extends string = string, G extends string = string> {
  readonly action: A;
  readonly from: readonly S[];
  readonly to: S;
  readonly actors: readonly R[];
  /** Fields the actor must give; checked by `check` and made required by `inputSchema`. */
  readonly requires: readonly Requirement[];
  /** Named guards, run in order after the requirements; the first refusal is the answer. */
  readonly guards: readonly G[];
  /** Machine-specific facts about a transition (e.g. an application's final rejection). */
  readonly final?: boolean;
}

/** A guard looks at the status the record is in and the facts the caller supplies. */
export type Guard<S extends string, Ctx, C extends string> = (from: S, ctx: Ctx) => C | Refusal<C> | null;

/** How one required field is checked, on the server (`present`) and in the form (`schema`). */
export interface FieldRule<C extends string, Req extends z.ZodType = z.ZodType, Opt extends z.ZodType | undefined = z.ZodType | undefined> {
  /** Whether `check` accepts the value as given. Must accept every output of `schema`. */
  readonly present: (value: unknown) => boolean;
  /** What `check` answers when it does not. */
  readonly refusal: C | Refusal<C>;
  /** The form field on transitions that require it (messages are i18n keys). */
  readonly schema: Req;
  /**
   * The form field on transitions of the same machine that do not require it, for forms that
   * post it anyway (one form with several buttons); left out = not part of their input.
   */
  readonly unused?: Opt;
}

/** The record a transition form acts on: its id (a UUID)… */
export const recordIdSchema = z.uuid({ error: 'validation.invalidType' });
/** …and the version the person saw (optimistic concurrency, CONVENTIONS.md §6): FormData strings coerced, an integer ≥ 1. */
export const recordVersionSchema = z.coerce.number({ error: 'validation.invalidType' }).int({ error: 'validation.invalidType' }).min(1, { error: 'validation.invalidType' });

type AnyTransition = TransitionSpec<string, string, string, string>;
type ActionOf<T extends readonly AnyTransition[]> = T[number]['action'];
type ActorOf<T extends readonly AnyTransition[]> = T[number]['actors'][number];
type GuardOf<T extends readonly AnyTransition[]> = T[number]['guards'][number];
type RequiredBy<T extends readonly AnyTransition[], A> = Extract<T[number], { readonly action: A }>['requires'][number];
type Fields<C extends string> = { readonly [K in Requirement]?: FieldRule<C> };

/** What one branch of `inputSchema` gives for action `A`: its required fields, and the others' `unused` output. */
type FieldsOutput<T extends readonly AnyTransition[], F, A> = {
  [K in keyof F & RequiredBy<T, A>]: F[K] extends FieldRule<string, infer Req, z.ZodType | undefined> ? z.output<Req> : never;
} & {
  [K in keyof F as K extends RequiredBy<T, A> ? never : F[K] extends { readonly unused: z.ZodType } ? K : never]: F[K] extends { readonly unused: infer Opt extends z.ZodType } ? z.output<Opt> : never;
};

export type TransitionResult<S extends string, C extends string> = { ok: true; to: S } | { ok: false; code: BaseRefusal | C; params?: RefusalParams };

/** The question `check` answers. Requirement values sit next to the action, guard facts in `context`. */
export interface CheckInput<S extends string, Ctx> {
  action: string;
  from: S;
  actor: string;
  reason?: unknown;
  note?: unknown;
  rating?: unknown;
  context?: Ctx;
}

export interface MachineDefinition<S extends string, T extends readonly TransitionSpec<S>[], Ctx, C extends string, F extends Fields<C>> {
  readonly states: readonly S[];
  /** Every refusal code the machine can answer (its base, requirement and guard refusals). */
  readonly refusals: readonly C[];
  readonly transitions: T;
  readonly guards: { readonly [K in GuardOf<T>]: Guard<S, Ctx, C> };
  /** One rule per field the transitions require (a required field without a rule is refused at definition time). */
  readonly fields: F;
  /** Context used when the caller gives none (guards then usually answer "context missing"). */
  readonly emptyContext: Ctx;
  /** Message key of every schema-level type error (not an object, unknown action). */
  readonly invalidTypeMessage?: string;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function asRefusal<C extends string>(r: C | Refusal<C>): { code: C; params?: RefusalParams } {
  return typeof r === 'string' ? { code: r } : r.params ? { code: r.code, params: { ...r.params } } : { code: r.code };
}

/**
 * Builds a state machine from its table. Throws at module load on a table that contradicts
 * itself (an action listed twice, a state or required field the definition does not know),
 * so a typo in a table never reaches a request.
 */
export function defineMachine<S extends string, const T extends readonly TransitionSpec<S>[], Ctx, C extends string, const F extends Fields<C>>(def: MachineDefinition<S, T, Ctx, C, F>) {
  type A = ActionOf<T>;
  type R = ActorOf<T>;
  type Tr = T[number];

  const transitions = deepFreeze(def.transitions.map((t) => ({ ...t, from: [...t.from], actors: [...t.actors], requires: [...t.requires], guards: [...t.guards] }))) as unknown as T;
  const byAction = new Map<string, Tr>();
  for (const t of transitions as readonly Tr[]) {
    if (byAction.has(t.action)) throw new Error(`state machine: action ${t.action} is listed twice`);
    for (const s of [...t.from, t.to]) if (!def.states.includes(s)) throw new Error(`state machine: ${t.action} names unknown state ${s}`);
    for (const f of t.requires) if (!def.fields[f]) throw new Error(`state machine: ${t.action} requires ${f}, which has no rule`);
    for (const g of t.guards) if (typeof (def.guards as Record<string, unknown>)[g] !== 'function') throw new Error(`state machine: ${t.action} names unknown guard ${g}`);
    byAction.set(t.action, t);
  }
  const actions = Object.freeze((transitions as readonly Tr[]).map((t) => t.action as A));
  const terminal: readonly S[] = Object.freeze(def.states.filter((s) => !(transitions as readonly Tr[]).some((t) => t.from.includes(s))));
  const invalidType = def.invalidTypeMessage ?? 'validation.invalidType';

  function get(action: string): (Tr & TransitionSpec<S, A, R, GuardOf<T>>) | undefined {
    return byAction.get(action);
  }

  function isAction(value: unknown): value is A {
    return typeof value === 'string' && byAction.has(value);
  }

  /**
   * May `actor` fire `action` on a record in status `from`? Checks, in this order: the action
   * exists → the record is in a status it starts from → the actor may fire it → each required
   * field is given → each guard passes. The first failure is the answer.
   */
  function check(input: CheckInput<S, Ctx>): TransitionResult<S, C> {
    const t = byAction.get(input.action);
    if (!t) return { ok: false, code: 'unknown_action' };
    if (!t.from.includes(input.from)) return { ok: false, code: 'wrong_state' };
    if (!(t.actors as readonly string[]).includes(input.actor)) return { ok: false, code: 'wrong_role' };
    for (const f of t.requires) {
      const rule = def.fields[f]!;
      if (!rule.present(input[f])) return { ok: false, ...asRefusal(rule.refusal) };
    }
    const ctx = input.context ?? def.emptyContext;
    for (const g of t.guards as readonly GuardOf<T>[]) {
      const refusal = def.guards[g](input.from, ctx);
      if (refusal) return { ok: false, ...asRefusal(refusal) };
    }
    return { ok: true, to: t.to };
  }

  /** Actions `actor` could fire on a record in `status`, in table order. Ignores requirements and guards: for choosing buttons only. */
  function available(status: S, actor: R): A[] {
    return (transitions as readonly Tr[]).filter((t) => t.from.includes(status) && (t.actors as readonly string[]).includes(actor)).map((t) => t.action as A);
  }

  /** The zod shape of the fields `action` requires, for a form that fires that one action. */
  function fieldsFor<const X extends A>(action: X): { [K in keyof F & RequiredBy<T, X>]: F[K] extends FieldRule<string, infer Req, z.ZodType | undefined> ? Req : never } {
    const t = byAction.get(action);
    if (!t) throw new Error(`state machine: unknown action ${action}`);
    return Object.fromEntries(t.requires.map((f) => [f, def.fields[f]!.schema])) as never;
  }

  /**
   * The form input of a transition among `allowed`: `action` (one of them; anything else is
   * `invalidType` on `action`), the fields of `shape` (e.g. the record id and version), and
   * what the chosen action requires — a `z.discriminatedUnion` on `action`, so a reason is
   * mandatory exactly for the actions that require one.
   */
  function inputSchema<const X extends readonly [A, ...A[]], Shape extends z.ZodRawShape = Record<never, never>>(allowed: X, shape?: Shape) {
    type Branch<B> = B extends A ? z.output<z.ZodObject<Shape>> & { action: B } & FieldsOutput<T, F, B> : never;
    const branches = allowed.map((action) => {
      const t = byAction.get(action);
      if (!t) throw new Error(`state machine: unknown action ${action}`);
      const fields: Record<string, z.ZodType> = {};
      for (const f of REQUIREMENTS) {
        const rule = def.fields[f];
        if (!rule) continue;
        if (t.requires.includes(f)) fields[f] = rule.schema;
        else if (rule.unused) fields[f] = rule.unused;
      }
      return z.object({ ...(shape ?? {}), ...fields, action: z.literal(action, { error: invalidType }) }, { error: () => invalidType });
    });
    const [first, ...rest] = branches;
    return z.discriminatedUnion('action', [first!, ...rest], { error: () => invalidType }) as unknown as z.ZodType<Branch<X[number]>, unknown>;
  }

  return Object.freeze({
    states: def.states,
    transitions,
    actions,
    terminal,
    isTerminal: (status: S): boolean => terminal.includes(status),
    get,
    isAction,
    check,
    available,
    fieldsFor,
    inputSchema,
  });
}
