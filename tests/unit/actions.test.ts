// The action builder checks, in order: session → role → input → ownership/jurisdiction,
// and turns every failure into a value, never a thrown error.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { AuditAction } from '@/lib/audit/actions';

const current = { user: null as null | { id: string; name: string; role: 'resident' | 'cadre' | 'official'; placeIds: number[]; placePaths: string[] } };
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => current.user }));
vi.mock('@/db/client', () => ({ getDb: () => ({}) }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '10.1.1.1' }) }));
const afterTasks: (() => void)[] = [];
vi.mock('next/server', () => ({ after: (task: () => void) => void afterTasks.push(task) }));
vi.mock('@/db/queries/notifications', () => ({ drainSoon: () => undefined }));

const { redirect } = await import('next/navigation');
const { allow, defineAction, ACTION_REGISTRY, formDataToObject } = await import('@/lib/actions');
const { AppError } = await import('@/lib/errors');

const calls: string[] = [];
const sample = defineAction({
  // Names outside the audit registry (lib/audit/actions.ts): these actions exist only here.
  name: 'test.sample' as AuditAction,
  capability: 'application:apply_own',
  input: z.object({ id: z.string().min(3, 'validation.tooShort'), count: z.coerce.number().int().min(1) }),
  authorize: async ({ input, user }) => {
    calls.push('authorize');
    return input.id === 'mine' && user.id === 'u1' ? allow({ loaded: input.id }) : input.id === 'gone' ? 'not_found' : 'forbidden';
  },
  run: async ({ input, ip, record }) => {
    calls.push(`run:${record.loaded}`);
    if (input.count === 99) throw new AppError('conflict:application');
    if (input.count === 96) throw new AppError('rate_limited:objection');
    if (input.count === 95) redirect('/resident/grievances/1');
    if (input.count === 98) throw new Error('database exploded with secret detail');
    if (input.count === 97) throw Object.assign(new Error('dup'), { code: '23505' });
    return { status: 'ok', data: { id: input.id, ip } };
  },
});

beforeEach(() => {
  calls.length = 0;
  afterTasks.length = 0;
  current.user = { id: 'u1', name: '张三', role: 'resident', placeIds: [], placePaths: [] };
});

describe('defineAction', () => {
  it('registers each action by name once', () => {
    expect(ACTION_REGISTRY.get('test.sample')?.capability).toBe('application:apply_own');
    expect(() => defineAction({ name: 'test.sample' as AuditAction, capability: 'fact:verify', input: z.object({}), authorize: async () => allow(null), run: async () => ({ status: 'ok', data: null }) })).toThrow(/twice/);
  });
  it('refuses an anonymous caller before anything else', async () => {
    current.user = null;
    expect(await sample({ id: 'mine', count: 1 })).toEqual({ status: 'unauthenticated' });
    expect(calls).toEqual([]);
  });
  it('refuses a role without the capability before parsing input', async () => {
    current.user = { id: 'u2', name: '李四', role: 'official', placeIds: [], placePaths: [] };
    expect(await sample({ id: 'x', count: 'nope' })).toEqual({ status: 'forbidden' });
    expect(calls).toEqual([]);
  });
  it('returns field errors for bad input and never reaches the record check', async () => {
    const r = await sample({ id: 'a', count: 0 });
    expect(r.status).toBe('invalid');
    if (r.status === 'invalid') expect(Object.keys(r.fieldErrors).sort()).toEqual(['count', 'id']);
    expect(calls).toEqual([]);
  });
  it('refuses someone else’s record, or hides it as not found', async () => {
    expect(await sample({ id: 'theirs', count: 1 })).toEqual({ status: 'forbidden' });
    expect(await sample({ id: 'gone', count: 1 })).toEqual({ status: 'not_found' });
    expect(calls).toEqual(['authorize', 'authorize']);
  });
  it('runs for the owner, from plain input or from FormData (useActionState form)', async () => {
    expect(await sample({ id: 'mine', count: '2' })).toEqual({ status: 'ok', data: { id: 'mine', ip: '10.1.1.1' } });
    const fd = new FormData();
    fd.set('id', 'mine');
    fd.set('count', '3');
    expect(await sample(null, fd)).toEqual({ status: 'ok', data: { id: 'mine', ip: '10.1.1.1' } });
  });
  it('hands the record authorize loaded to run, and queues the outbox drain only after success', async () => {
    await sample({ id: 'mine', count: 1 });
    expect(calls).toEqual(['authorize', 'run:mine']);
    expect(afterTasks).toHaveLength(1);
    await sample({ id: 'mine', count: 99 });
    expect(afterTasks).toHaveLength(1);
  });
  it("lets Next's redirect through instead of turning it into an error", async () => {
    await expect(sample({ id: 'mine', count: 95 })).rejects.toMatchObject({ digest: expect.stringContaining('NEXT_REDIRECT') });
  });
  it('answers rate_limited for a rate-limit refusal', async () => {
    expect(await sample({ id: 'mine', count: 96 })).toEqual({ status: 'rate_limited', code: 'rate_limited:objection' });
  });
  it('keeps form-level errors (refinements without a field) under _form', async () => {
    const pair = defineAction({
      name: 'test.pair' as AuditAction,
      capability: 'application:apply_own',
      input: z.object({ a: z.string(), b: z.string() }).refine((v) => v.a === v.b, 'validation.mismatch'),
      authorize: async () => allow(null),
      run: async () => ({ status: 'ok', data: null }),
    });
    expect(await pair({ a: 'x', b: 'y' })).toEqual({ status: 'invalid', fieldErrors: { _form: ['validation.mismatch'] } });
  });
  it('turns thrown errors into closed results without leaking detail', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await sample({ id: 'mine', count: 99 })).toEqual({ status: 'conflict', code: 'conflict:application' });
    expect(await sample({ id: 'mine', count: 97 })).toEqual({ status: 'conflict', code: 'duplicate' });
    const r = await sample({ id: 'mine', count: 98 });
    expect(r).toEqual({ status: 'error', code: 'internal' });
    expect(JSON.stringify(r)).not.toContain('secret detail');
    spy.mockRestore();
  });
  it('reads FormData with repeated keys as arrays and skips empty file inputs', () => {
    const fd = new FormData();
    fd.append('a', '1');
    fd.append('a', '2');
    fd.append('f', new File([], ''));
    fd.append('$ACTION_ID_x', '');
    expect(formDataToObject(fd)).toEqual({ a: ['1', '2'] });
  });
});
