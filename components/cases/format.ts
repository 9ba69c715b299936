// Pure helpers shared by the staff case pages, the public notice board and the voucher:
// pickup-code grouping and the sentence for an action result (notice countdowns are
// lib/time.ts `daysLeft`). No server imports: client forms use them too.
import type { Translate } from '@/lib/i18n-core';
import type { ActionResult } from '@/lib/actions';
import { WORKFLOW_REFUSALS, APPEAL_WINDOW_DAYS, MIN_REASON_LENGTH } from '@/lib/workflow';

/** ABCDEFGH → ABCD-EFGH: groups of four, easier to read aloud and to type at the counter. */
export function groupPickupCode(code: string): string {
  return (code.match(/.{1,4}/g) ?? []).join('-');
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
