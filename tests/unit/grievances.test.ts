import { describe, expect, it } from 'vitest';
import { APPLICATION_STATUSES, GRIEVANCE_CATEGORIES, GRIEVANCE_STATUSES, type GrievanceStatus } from '@/lib/domain';
import { lookup, type Messages } from './catalogue';
import zh from '@/messages/zh-CN.json';
import en from '@/messages/en.json';
import {
  GRIEVANCE_ACTIONS,
  GRIEVANCE_REFUSALS,
  REOPEN_WINDOW_DAYS,
  availableGrievanceActions,
  checkGrievanceTransition,
  closeGrievanceSchema,
  deadlineDaysLeft,
  fileGrievanceSchema,
  grievanceDeadlines,
  grievanceMachine,
  grievanceTransitionInput,
  grievanceRecipient,
  handleGrievanceSchema,
  nextDeadline,
  overdueKind,
  reopenDaysLeft,
  reopenEndsAt,
  reopenGrievanceSchema,
  reopenLastDay,
  type DeadlineFields,
  type GrievanceAction,
  type GrievanceActor,
} from '@/lib/grievances';
import { cstDate } from '@/lib/time';
import { mayReach } from '@/lib/permissions';

// The specification written out independently of the module's table (brief, step 8):
// open → responded (cadre, note) → resolved (cadre, note) → closed (resident, rating 1–5);
// closed → reopened (resident, within 7 days, reason) → responded …
const SPEC: Record<GrievanceAction, { from: GrievanceStatus[]; to: GrievanceStatus; actor: GrievanceActor }> = {
  respond: { from: ['open', 'reopened'], to: 'responded', actor: 'cadre' },
  resolve: { from: ['responded'], to: 'resolved', actor: 'cadre' },
  close: { from: ['resolved'], to: 'closed', actor: 'resident' },
  reopen: { from: ['closed'], to: 'reopened', actor: 'resident' },
};
const ACTORS = ['resident', 'cadre', 'official'] as const;

const NOW = new Date('2026-03-10T02:00:00Z'); // 10:00 CST
const CLOSED_RECENTLY = new Date('2026-03-08T02:00:00Z');
const complete = { note: '已联系供热公司处理', reason: '暖气还是不热', rating: 4, closedAt: CLOSED_RECENTLY, now: NOW };

describe('grievance transitions: every action × status × actor', () => {
  for (const action of GRIEVANCE_ACTIONS) {
    for (const from of GRIEVANCE_STATUSES) {
      for (const actor of ACTORS) {
        const spec = SPEC[action];
        const allowed = spec.from.includes(from) && spec.actor === actor;
        it(`${action} from ${from} by ${actor}: ${allowed ? 'allowed' : 'refused'}`, () => {
          const r = checkGrievanceTransition({ action, from, actor, ...complete });
          if (allowed) expect(r).toEqual({ ok: true, to: spec.to });
          else expect(r).toEqual({ ok: false, code: spec.from.includes(from) ? 'wrong_role' : 'wrong_state' });
        });
      }
    }
  }

  it('refuses an unknown action', () => {
    expect(checkGrievanceTransition({ action: 'delete', from: 'open', actor: 'cadre' })).toEqual({ ok: false, code: 'unknown_action' });
    expect(checkGrievanceTransition({ action: 'file', from: 'open', actor: 'resident' })).toEqual({ ok: false, code: 'unknown_action' });
  });

  it('requires a note to respond and to resolve (blank or one character is not a note)', () => {
    for (const [action, from] of [
      ['respond', 'open'],
      ['respond', 'reopened'],
      ['resolve', 'responded'],
    ] as const) {
      for (const note of [undefined, null, '', '   ', '好']) {
        expect(checkGrievanceTransition({ action, from, actor: 'cadre', note })).toEqual({ ok: false, code: 'note_required' });
      }
      expect(checkGrievanceTransition({ action, from, actor: 'cadre', note: '已处理' }).ok).toBe(true);
    }
  });

  it('requires a whole rating from 1 to 5 to close', () => {
    for (const rating of [undefined, null, 0, 6, 3.5, -1, Number.NaN]) {
      expect(checkGrievanceTransition({ action: 'close', from: 'resolved', actor: 'resident', rating })).toEqual({ ok: false, code: 'rating_required' });
    }
    for (const rating of [1, 2, 3, 4, 5]) expect(checkGrievanceTransition({ action: 'close', from: 'resolved', actor: 'resident', rating })).toEqual({ ok: true, to: 'closed' });
  });

  it('requires a reason to reopen, and the time it was closed', () => {
    expect(checkGrievanceTransition({ action: 'reopen', from: 'closed', actor: 'resident', reason: ' ', closedAt: CLOSED_RECENTLY, now: NOW })).toEqual({ ok: false, code: 'reason_required' });
    expect(checkGrievanceTransition({ action: 'reopen', from: 'closed', actor: 'resident', reason: '还是不热', closedAt: null, now: NOW })).toEqual({ ok: false, code: 'context_missing' });
  });

  it('offers the forms a role may use in each status', () => {
    expect(availableGrievanceActions('open', 'cadre')).toEqual(['respond']);
    expect(availableGrievanceActions('reopened', 'cadre')).toEqual(['respond']);
    expect(availableGrievanceActions('responded', 'cadre')).toEqual(['resolve']);
    expect(availableGrievanceActions('resolved', 'resident')).toEqual(['close']);
    expect(availableGrievanceActions('closed', 'resident')).toEqual(['reopen']);
    expect(availableGrievanceActions('open', 'resident')).toEqual([]);
    expect(availableGrievanceActions('closed', 'cadre')).toEqual([]);
  });
});

