// Every grievance in the cadre's places, in keyset pages ("load more", the cursor in the URL):
// 'open' (the default: overdue ones first, flagged in words and with an icon, then by the
// next time limit), 'overdue' only, or 'resolved' (most recently finished first). Each shows
// its countdown to the answer and solution limits of its category (grievance_limits). Cards on a phone, a table from
// 1024 px.
import type { Metadata } from 'next';
import Link from 'next/link';
import { ChevronRight, TriangleAlert } from 'lucide-react';
import { getDb } from '@/db/client';
import { CADRE_GRIEVANCE_FILTERS, cadreGrievancePage, type CadreGrievanceFilter } from '@/db/queries/grievances';
import { grievanceLimitsByCategory } from '@/db/queries/programme-settings';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { maskName } from '@/lib/pii';
import { requireCapability } from '@/lib/session';
import { Card, EmptyState, PageTitle, secondaryButtonClass } from '@/components/ui';
import { StatusBadge } from '@/components/status-badge';
import { GrievanceFilterNav } from '@/components/grievances/grievance-pieces';
import { DeadlineChip } from '@/components/grievances/deadline-chip';
import { Countdown } from '@/components/countdown';
import { daysLeft } from '@/lib/time';
import { DEFAULT_GRIEVANCE_LIMITS, nextDeadline } from '@/lib/grievances';
import { decodeTimeCursor, encodeCursor } from '@/lib/url-cursor';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('cadreGrievances.title') };
}

