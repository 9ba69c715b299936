'use client';
// The cadre confirms that the registered person asking is the head of the household they kept.
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { loose } from '@/lib/i18n/loose';
import { describeResult, type ActionResult } from '@/lib/action-result';
import { buttonClass } from '@/components/ui';
import { confirmClaimAction } from '../actions';

export function ConfirmClaimForm({ householdId }: { householdId: string }) {
  const t = useTranslations();
  const tl = loose(t);
  // On success the action sends the browser to the household page, which says it is done.
  const [state, dispatch, pending] = useActionState<ActionResult<{ householdId: string; ownerUserId: string }> | null, FormData>(confirmClaimAction, null);
  const described = describeResult(state);
  const problem =
    state?.status === 'conflict' && state.code.startsWith('conflict:claim_') ? tl(`cadreAssist.claim.refused.${state.code.replace(/^conflict:claim_/, '')}`) : described ? tl(described.key, described.values) : null;
  return (
    <form action={dispatch} className="space-y-3" aria-busy={pending}>
      <input type="hidden" name="householdId" value={householdId} />
      {problem ? (
        <p role="alert" className="rounded-lg border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
          {problem}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className={`${buttonClass} w-full sm:w-auto`}>
        {pending ? t('cadreAssist.claim.confirming') : t('cadreAssist.claim.confirm')}
      </button>
    </form>
  );
}
