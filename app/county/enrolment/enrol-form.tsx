'use client';
// "Enrol all" with a confirmation step: the first button only opens the question (how many
// households, how much), the second runs the enrolment. The answer says how many were enrolled;
// a run that finds the budget short or missing, or the programme closed, says so and enrols no one.
import { useActionState, useState } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import { describeResult, type ActionResult } from '@/lib/action-result';
import { loose, resultText } from '@/lib/i18n/loose';
import { buttonClass, secondaryButtonClass } from '@/components/ui';
import { enrolHouseholdsAction, type EnrolmentDone } from './actions';
import { Notice } from '@/components/form';

/** Refusals this page explains itself. */
const OWN: Record<string, string> = {
  'over_budget:enrolment': 'countyEnrolment.errors.overBudget',
  'conflict:programme_closed': 'countyEnrolment.errors.closed',
  'conflict:application_needed': 'countyEnrolment.errors.applicationNeeded',
  'conflict:no_budget_line': 'countyEnrolment.errors.noBudgetLine',
};

export function EnrolForm({ programme, eligible, totalYuan, canAfford, noBudgetLine = false }: { programme: string; eligible: number; totalYuan: number; canAfford: boolean; noBudgetLine?: boolean }) {
  const t = useTranslations();
  const format = useFormatter();
  const [state, formAction, pending] = useActionState<ActionResult<EnrolmentDone> | null, FormData>(enrolHouseholdsAction, null);
  const [confirming, setConfirming] = useState(false);
  const own = state && (state.status === 'conflict' || state.status === 'error') ? OWN[state.code] : undefined;
  const problem = own ? loose(t)(own) : state?.status === 'forbidden' ? t('countyEnrolment.errors.notCountyWide') : resultText(t, describeResult(state));
  const done = state?.status === 'ok' ? state.data : null;

  return (
    <div className="space-y-4">
      {done ? (
        <Notice tone="done" testId="enrolment-result">
          {t('countyEnrolment.result', { count: done.enrolled, amount: format.number(done.amountYuan, 'yuan') })}
        </Notice>
      ) : null}
      {problem ? (
        <Notice tone="problem">
          {problem}
        </Notice>
      ) : null}
      {!confirming ? (
        <button type="button" className={buttonClass} disabled={pending} onClick={() => setConfirming(true)}>
          {t('countyEnrolment.enrolAll')}
        </button>
      ) : (
        <form
          action={(fd) => {
            setConfirming(false);
            formAction(fd);
          }}
          className="space-y-3 rounded-lg border border-amber-500 bg-amber-50 p-4"
        >
          <input type="hidden" name="programme" value={programme} />
          <p className="font-medium text-amber-950">{t('countyEnrolment.confirm.question', { count: eligible, amount: format.number(totalYuan, 'yuan') })}</p>
          {noBudgetLine ? <p className="text-red-900">{t('countyEnrolment.confirm.noBudgetLine')}</p> : !canAfford ? <p className="text-red-900">{t('countyEnrolment.confirm.short')}</p> : null}
          <p className="text-sm text-slate-800">{t('countyEnrolment.confirm.note')}</p>
          <div className="flex flex-wrap gap-3">
            <button type="submit" className={buttonClass} disabled={pending}>
              {t('countyEnrolment.confirm.yes', { count: eligible })}
            </button>
            <button type="button" className={secondaryButtonClass} onClick={() => setConfirming(false)}>
              {t('countyEnrolment.confirm.cancel')}
            </button>
          </div>
        </form>
      )}
      {pending ? <p role="status">{t('countyEnrolment.working')}</p> : null}
    </div>
  );
}
