// The voucher window (lib/pickup-window.ts) counts like every calendar window of the portal, and
// the SQL bound the sweep walks the index with says exactly what pickupLapsed says.
import { describe, expect, it } from 'vitest';
import { cstDate, cstDayStart, fromCstDate } from '@/lib/time';
import { lapsedIfDecidedBefore, PICKUP_DAYS, pickupDaysLeft, pickupEndsAt, pickupLapsed, pickupLastDay } from '@/lib/pickup-window';

const HOUR = 3_600_000;

describe('pickup window', () => {
  it(`is good through the CST day ${PICKUP_DAYS} days after the approval, and over from the next midnight (CST)`, () => {
    // Approved at 23:30 CST on 1 Nov (15:30 UTC): the last day is 1 Dec, over at 00:00 CST on 2 Dec.
    const decided = new Date('2026-11-01T15:30:00Z');
    expect(cstDate(pickupLastDay(decided))).toBe('2026-12-01');
    expect(pickupEndsAt(decided).toISOString()).toBe('2026-12-01T16:00:00.000Z');
    expect(pickupLapsed(decided, new Date('2026-12-01T15:59:59.999Z'))).toBe(false);
    expect(pickupLapsed(decided, new Date('2026-12-01T16:00:00.000Z'))).toBe(true);
    expect(pickupLapsed(null, new Date('2030-01-01T00:00:00Z'))).toBe(false);
    // Days left as every countdown counts them: 30 on the day of approval, 1 on the last day, 0 after.
    expect(pickupDaysLeft(decided, new Date('2026-11-01T15:45:00Z'))).toBe(PICKUP_DAYS);
    expect(pickupDaysLeft(decided, new Date('2026-12-01T15:59:59Z'))).toBe(1);
    expect(pickupDaysLeft(decided, new Date('2026-12-01T16:00:00Z'))).toBe(0);
  });

  it('the SQL bound agrees with pickupLapsed for every decision time around it', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 2_000; i++) {
      const now = new Date(Date.UTC(2026, 0, 1) + Math.floor(rnd() * 400 * 24 * HOUR));
      const bound = lapsedIfDecidedBefore(now);
      // The bound is a CST midnight PICKUP_DAYS days before today.
      expect(cstDayStart(bound).getTime()).toBe(bound.getTime());
      expect(cstDate(bound)).toBe(cstDate(new Date(fromCstDate(cstDate(now)).getTime() - PICKUP_DAYS * 24 * HOUR)));
      for (const decided of [new Date(bound.getTime() - 1), bound, new Date(bound.getTime() + 1), new Date(bound.getTime() - Math.floor(rnd() * 72 * HOUR)), new Date(bound.getTime() + Math.floor(rnd() * 72 * HOUR))]) {
        expect(decided.getTime() < bound.getTime(), `${decided.toISOString()} at ${now.toISOString()}`).toBe(pickupLapsed(decided, now));
      }
    }
  });
});
