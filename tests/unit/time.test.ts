import fc from 'fast-check';
import { tz } from '@date-fns/tz';
import { differenceInCalendarDays, startOfDay } from 'date-fns';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addWorkingDays,
  calendarDaysBetween,
  cstDate,
  cstDayStart,
  cstYear,
  daysLeft,
  fromCstDate,
  hoursAfter,
  isWorkingDay,
  lastDayOf,
  windowEndsAt,
  windowOpen,
} from '@/lib/time';
import { checkTransition, noticeEndsAt } from '@/lib/workflow';

const cst = (s: string) => new Date(`${s}+08:00`);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('the CST calendar day of an instant', () => {
  it('turns at 00:00 CST (16:00 UTC the day before), not at UTC midnight', () => {
    expect(cstDate(new Date('2026-11-01T15:59:59.999Z'))).toBe('2026-11-01');
    expect(cstDate(new Date('2026-11-01T16:00:00Z'))).toBe('2026-11-02');
    expect(cstDayStart(new Date('2026-11-02T03:00:00Z')).toISOString()).toBe('2026-11-01T16:00:00.000Z');
    expect(calendarDaysBetween(new Date('2026-11-01T16:00:00Z'), new Date('2026-11-01T15:59:59Z'))).toBe(1);
    expect(calendarDaysBetween(new Date('2026-11-01T23:00:00Z'), new Date('2026-11-01T17:00:00Z'))).toBe(0);
  });

  it('cstYear: a case filed at 07:00 CST on 1 January belongs to the new year', () => {
    expect(cstYear(new Date('2026-12-31T23:00:00Z'))).toBe(2027);
    expect(cstYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
  });

  // From 1901: before it, Asia/Shanghai is local mean time (+08:05:43), which no deadline or birth date here reaches.
  it('fromCstDate is the inverse of cstDate (00:00 CST), and refuses dates that do not exist', () => {
    expect(fromCstDate('2026-11-02').toISOString()).toBe('2026-11-01T16:00:00.000Z');
    expect(cstDate(fromCstDate('2024-02-29'))).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '2026-13-01', '2026-1-1', 'tomorrow']) expect(Number.isNaN(fromCstDate(bad).getTime()), bad).toBe(true);
    fc.assert(
      fc.property(fc.date({ min: new Date('1901-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), (d) => {
        expect(fromCstDate(cstDate(d)).getTime()).toBe(cstDayStart(d).getTime());
      }),
    );
  });

  it('addCalendarDays keeps the time of day and crosses month ends in CST', () => {
    expect(addCalendarDays(cst('2026-01-31T23:30:00'), 1).toISOString()).toBe(cst('2026-02-01T23:30:00').toISOString());
    expect(addCalendarDays(cst('2026-03-01T00:10:00'), -1).toISOString()).toBe(cst('2026-02-28T00:10:00').toISOString());
  });

  it('counts days right before 1901, when Shanghai kept local mean time (+08:05:43)', () => {
    // date-fns' zone works in whole minutes; the day's number once came out a day early there, so a
    // made-up birth date "up to 1980" could fall on 1 Jan 1981 (a flaky ID-number property test).
    const first = fromCstDate('1900-01-01');
    expect(cstDate(first)).toBe('1900-01-01');
    expect(calendarDaysBetween(fromCstDate('1900-01-02'), first)).toBe(1);
    const days = calendarDaysBetween(fromCstDate('1980-12-31'), first);
    expect(days).toBe(29_584);
    expect(cstDate(addCalendarDays(first, days))).toBe('1980-12-31');
  });

  it('returns plain Dates (they are stored and compared, not formatted in another zone)', () => {
    expect(windowEndsAt(new Date(), 7).constructor).toBe(Date);
    expect(lastDayOf(new Date()).constructor).toBe(Date);
    expect(addWorkingDays(new Date(), 3).constructor).toBe(Date);
  });
});

describe('windowEndsAt: the start day is not counted, the last day runs to 24:00 CST', () => {
  it('a 7-day notice opened at any hour on 1 Nov is over at 9 Nov 00:00 CST', () => {
    for (const at of ['2026-11-01T00:00:00', '2026-11-01T10:00:00', '2026-11-01T23:59:59']) {
      expect(windowEndsAt(cst(at), 7).toISOString()).toBe(cst('2026-11-09T00:00:00').toISOString());
    }
    expect(lastDayOf(windowEndsAt(cst('2026-11-01T10:00:00'), 7)).toISOString()).toBe(cst('2026-11-08T00:00:00').toISOString());
  });

  it('floors odd lengths to whole days ≥ 0', () => {
    expect(windowEndsAt(cst('2026-11-01T10:00:00'), 0).toISOString()).toBe(cst('2026-11-02T00:00:00').toISOString());
    expect(windowEndsAt(cst('2026-11-01T10:00:00'), -3).toISOString()).toBe(cst('2026-11-02T00:00:00').toISOString());
    expect(windowEndsAt(cst('2026-11-01T10:00:00'), 2.9).toISOString()).toBe(cst('2026-11-04T00:00:00').toISOString());
  });

  it('lastDayOf an hour window is the day it ends on', () => {
    expect(lastDayOf(cst('2026-03-04T10:00:00')).toISOString()).toBe(cst('2026-03-04T00:00:00').toISOString());
    expect(lastDayOf(cst('2026-03-04T00:00:00')).toISOString()).toBe(cst('2026-03-03T00:00:00').toISOString());
  });
});

describe('daysLeft: CST calendar days still open, today included, the start day not counted', () => {
  // A 7-day public notice opened at 10:00 CST on 1 Nov 2026: open 2–8 Nov, over 9 Nov 00:00.
  const startedAt = cst('2026-11-01T10:00:00');
  const notice = { startedAt, endsAt: windowEndsAt(startedAt, 7) };
  const on = (s: string) => daysLeft(notice, cst(s));

  it('the day a 7-day notice opens shows 7 (a count of 24-hour periods showed 8)', () => {
    expect(on('2026-11-01T10:00:01')).toBe(7);
    expect(Math.ceil((notice.endsAt.getTime() - cst('2026-11-01T10:00:01').getTime()) / DAY)).toBe(8); // the old count
    expect(on('2026-11-01T23:59:59')).toBe(7);
  });

  it('counts down one a day at 00:00 CST', () => {
    expect(on('2026-11-02T00:00:00')).toBe(7);
    expect(on('2026-11-02T23:00:00')).toBe(7);
    expect(on('2026-11-03T00:00:00')).toBe(6);
    expect(on('2026-11-07T12:00:00')).toBe(2);
  });

  it('the last day shows 1, the day after 0', () => {
    expect(on('2026-11-08T00:00:00')).toBe(1);
    expect(on('2026-11-08T23:59:59.999')).toBe(1);
    expect(on('2026-11-09T00:00:00')).toBe(0);
    expect(on('2026-12-25T12:00:00')).toBe(0);
  });

  it('across midnight CST versus UTC: 07:59 CST and 08:00 CST on one CST day give the same count', () => {
    // 7 Nov 23:59 UTC and 8 Nov 00:00 UTC are both 8 Nov in CST: the last day, whatever UTC says.
    expect(daysLeft(notice, new Date('2026-11-07T23:59:00Z'))).toBe(1);
    expect(daysLeft(notice, new Date('2026-11-08T00:00:00Z'))).toBe(1);
    // 7 Nov 15:59 UTC is 7 Nov 23:59 CST (2 days left); one minute later it is 8 Nov in CST.
    expect(daysLeft(notice, new Date('2026-11-07T15:59:00Z'))).toBe(2);
    expect(daysLeft(notice, new Date('2026-11-07T16:00:00Z'))).toBe(1);
  });

  it('an hour window (grievance: 72 hours from 14:37) counts calendar days, the filing day not counted', () => {
    const filed = cst('2026-03-01T14:37:00');
    const w = { startedAt: filed, endsAt: hoursAfter(filed, 72) };
    expect(w.endsAt.toISOString()).toBe(cst('2026-03-04T14:37:00').toISOString());
    expect(daysLeft(w, filed)).toBe(3);
    expect(daysLeft(w, cst('2026-03-02T20:00:00'))).toBe(3);
    expect(daysLeft(w, cst('2026-03-04T14:36:59'))).toBe(1);
    expect(daysLeft(w, cst('2026-03-04T14:37:00'))).toBe(0);
    // Started and ending on one day: 1 while it runs, never 0 while open.
    expect(daysLeft({ startedAt: filed, endsAt: hoursAfter(filed, 2) }, cst('2026-03-01T15:00:00'))).toBe(1);
  });

  it('without a start, counts from today; an unknown or invalid end is over', () => {
    expect(daysLeft({ endsAt: notice.endsAt }, cst('2026-11-01T10:00:01'))).toBe(8);
    expect(daysLeft({ startedAt, endsAt: null }, cst('2026-11-02T00:00:00'))).toBe(0);
    expect(daysLeft({ startedAt, endsAt: new Date(Number.NaN) }, cst('2026-11-02T00:00:00'))).toBe(0);
    expect(daysLeft(notice, new Date(Number.NaN))).toBe(0);
  });

  const instant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-01-01T00:00:00Z'), noInvalidDate: true });

  it('property: > 0 exactly while the approve guard says the notice is running, and never above the notice length', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), fc.integer({ min: -2 * DAY, max: 40 * DAY }), (published, days, delta) => {
        const now = new Date(published.getTime() + delta);
        const endsAt = noticeEndsAt(published, days);
        const left = daysLeft({ startedAt: published, endsAt }, now);
        const guard = checkTransition({
          action: 'approve',
          from: 'in_public_notice',
          actor: 'official',
          // The facts still grant what was recommended (grant_unchanged): only the notice decides here.
          context: { noticeDays: days, noticeEndsAt: endsAt, now, openObjections: 0, upheldObjections: 0, rulePasses: true, grantChanged: false },
        });
        expect(Number.isInteger(left)).toBe(true);
        expect(left).toBeGreaterThanOrEqual(0);
        expect(left).toBeLessThanOrEqual(days);
        expect(left > 0).toBe(windowOpen(endsAt, now));
        expect(guard).toEqual(left > 0 ? { ok: false, code: 'notice_running' } : { ok: true, to: 'approved' });
        // From the day after publishing on, days left + days already gone = the notice length.
        if (calendarDaysBetween(now, published) >= 1 && left > 0) expect(left + calendarDaysBetween(now, published) - 1).toBe(days);
      }),
    );
  });

  it('property (hour windows): > 0 exactly while open, and 1 on the day it ends', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 500 * HOUR }), (start, hours, delta) => {
        const endsAt = hoursAfter(start, hours);
        const now = new Date(start.getTime() + delta);
        const left = daysLeft({ startedAt: start, endsAt }, now);
        expect(left > 0).toBe(windowOpen(endsAt, now));
        if (left > 0 && cstDate(now) === cstDate(new Date(endsAt.getTime() - 1))) expect(left).toBe(1);
        // Never increases as time passes.
        expect(daysLeft({ startedAt: start, endsAt }, new Date(now.getTime() + HOUR))).toBeLessThanOrEqual(left);
      }),
    );
  });
});

