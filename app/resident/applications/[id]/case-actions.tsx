'use client';
// The resident's buttons on their own case: withdraw (with a confirmation step) and appeal a
// refusal. Each sends the version the page showed; if someone acted first the page reloads
// with the fresh state and says so (?changed=1).
import { useActionState, useEffect, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { AlertTriangle } from 'lucide-react';
import type { ActionResult } from '@/lib/action-result';
import { describeResult } from '@/lib/action-result';
import { loose, resultText } from '@/lib/i18n/loose';
import { REASON_MIN_LENGTH as MIN_REASON_LENGTH } from '@/lib/field-limits';
import { useTranslations } from 'next-intl';
import { ErrorSummary, Field, inputClass } from '@/components/form';
import { buttonClass, secondaryButtonClass } from '@/components/ui';
import { PhotoUpload } from '@/components/photo-upload';
import { appealApplicationAction, withdrawApplicationAction } from './actions';
import { earlyInput } from '@/components/early-input';

type Result = ActionResult<unknown> | null;

/** A sentence for a refused action (the workflow's own reason when it gave one) or a form-level error. */
function useRefusalText(state: Result): string | null {
  const t = useTranslations();
  return resultText(t, describeResult(state, 'application'));
}

/** After a result: reload the page on the fresh state; a lost race is announced there. */
function useAfterResult(state: Result, id: string, done: string) {
  const router = useRouter();
  useEffect(() => {
    if (!state) return;
    if (state.status === 'ok') router.replace(`/resident/applications/${id}?done=${done}`, { scroll: false });
    else if (state.status === 'conflict' && state.code === 'conflict:application') router.replace(`/resident/applications/${id}?changed=1`, { scroll: false });
    else if (state.status === 'conflict' || state.status === 'not_found') router.refresh();
    else if (state.status === 'unauthenticated') router.push(`/sign-in?callbackUrl=${encodeURIComponent(`/resident/applications/${id}`)}`);
  }, [state, id, done, router]);
}

export function WithdrawPanel({ id, version }: { id: string; version: number }) {
  const t = useTranslations();
  const [confirming, setConfirming] = useState(false);
  const [state, action, pending] = useActionState(withdrawApplicationAction, null);
  const confirmRef = useRef<HTMLDivElement>(null);
  useAfterResult(state, id, 'withdrawn');
  const refusal = useRefusalText(state);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  if (!confirming) {
    return (
      <div className="space-y-2">
        {refusal ? (
          <p role="alert" className="text-red-800">
            {refusal}
          </p>
        ) : null}
        <button type="button" onClick={() => setConfirming(true)} className={secondaryButtonClass}>
          {t('track.withdraw.button')}
        </button>
      </div>
    );
  }
  return (
    <form ref={earlyInput} action={action} className="space-y-3">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="expectedVersion" value={version} />
      <div ref={confirmRef} tabIndex={-1} role="group" aria-labelledby="withdraw-confirm-title" className="rounded-lg border-l-4 border-amber-500 bg-amber-50 p-4">
        <h3 id="withdraw-confirm-title" className="flex items-center gap-2 font-semibold text-amber-950">
          <AlertTriangle aria-hidden="true" className="h-5 w-5" />
          {t('track.withdraw.confirmTitle')}
        </h3>
        <p className="mt-1 text-amber-950">{t('track.withdraw.confirmBody')}</p>
      </div>
      {refusal ? (
        <p role="alert" className="text-red-800">
          {refusal}
        </p>
      ) : null}
      <div className="flex flex-col gap-3 sm:flex-row">
        <button type="submit" disabled={pending || state?.status === 'ok'} className={`${buttonClass} bg-red-700 hover:bg-red-800`}>
          {pending ? t('track.withdraw.pending') : t('track.withdraw.confirm')}
        </button>
        <button type="button" onClick={() => setConfirming(false)} disabled={pending} className={secondaryButtonClass}>
          {t('track.withdraw.keep')}
        </button>
      </div>
    </form>
  );
}

const REASON_MAX = 500;

export function AppealForm({ id, version, householdId }: { id: string; version: number; householdId: string }) {
  const t = useTranslations();
  const [reason, setReason] = useState('');
  const [state, action, pending] = useActionState(appealApplicationAction, null);
  const summaryRef = useRef<HTMLDivElement>(null);
  useAfterResult(state, id, 'appealed');
  const refusal = useRefusalText(state);
  const fieldErrors = state?.status === 'invalid' ? state.fieldErrors : {};
  const reasonError = fieldErrors.reason?.[0] ? loose(t)(fieldErrors.reason[0]) : null;
  const evidenceError = fieldErrors.evidence?.[0] ? loose(t)(fieldErrors.evidence[0]) : null;
  useEffect(() => {
    if (state?.status === 'invalid') summaryRef.current?.focus();
  }, [state]);
  const summary = [
    ...(reasonError ? [{ fieldId: 'appeal-reason', message: reasonError }] : []),
    ...(evidenceError ? [{ fieldId: 'appeal-evidence', message: evidenceError }] : []),
  ];

  return (
    <form ref={earlyInput} action={action} noValidate className="space-y-4">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="expectedVersion" value={version} />
      <div ref={summaryRef} tabIndex={-1}>
        <ErrorSummary title={t('common.errorSummary')} errors={summary} />
      </div>
      {refusal ? (
        <p role="alert" className="rounded-lg border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
          {refusal}
        </p>
      ) : null}
      <Field id="appeal-reason" label={t('appeal.form.reason')} hint={t('appeal.form.reasonHint', { min: MIN_REASON_LENGTH, max: REASON_MAX })} error={reasonError}>
        {(aria) => (
          <textarea {...aria} name="reason" rows={5} maxLength={REASON_MAX} required value={reason} onChange={(e) => setReason(e.target.value)} className={`${inputClass} py-2`} />
        )}
      </Field>
      <p className="-mt-3 text-right text-sm text-slate-600" aria-live="polite">
        {t('appeal.form.count', { n: Array.from(reason).length, max: REASON_MAX })}
      </p>
      <div id="appeal-evidence" tabIndex={-1} className="space-y-1">
        <PhotoUpload name="evidence" kind="evidence" applicationId={id} householdId={householdId} label={t('appeal.form.evidence')} multiple />
        <p className="text-sm text-slate-600">{t('appeal.form.evidenceHint')}</p>
        {evidenceError ? <p className="font-medium text-red-800">{evidenceError}</p> : null}
      </div>
      <button type="submit" disabled={pending || state?.status === 'ok'} className={buttonClass}>
        {pending ? t('appeal.form.pending') : t('appeal.form.submit')}
      </button>
    </form>
  );
}
