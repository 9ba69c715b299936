'use client';
// The resident's two forms on a grievance: rate a resolved one (1–5, large radio buttons, an
// optional comment), which closes it; and reopen a closed one with a reason. Controlled
// fields keep what was typed after an error; buttons are disabled while sending; the version
// the page was loaded with goes along, so a stale page is told rather than overwriting.
import { useActionState, useState } from 'react';
import { RotateCcw, Star } from 'lucide-react';
import type { ActionResult } from '@/lib/action-result';
import { useTranslations } from 'next-intl';
import { loose } from '@/lib/i18n/loose';
import { ErrorSummary, Field, firstError, inputClass } from '@/components/form';
import { buttonClass } from '@/components/ui';
import { rateGrievanceFormAction, reopenGrievanceFormAction, type GrievanceChanged } from './actions';
import { ActionProblem, submitKeepingFields } from '@/components/grievances/action-problem';
import { earlyInput } from '@/components/early-input';

type State = ActionResult<GrievanceChanged> | null;

const SCORES = [1, 2, 3, 4, 5] as const;

export function RateForm({ grievanceId, version }: { grievanceId: string; version: number }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<State, FormData>(rateGrievanceFormAction, null);
  const [rating, setRating] = useState('');
  const [comment, setComment] = useState('');
  const errors = state?.status === 'invalid' ? state.fieldErrors : undefined;
  const err = (f: string) => firstError(loose(t), errors, f);
  const summary = [
    { fieldId: 'rating-1', message: err('rating') },
    { fieldId: 'comment', message: err('comment') },
  ].filter((e): e is { fieldId: string; message: string } => Boolean(e.message));
  const busy = pending || state?.status === 'ok';

  return (
    <form ref={earlyInput} action={formAction} onSubmit={submitKeepingFields(formAction)} noValidate className="space-y-5">
      <ErrorSummary title={t('common.errorSummary')} errors={summary} />
      <ActionProblem state={state} />
      <input type="hidden" name="grievanceId" value={grievanceId} />
      <input type="hidden" name="version" value={version} />
      <fieldset aria-describedby={err('rating') ? 'rating-error' : undefined}>
        <legend className="mb-2 font-medium text-slate-900">{t('grievances.rate.legend')}</legend>
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-5">
          {SCORES.map((n) => (
            <label key={n} htmlFor={`rating-${n}`} className="flex min-h-12 cursor-pointer items-center gap-2 rounded-lg border border-slate-300 bg-white px-3 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50 sm:flex-col sm:justify-center sm:py-2 sm:text-center">
              <input type="radio" id={`rating-${n}`} name="rating" value={n} checked={rating === String(n)} onChange={() => setRating(String(n))} aria-invalid={err('rating') ? true : undefined} className="h-5 w-5 accent-brand-700" />
              <span className="flex items-center gap-1">
                <span aria-hidden="true" className="flex">
                  {Array.from({ length: n }, (_, i) => (
                    <Star key={i} className="h-4 w-4 fill-amber-400 text-amber-600" />
                  ))}
                </span>
                <span>{t(`grievances.rate.score.${n}`)}</span>
              </span>
            </label>
          ))}
        </div>
        {err('rating') ? (
          <p id="rating-error" className="mt-1 font-medium text-red-800">
            {err('rating')}
          </p>
        ) : null}
      </fieldset>
      <Field id="comment" label={t('grievances.rate.comment')} error={err('comment')}>
        {(aria) => <textarea {...aria} name="comment" rows={3} maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} className={`${inputClass} py-2`} />}
      </Field>
      <button type="submit" disabled={busy} className={`${buttonClass} w-full sm:w-auto`}>
        <Star aria-hidden="true" className="h-5 w-5" />
        {busy ? t('grievances.rate.submitting') : t('grievances.rate.submit')}
      </button>
    </form>
  );
}

export function ReopenForm({ grievanceId, version }: { grievanceId: string; version: number }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<State, FormData>(reopenGrievanceFormAction, null);
  const [reason, setReason] = useState('');
  const errors = state?.status === 'invalid' ? state.fieldErrors : undefined;
  const err = (f: string) => firstError(loose(t), errors, f);
  const summary = err('reason') ? [{ fieldId: 'reason', message: err('reason')! }] : [];
  const busy = pending || state?.status === 'ok';

  return (
    <form ref={earlyInput} action={formAction} onSubmit={submitKeepingFields(formAction)} noValidate className="space-y-5">
      <ErrorSummary title={t('common.errorSummary')} errors={summary} />
      <ActionProblem state={state} />
      <input type="hidden" name="grievanceId" value={grievanceId} />
      <input type="hidden" name="version" value={version} />
      <Field id="reason" label={t('grievances.reopen.reason')} error={err('reason')}>
        {(aria) => <textarea {...aria} name="reason" rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} className={`${inputClass} py-2`} />}
      </Field>
      <button type="submit" disabled={busy} className={`${buttonClass} w-full sm:w-auto`}>
        <RotateCcw aria-hidden="true" className="h-5 w-5" />
        {busy ? t('grievances.reopen.submitting') : t('grievances.reopen.submit')}
      </button>
    </form>
  );
}
