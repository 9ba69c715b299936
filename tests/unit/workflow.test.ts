import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APPLICATION_STATUSES, type ApplicationStatus } from '@/lib/domain';
import {
  ACTORS,
  APPEAL_WINDOW_DAYS,
  DEFAULT_NOTICE_DAYS,
  TERMINAL_STATUSES,
  TRANSITIONS,
  TRANSITION_ACTIONS,
  WORKFLOW_REFUSALS,
  appealDaysLeft,
  appealEndsAt,
  appealLastDay,
  applicationMachine,
  applicationTransitionInput,
  availableActions,
  checkTransition,
  isDecided,
  isFinalRejection,
  isTerminal,
  noticeEndsAt,
  type Actor,
  type TransitionAction,
  type TransitionContext,
} from '@/lib/workflow';
import { cstDate } from '@/lib/time';

// The specification, written out independently of the module's table (PRODUCT.md, "Application
// life cycle", plus the brief). The matrix below is generated from it, so the test does not
// merely restate the implementation.
const SPEC: Record<TransitionAction, { from: ApplicationStatus[]; to: ApplicationStatus; actors: Actor[]; reason: boolean }> = {
  submit: { from: ['draft'], to: 'submitted', actors: ['resident', 'cadre'], reason: false },
  return: { from: ['submitted'], to: 'returned', actors: ['cadre'], reason: true },
  resubmit: { from: ['returned'], to: 'submitted', actors: ['resident', 'cadre'], reason: false },
  withdraw: { from: ['submitted', 'returned', 'approved'], to: 'withdrawn', actors: ['resident'], reason: false },
  recommend: { from: ['submitted'], to: 'recommended', actors: ['cadre'], reason: false },
  reject: { from: ['submitted'], to: 'rejected', actors: ['cadre'], reason: true },
  publish: { from: ['recommended'], to: 'in_public_notice', actors: ['system'], reason: false },
  review_again: { from: ['in_public_notice'], to: 'submitted', actors: ['system'], reason: false },
  expire: { from: ['approved'], to: 'withdrawn', actors: ['system'], reason: false },
  approve: { from: ['recommended', 'in_public_notice'], to: 'approved', actors: ['official'], reason: false },
  decline: { from: ['recommended', 'in_public_notice'], to: 'rejected', actors: ['official'], reason: true },
  fulfil: { from: ['approved'], to: 'fulfilled', actors: ['cadre'], reason: false },
  appeal: { from: ['rejected'], to: 'appealed', actors: ['resident'], reason: true },
  grant_appeal: { from: ['appealed'], to: 'approved', actors: ['official'], reason: false },
  deny_appeal: { from: ['appealed'], to: 'rejected', actors: ['official'], reason: true },
  enrol: { from: ['draft'], to: 'approved', actors: ['official'], reason: false },
  mark_paid: { from: ['approved'], to: 'fulfilled', actors: ['official'], reason: false },
  confirm_waiver: { from: ['approved'], to: 'fulfilled', actors: ['official'], reason: false },
};

const NOW = new Date('2023-11-21T09:20:00+08:00');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

/** A context under which every guard of `action` from `from` passes. */
function passingContext(action: TransitionAction, from: ApplicationStatus): TransitionContext {
  switch (action) {
    case 'recommend':
      return { rulePasses: true };
    case 'reject':
      return { rulePasses: false, ruleUnknown: false };
    case 'publish':
      return { noticeDays: DEFAULT_NOTICE_DAYS };
    case 'approve':
      return from === 'recommended'
        ? { noticeDays: 0, rulePasses: true, grantChanged: false }
        : { noticeDays: 7, noticeEndsAt: daysAgo(1), now: NOW, openObjections: 0, upheldObjections: 0, rulePasses: true, grantChanged: false };
    case 'appeal':
      return { rejectedAt: daysAgo(3), rejectionFinal: false, now: NOW };
    case 'enrol':
      return { needsApplication: false, rulePasses: true };
    case 'grant_appeal':
      return { rulePasses: true };
    case 'fulfil':
      return { hasEntitlement: true };
    default:
      return {};
  }
}

