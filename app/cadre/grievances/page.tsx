// Every grievance in the cadre's places, in keyset pages ("load more", the cursor in the URL):
// 'open' (the default: overdue ones first, flagged in words and with an icon, then by the
// next time limit), 'overdue' only, or 'resolved' (most recently finished first). Each shows
// its countdown to the answer and solution limits of its category (grievance_limits). One table,
// styled as cards on a phone and as a table from 1024 px.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { CADRE_GRIEVANCE_FILTERS, cadreGrievancePage, type CadreGrievanceFilter } from '@/db/queries/grievances';
import { grievanceLimitsByCategory } from '@/db/queries/programme-settings';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { maskName } from '@/lib/pii';
import { requireCapability } from '@/lib/session';
import { EmptyState, PageTitle, secondaryButtonClass } from '@/components/ui';
import { GrievanceFilterNav } from '@/components/grievances/grievance-pieces';
import { deadlineChipWords } from '@/components/grievances/deadline-chip';
import { GrievanceTable, type GrievanceRowView } from '@/components/grievances/grievance-table';
import { daysLeft } from '@/lib/time';
import { DEFAULT_GRIEVANCE_LIMITS, nextDeadline, sharedGrievanceLimits } from '@/lib/grievances';
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
  // While the answer is still due, the limit to solve it runs too: both are shown.
  const resolveCountdown = (g: (typeof rows)[number]) => {
    if (g.overdue || nextDeadline(g)?.kind !== 'respond') return null;
    const days = daysLeft({ startedAt: new Date(g.resolveBy.getTime() - limitsOf(g).resolveDays * 86_400_000), endsAt: g.resolveBy }, now);
    return days > 0 ? { daysLeft: days, label: t('grievances.deadline.resolveIn', { days }) } : null;
  };
  // The days only when every kind of problem has the same limits; otherwise each row's countdown says it.
  const shared = sharedGrievanceLimits(limits);
  const lead = shared ? t('cadreGrievances.lead', { respondDays: shared.respondDays, resolveDays: shared.resolveDays }) : t('cadreGrievances.leadPerKind');
  const views: GrievanceRowView[] = rows.map((g) => ({
    id: g.id,
    reference: g.reference,
    overdue: Boolean(g.overdue),
    heading: `${t(`grievances.category.${g.category}`)} · ${place(g)}`,
    description: g.description,
    who: g.householdHeadName ? t('cadreGrievances.who', { name: maskName(g.householdHeadName) }) : null,
    filed: format.dateTime(g.createdAt, 'date'),
    status: g.status,
    statusLabel: t(`cadreGrievances.status.${g.status}`),
    overdueLabel: g.overdue ? t('cadreGrievances.list.overdue') : null,
    deadline: deadlineChipWords(g, now, limitsOf(g), t),
    resolveCountdown: resolveCountdown(g),
    rating: g.rating ? t('cadreGrievances.rating', { rating: g.rating }) : null,
  }));

  return (
    <div className="space-y-6">
      <PageTitle lead={lead}>{t('cadreGrievances.title')}</PageTitle>
      <GrievanceFilterNav label={t('cadreGrievances.list.filters')} filters={CADRE_GRIEVANCE_FILTERS} current={filter} hrefFor={(f) => `/cadre/grievances?filter=${f}`} words={(f) => t(`cadreGrievances.list.filter.${f}`)} />
      {rows.length === 0 ? (
        <EmptyState>{after ? t('cadreGrievances.list.noMore') : t(`cadreGrievances.list.empty.${filter}`)}</EmptyState>
      ) : (
        <GrievanceTable
          rows={views}
          labels={{
            caption: t('cadreGrievances.listLabel'),
            reference: t('cadreGrievances.list.reference'),
            problem: t('cadreGrievances.list.problem'),
            filed: t('cadreGrievances.list.filed'),
            status: t('cadreGrievances.list.status'),
            deadline: t('cadreGrievances.list.deadline'),
          }}
        />
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
