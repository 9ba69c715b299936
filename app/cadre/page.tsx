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
import { StatusBadge } from '@/components/status-badge';

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
    verificationQueue({ db, scopePaths: scope }),
    grievanceSummary({ db, scopePaths: scope }),
    visitCoverage({ db, scopePaths: scope }),
    casesWithOpenObjections({ db, scopePaths: scope }),
  ]);
  const n = (s: string) => counts.find((c) => c.status === s)?.n ?? 0;
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
      <Card title={t('cadre.queue.title')}>
        {queue.length === 0 ? (
          <EmptyState>{t('cadre.queue.empty')}</EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left">
              <caption className="sr-only">{t('cadre.queue.title')}</caption>
              <thead className="border-b border-slate-200 text-sm text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-3">{t('cadre.queue.reference')}</th>
                  <th scope="col" className="py-2 pr-3">{t('cadre.queue.household')}</th>
                  <th scope="col" className="py-2 pr-3">{t('cadre.queue.programme')}</th>
                  <th scope="col" className="py-2 pr-3">{t('cadre.queue.submitted')}</th>
                  <th scope="col" className="py-2">{t('cadre.queue.status')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {queue.map((a) => (
                  <tr key={a.id}>
                    <td className="py-2 pr-3 font-mono text-sm">
                      <Link href={`/cadre/cases/${a.id}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
                        {a.reference}
                      </Link>
                    </td>
                    <td className="py-2 pr-3">
                      {maskName(a.headName)} · {locale === 'en' ? a.placeNameEn : a.placeName}
                    </td>
                    <td className="py-2 pr-3">{t(`programmes.${a.programmeCode}.name`)}</td>
                    <td className="py-2 pr-3">{a.submittedAt ? format.dateTime(a.submittedAt, 'date') : '—'}</td>
                    <td className="py-2">
                      <StatusBadge status={a.status} label={t(`status.${a.status}`)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