/** A context under which every guard fails, to prove state and role are checked first. */
const HOSTILE: TransitionContext = {
  rulePasses: undefined,
  noticeDays: undefined,
  noticeEndsAt: null,
  rejectedAt: null,
  rejectionFinal: true,
  openObjections: 3,
  upheldObjections: 1,
  needsApplication: undefined,
  hasEntitlement: false,
};

describe('transition table', () => {
  it('has exactly one row per action, matching the specification', () => {
    expect(TRANSITIONS.map((t) => t.action).sort()).toEqual([...TRANSITION_ACTIONS].sort());
    for (const t of TRANSITIONS) {
      const s = SPEC[t.action];
      expect([...t.from].sort(), t.action).toEqual([...s.from].sort());
      expect(t.to, t.action).toBe(s.to);
      expect([...t.actors].sort(), t.action).toEqual([...s.actors].sort());
      expect(t.requires.includes('reason'), t.action).toBe(s.reason);
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(TRANSITIONS)).toBe(true);
    expect(Object.isFrozen(TRANSITIONS[0])).toBe(true);
    expect(Object.isFrozen(TRANSITIONS[0]?.from)).toBe(true);
  });

  it('reaches every status from draft', () => {
    const seen = new Set<ApplicationStatus>(['draft']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const t of TRANSITIONS) {
        if (t.from.some((f) => seen.has(f)) && !seen.has(t.to)) {
          seen.add(t.to);
          grew = true;
        }
      }
    }
    expect([...seen].sort()).toEqual([...APPLICATION_STATUSES].sort());
  });

  it('terminal statuses are withdrawn and fulfilled; rejected is not terminal (appeal)', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual(['fulfilled', 'withdrawn']);
    expect(isTerminal('rejected')).toBe(false);
    expect(isTerminal('fulfilled')).toBe(true);
  });

  it('withdraw is only possible while nothing is decided, or approved and not yet delivered', () => {
    for (const s of SPEC.withdraw.from) expect(isDecided(s) === false || s === 'approved').toBe(true);
    expect(SPEC.withdraw.from).not.toContain('fulfilled');
    expect(isDecided('approved')).toBe(true);
    expect(isDecided('rejected')).toBe(true);
    expect(isDecided('submitted')).toBe(false);
  });

  it('only deny_appeal produces a final rejection', () => {
    expect(TRANSITION_ACTIONS.filter(isFinalRejection)).toEqual(['deny_appeal']);
  });
});

describe('the full matrix: action × from-status × actor', () => {
  const rows = TRANSITION_ACTIONS.flatMap((action) =>
    APPLICATION_STATUSES.flatMap((from) => ACTORS.map((actor) => ({ action, from, actor }))),
  );

  it('covers every combination', () => {
    expect(rows).toHaveLength(TRANSITION_ACTIONS.length * APPLICATION_STATUSES.length * ACTORS.length);
  });

  it.each(rows)('$action from $from by $actor', ({ action, from, actor }) => {
    const spec = SPEC[action];
    const reason = spec.reason ? '理由充分' : undefined;
    const got = checkTransition({ action, from, actor, reason, context: passingContext(action, from) });
    if (!spec.from.includes(from)) {
      expect(got).toEqual({ ok: false, code: 'wrong_state' });
      // State is checked before role, fields and guards.
      expect(checkTransition({ action, from, actor, context: HOSTILE })).toEqual({ ok: false, code: 'wrong_state' });
    } else if (!spec.actors.includes(actor)) {
      expect(got).toEqual({ ok: false, code: 'wrong_role' });
      expect(checkTransition({ action, from, actor, context: HOSTILE })).toEqual({ ok: false, code: 'wrong_role' });
    } else {
      expect(got).toEqual({ ok: true, to: spec.to });
    }
  });

  it('refuses an unknown action before anything else', () => {
    for (const action of ['', 'delete', 'APPROVE', 'toString', '__proto__', 'constructor']) {
      expect(checkTransition({ action, from: 'submitted', actor: 'official' })).toEqual({ ok: false, code: 'unknown_action' });
    }
  });

  it('refuses statuses and actors that are not in the vocabulary', () => {
    expect(checkTransition({ action: 'submit', from: 'archived' as ApplicationStatus, actor: 'resident' }).ok).toBe(false);
    expect(checkTransition({ action: 'submit', from: 'draft', actor: 'admin' as Actor })).toEqual({ ok: false, code: 'wrong_role' });
  });
});

