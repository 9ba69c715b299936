// The cases behind a dashboard figure: every case under one place (inside the official's places),
// optionally of one programme and one status, in keyset pages of 20, each linking to its page.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { decodeQueueCursor, encodeQueueCursor, queuePage } from '@/db/queries/queue';
import { APPLICATION_STATUSES, PROGRAMME_CODES, type ApplicationStatus, type ProgrammeCode } from '@/lib/domain';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { maskName } from '@/lib/pii';
import { can } from '@/lib/permissions';
import { requireCapability } from '@/lib/session';
import { CaseStatusBadge } from '@/components/status-badge';
import { Card, EmptyState, PageTitle, secondaryButtonClass } from '@/components/ui';
import { LedgerExport } from '@/components/ledger/ledger-export';
import { dashboardPlace } from '@/server/dashboard/dashboard-place';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('countyDashboard.cases.title') };
}

export default async function DashboardCasesPage({ searchParams }: { searchParams: Promise<{ place?: string; programme?: string; status?: string; overdue?: string; after?: string }> }) {
  const user = await requireCapability('dashboard:county', '/county/dashboard');
  const sp = await searchParams;
  const db = getDb();
  const place = await dashboardPlace({ db, placePaths: user.placePaths, asked: sp.place ?? '' });
  if (!place) notFound();
  const programme = (PROGRAMME_CODES as readonly string[]).includes(sp.programme ?? '') ? (sp.programme as ProgrammeCode) : undefined;
  const status = (APPLICATION_STATUSES as readonly string[]).includes(sp.status ?? '') ? (sp.status as ApplicationStatus) : undefined;
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getUiLocale()]);
  const overdue = sp.overdue === '1';
  const { rows, next } = await queuePage({ db, scopePaths: [place.path], filters: { programme, status, overdue }, after: decodeQueueCursor(sp.after) });
  const placeName = locale === 'en' ? place.nameEn : place.name;
  const kept = { place: String(place.id), ...(programme ? { programme } : {}), ...(status ? { status } : {}), ...(overdue ? { overdue: '1' } : {}) };

  return (
    <div className="space-y-6">
      <p>
        <Link href={`/county/dashboard?place=${place.id}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
          {t('countyDashboard.cases.back', { place: placeName })}
        </Link>
      </p>
      <PageTitle>{t('countyDashboard.cases.title')}</PageTitle>
      <p className="text-slate-700">
        {placeName}
        {programme ? ` · ${t(`programmes.${programme}.name`)}` : ''}
        {status ? ` · ${t(`status.${status}`)}` : ''}
        {overdue ? ` · ${t('countyDashboard.overdue.short')}` : ''}
      </p>
      <LedgerExport links={(['xlsx', 'csv'] as const).map((f) => ({ format: f, href: `/county/dashboard/cases/export/${f}?${new URLSearchParams(kept)}`, label: t(`cadreQueue.export.${f}`) }))} canReveal={can(user.role, 'pii:reveal')} />
      <Card>
        {rows.length === 0 ? (
          <EmptyState>{t('countyDashboard.none')}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200" data-testid="dashboard-cases">
            {rows.map((r) => (
              <li key={r.id} className="py-2">
                <Link href={`/county/cases/${r.id}`} className="flex min-h-11 flex-wrap items-center gap-x-3 gap-y-1">
                  <span className="font-mono text-sm text-brand-700 underline">{r.reference}</span>
                  <span>{maskName(r.headName)}</span>
                  <span className="text-sm text-slate-600">
                    {locale === 'en' ? r.placeNameEn : r.placeName} · {t(`programmes.${r.programmeCode}.name`)}
                    {r.submittedAt ? ` · ${format.dateTime(r.submittedAt, 'date')}` : ''}
                  </span>
                  <CaseStatusBadge status={r.status} closing={r.closing} word={(s) => t(`status.${s}`)} />
                </Link>
              </li>
            ))}
          </ul>
        )}
        {next ? (
          <p className="mt-4">
            <Link href={`/county/dashboard/cases?${new URLSearchParams({ ...kept, after: encodeQueueCursor(next) })}`} className={secondaryButtonClass}>
              {t('countyDashboard.cases.more')}
            </Link>
          </p>
        ) : null}
      </Card>
    </div>
  );
}
