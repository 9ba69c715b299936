import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineMachine } from '@/lib/state-machine';
import { reasonSchema } from '@/lib/validators';

// A small machine of its own (a door), so the generic behaviour is tested apart from the two
// real tables: lock needs a reason, rate needs a rating, open is guarded by the facts.
type DoorState = 'closed' | 'open' | 'locked' | 'gone';
const STATES = ['closed', 'open', 'locked', 'gone'] as const satisfies readonly DoorState[];
const REFUSALS = ['unknown_action', 'wrong_state', 'wrong_role', 'reason_required', 'rating_required', 'too_windy', 'context_missing'] as const;
type Ctx = { wind?: number };

const reasonRule = {
  present: (v: unknown) => typeof v === 'string' && Array.from(v.trim()).length >= 2,
  refusal: { code: 'reason_required' as const, params: { min: 2 } },
  schema: reasonSchema,
  unused: z.unknown().optional().transform((): null => null),
};

function door() {
  return defineMachine({
    states: STATES,
    refusals: REFUSALS,
    transitions: [
      { action: 'open', from: ['closed'], to: 'open', actors: ['guest', 'keeper'], requires: [], guards: ['calm'] },
      { action: 'shut', from: ['open'], to: 'closed', actors: ['guest', 'keeper'], requires: [], guards: [] },
      { action: 'lock', from: ['closed'], to: 'locked', actors: ['keeper'], requires: ['reason'], guards: [] },
      { action: 'rate', from: ['closed', 'locked'], to: 'gone', actors: ['guest'], requires: ['rating'], guards: ['calm'] },
    ] as const,
    guards: {
      calm: (_from: DoorState, ctx: Ctx) => (typeof ctx.wind !== 'number' ? 'context_missing' : ctx.wind > 5 ? { code: 'too_windy', params: { max: 5 } } : null),
    },
    fields: {
      reason: reasonRule,
      rating: { present: (v: unknown) => v === 1 || v === 2 || v === 3, refusal: 'rating_required', schema: z.coerce.number({ error: 'rating' }).int({ error: 'rating' }).min(1, { error: 'rating' }).max(3, { error: 'rating' }) },
    },
    emptyContext: {} as Ctx,
  });
}

describe('defineMachine: the table', () => {
  const m = door();

  it('lists actions in table order, knows them, and finds each row', () => {
    expect(m.actions).toEqual(['open', 'shut', 'lock', 'rate']);
    expect(m.isAction('lock')).toBe(true);
    expect(m.isAction('kick')).toBe(false);
    expect(m.isAction(42)).toBe(false);
    expect(m.get('lock')?.requires).toEqual(['reason']);
    expect(m.get('kick')).toBeUndefined();
  });

  it('derives terminal states: those no transition leaves', () => {
    expect(m.terminal).toEqual(['gone']);
    expect(m.isTerminal('gone')).toBe(true);
    expect(m.isTerminal('locked')).toBe(false);
  });

  it('is frozen all the way down', () => {
    expect(Object.isFrozen(m.transitions)).toBe(true);
    expect(Object.isFrozen(m.transitions[0])).toBe(true);
    expect(Object.isFrozen(m.transitions[0]?.from)).toBe(true);
  });

  it('refuses a table that contradicts itself, at definition time', () => {
    const base = { states: STATES, refusals: REFUSALS, guards: {}, fields: { reason: reasonRule }, emptyContext: {} };
    expect(() => defineMachine({ ...base, transitions: [{ action: 'a', from: ['closed'], to: 'open', actors: ['x'], requires: [], guards: [] }, { action: 'a', from: ['open'], to: 'closed', actors: ['x'], requires: [], guards: [] }] })).toThrow(/listed twice/);
    expect(() => defineMachine({ ...base, transitions: [{ action: 'a', from: ['ajar' as DoorState], to: 'open', actors: ['x'], requires: [], guards: [] }] })).toThrow(/unknown state ajar/);
    expect(() => defineMachine({ ...base, transitions: [{ action: 'a', from: ['closed'], to: 'open', actors: ['x'], requires: ['note'], guards: [] }] })).toThrow(/requires note/);
    expect(() => defineMachine({ ...base, guards: {} as Record<'nope', never>, transitions: [{ action: 'a', from: ['closed'], to: 'open', actors: ['x'], requires: [], guards: ['nope'] }] })).toThrow(/unknown guard nope/);
  });
});