describe('the 7-day reopen window (CST calendar days, the closing day not counted)', () => {
  // Closed at 10:00 CST on 1 Nov 2026: reopen allowed until 8 Nov 24:00 CST = 2026-11-08T16:00:00Z.
  const closedAt = new Date('2026-11-01T02:00:00Z');
  const reopen = (now: Date) => checkGrievanceTransition({ action: 'reopen', from: 'closed', actor: 'resident', reason: '问题没有解决', closedAt, now });

  it('ends at 00:00 CST after the seventh day', () => {
    expect(reopenEndsAt(closedAt).toISOString()).toBe('2026-11-08T16:00:00.000Z');
    expect(cstDate(reopenLastDay(closedAt))).toBe('2026-11-08');
    expect(reopenLastDay(closedAt).toISOString()).toBe('2026-11-07T16:00:00.000Z'); // 00:00 CST on 8 Nov, for a formatter
  });
  it('is open the last millisecond and closed from the boundary on', () => {
    expect(reopen(new Date('2026-11-08T15:59:59.999Z'))).toEqual({ ok: true, to: 'reopened' });
    expect(reopen(new Date('2026-11-08T16:00:00.000Z'))).toEqual({ ok: false, code: 'reopen_window_closed' });
    expect(reopen(new Date('2026-12-01T00:00:00Z'))).toEqual({ ok: false, code: 'reopen_window_closed' });
  });
  it('counts the days left, today included', () => {
    expect(reopenDaysLeft(closedAt, closedAt)).toBe(REOPEN_WINDOW_DAYS);
    expect(reopenDaysLeft(closedAt, new Date('2026-11-02T01:00:00Z'))).toBe(7); // 2 Nov 09:00 CST
    expect(reopenDaysLeft(closedAt, new Date('2026-11-08T00:00:00Z'))).toBe(1); // 8 Nov 08:00 CST: last day
    expect(reopenDaysLeft(closedAt, new Date('2026-11-08T16:00:00Z'))).toBe(0);
    expect(reopenDaysLeft(null, NOW)).toBe(0);
  });
  it('is the same at any hour of the closing day (closed just before midnight CST)', () => {
    const late = new Date('2026-11-01T15:59:00Z'); // 23:59 CST on 1 Nov
    expect(reopenEndsAt(late).toISOString()).toBe('2026-11-08T16:00:00.000Z');
    const early = new Date('2026-10-31T16:00:00Z'); // 00:00 CST on 1 Nov
    expect(reopenEndsAt(early).toISOString()).toBe('2026-11-08T16:00:00.000Z');
  });
});

