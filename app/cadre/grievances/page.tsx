// Every grievance in the cadre's places, in keyset pages ("load more", the cursor in the URL):
// 'open' (the default: overdue ones first, flagged in words and with an icon, then by the
// next time limit), 'overdue' only, or 'resolved' (most recently finished first). Each shows
// its countdown to the answer and solution limits of its category (grievance_limits). One table,
// styled as cards on a phone and as a table from 1024 px.
import type { Metadata } from 'next';
import Link from 'next/link';
import { TriangleAlert } from 'lucide-react';
import { getDb } from '@/db/client';
import { CADRE_GRIEVANCE_FILTERS, cadreGrievancePage, type CadreGrievanceFilter } from '@/db/queries/grievances';
import { grievanceLimitsByCategory } from '@/db/queries/programme-settings';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { maskName } from '@/lib/pii';
import { requireCapability } from '@/lib/session';
import { EmptyState, PageTitle, secondaryButtonClass } from '@/components/ui';
import { cardTable } from '@/components/card-table';
import { StatusBadge } from '@/components/status-badge';
import { GrievanceFilterNav } from '@/components/grievances/grievance-pieces';
import { DeadlineChip } from '@/components/grievances/deadline-chip';
import { Countdown } from '@/components/countdown';
import { daysLeft } from '@/lib/time';
import { DEFAULT_GRIEVANCE_LIMITS, nextDeadline } from '@/lib/grievances';
import { decodeTimeCursor, encodeCursor } from '@/lib/url-cursor';

// A grievance's card below 1024 px (see the list below for why a wrapping row), its table row
// from 1024 px; an overdue one has a red left edge on the card and a light red row in the table.
const row =
  'max-lg:relative max-lg:flex max-lg:min-w-0 max-lg:flex-wrap max-lg:items-center max-lg:justify-between max-lg:gap-x-2 max-lg:gap-y-1 max-lg:rounded-xl max-lg:border max-lg:bg-white max-lg:p-4 max-lg:shadow-sm lg:border-b lg:border-slate-100 lg:last:border-b-0 lg:hover:bg-slate-50';
const rowOverdue = 'max-lg:border-l-4 max-lg:border-red-700 max-lg:border-y-slate-200 max-lg:border-r-slate-200 lg:bg-red-50/40';
/** A cell on its own line of the card, under the top line. */
const line = 'max-lg:order-1 max-lg:basis-full lg:px-4 lg:py-2';

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
      {rows.length === 0 ? (
        <EmptyState>{after ? t('cadreGrievances.list.noMore') : t(`cadreGrievances.list.empty.${filter}`)}</EmptyState>
      ) : (
        // One markup for every width (components/card-table.ts), so each grievance is sent and
        // rendered once: reference and status on the card's top line, the time limits at its
        // foot; a table from 1024 px. The card itself is a wrapping row rather than card-table's
        // grid: a long status ("Solved, awaiting the resident's rating") moves under the reference
        // on a narrow phone instead of squeezing it, and min-w-0 lets a long description be cut
        // short instead of widening the page. The reference link stretches over its card on a
        // phone, so the whole card stays one tap to open.
        <div className={cardTable.frame}>
          <table className={cardTable.table}>
            <caption className="sr-only">{t('cadreGrievances.listLabel')}</caption>
            <thead className={cardTable.head}>
              <tr>
                <th scope="col" className={cardTable.th}>
                  {t('cadreGrievances.list.reference')}
                </th>
                <th scope="col" className={cardTable.th}>
                  {t('cadreGrievances.list.problem')}
                </th>
                <th scope="col" className={cardTable.th}>
                  {t('cadreGrievances.list.filed')}
                </th>
                <th scope="col" className={cardTable.th}>
                  {t('cadreGrievances.list.status')}
                </th>
                <th scope="col" className={cardTable.th}>
                  {t('cadreGrievances.list.deadline')}
                </th>
              </tr>
            </thead>
            <tbody className={cardTable.body}>
              {rows.map((g) => {
                const whoLine = who(g);
                return (
                  <tr key={g.id} data-overdue={g.overdue ? 'true' : undefined} className={`${row} ${g.overdue ? rowOverdue : 'max-lg:border-slate-200'}`}>
                    <th scope="row" className={cardTable.first}>
                      {/* A plain anchor, as in the queue: a client Link per row adds its props to the payload and prefetches every grievance in view. */}
                      <a
                        href={`/cadre/grievances/${g.id}`}
                        className="inline-flex min-h-11 items-center whitespace-nowrap font-mono text-brand-700 underline underline-offset-4 max-lg:font-semibold max-lg:after:absolute max-lg:after:inset-0 max-lg:after:rounded-xl"
                      >
                        {g.reference}
                      </a>
                    </th>
                    <td className={`max-lg:min-w-0 lg:max-w-md ${line}`}>
                      <span className="block font-semibold text-slate-900 lg:font-medium">
                        {t(`grievances.category.${g.category}`)} · {place(g)}
                      </span>
                      <span className="block truncate text-slate-700 lg:text-sm">{g.description}</span>
                      {whoLine ? <span className="block text-sm text-slate-600">{whoLine}</span> : null}
                    </td>
                    <td className={`max-lg:text-sm max-lg:text-slate-600 ${line}`}>
                      {/* The column header names the date in the table; the card names it in words. */}
                      <span className="lg:hidden">{t('cadreGrievances.list.filed')} </span>
                      {format.dateTime(g.createdAt, 'date')}
                    </td>
                    <td className={cardTable.first}>
                      <StatusBadge kind="grievance" status={g.status} label={t(`cadreGrievances.status.${g.status}`)} />
                    </td>
                    <td className={`max-lg:mt-1 ${line}`}>
                      <span className="flex flex-wrap items-center gap-2 lg:flex-col lg:items-start lg:gap-1">
                        {overdueFlag(g)}
                        <DeadlineChip g={g} now={now} limits={limitsOf(g)} />
                        {resolveCountdown(g)}
                        {g.rating ? <span className="text-sm text-slate-700">{t('cadreGrievances.rating', { rating: g.rating })}</span> : null}
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {next ? (
        <p>
          <Link href={`/cadre/grievances?filter=${filter}&after=${encodeCursor([next.at, next.id])}`} className={secondaryButtonClass}>
            {t('cadreGrievances.list.loadMore')}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
