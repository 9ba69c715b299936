'use client';
// Any unexpected failure while rendering: a plain sentence, a retry, never a stack trace.
import { useTranslations } from 'next-intl';

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations();
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-xl border border-red-200 bg-white p-6 text-center">
      <h1 className="text-2xl font-bold">{t('errors.errorPage.title')}</h1>
      <p className="mt-2 text-slate-700">{t('errors.errorPage.body')}</p>
      <button type="button" onClick={reset} className="mt-4 min-h-11 rounded-lg bg-brand-700 px-5 font-semibold text-white">
        {t('errors.errorPage.retry')}
      </button>
    </div>
  );
}