describe('availableActions', () => {
  it('matches the specification for every status and actor', () => {
    for (const status of APPLICATION_STATUSES) {
      for (const actor of ACTORS) {
        const expected = TRANSITION_ACTIONS.filter((a) => SPEC[a].from.includes(status) && SPEC[a].actors.includes(actor));
        expect(availableActions(status, actor), `${status}/${actor}`).toEqual(expected);
      }
    }
  });

  it('examples the UI relies on', () => {
    expect(availableActions('submitted', 'cadre')).toEqual(['return', 'recommend', 'reject']);
    expect(availableActions('submitted', 'resident')).toEqual(['withdraw']);
    expect(availableActions('in_public_notice', 'official')).toEqual(['approve', 'decline']);
    expect(availableActions('rejected', 'resident')).toEqual(['appeal']);
    expect(availableActions('fulfilled', 'official')).toEqual([]);
  });
});

describe('required reason', () => {
  const withReason = TRANSITION_ACTIONS.filter((a) => SPEC[a].reason);

  it('the actions that need one', () => {
    expect(withReason.sort()).toEqual(['appeal', 'decline', 'deny_appeal', 'reject', 'return']);
  });

  it.each(withReason)('%s: missing, blank or one-character reasons are refused; two characters pass', (action) => {
    const spec = SPEC[action];
    const from = spec.from[0]!;
    const actor = spec.actors[0]!;
    const context = passingContext(action, from);
    for (const reason of [undefined, null, '', ' ', '   \n\t ', 'a', ' 错 ', '\u3000x\u3000']) {
      expect(checkTransition({ action, from, actor, reason, context })).toMatchObject({ ok: false, code: 'reason_required' });
    }
    for (const reason of ['ab', ' 不符 ', '材料不全,请补充户口本照片']) {
      expect(checkTransition({ action, from, actor, reason, context })).toEqual({ ok: true, to: spec.to });
    }
  });

  it('is checked before the guards', () => {
    // The rule passes, so the guard would say rule_met; the missing reason is reported first.
    expect(checkTransition({ action: 'reject', from: 'submitted', actor: 'cadre', context: { rulePasses: true } })).toMatchObject({
      ok: false,
      code: 'reason_required',
    });
  });

  it('actions without a required reason ignore a missing one', () => {
    expect(checkTransition({ action: 'submit', from: 'draft', actor: 'resident', reason: null })).toEqual({ ok: true, to: 'submitted' });
  });
});