describe('check: the first failure is the answer, in a fixed order', () => {
  const m = door();

  it('unknown action → wrong state → wrong role → required field → guard', () => {
    expect(m.check({ action: 'kick', from: 'gone', actor: 'cat' })).toEqual({ ok: false, code: 'unknown_action' });
    expect(m.check({ action: 'lock', from: 'open', actor: 'cat' })).toEqual({ ok: false, code: 'wrong_state' });
    expect(m.check({ action: 'lock', from: 'closed', actor: 'guest' })).toEqual({ ok: false, code: 'wrong_role' });
    expect(m.check({ action: 'rate', from: 'closed', actor: 'guest', rating: 9, context: { wind: 99 } })).toEqual({ ok: false, code: 'rating_required' });
    expect(m.check({ action: 'rate', from: 'closed', actor: 'guest', rating: 2, context: { wind: 99 } })).toEqual({ ok: false, code: 'too_windy', params: { max: 5 } });
    expect(m.check({ action: 'rate', from: 'locked', actor: 'guest', rating: 2, context: { wind: 1 } })).toEqual({ ok: true, to: 'gone' });
  });

  it('a guard without its facts refuses (the empty context), never guesses', () => {
    expect(m.check({ action: 'open', from: 'closed', actor: 'guest' })).toEqual({ ok: false, code: 'context_missing' });
    expect(m.check({ action: 'open', from: 'closed', actor: 'guest', context: { wind: 0 } })).toEqual({ ok: true, to: 'open' });
  });

  it('a required reason of one character is refused, with the numbers its sentence needs', () => {
    for (const reason of [undefined, null, '', '  ', 'x', ' 锁 ', '𠀀']) {
      expect(m.check({ action: 'lock', from: 'closed', actor: 'keeper', reason })).toEqual({ ok: false, code: 'reason_required', params: { min: 2 } });
    }
    expect(m.check({ action: 'lock', from: 'closed', actor: 'keeper', reason: '夜间' })).toEqual({ ok: true, to: 'locked' });
  });

  it('a field that is not required is not looked at', () => {
    expect(m.check({ action: 'shut', from: 'open', actor: 'guest', reason: 42, rating: 'x' })).toEqual({ ok: true, to: 'closed' });
  });

  it('available: by status and actor, table order, requirements and guards ignored', () => {
    expect(m.available('closed', 'keeper')).toEqual(['open', 'lock']);
    expect(m.available('closed', 'guest')).toEqual(['open', 'rate']);
    expect(m.available('gone', 'keeper')).toEqual([]);
  });
});

describe('inputSchema: the form input derived from what each transition requires', () => {
  const m = door();
  const id = z.string().min(1, { error: 'validation.invalidType' });
  const schema = m.inputSchema(['shut', 'lock', 'rate'], { doorId: id });
  const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    r.success ? [] : r.error!.issues.map((i) => `${String(i.path[0] ?? '')}:${i.message}`);

  it('requires exactly the fields of the chosen action, with the shared message keys', () => {
    expect(messages(schema.safeParse({ doorId: 'd1', action: 'lock' }))).toEqual(['reason:validation.reason.required']);
    expect(messages(schema.safeParse({ doorId: 'd1', action: 'lock', reason: '锁' }))).toEqual(['reason:validation.reason.tooShort']);
    expect(messages(schema.safeParse({ doorId: 'd1', action: 'lock', reason: 'x'.repeat(501) }))).toEqual(['reason:validation.reason.tooLong']);
    expect(messages(schema.safeParse({ doorId: 'd1', action: 'rate', rating: '4' }))).toEqual(['rating:rating']);
    expect(schema.parse({ doorId: 'd1', action: 'rate', rating: '3' })).toEqual({ doorId: 'd1', action: 'rate', rating: 3, reason: null });
    expect(schema.parse({ doorId: 'd1', action: 'lock', reason: ' 夜间 ' })).toEqual({ doorId: 'd1', action: 'lock', reason: '夜间' });
  });

  it('gives the `unused` output where a field is not required (here: null), and leaves out fields with no such rule', () => {
    expect(schema.parse({ doorId: 'd1', action: 'shut', reason: 'whatever', rating: 'x' })).toEqual({ doorId: 'd1', action: 'shut', reason: null });
  });

  it('an action outside the list, or input that is not an object, is a type error on `action` / the form', () => {
    expect(messages(schema.safeParse({ doorId: 'd1', action: 'open' }))).toEqual(['action:validation.invalidType']);
    expect(messages(schema.safeParse({ doorId: 'd1' }))).toEqual(['action:validation.invalidType']);
    expect(messages(schema.safeParse(null))).toEqual([':validation.invalidType']);
    expect(messages(schema.safeParse({ doorId: '', action: 'shut' }))).toEqual(['doorId:validation.invalidType']);
  });

  it('fieldsFor gives the shape of one action, for one-action forms', () => {
    expect(Object.keys(m.fieldsFor('lock'))).toEqual(['reason']);
    expect(Object.keys(m.fieldsFor('shut'))).toEqual([]);
    expect(() => m.inputSchema(['kick' as 'shut'])).toThrow(/unknown action kick/);
  });

  it('property: whatever the schema accepts, check accepts too (the schema is never weaker than the server)', () => {
    fc.assert(
      fc.property(fc.constantFrom('shut', 'lock', 'rate'), fc.option(fc.string({ maxLength: 6 }), { nil: undefined }), fc.oneof(fc.integer({ min: -1, max: 5 }).map(String), fc.constant(undefined)), (action, reason, rating) => {
        const parsed = schema.safeParse({ doorId: 'd1', action, reason, rating });
        if (!parsed.success) return;
        const from = action === 'shut' ? 'open' : 'closed';
        const actor = action === 'lock' ? 'keeper' : 'guest';
        expect(m.check({ ...parsed.data, from, actor, context: { wind: 0 } })).toMatchObject({ ok: true });
      }),
    );
  });
});
