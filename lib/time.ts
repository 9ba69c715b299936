// China Standard Time in one place. Every deadline the portal promises (public notice, appeal,
// grievance reopen, grievance answer and solution, review promises) is counted here, on
// date-fns with the Asia/Shanghai zone as its `in` context, so no other file does day maths
// with milliseconds or builds dates out of strings. Pure: no clock unless `now` is left out.
//
// Two kinds of window:
//  - calendar windows, as in Chinese law (民法典 第二百零一条、第二百零三条): the day the period
//    starts is not counted, counting begins the next day, and the last day runs until 24:00
//    CST. A 7-day notice opened at any hour on 1 Nov runs 2–8 Nov and is over at 9 Nov 00:00.
//    A resident reads "until 8 Nov", not "until 8 Nov 14:37" (`windowEndsAt`).
//  - hour windows: grievance answer and solution limits run a number of hours from filing
//    (PRODUCT.md "Grievances"), so a grievance filed at 14:37 is due at 14:37 (`hoursAfter`).
//
// "Days left" has ONE meaning for both (`daysLeft`): the CST calendar days on which the window
// is still open, today included, never counting the day it started. 1 = today is the last
// day; 0 = over. It is > 0 exactly while `windowOpen` is true. So a 7-day notice shows 7 on
// the day it opens and on the next day, 1 on its last day and 0 the day after.
//
// The zone is Asia/Shanghai, as in the formatters. It kept daylight saving time from 1986 to
// 1991; every deadline here lies after that, and calendar-date arithmetic (e.g. synthetic birth
// dates in lib/pii.ts) stays consistent within the zone.
//
// Working days are Monday to Friday in CST. Public holidays and the adjusted working weekends
// (调休) are NOT taken into account: the only caller is a service promise shown to residents
// ("within 5 working days"), and a holiday list would need yearly upkeep from the State
// Council's notice. Add it to `isWorkingDay` if a rule ever depends on it.

import { TZDate, tz } from '@date-fns/tz';
import { addDays, addHours, format, getYear, isWeekend, startOfDay } from 'date-fns';
import { CHINA_TIME_ZONE } from './time-zone';

export { CHINA_TIME_ZONE };

/** date-fns option: do the calendar maths in China Standard Time, whatever the server's zone. */
const inCst = { in: tz(CHINA_TIME_ZONE) } as const;

/** date-fns returns a TZDate under `in`; callers get a plain Date (stored, compared, serialised). */
const plain = (d: Date): Date => new Date(d.getTime());

export function isValidDate(d: unknown): d is Date {
  return d instanceof Date && !Number.isNaN(d.getTime());
}

/**
 * The CST calendar day containing an instant: when it starts and ends, and its number (days since
 * 1970-01-01 as a calendar date), so two days' difference is a subtraction. date-fns works each
 * day out once (a TZDate asks Intl for the zone's offset, about 20 µs a call, and a board of 50
 * notices asked hundreds of times a view); the days met are kept, found again by the UTC day
 * they touch (a CST day touches at most two). The zone's rules stay date-fns' and Intl's.
 */
interface CstDay {
  start: number;
  end: number;
  num: number;
}
const DAY_MS = 86_400_000;
const daysSeen = new Map<number, CstDay[]>();

function cstDay(ms: number): CstDay {
  const bucket = Math.floor(ms / DAY_MS);
  const known = daysSeen.get(bucket)?.find((d) => d.start <= ms && ms < d.end);
  if (known) return known;
  const start = startOfDay(new Date(ms), inCst);
  // The day's number from its date at noon: before 1901 Shanghai kept local mean time (+08:05:43)
  // and date-fns' zone works in whole minutes, so the start it finds is 43 s before midnight
  // and reads as the day before (a 1900 birth date came out a day late).
  const [y, m, d] = format(new Date(start.getTime() + DAY_MS / 2), 'yyyy-MM-dd', inCst).split('-').map(Number);
  const day: CstDay = {
    start: start.getTime(),
    end: startOfDay(addDays(start, 1, inCst), inCst).getTime(),
    num: Date.UTC(y!, m! - 1, d!) / DAY_MS,
  };
  // A bound on what is kept (a few years of days touch about 2,000 buckets).
  if (daysSeen.size > 20_000) daysSeen.clear();
  for (let b = Math.floor(day.start / DAY_MS); b <= Math.floor((day.end - 1) / DAY_MS); b++) {
    const list = daysSeen.get(b);
    if (list) list.push(day);
    else daysSeen.set(b, [day]);
  }
  return day;
}