describe('guards', () => {
  const reason = '核实不符';

  it('recommend: only when the rule passes on verified facts', () => {
    const base = { action: 'recommend', from: 'submitted', actor: 'cadre' } as const;
    expect(checkTransition({ ...base, context: { rulePasses: true } })).toEqual({ ok: true, to: 'recommended' });
    expect(checkTransition({ ...base, context: { rulePasses: false } })).toEqual({ ok: false, code: 'rule_not_met' });
    expect(checkTransition({ ...base })).toEqual({ ok: false, code: 'context_missing' });
  });

  it('reject: only when the rule fails on verified facts, not while a fact it needs is unverified', () => {
    const base = { action: 'reject', from: 'submitted', actor: 'cadre', reason } as const;
    expect(checkTransition({ ...base, context: { rulePasses: false, ruleUnknown: false } })).toEqual({ ok: true, to: 'rejected' });
    expect(checkTransition({ ...base, context: { rulePasses: false, ruleUnknown: true } })).toEqual({ ok: false, code: 'rule_unknown' });
    expect(checkTransition({ ...base, context: { rulePasses: true, ruleUnknown: false } })).toEqual({ ok: false, code: 'rule_met' });
    // Whether the verdict is unknown must be said: without it the guard refuses rather than guess.
    expect(checkTransition({ ...base, context: { rulePasses: false } })).toEqual({ ok: false, code: 'context_missing' });
    expect(checkTransition({ ...base, context: {} })).toEqual({ ok: false, code: 'context_missing' });
  });

  it('approve: only while the facts as verified now still grant what was recommended', () => {
    const base = { action: 'approve', from: 'recommended', actor: 'official', context: { noticeDays: 0 } } as const;
    expect(checkTransition({ ...base, context: { ...base.context, rulePasses: true, grantChanged: false } })).toEqual({ ok: true, to: 'approved' });
    expect(checkTransition({ ...base, context: { ...base.context, rulePasses: false, grantChanged: true } })).toEqual({ ok: false, code: 'facts_changed' });
    expect(checkTransition({ ...base, context: { ...base.context, rulePasses: true, grantChanged: true } })).toEqual({ ok: false, code: 'grant_changed' });
    expect(checkTransition({ ...base, context: { ...base.context, rulePasses: true } })).toEqual({ ok: false, code: 'context_missing' });
    expect(checkTransition({ ...base, context: { ...base.context, grantChanged: false } })).toEqual({ ok: false, code: 'context_missing' });
  });

  it('grant_appeal: only when the rule passes on the facts as verified now (a case rejected on failing facts is not approved with nothing)', () => {
    const base = { action: 'grant_appeal', from: 'appealed', actor: 'official' } as const;
    expect(checkTransition({ ...base, context: { rulePasses: true } })).toEqual({ ok: true, to: 'approved' });
    expect(checkTransition({ ...base, context: { rulePasses: false } })).toEqual({ ok: false, code: 'appeal_rule_not_met' });
    expect(checkTransition({ ...base, context: {} })).toEqual({ ok: false, code: 'context_missing' });
  });

  it('fulfil: only a case that has an entitlement to deliver', () => {
    const base = { action: 'fulfil', from: 'approved', actor: 'cadre' } as const;
    expect(checkTransition({ ...base, context: { hasEntitlement: true } })).toEqual({ ok: true, to: 'fulfilled' });
    expect(checkTransition({ ...base, context: { hasEntitlement: false } })).toEqual({ ok: false, code: 'no_entitlement' });
    expect(checkTransition({ ...base, context: {} })).toEqual({ ok: false, code: 'context_missing' });
  });

  it('publish: only for programmes with a notice period', () => {
    const base = { action: 'publish', from: 'recommended', actor: 'system' } as const;
    expect(checkTransition({ ...base, context: { noticeDays: 7 } })).toEqual({ ok: true, to: 'in_public_notice' });
    expect(checkTransition({ ...base, context: { noticeDays: 1 } })).toEqual({ ok: true, to: 'in_public_notice' });
    expect(checkTransition({ ...base, context: { noticeDays: 0 } })).toEqual({ ok: false, code: 'no_notice_period' });
    expect(checkTransition({ ...base, context: { noticeDays: -1 } })).toEqual({ ok: false, code: 'context_missing' });
    expect(checkTransition({ ...base, context: { noticeDays: Number.NaN } })).toEqual({ ok: false, code: 'context_missing' });
    expect(checkTransition({ ...base })).toEqual({ ok: false, code: 'context_missing' });
  });

  describe('approve', () => {
    const fromRecommended = { action: 'approve', from: 'recommended', actor: 'official' } as const;
    const fromNotice = { action: 'approve', from: 'in_public_notice', actor: 'official' } as const;
    /** The facts as verified now still grant what was recommended (the grant_unchanged guard, tested above). */
    const holds: TransitionContext = { rulePasses: true, grantChanged: false };
    const over: TransitionContext = { noticeDays: 7, noticeEndsAt: daysAgo(1), now: NOW, openObjections: 0, upheldObjections: 0, ...holds };

    it('without a notice period: directly from recommended', () => {
      expect(checkTransition({ ...fromRecommended, context: { noticeDays: 0, ...holds } })).toEqual({ ok: true, to: 'approved' });
    });

    it('with a notice period: not from recommended (the case must go through the notice)', () => {
      expect(checkTransition({ ...fromRecommended, context: { noticeDays: 7 } })).toEqual({ ok: false, code: 'notice_required' });
      expect(checkTransition({ ...fromRecommended, context: {} })).toEqual({ ok: false, code: 'context_missing' });
    });

    it('from the notice: once the window is over and no objection is pending or upheld', () => {
      expect(checkTransition({ ...fromNotice, context: over })).toEqual({ ok: true, to: 'approved' });
    });

    it('the window boundary: refused one millisecond before its end, allowed at its end', () => {
      const ends = noticeEndsAt(new Date('2023-11-01T15:00:00+08:00'), 7);
      expect(ends.toISOString()).toBe(new Date('2023-11-09T00:00:00+08:00').toISOString());
      const at = (now: Date) => checkTransition({ ...fromNotice, context: { ...over, noticeEndsAt: ends, now } });
      expect(at(new Date(ends.getTime() - 1))).toEqual({ ok: false, code: 'notice_running' });
      expect(at(ends)).toEqual({ ok: true, to: 'approved' });
    });

    it('objections: unanswered or upheld block approval', () => {
      expect(checkTransition({ ...fromNotice, context: { ...over, openObjections: 1 } })).toEqual({ ok: false, code: 'objection_pending' });
      expect(checkTransition({ ...fromNotice, context: { ...over, upheldObjections: 1 } })).toEqual({ ok: false, code: 'objection_upheld' });
      expect(checkTransition({ ...fromNotice, context: { ...over, openObjections: undefined } })).toEqual({ ok: false, code: 'context_missing' });
    });

    it('a case already on the notice board finishes its notice even if the period was since set to 0', () => {
      expect(checkTransition({ ...fromNotice, context: { ...over, noticeDays: 0, noticeEndsAt: daysAgo(-1) } })).toEqual({
        ok: false,
        code: 'notice_running',
      });
      expect(checkTransition({ ...fromNotice, context: { ...over, noticeDays: 0 } })).toEqual({ ok: true, to: 'approved' });
    });

    it('missing or invalid notice end refuses', () => {
      expect(checkTransition({ ...fromNotice, context: { ...over, noticeEndsAt: null } })).toEqual({ ok: false, code: 'context_missing' });
      expect(checkTransition({ ...fromNotice, context: { ...over, noticeEndsAt: new Date(Number.NaN) } })).toEqual({
        ok: false,
        code: 'context_missing',
      });
    });

    it('decline needs no guard: an official may decline during the notice', () => {
      expect(checkTransition({ action: 'decline', from: 'in_public_notice', actor: 'official', reason, context: {} })).toEqual({
        ok: true,
        to: 'rejected',
      });
    });
  });

  describe('appeal', () => {
    const base = { action: 'appeal', from: 'rejected', actor: 'resident', reason: '我家一楼确实进水了' } as const;
    // Rejected on 1 Nov 2023 (CST). The start day does not count: the last day is 16 Nov.
    const rejectedAt = new Date('2023-11-01T10:00:00+08:00');
    const at = (now: Date, extra: TransitionContext = {}) =>
      checkTransition({ ...base, context: { rejectedAt, rejectionFinal: false, now, ...extra } });

    it('day 15 is allowed, day 16 is refused', () => {
      expect(at(new Date('2023-11-16T00:00:00+08:00'))).toEqual({ ok: true, to: 'appealed' });
      expect(at(new Date('2023-11-16T23:59:59.999+08:00'))).toEqual({ ok: true, to: 'appealed' });
      expect(at(new Date('2023-11-17T00:00:00+08:00'))).toEqual({ ok: false, code: 'appeal_window_closed', params: { days: 15 } });
      expect(at(new Date('2024-03-01T00:00:00+08:00'))).toMatchObject({ ok: false, code: 'appeal_window_closed' });
    });

    it('counts CST calendar days, not UTC days or 24-hour periods', () => {
      // 00:30 CST on 1 Nov is still 31 Oct in UTC; the CST last day is 16 Nov all the same.
      const early = new Date('2023-11-01T00:30:00+08:00');
      const late = new Date('2023-11-01T23:30:00+08:00');
      for (const r of [early, late]) {
        expect(cstDate(appealLastDay(r))).toBe('2023-11-16');
        // A date a formatter takes as it is: 00:00 CST of the last day.
        expect(appealLastDay(r).toISOString()).toBe(new Date('2023-11-16T00:00:00+08:00').toISOString());
        expect(appealEndsAt(r).toISOString()).toBe('2023-11-16T16:00:00.000Z');
        expect(at(new Date('2023-11-16T20:00:00+08:00'), { rejectedAt: r })).toEqual({ ok: true, to: 'appealed' });
      }
    });

    it('the same day and the next day are within the window', () => {
      expect(at(new Date('2023-11-01T10:00:01+08:00'))).toEqual({ ok: true, to: 'appealed' });
      expect(at(new Date('2023-11-02T08:00:00+08:00'))).toEqual({ ok: true, to: 'appealed' });
    });

    it('a final decision on an appeal cannot be appealed, even inside the window', () => {
      expect(at(new Date('2023-11-02T08:00:00+08:00'), { rejectionFinal: true })).toEqual({ ok: false, code: 'appeal_final' });
      expect(isFinalRejection('deny_appeal')).toBe(true);
      expect(isFinalRejection('reject')).toBe(false);
      expect(isFinalRejection('decline')).toBe(false);
    });

    it('missing rejection date or finality refuses', () => {
      expect(at(NOW, { rejectedAt: null })).toEqual({ ok: false, code: 'context_missing' });
      expect(at(NOW, { rejectionFinal: undefined })).toEqual({ ok: false, code: 'context_missing' });
      expect(at(NOW, { rejectedAt: new Date('garbage') })).toEqual({ ok: false, code: 'context_missing' });
    });
  });
});