describe('working days: Monday to Friday in CST, no holiday list', () => {
  it('knows the weekend by the CST calendar', () => {
    expect(isWorkingDay(cst('2026-11-27T12:00:00'))).toBe(true); // Friday
    expect(isWorkingDay(cst('2026-11-28T12:00:00'))).toBe(false); // Saturday
    expect(isWorkingDay(cst('2026-11-29T23:59:00'))).toBe(false); // Sunday
    // Sunday 16:30 UTC is already Monday 00:30 in CST.
    expect(isWorkingDay(new Date('2026-11-29T16:30:00Z'))).toBe(true);
    // Holidays are not known: National Day (1 October 2026, a Thursday) counts as a working day.
    expect(isWorkingDay(cst('2026-10-01T12:00:00'))).toBe(true);
  });

  it('adds working days at the same time of day, skipping weekends', () => {
    expect(addWorkingDays(cst('2026-11-27T10:00:00'), 1).toISOString()).toBe(cst('2026-11-30T10:00:00').toISOString()); // Fri → Mon
    expect(addWorkingDays(cst('2026-11-28T10:00:00'), 1).toISOString()).toBe(cst('2026-11-30T10:00:00').toISOString()); // Sat → Mon
    expect(addWorkingDays(cst('2026-11-23T10:00:00'), 5).toISOString()).toBe(cst('2026-11-30T10:00:00').toISOString()); // Mon → next Mon
    expect(addWorkingDays(cst('2026-11-23T10:00:00'), 0).toISOString()).toBe(cst('2026-11-23T10:00:00').toISOString());
  });

  it('property: n working days later is a working day, and lies n to n + 2·⌈n/5⌉ + 2 calendar days away', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-01-01T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 1, max: 30 }), (from, n) => {
        const to = addWorkingDays(from, n);
        expect(isWorkingDay(to)).toBe(true);
        const span = calendarDaysBetween(to, from);
        expect(span).toBeGreaterThanOrEqual(n);
        expect(span).toBeLessThanOrEqual(n + 2 * Math.ceil(n / 5) + 2);
        expect((to.getTime() - from.getTime()) % DAY).toBe(0);
      }),
    );
  });
});