describe('time limits and overdue', () => {
  const filed = new Date('2026-03-01T02:00:00Z');
  const d = grievanceDeadlines(filed);
  it('gives 3 days to respond and 15 to resolve', () => {
    expect(d.respondBy.toISOString()).toBe('2026-03-04T02:00:00.000Z');
    expect(d.resolveBy.toISOString()).toBe('2026-03-16T02:00:00.000Z');
  });
  it('flags an unanswered grievance after the respond-by time, and any active one after resolve-by', () => {
    const open = { status: 'open' as const, ...d, respondedAt: null };
    expect(overdueKind(open, new Date('2026-03-04T01:59:59Z'))).toBeNull();
    expect(overdueKind(open, new Date('2026-03-04T02:00:01Z'))).toBe('respond');
    const responded = { status: 'responded' as const, ...d, respondedAt: new Date('2026-03-02T00:00:00Z') };
    expect(overdueKind(responded, new Date('2026-03-10T00:00:00Z'))).toBeNull();
    expect(overdueKind(responded, new Date('2026-03-16T02:00:01Z'))).toBe('resolve');
    expect(overdueKind({ ...open, status: 'reopened' }, new Date('2026-03-20T00:00:00Z'))).toBe('resolve');
  });
  it('never flags a resolved or closed grievance', () => {
    for (const status of ['resolved', 'closed'] as const) expect(overdueKind({ status, ...d, respondedAt: null }, new Date('2027-01-01T00:00:00Z'))).toBeNull();
  });
  it('names the next deadline', () => {
    expect(nextDeadline({ status: 'open', ...d, respondedAt: null })).toEqual({ kind: 'respond', at: d.respondBy });
    expect(nextDeadline({ status: 'responded', ...d, respondedAt: filed })).toEqual({ kind: 'resolve', at: d.resolveBy });
    expect(nextDeadline({ status: 'closed', ...d, respondedAt: filed })).toBeNull();
  });
  it('counts the days left to the next deadline in the one meaning (filing day not counted, 1 = due today)', () => {
    // Filed 1 Mar 10:00 CST, answer due 4 Mar 10:00 CST, solution due 16 Mar 10:00 CST.
    const open = { status: 'open' as const, ...d, respondedAt: null };
    const on = (iso: string, g: DeadlineFields = open) => deadlineDaysLeft(g, new Date(iso));
    expect(on('2026-03-01T10:00:00+08:00')).toEqual({ kind: 'respond', days: 3 });
    expect(on('2026-03-01T23:59:00+08:00')).toEqual({ kind: 'respond', days: 3 });
    expect(on('2026-03-02T16:00:00+08:00')).toEqual({ kind: 'respond', days: 3 }); // a 24-hour count said 2
    expect(on('2026-03-03T09:00:00+08:00')).toEqual({ kind: 'respond', days: 2 });
    expect(on('2026-03-04T09:59:59+08:00')).toEqual({ kind: 'respond', days: 1 }); // due today
    expect(on('2026-03-04T10:00:00+08:00')).toEqual({ kind: 'respond', days: 0 });
    const responded = { status: 'responded' as const, ...d, respondedAt: new Date('2026-03-02T00:00:00Z') };
    expect(on('2026-03-02T12:00:00+08:00', responded)).toEqual({ kind: 'resolve', days: 15 });
    expect(on('2026-03-16T08:00:00+08:00', responded)).toEqual({ kind: 'resolve', days: 1 });
    expect(deadlineDaysLeft({ status: 'closed', ...d, respondedAt: filed }, filed)).toBeNull();
  });
});

describe('who may see a grievance (the record rule of lib/permissions.ts)', () => {
  const g = { filedBy: 'u-filer', ownerUserId: 'u-owner', placePath: '/1/2/5/' };
  it('a resident: the filer or the household owner only', () => {
    expect(mayReach({ id: 'u-filer', role: 'resident', placePaths: [] }, g)).toBe(true);
    expect(mayReach({ id: 'u-owner', role: 'resident', placePaths: [] }, g)).toBe(true);
    expect(mayReach({ id: 'u-other', role: 'resident', placePaths: ['/1/'] }, g)).toBe(false);
  });
  it('staff: only inside their places', () => {
    expect(mayReach({ id: 'c', role: 'cadre', placePaths: ['/1/2/'] }, g)).toBe(true);
    expect(mayReach({ id: 'c', role: 'cadre', placePaths: ['/1/3/'] }, g)).toBe(false);
    expect(mayReach({ id: 'c', role: 'cadre', placePaths: [] }, g)).toBe(false);
    expect(mayReach({ id: 'o', role: 'official', placePaths: ['/1/'] }, g)).toBe(true);
  });
  it('notifies the household owner, else a resident filer, else no one', () => {
    expect(grievanceRecipient({ filedBy: 'c', filerRole: 'cadre', householdOwnerId: 'r' })).toBe('r');
    expect(grievanceRecipient({ filedBy: 'r', filerRole: 'resident', householdOwnerId: null })).toBe('r');
    expect(grievanceRecipient({ filedBy: 'c', filerRole: 'cadre', householdOwnerId: null })).toBeNull();
  });
});

