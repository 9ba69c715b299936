// Pure helpers shared by the staff case pages, the public notice board and the voucher:
// notice countdowns, pickup-code grouping and the sentence for an
// action result. No server imports: client forms use them too.
import type { Translate } from '@/lib/i18n-core';
import type { ActionResult } from '@/lib/actions';
import { WORKFLOW_REFUSALS, APPEAL_WINDOW_DAYS, MIN_REASON_LENGTH } from '@/lib/workflow';

const DAY_MS = 86_400_000;

/** ABCDEFGH → ABCD-EFGH: groups of four, easier to read aloud and to type at the counter. */
export function groupPickupCode(code: string): string {
  return (code.match(/.{1,4}/g) ?? []).join('-');
}

/**
 * Calendar days left in a notice window that is over at `endsAt` (exclusive), today included:
 * 1 = today is the last day, 0 = over. The window ends at 00:00 CST, so whole days divide it.
 */
export function noticeDaysLeft(endsAt: Date | null | undefined, now: Date): number {
  if (!endsAt) return 0;
  return Math.max(0, Math.ceil((endsAt.getTime() - now.getTime()) / DAY_MS));
}

/** The last day of a window that is over at `endsAt` (the instant before it), for "until …". */
export function lastDayOf(endsAt: Date): Date {
  return new Date(endsAt.getTime() - 1);
}


const REFUSALS = new Set<string>(WORKFLOW_REFUSALS);

/** The sentence for an action that did not succeed, in the reader's language. */
export function resultMessage(t: Translate, result: ActionResult<unknown>): string | null {
  switch (result.status) {
    case 'ok':
    case 'invalid':
      return null;
    case 'unauthenticated':
      return t('errors.unauthenticated');
    case 'forbidden':
      return t('cases.messages.forbidden');
    case 'not_found':
      return t('errors.not_found');
    case 'conflict':
    case 'rate_limited':
    case 'error': {
      const [kind, subject] = result.code.split(':');
      if (kind === 'conflict' && subject && REFUSALS.has(subject)) return t(`workflow.refusals.${subject}`, { min: MIN_REASON_LENGTH, days: APPEAL_WINDOW_DAYS });
      if (result.code === 'conflict:application') return t('cases.messages.stale');
      if (result.code === 'conflict:objection_answered') return t('cases.messages.objectionAnswered');
      if (result.code === 'conflict:notice_closed') return t('notice.messages.closed');
      if (result.code === 'duplicate:objection') return t('notice.messages.duplicate');
      if (result.code === 'rate_limited:objection') return t('notice.messages.tooManyObjections');
      return t(`errors.${kind ?? 'internal'}`);
    }
  }
}
