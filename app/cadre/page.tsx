import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { applicationCountsByStatus } from '@/db/queries/rollups';
import { grievanceSummary, placesByIds, verificationQueue, visitCoverage } from '@/db/queries/overview';
import { casesWithOpenObjections } from '@/db/queries/cases';
import {getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { maskName } from '@/lib/pii';
import { requireCapability } from '@/lib/session';
import { Card, EmptyState, PageTitle, Stat } from '@/components/ui';
import { QueueCard } from '@/components/cases/queue-list';
import { verificationOverdue } from '@/lib/workflow';
import { caseStatusLabel } from '@/lib/case-status';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('cadre.title') };
}

export default async function CadreHome() {
  const user = await requireCapability('application:verify', '/cadre');
  const [t, locale, format] = await Promise.all([getTranslations(), getUiLocale(), getFormatter()]);
  const db = getDb();
  const scope = user.placePaths;
  const [assigned, { counts, asOf }, queue, griev, visits, objected] = await Promise.all([
    placesByIds({ db, ids: user.placeIds }),
    applicationCountsByStatus({ db, scopePaths: scope }),
    verificationQueue({ db, scopePaths: scope, limit: 5 }),
    grievanceSummary({ db, scopePaths: scope }),
    visitCoverage({ db, scopePaths: scope }),
    casesWithOpenObjections({ db, scopePaths: scope }),
  ]);
  const n = (s: string) => counts.find((c) => c.status === s)?.n ?? 0;
  const now = new Date();
  const places = assigned.map((p) => (locale === 'en' ? p.nameEn : p.name)).join('、');

  return (
    <div className="space-y-6">
      <PageTitle lead={t('cadre.lead', { places })}>{t('cadre.title')}</PageTitle>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label={t('cadre.stats.toVerify')} value={n('submitted')} />
        <Stat label={t('cadre.stats.returned')} value={n('returned')} />
        <Stat label={t('cadre.stats.grievancesOpen')} value={griev.open} hint={t('cadre.stats.overdue', { count: griev.overdue })} />
        <Stat label={t('cadre.stats.visitsOwed')} value={visits.owed} hint={t('cadre.stats.visitsOf', { total: visits.total })} />
      </div>
      {asOf ? <p className="text-sm text-slate-600">{t('common.caseFiguresAsOf', { time: format.dateTime(asOf, 'dateTime') })}</p> : null}
      <p>
        <Link href="/cadre/grievances" className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
          {t('cadreGrievances.homeLink')}
        </Link>
      </p>
      {objected.length > 0 ? (
        <Card title={t('cases.home.objectionsTitle', { count: objected.length })}>
          <ul className="divide-y divide-slate-100">
            {objected.map((o) => (
              <li key={o.id} className="flex flex-wrap items-center gap-x-3 py-1">
                <Link href={`/cadre/cases/${o.id}`} className="inline-flex min-h-11 items-center font-mono text-sm text-brand-700 underline">
                  {o.reference}
                </Link>
                <span>
                  {o.maskedHeadName} · {locale === 'en' ? o.placeNameEn : o.placeName} · {t(`programmes.${o.programmeCode}.name`)}
                </span>
                <span className="text-sm text-amber-900">{t('cases.home.objectionsOpen', { count: o.open })}</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card
        title={t('cadre.queue.title')}
        action={
          <Link href="/cadre/queue" className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
            {t('cadreQueue.home.all')}
          </Link>
        }
      >
        {queue.length === 0 ? (
          <EmptyState>{t('cadre.queue.empty')}</EmptyState>
        ) : (
          <ul aria-label={t('cadre.queue.title')} className="grid gap-3 sm:grid-cols-2">
            {queue.map((a) => {
              const submitted = a.submittedAt ? format.dateTime(a.submittedAt, 'date') : null;
              // Cases waiting for verification: none is closed yet, so this is the status's word.
              const shown = caseStatusLabel(a.status);
              return (
                <QueueCard
                  key={a.id}
                  labels={{ overdue: t('cadreQueue.row.overdue') }}
                  row={{
                    id: a.id,
                    reference: a.reference,
                    head: maskName(a.headName),
                    place: locale === 'en' ? a.placeNameEn : a.placeName,
                    programme: t(`programmes.${a.programmeCode}.name`),
                    status: shown,
                    statusLabel: t(`status.${shown}`),
                    submitted,
                    when: submitted ? t('cadreQueue.row.submittedOn', { date: submitted }) : t('cadreQueue.row.notSent'),
                    overdue: a.submittedAt ? verificationOverdue(a.submittedAt, now) : false,
                  }}
                />
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}