describe('input schemas', () => {
  const id = '4b0e1c1e-2f7a-4d7e-9c55-0a3f2a6b9c10';
  it('file: category, place and a description of at least 5 characters', () => {
    expect(fileGrievanceSchema.safeParse({ category: 'heating', placeId: '12', description: '  暖气片不热了  ' })).toEqual({ success: true, data: { category: 'heating', placeId: 12, description: '暖气片不热了' } });
    const bad = fileGrievanceSchema.safeParse({ category: 'weather', placeId: 'x', description: '不热' });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.issues.map((i) => i.message).sort()).toEqual(['grievances.errors.category', 'grievances.errors.descriptionTooShort', 'grievances.errors.place']);
    const missing = fileGrievanceSchema.safeParse({});
    if (!missing.success) expect(missing.error.issues.map((i) => i.message)).toContain('grievances.errors.descriptionRequired');
    expect(fileGrievanceSchema.safeParse('not an object').success).toBe(false);
    expect(fileGrievanceSchema.safeParse({ category: 'heating', placeId: 1, description: '很'.repeat(1001) }).success).toBe(false);
  });
  it('handle: a note is required', () => {
    expect(handleGrievanceSchema.safeParse({ grievanceId: id, version: '2', note: '已处理' }).success).toBe(true);
    const r = handleGrievanceSchema.safeParse({ grievanceId: 'nope', version: '0', note: ' ' });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.path[0]).sort()).toEqual(['grievanceId', 'note', 'version']);
  });
  it('close: rating 1–5, comment optional', () => {
    expect(closeGrievanceSchema.safeParse({ grievanceId: id, version: 3, rating: '4' })).toMatchObject({ success: true, data: { rating: 4, comment: '' } });
    for (const rating of ['0', '6', '', 'abc', '4.5', undefined]) expect(closeGrievanceSchema.safeParse({ grievanceId: id, version: 3, rating }).success).toBe(false);
    expect(closeGrievanceSchema.safeParse({ grievanceId: id, version: 3, rating: 5, comment: '好'.repeat(501) }).success).toBe(false);
  });
  it('reopen: a reason is required', () => {
    expect(reopenGrievanceSchema.safeParse({ grievanceId: id, version: 4, reason: '还是不热' }).success).toBe(true);
    expect(reopenGrievanceSchema.safeParse({ grievanceId: id, version: 4, reason: '' }).success).toBe(false);
  });
});

describe('every word the grievance and inbox screens need is in both catalogues', () => {
  const keys = [
    ...GRIEVANCE_STATUSES.flatMap((s) => [`grievances.status.${s}`, `cadreGrievances.status.${s}`, `notifications.kinds.grievance.${s}`]),
    ...GRIEVANCE_CATEGORIES.map((c) => `grievances.category.${c}`),
    ...GRIEVANCE_REFUSALS.map((r) => `grievances.refusals.${r}`),
    ...GRIEVANCE_ACTIONS.map((a) => `grievances.events.${a}`),
    'grievances.events.file',
    ...APPLICATION_STATUSES.map((s) => `notifications.kinds.application.${s}`),
    ...[1, 2, 3, 4, 5].map((n) => `grievances.rate.score.${n}`),
    // Every message the input schemas can produce.
    'grievances.errors.category',
    'grievances.errors.place',
    'grievances.errors.descriptionRequired',
    'grievances.errors.descriptionTooShort',
    'grievances.errors.descriptionTooLong',
    'grievances.errors.noteRequired',
    'grievances.errors.noteTooShort',
    'grievances.errors.noteTooLong',
    'grievances.errors.rating',
    'grievances.errors.commentTooLong',
  ];
  it.each(keys)('%s', (key) => {
    expect(lookup(zh as Messages, key), `zh-CN ${key}`).toBeTruthy();
    expect(lookup(en as Messages, key), `en ${key}`).toBeTruthy();
  });
  it('uses the notification parameters the services write', () => {
    for (const s of APPLICATION_STATUSES) {
      for (const cat of [zh, en]) expect(lookup(cat as Messages, `notifications.kinds.application.${s}`)).toMatch(/\{reference\}.*|\{programme\}/);
    }
    for (const s of GRIEVANCE_STATUSES) {
      for (const cat of [zh, en]) {
        const text = lookup(cat as Messages, `notifications.kinds.grievance.${s}`)!;
        expect(text).toContain('{reference}');
        expect(text).toContain('{category}');
      }
    }
  });
});