describe('appealDaysLeft', () => {
  const rejectedAt = new Date('2023-11-01T18:00:00+08:00');
  const on = (iso: string) => appealDaysLeft(rejectedAt, new Date(iso));

  it('counts CST calendar days, today included, 0 when over', () => {
    expect(on('2023-11-01T18:00:01+08:00')).toBe(APPEAL_WINDOW_DAYS); // rejection day is not counted
    expect(on('2023-11-02T00:00:00+08:00')).toBe(15);
    expect(on('2023-11-03T12:00:00+08:00')).toBe(14);
    expect(on('2023-11-15T23:59:00+08:00')).toBe(2);
    expect(on('2023-11-16T00:00:00+08:00')).toBe(1); // the last day
    expect(on('2023-11-16T23:59:59.999+08:00')).toBe(1);
    expect(on('2023-11-17T00:00:00+08:00')).toBe(0);
    expect(on('2024-01-01T00:00:00+08:00')).toBe(0);
  });

  it('is never negative or above the window, and invalid dates give 0', () => {
    expect(appealDaysLeft(rejectedAt, new Date('2020-01-01T00:00:00Z'))).toBe(15);
    expect(appealDaysLeft(new Date(Number.NaN), NOW)).toBe(0);
    expect(appealDaysLeft(rejectedAt, new Date(Number.NaN))).toBe(0);
  });

  it('property: > 0 exactly when the appeal guard lets the appeal through', () => {
    const range = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(range, fc.integer({ min: -2 * 86_400_000, max: 20 * 86_400_000 }), (r, deltaMs) => {
        const now = new Date(r.getTime() + deltaMs);
        const left = appealDaysLeft(r, now);
        const res = checkTransition({ action: 'appeal', from: 'rejected', actor: 'resident', reason: '申诉理由', context: { rejectedAt: r, rejectionFinal: false, now } });
        expect(left).toBeGreaterThanOrEqual(0);
        expect(left).toBeLessThanOrEqual(APPEAL_WINDOW_DAYS);
        expect(Number.isInteger(left)).toBe(true);
        if (deltaMs >= 0) expect(res.ok).toBe(left > 0);
      }),
    );
  });
});

