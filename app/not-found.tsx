import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const t = await getTranslations();
  return (
    <div className="mx-auto max-w-lg rounded-xl border border-slate-200 bg-white p-6 text-center">
      <h1 className="text-2xl font-bold">{t('errors.notFoundPage.title')}</h1>
      <p className="mt-2 text-slate-700">{t('errors.notFoundPage.body')}</p>
      <Link href="/" className="mt-4 inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
        {t('errors.notFoundPage.home')}
      </Link>
    </div>
  );
}
