// The drill-down dashboard (issue 11 item 1, first part): one place at a time — the county, a
// township, a village — with its cases by programme and status and the same per place below it;
// every figure links to the cases behind it, every place below to its own dashboard. An official
// opens only places inside theirs. Figures come from the application_counts rollup ("as of").
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { casesByChild, casesUnder, placeTrail } from '@/db/queries/dashboard';
import { applicationCountsByStatus } from '@/db/queries/rollups';
import { APPLICATION_STATUSES, PROGRAMME_CODES, type ApplicationStatus } from '@/lib/domain';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { placeWithin } from '@/lib/permissions';
import { requireCapability } from '@/lib/session';
import { BarChart } from '@/components/charts/bar-chart';
import { Card, PageTitle, Stat } from '@/components/ui';
import { dashboardPlace } from './place';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('countyDashboard.title') };
}

const AWAITING: ApplicationStatus[] = ['recommended', 'in_public_notice', 'appealed'];

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ place?: string }> }) {
  const user = await requireCapability('dashboard:county', '/county/dashboard');
  const db = getDb();
  const place = await dashboardPlace({ db, placePaths: user.placePaths, asked: (await searchParams).place });
  if (!place) notFound();
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getUiLocale()]);
  const [trail, counts, children, rollup] = await Promise.all([placeTrail({ db, place }), casesUnder({ db, place }), casesByChild({ db, place }), applicationCountsByStatus({ db, scopePaths: [place.path] })]);
  const name = (p: { name: string; nameEn: string }) => (locale === 'en' ? p.nameEn : p.name);
  const cell = (programme: string, status: string) => counts.find((c) => c.programmeCode === programme && c.status === status)?.n ?? 0;
  const byStatus = (s: ApplicationStatus) => counts.filter((c) => c.status === s).reduce((a, c) => a + c.n, 0);
  const total = counts.reduce((a, c) => a + c.n, 0);
  const casesHref = (q: Record<string, string>) => `/county/dashboard/cases?${new URLSearchParams({ place: String(place.id), ...q })}`;
  const statuses = APPLICATION_STATUSES.filter((s) => byStatus(s) > 0);
  const programmes = PROGRAMME_CODES.filter((p) => statuses.some((s) => cell(p, s) > 0));
  const figure = (n: number, q: Record<string, string>, testId?: string) =>
    n > 0 ? (
      <Link href={casesHref(q)} className="inline-flex min-h-11 min-w-11 items-center justify-end text-brand-700 underline" data-figure={testId}>
        {format.number(n)}
      </Link>
    ) : (
      <span className="text-slate-400">0</span>
    );

  return (
    <div className="space-y-6">
      <nav aria-label={t('countyDashboard.trail')}>
        <ol className="flex flex-wrap items-center gap-x-2 text-sm">
          {trail.map((p, i) => (
            <li key={p.id} className="flex items-center gap-2">
              {i > 0 ? <span aria-hidden="true">›</span> : null}
              {p.id === place.id ? (
                <span aria-current="page" className="font-semibold">
                  {name(p)}
                </span>
              ) : placeWithin(p.path, user.placePaths) ? (
                <Link href={`/county/dashboard?place=${p.id}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
                  {name(p)}
                </Link>
              ) : (
                <span>{name(p)}</span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <PageTitle lead={t('countyDashboard.lead')}>{t('countyDashboard.heading', { place: name(place) })}</PageTitle>
      {rollup.asOf ? <p className="text-sm text-slate-600">{t('common.caseFiguresAsOf', { time: format.dateTime(rollup.asOf, 'dateTime') })}</p> : null}

      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label={t('countyDashboard.stats.total')} value={figure(total, {}, 'total')} />
        <Stat label={t('countyDashboard.stats.awaiting')} value={format.number(AWAITING.reduce((a, s) => a + byStatus(s), 0))} />
        <Stat label={t('countyDashboard.stats.approved')} value={format.number(byStatus('approved') + byStatus('fulfilled'))} />
        <Stat label={t('countyDashboard.stats.rejected')} value={figure(byStatus('rejected'), { status: 'rejected' }, 'rejected')} />
      </div>

      <Card title={t('countyDashboard.matrix.title')}>
        {programmes.length === 0 ? (
          <p className="text-slate-700">{t('countyDashboard.none')}</p>
        ) : (
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t('countyDashboard.matrix.title')}>
            <table className="w-full text-left" data-testid="case-matrix">
              <caption className="sr-only">{t('countyDashboard.matrix.title')}</caption>
              <thead className="border-b border-slate-200 text-sm text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-3">{t('countyDashboard.matrix.programme')}</th>
                  {statuses.map((s) => (
                    <th key={s} scope="col" className="py-2 pr-3 text-right">
                      {t(`status.${s}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {programmes.map((p) => (
                  <tr key={p}>
                    <th scope="row" className="py-2 pr-3 font-medium">
                      {t(`programmes.${p}.name`)}
                    </th>
                    {statuses.map((s) => (
                      <td key={s} className="py-1 pr-3 text-right" data-cell={`${p}:${s}`}>
                        {figure(cell(p, s), { programme: p, status: s })}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      {children.length > 0 ? (
        <>
          <Card>
            <BarChart title={t('countyDashboard.children.chart')} data={children.map((c) => ({ label: name(c.place), value: c.total }))} categoryLabel={t('countyDashboard.children.place')} valueLabel={t('countyDashboard.children.cases')} locale={locale} />
          </Card>
          <Card title={t('countyDashboard.children.title')}>
            <ul className="divide-y divide-slate-200" data-testid="child-places">
              {children.map((c) => (
                <li key={c.place.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-place={c.place.name}>
                  <Link href={`/county/dashboard?place=${c.place.id}`} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
                    {name(c.place)}
                  </Link>
                  <span className="flex items-center gap-2 text-sm text-slate-700">
                    {t('countyDashboard.children.cases')}
                    {c.total > 0 ? (
                      <Link href={`/county/dashboard/cases?place=${c.place.id}`} className="inline-flex min-h-11 min-w-11 items-center justify-end font-semibold text-brand-700 underline" data-figure="child-total">
                        {format.number(c.total)}
                      </Link>
                    ) : (
                      <span className="font-semibold">0</span>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        </>
      ) : null}
    </div>
  );
}