describe('grievance input schemas derived from the table', () => {
  const grievanceId = '4b0e1c1e-2f7a-4d7e-9c55-0a3f2a6b9c10';
  const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    r.success ? [] : r.error!.issues.map((i) => `${String(i.path[0] ?? '')}:${i.message}`);

  it('cadre steps: respond and resolve require a note of at least 2 characters', () => {
    const schema = grievanceTransitionInput(['respond', 'resolve']);
    for (const action of ['respond', 'resolve'] as const) {
      expect(schema.parse({ grievanceId, action, version: '2', note: ' 已联系 ' })).toEqual({ grievanceId, action, version: 2, note: '已联系' });
      expect(messages(schema.safeParse({ grievanceId, action, version: 2, note: '好' }))).toEqual(['note:grievances.errors.noteTooShort']);
      expect(messages(schema.safeParse({ grievanceId, action, version: 2 }))).toEqual(['note:grievances.errors.noteRequired']);
      expect(messages(schema.safeParse({ grievanceId, action, version: 2, note: '好'.repeat(1001) }))).toEqual(['note:grievances.errors.noteTooLong']);
    }
    expect(messages(schema.safeParse({ grievanceId, action: 'close', version: 2, rating: 5 }))).toEqual(['action:validation.invalidType']);
  });

  it('resident steps: close takes a rating 1–5 (and a comment), reopen a reason', () => {
    const schema = grievanceTransitionInput(['close', 'reopen']);
    expect(schema.parse({ grievanceId, action: 'close', version: '3', rating: '4' })).toEqual({ grievanceId, action: 'close', version: 3, rating: 4, comment: '' });
    for (const rating of ['0', '6', '', '4.5', undefined]) expect(messages(schema.safeParse({ grievanceId, action: 'close', version: 3, rating }))).toEqual(['rating:grievances.errors.rating']);
    expect(schema.parse({ grievanceId, action: 'reopen', version: 3, reason: ' 还是不热 ' })).toEqual({ grievanceId, action: 'reopen', version: 3, reason: '还是不热', comment: '' });
    expect(messages(schema.safeParse({ grievanceId, action: 'reopen', version: 3, reason: '冷' }))).toEqual(['reason:validation.reason.tooShort']);
    expect(messages(schema.safeParse({ grievanceId, action: 'reopen', version: 3 }))).toEqual(['reason:validation.reason.required']);
  });

  it('the one-action schemas are built from the same rules (a 1-character reason is refused by schema and check alike)', () => {
    expect(messages(reopenGrievanceSchema.safeParse({ grievanceId, version: 4, reason: '冷' }))).toEqual(['reason:validation.reason.tooShort']);
    expect(checkGrievanceTransition({ action: 'reopen', from: 'closed', actor: 'resident', reason: '冷', closedAt: CLOSED_RECENTLY, now: NOW })).toEqual({ ok: false, code: 'reason_required' });
    expect(messages(handleGrievanceSchema.safeParse({ grievanceId, version: 4, note: '好' }))).toEqual(['note:grievances.errors.noteTooShort']);
    expect(grievanceMachine.fieldsFor('resolve')).toHaveProperty('note');
    expect(Object.keys(grievanceMachine.fieldsFor('close'))).toEqual(['rating']);
  });

  it('every required field of every transition parses into something check accepts', () => {
    const valid = { note: '已处理好了', rating: '3', reason: '问题没有解决' };
    for (const t of grievanceMachine.transitions) {
      const parsed = grievanceTransitionInput([t.action]).parse({ grievanceId, action: t.action, version: 1, ...valid });
      const r = checkGrievanceTransition({ ...parsed, from: t.from[0]!, actor: t.actors[0]!, closedAt: CLOSED_RECENTLY, now: NOW });
      expect(r, t.action).toEqual({ ok: true, to: t.to });
    }
  });
});
