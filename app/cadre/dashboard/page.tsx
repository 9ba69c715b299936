// The cadre's dashboard (issue 11 item 1): the same place-by-place figures as the officials', for
// the cadre's own places (components/dashboard/place-dashboard.tsx); a figure of a village or
// compound opens the work queue filtered to it, one of a larger place the queue of all their places.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import type { DashboardPlace } from '@/db/queries/dashboard';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { placeWithin } from '@/lib/permissions';
import { requireCapability } from '@/lib/session';
import { PlaceDashboard, type DashboardPlaceView } from '@/components/dashboard/place-dashboard';
import { dashboardPlace } from '@/server/dashboard/dashboard-place';
import { loadPlaceDashboard } from '@/server/dashboard/load-place-dashboard';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('countyDashboard.title') };
}

export default async function CadreDashboardPage({ searchParams }: { searchParams: Promise<{ place?: string }> }) {
  const user = await requireCapability('application:verify', '/cadre/dashboard');
  const db = getDb();
  const place = await dashboardPlace({ db, placePaths: user.placePaths, asked: (await searchParams).place });
  if (!place) notFound();
  const [locale, data] = await Promise.all([getUiLocale(), loadPlaceDashboard({ db, place })]);
  const { children } = data;
  const levelOf = new Map<number, DashboardPlace['level']>([[place.id, place.level], ...children.map((c) => [c.place.id, c.place.level] as const)]);
  const queue = (p: DashboardPlaceView, q: { programme?: string; status?: string }) => {
    const level = levelOf.get(p.id);
    const params = new URLSearchParams();
    if (q.programme) params.set('programme', q.programme);
    if (q.status) params.set('status', q.status);
    if (level === 'village' || level === 'compound') params.set('village', String(p.id));
    const qs = params.toString();
    return qs ? `/cadre/queue?${qs}` : '/cadre/queue';
  };
  return (
    <PlaceDashboard
      {...data}
      locale={locale}
      overdueCasesHref="/cadre/queue?overdue=1"
      owedVisitsHref="/cadre/visits"
      placeHref={(p) => (placeWithin(p.path, user.placePaths) ? `/cadre/dashboard?place=${p.id}` : null)}
      casesHref={(q) => queue(place, q)}
      childCasesHref={(p) => queue(p, {})}
      grievancesHref="/cadre/grievances?filter=overdue"
    />
  );
}
