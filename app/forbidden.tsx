import Link from 'next/link';
import { ShieldAlert } from 'lucide-react';
import { getTranslations } from 'next-intl/server';

export default async function Forbidden() {
  const t = await getTranslations();
  return (
    <div className="mx-auto max-w-lg rounded-xl border border-red-200 bg-white p-6 text-center">
      <ShieldAlert aria-hidden="true" className="mx-auto h-10 w-10 text-red-700" />
      <h1 className="mt-3 text-2xl font-bold">{t('errors.forbiddenPage.title')}</h1>
      <p className="mt-2 text-slate-700">{t('errors.forbiddenPage.body')}</p>
      <Link href="/home" className="mt-4 inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
        {t('errors.forbiddenPage.home')}
      </Link>
    </div>
  );
}
