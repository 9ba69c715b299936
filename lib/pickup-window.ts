// How long a building-materials voucher stays good (issue 9 item 5: "reserved stock is released
// when a case ... expires"). The stock reserved on approval is held for the household only so
// long: a voucher left uncollected would keep sand and rebar from other households all winter.
// Valid through the CST calendar day PICKUP_DAYS days after the approval, the same way every
// calendar window of the portal counts (lib/time.ts windowEndsAt); after it the case lapses
// (server/handouts/expire-pickups.ts): withdrawn by the system, the stock given back, the
// resident told, and free to apply again. Server-side only: lib/time.ts stays out of the browser.
import { addCalendarDays, cstDayStart, daysLeft, lastDayOf, windowEndsAt, windowOpen } from './time';

export const PICKUP_DAYS = 30;

/** The instant a voucher approved at `decidedAt` is over (00:00 CST after its last day). */
export function pickupEndsAt(decidedAt: Date): Date {
  return windowEndsAt(decidedAt, PICKUP_DAYS);
}

/** The last day a voucher approved at `decidedAt` may be collected, as 00:00 CST of that day (for a date formatter). */
export function pickupLastDay(decidedAt: Date): Date {
  return lastDayOf(pickupEndsAt(decidedAt));
}

/** Days left to collect, counted like every countdown of the portal (lib/time.ts daysLeft): 1 = today is the last day, 0 = lapsed. */
export function pickupDaysLeft(decidedAt: Date, now: Date): number {
  return daysLeft({ startedAt: decidedAt, endsAt: pickupEndsAt(decidedAt) }, now);
}

/** True once the voucher can no longer be collected. A case with no decision time has not lapsed. */
export function pickupLapsed(decidedAt: Date | null | undefined, now: Date): boolean {
  return decidedAt instanceof Date && !windowOpen(pickupEndsAt(decidedAt), now);
}

/** An approved materials case whose voucher can no longer be collected, whether or not the sweep has withdrawn it yet. */
export function voucherLapsed(c: { programmeCode: string; status: string; decidedAt: Date | null }, now: Date): boolean {
  return c.programmeCode === 'building_materials' && c.status === 'approved' && pickupLapsed(c.decidedAt, now);
}

/**
 * The same rule as a bound for SQL: a case lapsed at `now` exactly when it was decided before
 * this instant (00:00 CST of the day PICKUP_DAYS days before today), so a query can walk the
 * index of approved cases by decision time.
 */
export function lapsedIfDecidedBefore(now: Date): Date {
  return cstDayStart(addCalendarDays(now, -PICKUP_DAYS));
}
