'use client';
// The forms of the cadre's household page: verify one fact (with the appraisal report's grade
// and appraiser when the safety grade comes from one) and reveal the full phone or ID number
// with a reason. Both keep what was typed after an error, show errors beside the fields and in
// a summary, and disable their button while the request runs. A revealed value lives only in
// this form's state: it is not in the page, the URL or any cache, and is gone on reload.
import { useActionState, useState, type ReactNode } from 'react';
import { CheckCircle2, Eye } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { describeResult, type ActionResult } from '@/lib/action-result';
import { loose, resultText } from '@/lib/i18n/loose';
import { ErrorSummary, Field, firstError, inputClass } from '@/components/form';
import { buttonClass, secondaryButtonClass } from '@/components/ui';
import { earlyInput } from '@/components/early-input';
import { submitKeepingFields } from '@/components/grievances/action-problem';

type Action<T> = (prev: ActionResult<T> | null, fd: FormData) => Promise<ActionResult<T>>;

function Alert({ children }: { children: ReactNode }) {
  return (
    <div role="alert" className="rounded-lg border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
      {children}
    </div>
  );
}

function Done({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="flex items-start gap-2 rounded-lg border-l-4 border-green-700 bg-green-50 p-3 text-green-900">
      <CheckCircle2 aria-hidden="true" className="mt-0.5 h-5 w-5 shrink-0" />
      <span>{children}</span>
    </p>
  );
}

function fieldErrorsOf(state: ActionResult<unknown> | null): Record<string, string[]> | undefined {
  return state?.status === 'invalid' ? state.fieldErrors : undefined;
}

export interface Option {
  value: string;
  label: string;
}

