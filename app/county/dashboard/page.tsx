// The officials' drill-down dashboard (issue 11 item 1): one place at a time — the county, a
// township, a village — laid out by components/dashboard/place-dashboard.tsx; every figure links to
// the cases behind it (/county/dashboard/cases), every place below to its own dashboard. An
// official opens only places inside theirs (404 otherwise). Figures come from the rollups ("as of").
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { casesByChild, casesUnder, placeTrail } from '@/db/queries/dashboard';
import { placeFigureTotals } from '@/db/queries/place-figures';
import { applicationCountsByStatus } from '@/db/queries/rollups';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { placeWithin } from '@/lib/permissions';
import { requireCapability } from '@/lib/session';
import { PlaceDashboard } from '@/components/dashboard/place-dashboard';
import { dashboardPlace } from '@/server/dashboard/dashboard-place';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('countyDashboard.title') };
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ place?: string }> }) {
  const user = await requireCapability('dashboard:county', '/county/dashboard');
  const db = getDb();
  const place = await dashboardPlace({ db, placePaths: user.placePaths, asked: (await searchParams).place });
  if (!place) notFound();
  const [locale, trail, counts, children, rollup, figures] = await Promise.all([
    getUiLocale(),
    placeTrail({ db, place }),
    casesUnder({ db, place }),
    casesByChild({ db, place }),
    applicationCountsByStatus({ db, scopePaths: [place.path] }),
    placeFigureTotals({ db, scopePaths: [place.path] }),
  ]);
  const cases = (placeId: number, q: { programme?: string; status?: string }) => `/county/dashboard/cases?${new URLSearchParams({ place: String(placeId), ...q })}`;
  return (
    <PlaceDashboard
      locale={locale}
      place={place}
      trail={trail}
      counts={counts}
      children={children}
      figures={figures}
      asOf={rollup.asOf}
      placeHref={(p) => (placeWithin(p.path, user.placePaths) ? `/county/dashboard?place=${p.id}` : null)}
      casesHref={(q) => cases(place.id, q)}
      childCasesHref={(p) => cases(p.id, {})}
      grievancesHref="/county/grievances?filter=overdue"
    />
  );
}
