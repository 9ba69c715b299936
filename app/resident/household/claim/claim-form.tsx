'use client';
// "This is my household": one button; the cadres of the place check the person's ID card in
// person and confirm before it is theirs. After a refusal the same button asks again.
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { loose } from '@/lib/i18n/loose';
import type { ActionResult } from '@/lib/action-result';
import { buttonClass } from '@/components/ui';
import { requestClaimAction } from './actions';

export function ClaimForm({ asked, again, place }: { asked: boolean; again: boolean; place: string }) {
  const t = useTranslations();
  const tl = loose(t);
  const [state, dispatch, pending] = useActionState<ActionResult<{ alreadyAsked: boolean }> | null, FormData>(
    (_prev, fd) => requestClaimAction(fd).catch((): ActionResult<{ alreadyAsked: boolean }> => ({ status: 'error', code: 'unavailable' })),
    null,
  );
  if (asked || state?.status === 'ok') {
    return (
      <p role="status" className="rounded-lg border-l-4 border-sky-700 bg-sky-50 p-3 text-sky-950">
        {t('cadreAssist.claim.waiting', { place })}
      </p>
    );
  }
  const refusal = state && state.status === 'conflict' ? tl(`cadreAssist.claim.refused.${state.code.replace(/^conflict:claim_/, '')}`) : state ? t('errors.internal') : null;
  return (
    <form action={dispatch} className="space-y-3" aria-busy={pending}>
      {refusal ? (
        <p role="alert" className="rounded-lg border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
          {refusal}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className={`${buttonClass} w-full sm:w-auto`}>
        {pending ? t('cadreAssist.claim.asking') : again ? t('cadreAssist.claim.askAgain') : t('cadreAssist.claim.ask')}
      </button>
    </form>
  );
}
