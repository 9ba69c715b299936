// The officials' drill-down dashboard (issue 11 item 1): one place at a time — the county, a
// township, a village — laid out by components/dashboard/place-dashboard.tsx; every figure links to
// the cases behind it (/county/dashboard/cases), every place below to its own dashboard. An
// official opens only places inside theirs (404 otherwise). Figures come from the rollups ("as of").
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { CASH_PROGRAMMES } from '@/lib/budgets';
import { isCountyWide, placeWithin } from '@/lib/permissions';
import { budgetFiguresNow } from '@/db/queries/budgets';
import { materialTotalsUnder } from '@/db/queries/stock';
import { requireCapability } from '@/lib/session';
import { PlaceDashboard } from '@/components/dashboard/place-dashboard';
import { dashboardPlace } from '@/server/dashboard/dashboard-place';
import { loadPlaceDashboard } from '@/server/dashboard/load-place-dashboard';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('countyDashboard.title') };
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ place?: string }> }) {
  const user = await requireCapability('dashboard:county', '/county/dashboard');
  const db = getDb();
  const place = await dashboardPlace({ db, placePaths: user.placePaths, asked: (await searchParams).place });
  if (!place) notFound();
  // Budgets belong to the county as a whole: shown on its own dashboard, to those who keep them.
  // Both the budget and the materials figures are memoised by the rollup clock (migration 0024).
  const [locale, data, lines, materials] = await Promise.all([
    getUiLocale(),
    loadPlaceDashboard({ db, place }),
    place.parentId === null && isCountyWide(user) ? budgetFiguresNow({ db, codes: CASH_PROGRAMMES }) : Promise.resolve([]),
    materialTotalsUnder({ db, placePath: place.path }),
  ]);
  const money = lines.map((l) => ({ programmeCode: l.programmeCode, totalYuan: l.totalYuan, committedYuan: l.totalYuan - l.remainingYuan, paidYuan: l.paidYuan }));
  const cases = (placeId: number, q: { programme?: string; status?: string }) => `/county/dashboard/cases?${new URLSearchParams({ place: String(placeId), ...q })}`;
  return (
    <PlaceDashboard
      {...data}
      locale={locale}
      overdueCasesHref={`/county/dashboard/cases?${new URLSearchParams({ place: String(place.id), status: 'submitted', overdue: '1' })}`}
      owedVisitsHref={`/county/visits?place=${place.id}`}
      placeHref={(p) => (placeWithin(p.path, user.placePaths) ? `/county/dashboard?place=${p.id}` : null)}
      casesHref={(q) => cases(place.id, q)}
      childCasesHref={(p) => cases(p.id, {})}
      grievancesHref="/county/grievances?filter=overdue"
      money={money}
      materials={materials}
    />
  );
}
