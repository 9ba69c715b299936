'use client';
// The cadre checks the person's ID card in person, then confirms that the registered person
// asking is the head of the household they kept (the tick box says so), or refuses the claim
// with a reason; the person is told either way.
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { loose } from '@/lib/i18n/loose';
import { describeResult, type ActionResult } from '@/lib/action-result';
import { CLAIM_DECLINE_REASONS } from '@/lib/domain';
import { buttonClass, secondaryButtonClass } from '@/components/ui';
import { submitKeepingFields } from '@/components/grievances/action-problem';
import { confirmClaimAction, declineClaimAction } from '../actions';

/** The form-level sentence for a refused claim step, or null. */
function useProblem(state: ActionResult<unknown> | null) {
  const t = useTranslations();
  const tl = loose(t);
  if (state?.status === 'conflict' && state.code.startsWith('conflict:claim_')) return tl(`cadreAssist.claim.refused.${state.code.replace(/^conflict:claim_/, '')}`);
  const described = describeResult(state);
  return described ? tl(described.key, described.values) : null;
}

function fieldError(state: ActionResult<unknown> | null, field: string): string | null {
  return state?.status === 'invalid' ? (state.fieldErrors[field]?.[0] ?? null) : null;
}

export function ConfirmClaimForm({ householdId }: { householdId: string }) {
  const t = useTranslations();
  const tl = loose(t);
  // On success the action sends the browser to the household page, which says it is done.
  const [state, dispatch, pending] = useActionState<ActionResult<{ householdId: string; ownerUserId: string }> | null, FormData>(confirmClaimAction, null);
  const problem = useProblem(state);
  const error = fieldError(state, 'idCardChecked');
  return (
    <form action={dispatch} onSubmit={submitKeepingFields(dispatch)} className="space-y-3" aria-busy={pending}>
      <input type="hidden" name="householdId" value={householdId} />
      {problem ? (
        <p role="alert" className="rounded-lg border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
          {problem}
        </p>
      ) : null}
      <div className="space-y-1">
        <label className="flex min-h-11 items-start gap-3 text-slate-900">
          <input
            type="checkbox"
            name="idCardChecked"
            id="claim-id-checked"
            className="mt-1 h-6 w-6 shrink-0"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'claim-id-checked-error' : undefined}
          />
          <span>{t('cadreAssist.claim.idChecked')}</span>
        </label>
        {error ? (
          <p id="claim-id-checked-error" className="font-medium text-red-800">
            {tl(error)}
          </p>
        ) : null}
      </div>
      <button type="submit" disabled={pending} className={`${buttonClass} w-full sm:w-auto`}>
        {pending ? t('cadreAssist.claim.confirming') : t('cadreAssist.claim.confirm')}
      </button>
    </form>
  );
}

export function DeclineClaimForm({ householdId }: { householdId: string }) {
  const t = useTranslations();
  const tl = loose(t);
  const [state, dispatch, pending] = useActionState<ActionResult<{ householdId: string }> | null, FormData>(declineClaimAction, null);
  const problem = useProblem(state);
  const error = fieldError(state, 'reason');
  return (
    <details className="mt-4 rounded-lg border border-slate-300 p-3" open={state !== null}>
      <summary className="min-h-11 cursor-pointer py-2 font-medium text-slate-900">{t('cadreAssist.claim.declineTitle')}</summary>
      <form action={dispatch} onSubmit={submitKeepingFields(dispatch)} className="mt-2 space-y-3" aria-busy={pending}>
        <input type="hidden" name="householdId" value={householdId} />
        <p className="text-sm text-slate-700">{t('cadreAssist.claim.declineLead')}</p>
        {problem ? (
          <p role="alert" className="rounded-lg border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
            {problem}
          </p>
        ) : null}
        <fieldset className="space-y-1" aria-invalid={error ? true : undefined} aria-describedby={error ? 'claim-decline-reason-error' : undefined}>
          <legend className="font-medium text-slate-900">{t('cadreAssist.claim.declineReason')}</legend>
          {CLAIM_DECLINE_REASONS.map((r) => (
            <label key={r} className="flex min-h-11 items-center gap-3">
              <input type="radio" name="reason" value={r} className="h-5 w-5 shrink-0" />
              <span>{t(`cadreAssist.claim.reasons.${r}`)}</span>
            </label>
          ))}
          {error ? (
            <p id="claim-decline-reason-error" className="font-medium text-red-800">
              {tl(error)}
            </p>
          ) : null}
        </fieldset>
        <button type="submit" disabled={pending} className={`${secondaryButtonClass} w-full sm:w-auto`}>
          {pending ? t('cadreAssist.claim.declining') : t('cadreAssist.claim.decline')}
        </button>
      </form>
    </details>
  );
}
