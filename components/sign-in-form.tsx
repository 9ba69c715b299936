'use client';
// Sign-in with mobile number and password through next-auth's credentials provider.
// The same sentence answers an unknown number and a wrong password (TRUST S2).
import { useState } from 'react';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { buttonClass } from './ui';
import { Field, inputClass } from './form';
import { earlyInput } from '@/components/early-input';
import { SubmitWhenAlive } from '@/components/submit-when-alive';

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations();
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<{ phone?: string; password?: string }>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const fe: typeof fieldError = {};
    if (!/^1[3-9]\d{9}$/.test(phone.replace(/[\s-]/g, ''))) fe.phone = t('auth.signIn.phoneInvalid');
    if (!password) fe.password = t('auth.signIn.passwordRequired');
    setFieldError(fe);
    setError(null);
    if (fe.phone || fe.password) return;
    setPending(true);
    try {
      const res = await signIn('credentials', { phone, password, redirect: false, callbackUrl });
      if (!res || res.error) {
        setError(res?.error === 'locked' ? t('auth.signIn.locked') : t('auth.signIn.failed'));
        setPassword('');
        return;
      }
      window.location.assign(callbackUrl);
    } catch {
      setError(t('errors.unavailable'));
    } finally {
      setPending(false);
    }
  }

  return (
    <form ref={earlyInput} method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      {error ? (
        <div role="alert" className="rounded-lg border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
          {error}
        </div>
      ) : null}
      <Field id="phone" label={t('auth.signIn.phone')} error={fieldError.phone}>
        {(aria) => (
          <input {...aria} name="phone" type="tel" inputMode="numeric" autoComplete="username" value={phone} onChange={(e) => setPhone(e.target.value)} className={inputClass} />
        )}
      </Field>
      <Field id="password" label={t('auth.signIn.password')} error={fieldError.password}>
        {(aria) => (
          <input {...aria} name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} className={inputClass} />
        )}
      </Field>
      <SubmitWhenAlive disabled={pending} className={`${buttonClass} w-full`}>
        {pending ? t('auth.signIn.submitting') : t('auth.signIn.submit')}
      </SubmitWhenAlive>
    </form>
  );
}