/** 00:00 CST of the calendar day containing `at`. */
export function cstDayStart(at: Date): Date {
  return new Date(cstDay(at.getTime()).start);
}

/** The CST calendar date of an instant, 'YYYY-MM-DD' (for keys and logs; formatters take `cstDayStart`). */
export function cstDate(at: Date): string {
  return format(at, 'yyyy-MM-dd', inCst);
}

/** 00:00 CST of a calendar date given as 'YYYY-MM-DD' (the inverse of `cstDate`); Invalid Date if it is not one. */
export function fromCstDate(ymd: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return new Date(Number.NaN);
  const at = new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), CHINA_TIME_ZONE);
  return cstDate(at) === ymd ? plain(at) : new Date(Number.NaN);
}

/** The same time of day `n` CST calendar days later (earlier when negative). */
export function addCalendarDays(at: Date, n: number): Date {
  return plain(addDays(at, n, inCst));
}

/** The CST year of `now`, e.g. for references like ZZ-2026-000123 (a case filed at 07:00 CST on 1 Jan is of the new year). */
export function cstYear(now: Date = new Date()): number {
  return getYear(now, inCst);
}

/** CST calendar days from the day of `earlier` to the day of `later` (0 = same day; negative if `later` is earlier). */
export function calendarDaysBetween(later: Date, earlier: Date): number {
  return cstDay(later.getTime()).num - cstDay(earlier.getTime()).num;
}

/**
 * The instant a calendar window of `days` days, starting the day after `start`, is over:
 * 00:00 CST of day start + days + 1. The window is open while `now < windowEndsAt(start, days)`.
 * Negative or fractional lengths are floored to whole days ≥ 0 (a 0-day window ends at the
 * end of the start day).
 */
export function windowEndsAt(start: Date, days: number): Date {
  const whole = Number.isFinite(days) ? Math.max(0, Math.floor(days)) : 0;
  return plain(startOfDay(addDays(start, whole + 1, inCst), inCst));
}

/** `hours` after `at`: the end of an hour window (grievance limits keep the time of day of filing). */
export function hoursAfter(at: Date, hours: number): Date {
  return plain(addHours(at, hours));
}

/** Open while `now` is before the window's (exclusive) end. An unknown end is never open. */
export function windowOpen(endsAt: Date | null | undefined, now: Date = new Date()): boolean {
  return isValidDate(endsAt) && isValidDate(now) && now.getTime() < endsAt.getTime();
}

/**
 * The last calendar day a window that is over at `endsAt` is open, as 00:00 CST of that day:
 * pass it straight to a date formatter ("until 8 Nov"). For a window ending at 00:00 that is
 * the day before; for an hour window ending at 14:37 it is that same day.
 */
export function lastDayOf(endsAt: Date): Date {
  return cstDayStart(new Date(endsAt.getTime() - 1));
}

/** A window as stored on a record: when it started (that day is not counted) and when it is over. */
export interface Window {
  startedAt?: Date | null;
  endsAt: Date | null | undefined;
}

/**
 * Days left in a window, the one meaning used on every page: the CST calendar days on which it
 * is still open, from today on, not counting the day it started. 1 = today is the last day;
 * 0 = over (or the end is unknown). At least 1 while the window is open, so `daysLeft > 0`
 * exactly when `windowOpen` (an hour window started and ending on one day shows 1, "today").
 */
export function daysLeft(window: Window, now: Date = new Date()): number {
  const { startedAt, endsAt } = window;
  if (!isValidDate(endsAt) || !windowOpen(endsAt, now)) return 0;
  const last = cstDay(endsAt.getTime() - 1).num;
  const today = cstDay(now.getTime()).num;
  // Counting starts today, or the day after the start if the window started today or later.
  const started = isValidDate(startedAt) ? cstDay(startedAt.getTime()).num : null;
  const firstCounted = started !== null && started >= today ? started + 1 : today;
  return Math.max(1, last - firstCounted + 1);
}

/** Monday to Friday in CST (public holidays and 调休 are not taken into account: see the top of this file). */
export function isWorkingDay(at: Date): boolean {
  return !isWeekend(at, inCst);
}

/**
 * The instant `n` working days after `from`, at the same time of day: each following CST day
 * that is a working day counts one. From a Friday, 1 working day is the Monday.
 */
export function addWorkingDays(from: Date, n: number): Date {
  let at: Date = from;
  for (let left = Math.max(0, Math.floor(n)); left > 0; ) {
    at = addDays(at, 1, inCst);
    if (isWorkingDay(at)) left--;
  }
  return plain(at);
}