export function VerifyHouseholdFactForm({
  action,
  householdId,
  factKey,
  factLabel,
  valueKind,
  options,
  gradeOptions,
  initialValue,
}: {
  action: Action<{ key: string }>;
  householdId: string;
  factKey: string;
  factLabel: string;
  valueKind: 'choice' | 'count';
  options: Option[];
  /** A–D with their names, for the appraisal report's grade (safety grade only). */
  gradeOptions: Option[];
  initialValue: string;
}) {
  const t = useTranslations();
  const tl = loose(t);
  const [state, formAction, pending] = useActionState(action, null);
  const [value, setValue] = useState(initialValue);
  const [method, setMethod] = useState(factKey === 'safetyGrade' ? 'appraisal' : 'visit');
  const [note, setNote] = useState('');
  const [appraisalGrade, setAppraisalGrade] = useState('');
  const [appraiser, setAppraiser] = useState('');
  const errs = fieldErrorsOf(state);
  const base = `hh-verify-${factKey}`;
  const withReport = factKey === 'safetyGrade' && method === 'appraisal';
  const fields = withReport ? ['value', 'method', 'appraisalGrade', 'appraiser', 'note'] : ['value', 'method', 'note'];
  const errors = fields.map((f) => ({ fieldId: `${base}-${f}`, message: firstError(tl, errs, f) })).filter((e): e is { fieldId: string; message: string } => Boolean(e.message));
  const message = resultText(t, describeResult(state, 'case'));

  return (
    // onSubmit sends without React's form reset, which would put each select back to the choice
    // the server rendered (the declared value, 入户查看, 请选择) while the state still held the cadre's.
    <form ref={earlyInput} action={formAction} onSubmit={submitKeepingFields(formAction)} className="space-y-3" noValidate>
      <ErrorSummary title={t('common.errorSummary')} errors={errors} />
      {message ? <Alert>{message}</Alert> : null}
      {state?.status === 'ok' ? <Done>{t('cases.verify.done', { fact: factLabel })}</Done> : null}
      <input type="hidden" name="householdId" value={householdId} />
      <input type="hidden" name="key" value={factKey} />
      <Field id={`${base}-value`} label={t('cases.verify.value', { fact: factLabel })} hint={t('cases.verify.valueHint')} error={firstError(tl, errs, 'value')}>
        {(aria) =>
          valueKind === 'count' ? (
            <input {...aria} name="value" type="number" inputMode="numeric" min={0} max={100} step={1} value={value} onChange={(e) => setValue(e.target.value)} className={inputClass} />
          ) : (
            <select {...aria} name="value" value={value} onChange={(e) => setValue(e.target.value)} className={inputClass}>
              <option value="">{t('cases.verify.choose')}</option>
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )
        }
      </Field>
      <Field id={`${base}-method`} label={t('cases.verify.method')} error={firstError(tl, errs, 'method')}>
        {(aria) => (
          <select {...aria} name="method" value={method} onChange={(e) => setMethod(e.target.value)} className={inputClass}>
            <option value="visit">{t('cases.verify.methods.visit')}</option>
            <option value="photo">{t('cases.verify.methods.photo')}</option>
            <option value="appraisal">{t('cases.verify.methods.appraisal')}</option>
          </select>
        )}
      </Field>
      {withReport ? (
        <fieldset className="space-y-3 rounded-lg border border-slate-300 p-3">
          <legend className="px-1 font-semibold text-slate-900">{t('cadreHouseholds.verify.report')}</legend>
          <Field id={`${base}-appraisalGrade`} label={t('cadreHouseholds.verify.appraisalGrade')} hint={t('cadreHouseholds.verify.appraisalGradeHint')} error={firstError(tl, errs, 'appraisalGrade')}>
            {(aria) => (
              <select {...aria} name="appraisalGrade" value={appraisalGrade} onChange={(e) => setAppraisalGrade(e.target.value)} className={inputClass}>
                <option value="">{t('cases.verify.choose')}</option>
                {gradeOptions.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={`${base}-appraiser`} label={t('cadreHouseholds.verify.appraiser')} hint={t('cadreHouseholds.verify.appraiserHint')} error={firstError(tl, errs, 'appraiser')}>
            {(aria) => <input {...aria} name="appraiser" type="text" maxLength={100} autoComplete="off" value={appraiser} onChange={(e) => setAppraiser(e.target.value)} className={inputClass} />}
          </Field>
        </fieldset>
      ) : null}
      <Field id={`${base}-note`} label={t('cases.verify.note')} hint={t('cases.verify.noteHint')} error={firstError(tl, errs, 'note')}>
        {(aria) => <textarea {...aria} name="note" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} className={`${inputClass} min-h-24 py-2`} />}
      </Field>
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? t('cases.working') : t('cases.verify.submit', { fact: factLabel })}
      </button>
    </form>
  );
}

/**
 * "Reveal" beside a masked phone or ID number: asks for the reason, then shows the full value
 * for this page view only. Each reveal is audited on the server with the reason.
 */
export function RevealForm({ action, householdId, field, fieldLabel }: { action: Action<{ field: string; value: string }>; householdId: string; field: 'phone' | 'idNumber' | 'payeeAccount' | 'claimantPhone'; fieldLabel: string }) {
  const t = useTranslations();
  const tl = loose(t);
  const [state, formAction, pending] = useActionState(action, null);
  const [reason, setReason] = useState('');
  const errs = fieldErrorsOf(state);
  const id = `reveal-${field}-reason`;
  const error = firstError(tl, errs, 'reason');
  const message =
    state?.status === 'rate_limited'
      ? t('cadreHouseholds.reveal.rateLimited')
      : state?.status === 'forbidden'
        ? t('cadreHouseholds.reveal.forbidden')
        : // A claim confirmed or refused since the page was drawn has no claimant to call.
          state?.status === 'not_found' && field === 'claimantPhone'
          ? t('cadreHouseholds.reveal.claimGone')
          : resultText(t, describeResult(state, 'form'));

  if (state?.status === 'ok') {
    return (
      <div role="status" className="rounded-lg border-l-4 border-amber-600 bg-amber-50 p-3 text-amber-950">
        <p className="text-sm">{t('cadreHouseholds.reveal.shown', { field: fieldLabel })}</p>
        <p className="mt-1 font-mono text-xl font-semibold tracking-wide" data-revealed={field}>
          {state.data.value}
        </p>
      </div>
    );
  }
  return (
    <details className="rounded-lg border border-slate-200 bg-slate-50 p-3">
      <summary className="flex min-h-11 cursor-pointer items-center gap-2 font-semibold text-brand-700">
        <Eye aria-hidden="true" className="h-5 w-5" />
        {t('cadreHouseholds.reveal.open', { field: fieldLabel })}
      </summary>
      <form ref={earlyInput} action={formAction} className="mt-3 space-y-3" noValidate>
        {message ? <Alert>{message}</Alert> : null}
        <input type="hidden" name="householdId" value={householdId} />
        <input type="hidden" name="field" value={field} />
        <Field id={id} label={t('cadreHouseholds.reveal.reason')} hint={t('cadreHouseholds.reveal.reasonHint')} error={error}>
          {(aria) => <input {...aria} name="reason" type="text" maxLength={200} autoComplete="off" value={reason} onChange={(e) => setReason(e.target.value)} className={inputClass} />}
        </Field>
        <button type="submit" disabled={pending} className={secondaryButtonClass}>
          {pending ? t('cases.working') : t('cadreHouseholds.reveal.submit', { field: fieldLabel })}
        </button>
      </form>
    </details>
  );
}
