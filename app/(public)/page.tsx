import Link from 'next/link';
import { getDb } from '@/db/client';
import { loadProgrammes } from '@/db/queries/programmes';
import {getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { getCurrentUser } from '@/lib/session';
import { HOME_BY_ROLE } from '@/lib/permissions';
import { Card, PageTitle, buttonClass, secondaryButtonClass } from '@/components/ui';
import { programmeSummary } from '@/components/programme-summary';
import { loose } from '@/lib/i18n/loose';

export default async function PublicHome() {
  const [t, locale] = await Promise.all([getTranslations(), getUiLocale()]);
  const [programmes, user] = await Promise.all([loadProgrammes({ db: getDb() }), getCurrentUser()]);
  return (
    <div className="space-y-8">
      <PageTitle lead={t('home.lead')}>{t('home.title')}</PageTitle>
      <div className="flex flex-col gap-3 sm:flex-row">
        {user ? (
          <Link href={HOME_BY_ROLE[user.role]} className={buttonClass}>
            {t('home.goHome')}
          </Link>
        ) : (
          <>
            <Link href="/sign-in" className={buttonClass}>
              {t('home.signIn')}
            </Link>
            <Link href="/register" className={secondaryButtonClass}>
              {t('register.homeCta')}
            </Link>
          </>
        )}
      </div>
      <p>
        <Link href="/notice" className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
          {t('notice.homeLink')}
        </Link>
      </p>
      <p>
        <Link href="/progress" className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
          {t('home.progressLink')}
        </Link>
      </p>
      <section aria-labelledby="programmes-title">
        <h2 id="programmes-title" className="mb-3 text-xl font-semibold">
          {t('home.programmesTitle')}
        </h2>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {programmes.map((p) => (
            <Card key={p.code} title={locale === 'en' ? p.nameEn : p.nameZh}>
              <p className="text-slate-700">{programmeSummary(loose(t), p)}</p>
              {!p.needsApplication ? <p className="mt-2 font-medium text-green-800">{t('home.automatic')}</p> : null}
            </Card>
          ))}
        </div>
      </section>
      <p>
        <Link href="/sign-in" className={secondaryButtonClass}>
          {t('home.staffSignIn')}
        </Link>
      </p>
    </div>
  );
}