describe('independent of the server time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it.each(['America/Los_Angeles', 'UTC', 'Pacific/Kiritimati'])('gives the same answers with TZ=%s', (zone) => {
    process.env.TZ = zone;
    const startedAt = cst('2026-11-01T10:00:00');
    const endsAt = windowEndsAt(startedAt, 7);
    expect(endsAt.toISOString()).toBe('2026-11-08T16:00:00.000Z');
    expect(daysLeft({ startedAt, endsAt }, cst('2026-11-01T23:30:00'))).toBe(7);
    expect(daysLeft({ startedAt, endsAt }, cst('2026-11-08T07:00:00'))).toBe(1);
    expect(cstDate(new Date('2026-11-01T16:00:00Z'))).toBe('2026-11-02');
    expect(cstYear(new Date('2026-12-31T23:00:00Z'))).toBe(2027);
    expect(isWorkingDay(new Date('2026-11-29T16:30:00Z'))).toBe(true);
  });
});

describe('the start of a calendar day in China without the date library (lib/ledger/format.ts, for the browser)', () => {
  it('is the same instant as fromCstDate for every day of two years and across the summers China kept daylight saving time', async () => {
    const { chinaDayStart } = await import('@/lib/ledger/format');
    const { fromCstDate } = await import('@/lib/time');
    const days: string[] = [];
    for (const start of [Date.UTC(1986, 0, 1), Date.UTC(1990, 0, 1), Date.UTC(2023, 0, 1), Date.UTC(2024, 0, 1)]) {
      for (let i = 0; i < 366; i++) days.push(new Date(start + i * 86_400_000).toISOString().slice(0, 10));
    }
    for (const day of days) expect(chinaDayStart(day).getTime(), day).toBe(fromCstDate(day).getTime());
  });

  it('refuses a day that does not exist, as fromCstDate does', async () => {
    const { chinaDayStart } = await import('@/lib/ledger/format');
    for (const day of ['2023-02-29', '2023-02-30', '2023-13-01', '2023-00-10', '2023-04-31', 'not a day']) expect(Number.isNaN(chinaDayStart(day).getTime()), day).toBe(true);
    expect(chinaDayStart('2024-02-29').toISOString()).toBe('2024-02-28T16:00:00.000Z');
  });

  it('keeps the CST days it has worked out, and answers exactly as date-fns in the zone does, first time or again', () => {
    const inZone = { in: tz('Asia/Shanghai') };
    const instant = fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2040, 0, 1) }).map((ms) => new Date(ms));
    // Instants on and next to CST midnights, where a day starts and the cache must not mix two days.
    const midnight = fc.tuple(fc.integer({ min: 0, max: 40 * 366 }), fc.constantFrom(-1, 0, 1)).map(([d, off]) => new Date(Date.UTC(1992, 0, 1, -8) + d * 86_400_000 + off));
    const any = fc.oneof(instant, midnight);
    fc.assert(
      fc.property(any, any, fc.boolean(), (a, b, twice) => {
        const rounds = twice ? 2 : 1;
        for (let i = 0; i < rounds; i++) {
          expect(cstDayStart(a).getTime()).toBe(startOfDay(a, inZone).getTime());
          expect(calendarDaysBetween(a, b)).toBe(differenceInCalendarDays(a, b, inZone));
        }
      }),
      { numRuns: 3000 },
    );
  });
});

