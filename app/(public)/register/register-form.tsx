'use client';
// The registration form. Every field is controlled, so nothing typed is lost on an error; the
// ID number and phone are checked in the browser with the server's own rules (lib/pii) as
// the person types, and every error is shown beside its field and in a summary at the top.
// After the account is made the person is signed in and taken to their household page.
import { startTransition, useActionState, useRef, useState, type FocusEvent, type FormEvent } from 'react';
import Link from 'next/link';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { describeResult } from '@/lib/action-result';
import { loose, resultText } from '@/lib/i18n/loose';
import { ErrorSummary, Field, inputClass } from '@/components/form';
import { buttonClass } from '@/components/ui';
import { idNumberProblem, mobileProblem, normaliseIdNumber } from '@/lib/id-rules';
import type { ActionResult } from '@/lib/action-result';
import { registerAction } from './actions';
import { earlyInput } from '@/components/early-input';
import { SubmitWhenAlive } from '@/components/submit-when-alive';

type FieldName = 'realName' | 'idNumber' | 'phone' | 'password' | 'passwordConfirm' | 'consent';
const ORDER: FieldName[] = ['realName', 'idNumber', 'phone', 'password', 'passwordConfirm', 'consent'];
type Errors = Partial<Record<FieldName, string>>;

type Outcome = { kind: 'failed'; result: ActionResult<null> } | { kind: 'signInFailed' } | { kind: 'done' } | null;

function checkIdNumber(v: string): string | undefined {
  if (v.trim() === '') return 'validation.idNumber.required';
  const p = idNumberProblem(v);
  return p ? `validation.idNumber.${p}` : undefined;
}

function checkPhone(v: string): string | undefined {
  if (v.trim() === '') return 'validation.mobile.required';
  const p = mobileProblem(v);
  return p ? `validation.mobile.${p}` : undefined;
}

function checkPassword(v: string, minLength: number): string | undefined {
  if (v === '') return 'validation.password.required';
  if (Array.from(v).length < minLength) return 'validation.password.tooShort';
  return undefined;
}

function checkConfirm(password: string, confirm: string): string | undefined {
  if (confirm === '') return 'register.errors.passwordConfirm';
  return confirm === password ? undefined : 'register.errors.passwordMismatch';
}

