'use client';
// Current password, new password twice. Field errors are shown beside each field; a refusal
// that names no field (too many attempts, a lost session) as one sentence above the form.
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { ActionResult } from '@/lib/action-result';
import { loose } from '@/lib/i18n/loose';
import { ErrorSummary, Field, firstError, inputClass, Notice } from '@/components/form';
import { buttonClass } from '@/components/ui';
import { changePasswordAction } from './actions';

export function PasswordForm() {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionResult<null> | null, FormData>(changePasswordAction, null);
  const errors = state?.status === 'invalid' ? state.fieldErrors : undefined;
  const currentError = firstError(loose(t), errors, 'currentPassword');
  const newError = firstError(loose(t), errors, 'newPassword');
  const confirmError = firstError(loose(t), errors, 'confirmPassword');
  const summary = [
    currentError ? { fieldId: 'current-password', message: currentError } : null,
    newError ? { fieldId: 'new-password', message: newError } : null,
    confirmError ? { fieldId: 'confirm-password', message: confirmError } : null,
  ].filter((x) => x !== null);
  const problem =
    state && state.status !== 'ok' && state.status !== 'invalid'
      ? state.status === 'rate_limited'
        ? t('account.password.errors.rateLimited')
        : t(`errors.${state.status === 'error' || state.status === 'conflict' ? 'internal' : state.status}`)
      : null;
  return (
    <form action={formAction} noValidate className="space-y-4">
      <ErrorSummary title={t('common.errorSummary')} errors={summary} />
      {problem ? (
        <Notice tone="problem">
          {problem}
        </Notice>
      ) : null}
      <Field id="current-password" label={t('account.password.current')} error={currentError}>
        {(aria) => <input {...aria} type="password" name="currentPassword" autoComplete="current-password" className={inputClass} />}
      </Field>
      <Field id="new-password" label={t('account.password.new')} hint={t('account.password.newHint')} error={newError}>
        {(aria) => <input {...aria} type="password" name="newPassword" autoComplete="new-password" className={inputClass} />}
      </Field>
      <Field id="confirm-password" label={t('account.password.confirm')} error={confirmError}>
        {(aria) => <input {...aria} type="password" name="confirmPassword" autoComplete="new-password" className={inputClass} />}
      </Field>
      <button type="submit" disabled={pending} className={`${buttonClass} w-full sm:w-auto`}>
        {pending ? t('account.password.submitting') : t('account.password.submit')}
      </button>
    </form>
  );
}