describe('helpers', () => {
  it('cstDate gives the China calendar date', () => {
    expect(cstDate(new Date('2023-11-20T16:00:00Z'))).toBe('2023-11-21');
    expect(cstDate(new Date('2023-11-20T15:59:59Z'))).toBe('2023-11-20');
  });

  it('noticeEndsAt defaults to 7 days and ends at CST midnight', () => {
    const ends = noticeEndsAt(new Date('2023-11-01T23:59:00+08:00'));
    expect(ends.toISOString()).toBe(new Date('2023-11-09T00:00:00+08:00').toISOString());
  });
});

describe('robustness', () => {
  it('property: never throws, and always answers with a known code or a status', () => {
    const anyDate = fc.oneof(fc.date(), fc.constant(null), fc.constant(undefined));
    const context = fc.record(
      {
        rulePasses: fc.option(fc.boolean(), { nil: undefined }),
        noticeDays: fc.option(fc.oneof(fc.integer(), fc.double()), { nil: undefined }),
        noticeEndsAt: anyDate,
        now: fc.option(fc.date(), { nil: undefined }),
        openObjections: fc.option(fc.oneof(fc.integer(), fc.double()), { nil: undefined }),
        upheldObjections: fc.option(fc.oneof(fc.integer(), fc.double()), { nil: undefined }),
        rejectedAt: anyDate,
        rejectionFinal: fc.option(fc.boolean(), { nil: undefined }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...TRANSITION_ACTIONS), fc.string()),
        fc.oneof(fc.constantFrom(...APPLICATION_STATUSES), fc.string()),
        fc.oneof(fc.constantFrom(...ACTORS), fc.string()),
        fc.option(fc.string(), { nil: undefined }),
        fc.option(context, { nil: undefined }),
        (action, from, actor, reason, ctx) => {
          const res = checkTransition({ action, from: from as ApplicationStatus, actor: actor as Actor, reason, context: ctx });
          if (res.ok) expect(APPLICATION_STATUSES).toContain(res.to);
          else expect(WORKFLOW_REFUSALS).toContain(res.code);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('applicationTransitionInput: the form input derived from the table', () => {
  const applicationId = '4b0e1c1e-2f7a-4d7e-9c55-0a3f2a6b9c10';
  const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    r.success ? [] : r.error!.issues.map((i) => `${String(i.path[0] ?? '')}:${i.message}`);

  it('requires a reason exactly for the actions whose transition requires one', () => {
    const all = applicationTransitionInput(TRANSITION_ACTIONS as unknown as [TransitionAction, ...TransitionAction[]]);
    for (const action of TRANSITION_ACTIONS) {
      const r = all.safeParse({ applicationId, action, version: '3' });
      expect(r.success, action).toBe(!SPEC[action].reason);
      if (!r.success) expect(messages(r)).toEqual(['reason:validation.reason.required']);
    }
  });

  it('cadre form: return and reject refuse a one-character reason, recommend ignores it', () => {
    const schema = applicationTransitionInput(['return', 'recommend', 'reject']);
    for (const action of ['return', 'reject'] as const) {
      expect(messages(schema.safeParse({ applicationId, action, version: 1, reason: '缺' }))).toEqual(['reason:validation.reason.tooShort']);
      expect(messages(schema.safeParse({ applicationId, action, version: 1, reason: '   ' }))).toEqual(['reason:validation.reason.required']);
      expect(messages(schema.safeParse({ applicationId, action, version: 1, reason: '长'.repeat(501) }))).toEqual(['reason:validation.reason.tooLong']);
      expect(schema.parse({ applicationId, action, version: '2', reason: '  材料不全  ' })).toEqual({ applicationId, action, version: 2, reason: '材料不全' });
    }
    expect(schema.parse({ applicationId, action: 'recommend', version: '2', reason: '随手写的' })).toEqual({ applicationId, action: 'recommend', version: 2, reason: null });
    expect(schema.parse({ applicationId, action: 'recommend', version: '2' })).toEqual({ applicationId, action: 'recommend', version: 2, reason: null });
    expect(messages(schema.safeParse({ applicationId, action: 'recommend', version: 2, reason: '长'.repeat(501) }))).toEqual(['reason:validation.reason.tooLong']);
  });

  it('refuses an action outside the list, a bad id or version, and input that is not an object', () => {
    const schema = applicationTransitionInput(['approve', 'decline', 'grant_appeal', 'deny_appeal']);
    expect(messages(schema.safeParse({ applicationId, action: 'return', version: 1, reason: '不行不行' }))).toEqual(['action:validation.invalidType']);
    expect(messages(schema.safeParse({ applicationId, action: 'delete', version: 1 }))).toEqual(['action:validation.invalidType']);
    expect(messages(schema.safeParse({ applicationId: 'x', action: 'approve', version: '0' })).sort()).toEqual(['applicationId:validation.invalidType', 'version:validation.invalidType']);
    expect(messages(schema.safeParse({ applicationId, action: 'approve', version: '1.5' }))).toEqual(['version:validation.invalidType']);
    expect(messages(schema.safeParse('approve'))).toEqual([':validation.invalidType']);
    expect(messages(schema.safeParse({ applicationId, action: 'deny_appeal', version: 4, reason: 'x' }))).toEqual(['reason:validation.reason.tooShort']);
  });

  it('property: whatever parses passes the reason check of checkTransition, and a one-character reason fails both', () => {
    const schema = applicationTransitionInput(TRANSITION_ACTIONS as unknown as [TransitionAction, ...TransitionAction[]]);
    fc.assert(
      fc.property(fc.constantFrom(...TRANSITION_ACTIONS), fc.option(fc.string({ maxLength: 12, unit: fc.constantFrom('a', '错', ' ', '\u3000', '𠀀') }), { nil: undefined }), (action, reason) => {
        const parsed = schema.safeParse({ applicationId, action, version: 1, reason });
        const spec = SPEC[action];
        const checked = checkTransition({ action, from: spec.from[0]!, actor: spec.actors[0]!, reason: parsed.success ? parsed.data.reason : reason, context: passingContext(action, spec.from[0]!) });
        if (parsed.success) expect(checked).toEqual({ ok: true, to: spec.to });
        if (spec.reason && reason !== undefined && Array.from(reason.trim()).length === 1) {
          expect(parsed.success).toBe(false);
          expect(checked).toMatchObject({ ok: false, code: 'reason_required', params: { min: 2 } });
        }
      }),
    );
  });
});

describe('the generic machine under the application table', () => {
  it('answers get / isAction / terminal like the exported helpers', () => {
    expect(applicationMachine.get('deny_appeal')?.final).toBe(true);
    expect(applicationMachine.isAction('appeal')).toBe(true);
    expect(applicationMachine.isAction('delete')).toBe(false);
    expect([...applicationMachine.terminal].sort()).toEqual(['fulfilled', 'withdrawn']);
    expect(applicationMachine.actions).toEqual(TRANSITION_ACTIONS);
  });
});
