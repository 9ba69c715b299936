// "What happens next and when" for a resident's application: the dates the pages promise.
// Pure; times are instants, the days are counted in China Standard Time.
import type { ApplicationStatus } from '@/lib/domain';
import { appealDaysLeft, appealLastDay, APPEAL_WINDOW_DAYS } from '@/lib/workflow';

/**
 * Working days within which the pages tell a resident a cadre (after submission) or an
 * official (after recommendation) will act. A service promise shown to people, not a rule
 * the workflow enforces; public holidays are not counted out.
 */
export const REVIEW_WORKING_DAYS = 5;

const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

/** The instant `n` working days (Monday–Friday, CST) after `from`. */
export function addWorkingDays(from: Date, n: number): Date {
  let t = from.getTime();
  let left = n;
  while (left > 0) {
    t += DAY_MS;
    const weekday = new Date(t + CST_OFFSET_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return new Date(t);
}

/** The last day a notice that is over at `noticeEndsAt` (00:00 CST) is still shown. */
export function noticeLastDay(noticeEndsAt: Date): Date {
  return new Date(noticeEndsAt.getTime() - 1);
}

export type AppealWindow =
  | { state: 'open'; daysLeft: number; lastDay: string }
  | { state: 'closed'; lastDay: string }
  | { state: 'final' }
  | { state: 'none' };

/** Whether a refused case may still be appealed, and until when (see lib/workflow.ts). */
export function appealWindow(app: { status: ApplicationStatus; rejectedAt: Date | null; rejectionFinal: boolean }, now: Date = new Date()): AppealWindow {
  if (app.status !== 'rejected' || !app.rejectedAt) return { state: 'none' };
  if (app.rejectionFinal) return { state: 'final' };
  const daysLeft = appealDaysLeft(app.rejectedAt, now);
  const lastDay = appealLastDay(app.rejectedAt);
  return daysLeft > 0 ? { state: 'open', daysLeft, lastDay } : { state: 'closed', lastDay };
}

export { APPEAL_WINDOW_DAYS };