/** `passwordMinLength` comes from lib/validators on the server, so the rule is written once. */
export function RegisterForm({ passwordMinLength }: { passwordMinLength: number }) {
  const t = useTranslations();
  // Field errors are message keys, from the checks above or from the server.
  const tl = loose(t);
  const [values, setValues] = useState({ realName: '', idNumber: '', phone: '', password: '', passwordConfirm: '' });
  const [consent, setConsent] = useState(false);
  const [showPassword, setShowPassword] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  // The summary at the top appears once the person tries to send; before that, errors show only beside the fields.
  const [attempted, setAttempted] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  const [outcome, dispatch, pending] = useActionState<Outcome, FormData>(async (_prev, fd) => {
    const result = await registerAction(fd).catch((): ActionResult<null> => ({ status: 'error', code: 'unavailable' }));
    if (result.status !== 'ok') {
      const next: Errors = {};
      if (result.status === 'invalid') for (const f of ORDER) if (result.fieldErrors[f]?.[0]) next[f] = result.fieldErrors[f][0];
      setErrors(next);
      // Never keep a password the server refused; everything else stays as typed.
      if (next.password || next.passwordConfirm) setValues((v) => ({ ...v, password: '', passwordConfirm: '' }));
      requestAnimationFrame(() => summaryRef.current?.focus());
      return { kind: 'failed', result };
    }
    const signedIn = await signIn('credentials', { phone: String(fd.get('phone') ?? ''), password: String(fd.get('password') ?? ''), redirect: false }).catch(() => undefined);
    if (!signedIn || signedIn.error) return { kind: 'signInFailed' };
    window.location.assign('/resident/household');
    return { kind: 'done' };
  }, null);

  const busy = pending || outcome?.kind === 'done';

  function set(name: keyof typeof values, value: string) {
    setValues((v) => ({ ...v, [name]: value }));
    // Re-check live once a field shows an error, so the message goes away as soon as it is right.
    if (errors[name]) validateField(name, value);
    else if (name === 'idNumber' && normaliseIdNumber(value).length >= 18) validateField(name, value);
  }

  function validateField(name: FieldName, value?: string) {
    const v = { ...values, ...(value !== undefined && name !== 'consent' ? { [name]: value } : {}) };
    let error: string | undefined;
    if (name === 'realName') error = v.realName.trim() === '' ? 'validation.realName.required' : undefined;
    if (name === 'idNumber') error = checkIdNumber(v.idNumber);
    if (name === 'phone') error = checkPhone(v.phone);
    if (name === 'password') error = checkPassword(v.password, passwordMinLength);
    if (name === 'passwordConfirm') error = checkConfirm(v.password, v.passwordConfirm);
    if (name === 'consent') error = consent ? undefined : 'register.errors.consent';
    setErrors((e) => ({ ...e, [name]: error }));
  }

  /**
   * Check a field when the person leaves it, unless they left it by pressing the submit
   * button: a message appearing then would push the button down under their finger and the
   * press would miss. Submitting checks everything anyway. Empty fields wait for the submit.
   */
  const onBlur = (name: Exclude<FieldName, 'consent'>) => (e: FocusEvent<HTMLInputElement>) => {
    const to = e.relatedTarget as HTMLButtonElement | null;
    if (to?.type === 'submit') return;
    if (name !== 'realName' && values[name] === '') return;
    validateField(name);
  };

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    setAttempted(true);
    const found: Errors = {
      realName: values.realName.trim() === '' ? 'validation.realName.required' : undefined,
      idNumber: checkIdNumber(values.idNumber),
      phone: checkPhone(values.phone),
      password: checkPassword(values.password, passwordMinLength),
      passwordConfirm: checkConfirm(values.password, values.passwordConfirm),
      consent: consent ? undefined : 'register.errors.consent',
    };
    setErrors(found);
    if (ORDER.some((f) => found[f])) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    const fd = new FormData(e.currentTarget);
    startTransition(() => dispatch(fd));
  }

  const summary = (attempted ? ORDER : []).filter((f) => errors[f]).map((f) => ({ fieldId: f, message: tl(errors[f]!) }));
  const failure = outcome?.kind === 'failed' ? resultText(t, describeResult(outcome.result)) : null;
  const err = (f: FieldName) => (errors[f] ? tl(errors[f]) : null);

  return (
    <form ref={earlyInput} method="post" onSubmit={onSubmit} noValidate className="space-y-5" aria-busy={busy}>
      <div ref={summaryRef} tabIndex={-1} className="outline-none">
        {summary.length > 0 ? <ErrorSummary title={t('common.errorSummary')} errors={summary} /> : null}
        {failure ? (
          <div role="alert" className="rounded-lg border-l-4 border-red-700 bg-red-50 p-4 text-red-900">
            {failure}
          </div>
        ) : null}
        {outcome?.kind === 'signInFailed' ? (
          <div role="alert" className="rounded-lg border-l-4 border-amber-600 bg-amber-50 p-4 text-amber-950">
            {t('register.errors.signInFailed')}{' '}
            <Link href="/sign-in" className="font-semibold underline">
              {t('register.signInLink')}
            </Link>
          </div>
        ) : null}
      </div>

      <Field id="realName" label={t('register.fields.realName')} hint={t('register.fields.realNameHint')} error={err('realName')}>
        {(aria) => (
          <input {...aria} name="realName" autoComplete="name" value={values.realName} onChange={(e) => set('realName', e.target.value)} onBlur={onBlur('realName')} className={inputClass} />
        )}
      </Field>

      <Field id="idNumber" label={t('register.fields.idNumber')} hint={t('register.fields.idNumberHint')} error={err('idNumber')}>
        {(aria) => (
          <input
            {...aria}
            name="idNumber"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="characters"
            maxLength={24}
            value={values.idNumber}
            onChange={(e) => set('idNumber', e.target.value)}
            onBlur={onBlur('idNumber')}
            className={`${inputClass} font-mono tracking-wide`}
          />
        )}
      </Field>

      <Field id="phone" label={t('register.fields.phone')} hint={t('register.fields.phoneHint')} error={err('phone')}>
        {(aria) => (
          <input
            {...aria}
            name="phone"
            type="tel"
            inputMode="numeric"
            autoComplete="tel"
            maxLength={20}
            value={values.phone}
            onChange={(e) => set('phone', e.target.value)}
            onBlur={onBlur('phone')}
            className={inputClass}
          />
        )}
      </Field>
      {errors.phone === 'register.errors.phoneTaken' ? (
        <Link href="/sign-in" className="-mt-3 inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
          {t('register.signInInstead')}
        </Link>
      ) : null}

      <Field id="password" label={t('register.fields.password')} hint={t('register.fields.passwordHint')} error={err('password')}>
        {(aria) => (
          <input
            {...aria}
            name="password"
            type={showPassword ? 'text' : 'password'}
            autoComplete="new-password"
            value={values.password}
            onChange={(e) => set('password', e.target.value)}
            onBlur={onBlur('password')}
            className={inputClass}
          />
        )}
      </Field>

      <Field id="passwordConfirm" label={t('register.fields.passwordConfirm')} error={err('passwordConfirm')}>
        {(aria) => (
          <input
            {...aria}
            name="passwordConfirm"
            type={showPassword ? 'text' : 'password'}
            autoComplete="new-password"
            value={values.passwordConfirm}
            onChange={(e) => set('passwordConfirm', e.target.value)}
            onBlur={onBlur('passwordConfirm')}
            className={inputClass}
          />
        )}
      </Field>

      <label className="flex min-h-11 items-center gap-3">
        <input type="checkbox" checked={showPassword} onChange={(e) => setShowPassword(e.target.checked)} className="h-6 w-6" />
        <span>{t('register.showPassword')}</span>
      </label>

      <div className="space-y-1 rounded-lg border border-slate-200 bg-slate-50 p-3">
        <label htmlFor="consent" className="flex items-start gap-3">
          <input
            id="consent"
            name="consent"
            type="checkbox"
            checked={consent}
            onChange={(e) => {
              setConsent(e.target.checked);
              if (e.target.checked) setErrors((er) => ({ ...er, consent: undefined }));
            }}
            aria-invalid={errors.consent ? true : undefined}
            aria-describedby={errors.consent ? 'consent-error' : undefined}
            className="mt-1 h-6 w-6 shrink-0"
          />
          <span>{t('register.fields.consent')}</span>
        </label>
        {errors.consent ? (
          <p id="consent-error" className="font-medium text-red-800">
            {tl(errors.consent)}
          </p>
        ) : null}
      </div>

      <SubmitWhenAlive disabled={busy} className={`${buttonClass} w-full`}>
        {pending ? t('register.submitting') : outcome?.kind === 'done' ? t('register.signingIn') : t('register.submit')}
      </SubmitWhenAlive>
    </form>
  );
}
