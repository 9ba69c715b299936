// Confirmation after submitting: the reference number to note down, and what happens next
// and when. Found by household × programme (one application each), so the address carries
// no id and cannot show anyone else's case.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { CheckCircle2 } from 'lucide-react';
import { getDb } from '@/db/client';
import { loadProgramme } from '@/db/queries/programmes';
import { householdProgrammeApplication, residentHousehold } from '@/db/queries/resident-applications';
import {getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { isProgrammeCode } from '@/lib/programs';
import { requireCapability } from '@/lib/session';
import { PageTitle, buttonClass, secondaryButtonClass } from '@/components/ui';
import { Steps } from '@/components/steps';
import { CaseStatusBadge } from '@/components/status-badge';
import { NextSteps } from '../../../_components/next-steps';

type Props = { params: Promise<{ programme: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('apply.done.title') };
}

export default async function ApplyDonePage({ params }: Props) {
  const { programme } = await params;
  const user = await requireCapability('application:apply_own', `/resident/apply/${encodeURIComponent(programme)}/done`);
  if (!isProgrammeCode(programme)) notFound();
  const [t, locale, format] = await Promise.all([getTranslations(), getUiLocale(), getFormatter()]);
  const db = getDb();
  const hh = await residentHousehold({ db, userId: user.id });
  if (!hh) notFound();
  const app = await householdProgrammeApplication({ db, householdId: hh.id, programmeCode: programme });
  if (!app || app.status === 'draft' || app.status === 'returned') redirect(`/resident/apply/${programme}`);
  if (app.status === 'withdrawn') redirect(`/resident/applications/${app.id}`);
  const row = await loadProgramme({ db, code: programme });
  const name = row ? (locale === 'en' ? row.nameEn : row.nameZh) : t(`programmes.${programme}.name`);

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <Steps current={3} labels={[t('apply.steps.fill'), t('apply.steps.review'), t('apply.steps.done')]} template={(n, total) => t('common.stepOf', { n, total })} />
      <PageTitle>{t('apply.done.title')}</PageTitle>
      <section aria-labelledby="done-reference" className="rounded-xl border-2 border-green-700 bg-green-50 p-5">
        <p className="flex items-center gap-2 font-semibold text-green-900">
          <CheckCircle2 aria-hidden="true" className="h-6 w-6" />
          {t('apply.done.lead', { programme: name })}
        </p>
        <h2 id="done-reference" className="mt-3 text-sm font-medium text-slate-700">
          {t('apply.done.reference')}
        </h2>
        <p className="font-mono text-2xl font-bold tracking-wide text-slate-900" data-testid="reference">
          {app.reference}
        </p>
        <p className="mt-1 text-sm text-slate-700">{t('apply.done.keepIt')}</p>
        <div className="mt-3 flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <CaseStatusBadge status={app.status} word={(s) => t(`status.${s}`)} />
          {app.submittedAt ? <span>{t('apply.done.submittedAt', { time: format.dateTime(app.submittedAt, 'dateTime') })}</span> : null}
        </div>
      </section>
      <NextSteps app={app} noticeDays={row?.noticeDays ?? 0} stockPoint={null} />
      <p className="text-slate-700">{t('apply.done.notify')}</p>
      <div className="flex flex-col gap-3 sm:flex-row">
        <Link href={`/resident/applications/${app.id}`} className={buttonClass}>
          {t('apply.done.track')}
        </Link>
        <Link href="/resident/benefits" className={secondaryButtonClass}>
          {t('apply.done.more')}
        </Link>
      </div>
    </div>
  );
}