export default async function CadreGrievancesPage({ searchParams }: { searchParams: Promise<{ filter?: string; after?: string }> }) {
  const user = await requireCapability('grievance:handle', '/cadre/grievances');
  const sp = await searchParams;
  const filter: CadreGrievanceFilter = (CADRE_GRIEVANCE_FILTERS as readonly string[]).includes(sp.filter ?? '') ? (sp.filter as CadreGrievanceFilter) : 'open';
  const after = decodeTimeCursor(sp.after);
  const [t, locale, format] = await Promise.all([getTranslations(), getUiLocale(), getFormatter()]);
  const now = new Date();
  const [{ rows, next }, limits] = await Promise.all([cadreGrievancePage({ db: getDb(), scopePaths: user.placePaths, filter, after, now }), grievanceLimitsByCategory({ db: getDb() })]);
  // The category's time limits as officials set them (counting starts the day after filing or reopening).
  const limitsOf = (g: (typeof rows)[number]) => limits[g.category] ?? DEFAULT_GRIEVANCE_LIMITS;
  const place = (g: { placeName: string; placeNameEn: string }) => (locale === 'en' ? g.placeNameEn : g.placeName);
  const who = (g: (typeof rows)[number]) => (g.householdHeadName ? t('cadreGrievances.who', { name: maskName(g.householdHeadName) }) : null);
  // While the answer is still due, the 15-day limit to solve it runs too: both are shown.
  const resolveCountdown = (g: (typeof rows)[number]) => {
    if (g.overdue || nextDeadline(g)?.kind !== 'respond') return null;
    const days = daysLeft({ startedAt: new Date(g.resolveBy.getTime() - limitsOf(g).resolveDays * 86_400_000), endsAt: g.resolveBy }, now);
    return days > 0 ? <Countdown daysLeft={days} label={t('grievances.deadline.resolveIn', { days })} /> : null;
  };
  const overdueFlag = (g: (typeof rows)[number]) =>
    g.overdue ? (
      <span className="inline-flex items-center gap-1 font-semibold text-red-800">
        <TriangleAlert aria-hidden="true" className="h-4 w-4" />
        {t('cadreGrievances.list.overdue')}
      </span>
    ) : null;

  return (
    <div className="space-y-6">
      <PageTitle lead={t('cadreGrievances.lead')}>{t('cadreGrievances.title')}</PageTitle>
      <GrievanceFilterNav label={t('cadreGrievances.list.filters')} filters={CADRE_GRIEVANCE_FILTERS} current={filter} hrefFor={(f) => `/cadre/grievances?filter=${f}`} words={(f) => t(`cadreGrievances.list.filter.${f}`)} />
      <Card>
        {rows.length === 0 ? (
          <EmptyState>{after ? t('cadreGrievances.list.noMore') : t(`cadreGrievances.list.empty.${filter}`)}</EmptyState>
        ) : (
          <>
            <ul aria-label={t('cadreGrievances.listLabel')} className="space-y-3 lg:hidden">
              {rows.map((g) => (
                <li key={g.id} data-overdue={g.overdue ? 'true' : undefined} className={`rounded-lg border p-3 ${g.overdue ? 'border-l-4 border-red-700 border-y-slate-200 border-r-slate-200' : 'border-slate-200'}`}>
                  <Link href={`/cadre/grievances/${g.id}`} className="flex min-h-11 items-center gap-3">
                    <span className="min-w-0 flex-1 space-y-1">
                      <span className="block font-semibold text-slate-900">
                        {t(`grievances.category.${g.category}`)} · {place(g)}
                      </span>
                      <span className="block truncate text-slate-700">{g.description}</span>
                      <span className="block text-sm text-slate-600">
                        {t('grievances.meta', { reference: g.reference, date: format.dateTime(g.createdAt, 'date') })}
                        {who(g) ? ` · ${who(g)}` : ''}
                      </span>
                      <span className="flex flex-wrap items-center gap-2">
                        <StatusBadge kind="grievance" status={g.status} label={t(`cadreGrievances.status.${g.status}`)} />
                        <DeadlineChip g={g} now={now} limits={limitsOf(g)} />
                        {resolveCountdown(g)}
                        {g.rating ? <span className="text-sm text-slate-700">{t('cadreGrievances.rating', { rating: g.rating })}</span> : null}
                      </span>
                    </span>
                    <ChevronRight aria-hidden="true" className="h-5 w-5 shrink-0 text-slate-500" />
                  </Link>
                </li>
              ))}
            </ul>
            <table className="hidden w-full text-left lg:table">
              <caption className="sr-only">{t('cadreGrievances.listLabel')}</caption>
              <thead className="border-b border-slate-200 text-sm text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-3">{t('cadreGrievances.list.reference')}</th>
                  <th scope="col" className="py-2 pr-3">{t('cadreGrievances.list.problem')}</th>
                  <th scope="col" className="py-2 pr-3">{t('cadreGrievances.list.filed')}</th>
                  <th scope="col" className="py-2 pr-3">{t('cadreGrievances.list.status')}</th>
                  <th scope="col" className="py-2">{t('cadreGrievances.list.deadline')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((g) => (
                  <tr key={g.id} data-overdue={g.overdue ? 'true' : undefined} className={g.overdue ? 'bg-red-50/40' : undefined}>
                    <td className="py-2 pr-3 font-mono text-sm">
                      <Link href={`/cadre/grievances/${g.id}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
                        {g.reference}
                      </Link>
                    </td>
                    <td className="max-w-md py-2 pr-3">
                      <span className="block font-medium">
                        {t(`grievances.category.${g.category}`)} · {place(g)}
                      </span>
                      <span className="block truncate text-sm text-slate-700">{g.description}</span>
                      {who(g) ? <span className="block text-sm text-slate-600">{who(g)}</span> : null}
                    </td>
                    <td className="py-2 pr-3">{format.dateTime(g.createdAt, 'date')}</td>
                    <td className="py-2 pr-3">
                      <StatusBadge kind="grievance" status={g.status} label={t(`cadreGrievances.status.${g.status}`)} />
                    </td>
                    <td className="py-2">
                      <span className="flex flex-col items-start gap-1">
                        {overdueFlag(g)}
                        <DeadlineChip g={g} now={now} limits={limitsOf(g)} />
                        {resolveCountdown(g)}
                        {g.rating ? <span className="text-sm text-slate-700">{t('cadreGrievances.rating', { rating: g.rating })}</span> : null}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        {next ? (
          <p className="mt-4">
            <Link href={`/cadre/grievances?filter=${filter}&after=${encodeCursor([next.at, next.id])}`} className={secondaryButtonClass}>
              {t('cadreGrievances.list.loadMore')}
            </Link>
          </p>
        ) : null}
      </Card>
    </div>
  );
}
