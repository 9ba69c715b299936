// Grievances across the official's places (issue 11 item 4; a county-wide official: the whole
// county), overdue ones first, then by the next time limit; overdue only; or resolved. Each
// links to its page, where the official escalates (督办) it or hands it to another place.
import type { Metadata } from 'next';
import Link from 'next/link';
import { ChevronRight, Flag, TriangleAlert } from 'lucide-react';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { CADRE_GRIEVANCE_FILTERS, cadreGrievancePage, type CadreGrievanceFilter } from '@/db/queries/grievances';
import { grievanceLimitsByCategory } from '@/db/queries/programme-settings';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { DEFAULT_GRIEVANCE_LIMITS } from '@/lib/grievances';
import { can } from '@/lib/permissions';
import { requireCapability } from '@/lib/session';
import { decodeTimeCursor, encodeCursor } from '@/lib/url-cursor';
import { Card, EmptyState, PageTitle, secondaryButtonClass } from '@/components/ui';
import { LedgerExport } from '@/components/ledger/ledger-export';
import { StatusBadge } from '@/components/status-badge';
import { GrievanceFilterNav } from '@/components/grievances/grievance-pieces';
import { DeadlineChip } from '@/components/grievances/deadline-chip';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('countyGrievances.title') };
}

export default async function CountyGrievancesPage({ searchParams }: { searchParams: Promise<{ filter?: string; after?: string }> }) {
  const user = await requireCapability('grievance:supervise', '/county/grievances');
  const sp = await searchParams;
  const filter: CadreGrievanceFilter = (CADRE_GRIEVANCE_FILTERS as readonly string[]).includes(sp.filter ?? '') ? (sp.filter as CadreGrievanceFilter) : 'open';
  const after = decodeTimeCursor(sp.after);
  const [t, locale, format] = await Promise.all([getTranslations(), getUiLocale(), getFormatter()]);
  const now = new Date();
  const db = getDb();
  const [{ rows, next }, limits] = await Promise.all([cadreGrievancePage({ db, scopePaths: user.placePaths, filter, after, now }), grievanceLimitsByCategory({ db })]);

  return (
    <div className="space-y-6">
      <PageTitle lead={t('countyGrievances.lead')}>{t('countyGrievances.title')}</PageTitle>
      <GrievanceFilterNav label={t('cadreGrievances.list.filters')} filters={CADRE_GRIEVANCE_FILTERS} current={filter} hrefFor={(f) => `/county/grievances?filter=${f}`} words={(f) => t(`cadreGrievances.list.filter.${f}`)} />
      <LedgerExport links={(['xlsx', 'csv'] as const).map((f) => ({ format: f, href: `/county/grievances/export/${f}?filter=${filter}`, label: t(`countyGrievances.export.${f}`) }))} canReveal={can(user.role, 'pii:reveal')} />
      <Card>
        {rows.length === 0 ? (
          <EmptyState>{after ? t('cadreGrievances.list.noMore') : t(`cadreGrievances.list.empty.${filter}`)}</EmptyState>
        ) : (
          <ul aria-label={t('countyGrievances.listLabel')} className="space-y-3">
            {rows.map((g) => (
              <li key={g.id} data-overdue={g.overdue ? 'true' : undefined} data-grievance={g.reference} className={`rounded-lg border p-3 ${g.overdue ? 'border-l-4 border-red-700 border-y-slate-200 border-r-slate-200' : 'border-slate-200'}`}>
                <Link href={`/county/grievances/${g.id}`} className="flex min-h-11 items-center gap-3">
                  <span className="min-w-0 flex-1 space-y-1">
                    <span className="block font-semibold text-slate-900">
                      {t(`grievances.category.${g.category}`)} · {locale === 'en' ? g.placeNameEn : g.placeName}
                    </span>
                    <span className="block truncate text-slate-700">{g.description}</span>
                    <span className="block text-sm text-slate-600">{t('grievances.meta', { reference: g.reference, date: format.dateTime(g.createdAt, 'date') })}</span>
                    <span className="flex flex-wrap items-center gap-2">
                      <StatusBadge kind="grievance" status={g.status} label={t(`cadreGrievances.status.${g.status}`)} />
                      {g.overdue ? (
                        <span className="inline-flex items-center gap-1 font-semibold text-red-800">
                          <TriangleAlert aria-hidden="true" className="h-4 w-4" />
                          {t('cadreGrievances.list.overdue')}
                        </span>
                      ) : null}
                      {g.escalatedAt ? (
                        <span className="inline-flex items-center gap-1 font-semibold text-amber-900">
                          <Flag aria-hidden="true" className="h-4 w-4" />
                          {t('countyGrievances.escalated')}
                        </span>
                      ) : null}
                      <DeadlineChip g={g} now={now} limits={limits[g.category] ?? DEFAULT_GRIEVANCE_LIMITS} />
                    </span>
                  </span>
                  <ChevronRight aria-hidden="true" className="h-5 w-5 shrink-0 text-slate-500" />
                </Link>
              </li>
            ))}
          </ul>
        )}
        {next ? (
          <p className="mt-4">
            <Link href={`/county/grievances?filter=${filter}&after=${encodeCursor([next.at, next.id])}`} className={secondaryButtonClass}>
              {t('cadreGrievances.list.loadMore')}
            </Link>
          </p>
        ) : null}
      </Card>
    </div>
  );
}
