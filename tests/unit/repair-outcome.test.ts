// How a repair case ended (lib/programs/repair-outcome.ts): "delivered" only when no unit was
// found unrepairable; the notification kinds and the words for the other two outcomes exist in
// both languages with the counts they are given.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import zh from '@/messages/zh-CN.json';
import en from '@/messages/en.json';
import { repairFulfilledNoticeKind, repairOutcome, repairOutcomeOfEvent } from '@/lib/programs';
import { lookup, type Messages } from './catalogue';

describe('repairOutcome', () => {
  it('every unit repaired, some, or none', () => {
    expect(repairOutcome({ done: 2, unrepairable: 0 })).toBe('repaired');
    expect(repairOutcome({ done: 1, unrepairable: 1 })).toBe('partly_repaired');
    expect(repairOutcome({ done: 0, unrepairable: 2 })).toBe('unrepairable');
  });

  it('is "repaired" exactly when no unit was found unrepairable, and "unrepairable" exactly when none was repaired', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.nat(20), (done, unrepairable) => {
        const o = repairOutcome({ done, unrepairable });
        expect(o === 'repaired').toBe(unrepairable === 0);
        expect(o === 'unrepairable').toBe(unrepairable > 0 && done === 0);
      }),
    );
  });

  it('reads the outcome off a fulfil event only when both counts are there', () => {
    expect(repairOutcomeOfEvent({ via: 'work_orders', repaired: 0, unrepairable: 1 })).toBe('unrepairable');
    expect(repairOutcomeOfEvent({ via: 'work_orders', repaired: 2, unrepairable: 1 })).toBe('partly_repaired');
    expect(repairOutcomeOfEvent({ via: 'work_orders' })).toBeNull();
    expect(repairOutcomeOfEvent({ via: 'pickup_code' })).toBeNull();
    expect(repairOutcomeOfEvent(null)).toBeNull();
    expect(repairOutcomeOfEvent('x')).toBeNull();
  });

  it('the resident is told in both languages, with the counts', () => {
    expect(repairFulfilledNoticeKind('repaired')).toBe('application.fulfilled');
    for (const cat of [zh, en] as Messages[]) {
      for (const o of ['partly_repaired', 'unrepairable'] as const) {
        const text = lookup(cat, `notifications.kinds.${repairFulfilledNoticeKind(o)}`);
        expect(text, o).toMatch(/\{reference\}/);
        expect(text, o).toMatch(/\{programme\}/);
      }
      expect(lookup(cat, 'notifications.kinds.application.repairPartly')).toMatch(/\{unrepairable/);
      expect(lookup(cat, 'track.next.repair.unrepairable')).toBeTruthy();
      expect(lookup(cat, 'track.next.repair.someUnrepairable')).toMatch(/\{count/);
    }
  });
});
