// "What happens next and when" for a resident's application: the dates the pages promise.
// Pure; times are instants, the days are counted in China Standard Time by lib/time.ts.
import type { ApplicationStatus } from '@/lib/domain';
import { addWorkingDays, lastDayOf } from '@/lib/time';
import { appealDaysLeft, appealLastDay, APPEAL_WINDOW_DAYS } from '@/lib/workflow';

/**
 * Working days within which the pages tell a resident a cadre (after submission) or an
 * official (after recommendation) will act. A service promise shown to people, not a rule
 * the workflow enforces; working days are Monday–Friday, public holidays are not counted out
 * (lib/time.ts `isWorkingDay`).
 */
export const REVIEW_WORKING_DAYS = 5;

export { addWorkingDays };

/** The last day a notice that is over at `noticeEndsAt` (00:00 CST) is still shown, for a date formatter. */
export function noticeLastDay(noticeEndsAt: Date): Date {
  return lastDayOf(noticeEndsAt);
}

export type AppealWindow =
  | { state: 'open'; daysLeft: number; lastDay: Date }
  | { state: 'closed'; lastDay: Date }
  | { state: 'final' }
  | { state: 'none' };

/** Whether a refused case may still be appealed, and until when (see lib/workflow.ts); `lastDay` goes straight to a date formatter. */
export function appealWindow(app: { status: ApplicationStatus; rejectedAt: Date | null; rejectionFinal: boolean }, now: Date = new Date()): AppealWindow {
  if (app.status !== 'rejected' || !app.rejectedAt) return { state: 'none' };
  if (app.rejectionFinal) return { state: 'final' };
  const daysLeft = appealDaysLeft(app.rejectedAt, now);
  const lastDay = appealLastDay(app.rejectedAt);
  return daysLeft > 0 ? { state: 'open', daysLeft, lastDay } : { state: 'closed', lastDay };
}

/**
 * What a refused case's "next steps" say, from its appeal window (message key under `track.next`,
 * and the last day to show when the window has closed): an appeal only while it is open; after
 * the decision on an appeal (final) or once the window has closed, never "you can appeal" — a
 * household may then apply again once a cadre has verified a changed fact (lib/reapply.ts).
 */
export function refusalNextStep(window: AppealWindow): { key: 'rejected' | 'rejectedClosed' | 'rejectedFinal' | 'rejectedUnknownWindow'; lastDay?: Date } {
  switch (window.state) {
    case 'open':
      return { key: 'rejected' };
    case 'closed':
      return { key: 'rejectedClosed', lastDay: window.lastDay };
    case 'final':
      return { key: 'rejectedFinal' };
    case 'none':
      return { key: 'rejectedUnknownWindow' };
  }
}

export { APPEAL_WINDOW_DAYS };
