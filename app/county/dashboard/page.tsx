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
import { budgetLines } from '@/db/queries/budgets';
import { stockPointsInScope } from '@/db/queries/stock';
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
  const [locale, data, lines, points] = await Promise.all([
    getUiLocale(),
    loadPlaceDashboard({ db, place }),
    place.parentId === null && isCountyWide(user) ? budgetLines({ db, codes: CASH_PROGRAMMES }) : Promise.resolve([]),
    stockPointsInScope({ db, actor: { placePaths: [place.path] } }),
  ]);
  const money = lines.flatMap((l) => (l.line ? [{ programmeCode: l.programmeCode, totalYuan: l.line.totalYuan, committedYuan: l.line.totalYuan - l.line.remainingYuan, paidYuan: l.line.paidYuan }] : []));
  const materials = (['rebar', 'sand'] as const).map((material) => {
    const levels = points.flatMap((p) => p.levels.filter((l) => l.material === material));
    return { material, issuedKg: levels.reduce((a, l) => a + l.issuedKg, 0), onHandKg: levels.reduce((a, l) => a + l.onHandKg, 0) };
  });
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
