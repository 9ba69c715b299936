'use client';
// The budget forms of a county-wide official: new money for a cash programme (which opens the
// line when it has none) and a correction of the line's total with its reason. A correction
// that would take the total below what is already committed is refused and changes nothing.
import { useActionState, useEffect, useRef } from 'react';
import { useTranslations } from 'next-intl';
import type { ActionResult } from '@/lib/action-result';
import { loose } from '@/lib/i18n/loose';
import { ErrorSummary, Field, errorSummaryOf, firstError, inputClass, Notice } from '@/components/form';
import { buttonClass } from '@/components/ui';
import { ActionProblem, submitKeepingFields } from '@/components/grievances/action-problem';
import { adjustBudgetAction, allocateBudgetAction } from './actions';

const OWN: Record<string, string> = {
  'conflict:below_committed': 'countyBudgets.errors.belowCommitted',
};

function useBudgetForm(action: typeof allocateBudgetAction) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionResult<null> | null, FormData>(action, null);
  const errors = state?.status === 'invalid' ? state.fieldErrors : undefined;
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.status === 'ok') ref.current?.reset();
  }, [state]);
  return { t, state, formAction, pending, err: (f: string) => firstError(loose(t), errors, f), ref };
}

export function AllocateForm({ programme, opening }: { programme: string; opening: boolean }) {
  const { t, state, formAction, pending, err, ref } = useBudgetForm(allocateBudgetAction);
  const id = `allocate-${programme}`;
  const e = { amount: err('amount'), note: err('note') };
  return (
    <form ref={ref} action={formAction} onSubmit={submitKeepingFields(formAction)} noValidate className="space-y-4">
      <ErrorSummary title={t('common.errorSummary')} errors={errorSummaryOf(id, e)} />
      <ActionProblem state={state} ownConflicts={OWN} ownForbidden="countyBudgets.notCountyWide" context="form" />
      {state?.status === 'ok' ? <Notice tone="done">{t('countyBudgets.allocate.done')}</Notice> : null}
      <input type="hidden" name="programme" value={programme} />
      <Field id={`${id}-amount`} label={t('countyBudgets.fields.amount')} hint={t('countyBudgets.fields.amountHint')} error={e.amount}>
        {(aria) => <input {...aria} name="amount" inputMode="numeric" autoComplete="off" className={inputClass} />}
      </Field>
      <Field id={`${id}-note`} label={t('countyBudgets.fields.note')} error={e.note}>
        {(aria) => <input {...aria} name="note" autoComplete="off" className={inputClass} />}
      </Field>
      <button type="submit" disabled={pending} className={`${buttonClass} w-full sm:w-auto`}>
        {opening ? t('countyBudgets.allocate.open') : t('countyBudgets.allocate.submit')}
      </button>
    </form>
  );
}

export function AdjustForm({ programme }: { programme: string }) {
  const { t, state, formAction, pending, err, ref } = useBudgetForm(adjustBudgetAction);
  const id = `adjust-${programme}`;
  const e = { amount: err('amount'), reason: err('reason') };
  return (
    <form ref={ref} action={formAction} onSubmit={submitKeepingFields(formAction)} noValidate className="space-y-4">
      <ErrorSummary title={t('common.errorSummary')} errors={errorSummaryOf(id, e)} />
      <ActionProblem state={state} ownConflicts={OWN} ownForbidden="countyBudgets.notCountyWide" context="form" />
      {state?.status === 'ok' ? <Notice tone="done">{t('countyBudgets.adjust.done')}</Notice> : null}
      <input type="hidden" name="programme" value={programme} />
      <Field id={`${id}-amount`} label={t('countyBudgets.fields.signedAmount')} hint={t('countyBudgets.fields.signedAmountHint')} error={e.amount}>
        {(aria) => <input {...aria} name="amount" inputMode="text" autoComplete="off" className={inputClass} />}
      </Field>
      <Field id={`${id}-reason`} label={t('countyBudgets.fields.reason')} error={e.reason}>
        {(aria) => <textarea {...aria} name="reason" rows={3} className={`${inputClass} py-2`} />}
      </Field>
      <button type="submit" disabled={pending} className={`${buttonClass} w-full sm:w-auto`}>
        {t('countyBudgets.adjust.submit')}
      </button>
    </form>
  );
}
