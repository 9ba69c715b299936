// One place's dashboard (issue 11 item 1), the same for an official (/county/dashboard) and a
// cadre (/cadre/dashboard): a trail back up, cases by programme × status with every figure linked
// to the cases behind it, the places below with their totals (a bar chart and links down), grade-D
// visit coverage by round, and grievances with satisfaction. The route loads the figures and says
// where each link goes; this component only lays them out.
import { getFormatter, getTranslations } from 'next-intl/server';
import { APPLICATION_STATUSES, PROGRAMME_CODES, type ApplicationStatus, type ProgrammeCode } from '@/lib/domain';
import { VERIFY_DAYS } from '@/lib/workflow';
import { BarChart } from '@/components/charts/bar-chart';
import { ProgressRing } from '@/components/charts/progress-ring';
import { TrendChart } from '@/components/charts/trend-chart';
import { Card, PageTitle, Stat } from '@/components/ui';
import { CaseMatrix } from './case-matrix';
import { ChildPlaceList } from './child-place-list';
import { Figure } from './figure';
import { PlaceTrail } from './place-trail';

export interface DashboardPlaceView {
  id: number;
  name: string;
  nameEn: string;
  path: string;
}

export interface PlaceDashboardProps {
  locale: string;
  place: DashboardPlaceView;
  trail: DashboardPlaceView[];
  counts: { programmeCode: string; status: ApplicationStatus; n: number }[];
  children: { place: DashboardPlaceView; total: number }[];
  figures: { gradeD: number; rounds: [number, number, number]; complete: number; grievancesOpen: number; grievancesOverdue: number; grievancesResolved: number; satisfaction: number | null; rated: number };
  asOf: Date | null;
  /** The dashboard of a place, or null when the reader may not open it (shown as plain text). */
  placeHref: (p: DashboardPlaceView) => string | null;
  /** The cases behind a figure of this place (a programme and / or a status, or all). */
  casesHref: (q: { programme?: string; status?: string }) => string;
  /** The cases of a place below, or null when there is no such list for the reader. */
  childCasesHref: (p: DashboardPlaceView) => string | null;
  grievancesHref: string;
  /** Budget lines of the cash programmes (the county's own dashboard, for county-wide readers). */
  money?: { programmeCode: ProgrammeCode; totalYuan: number; committedYuan: number; paidYuan: number }[];
  /** Building materials at the distribution points inside the place: handed out and still on hand. */
  materials?: { material: 'rebar' | 'sand'; issuedKg: number; onHandKg: number }[];
  /** Days to a decision and the weekly trend (counted from the cases every ten minutes). */
  timing: { decided: number; medianDays: number | null; p90Days: number | null; weeks: { start: string; submitted: number; decided: number }[]; verificationOverdue: number; asOf: Date | null };
  /** The cases waiting too long for verification, or null when the reader has no such list. */
  overdueCasesHref: string | null;
  /** The grade-D households still owed a visit, or null when the reader has no such list. */
  owedVisitsHref: string | null;
}

const AWAITING: ApplicationStatus[] = ['recommended', 'in_public_notice', 'appealed'];

const MAX_BARS = 15;

export async function PlaceDashboard({ locale, place, trail, counts, children, figures, asOf, placeHref, casesHref, childCasesHref, grievancesHref, money = [], materials = [], timing, overdueCasesHref, owedVisitsHref }: PlaceDashboardProps) {
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  const name = (p: { name: string; nameEn: string }) => (locale === 'en' ? p.nameEn : p.name);
  const cell = (programme: string, status: string) => counts.find((c) => c.programmeCode === programme && c.status === status)?.n ?? 0;
  const byStatus = (s: ApplicationStatus) => counts.filter((c) => c.status === s).reduce((a, c) => a + c.n, 0);
  const total = counts.reduce((a, c) => a + c.n, 0);
  const statuses = APPLICATION_STATUSES.filter((s) => byStatus(s) > 0);
  const programmes = PROGRAMME_CODES.filter((p) => statuses.some((s) => cell(p, s) > 0));
  // A township has up to a few hundred villages: the chart shows those with the most cases (a
  // chart of all would be metres long on a phone); every one is in the list beneath it.
  const bars = children.length > MAX_BARS ? [...children].sort((a, b) => b.total - a.total).slice(0, MAX_BARS) : children;
  // Figures and places link with plain anchors, not next/link: a dashboard holds dozens of
  // links, and each Link costs server rendering and, once in view, a prefetch request.
  const figure = (n: number, href: string | null, testId?: string) => <Figure text={format.number(n)} positive={n > 0} href={href} testId={testId} />;

  return (
    <div className="space-y-6">
      <PlaceTrail label={t('countyDashboard.trail')} trail={trail} current={place.id} locale={locale} hrefOf={placeHref} />
      <PageTitle lead={t('countyDashboard.lead')}>{t('countyDashboard.heading', { place: name(place) })}</PageTitle>
      {asOf ? <p className="text-sm text-slate-600">{t('common.caseFiguresAsOf', { time: format.dateTime(asOf, 'dateTime') })}</p> : null}

      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label={t('countyDashboard.stats.total')} value={figure(total, casesHref({}), 'total')} />
        <Stat
          label={t('countyDashboard.stats.awaiting')}
          value={format.number(AWAITING.reduce((a, s) => a + byStatus(s), 0))}
          // Cases still on notice are counted (they wait for the county) but cannot be decided yet.
          hint={byStatus('in_public_notice') > 0 ? t('county.stats.awaitingOnNotice', { count: byStatus('in_public_notice') }) : undefined}
        />
        <Stat label={t('countyDashboard.stats.approved')} value={format.number(byStatus('approved') + byStatus('fulfilled'))} />
        <Stat label={t('countyDashboard.stats.rejected')} value={figure(byStatus('rejected'), casesHref({ status: 'rejected' }), 'rejected')} />
      </div>

      <Card title={t('countyDashboard.matrix.title')} titleId="case-matrix-title">
        {programmes.length === 0 ? (
          <p className="text-slate-700">{t('countyDashboard.none')}</p>
        ) : (
          <CaseMatrix
            labelledBy="case-matrix-title"
            programmeHeader={t('countyDashboard.matrix.programme')}
            statuses={statuses.map((st) => ({ code: st, label: t(`status.${st}`) }))}
            rows={programmes.map((p) => ({
              code: p,
              label: t(`programmes.${p}.name`),
              cells: statuses.map((st) => {
                const n = cell(p, st);
                return { text: format.number(n), positive: n > 0, href: n > 0 ? casesHref({ programme: p, status: st }) : null };
              }),
            }))}
          />
        )}
      </Card>

      <Card title={t('countyDashboard.overdue.title')}>
        <ul className="divide-y divide-slate-200" data-testid="overdue">
          {(
            [
              ['verification', timing.verificationOverdue, overdueCasesHref],
              ['grievances', figures.grievancesOverdue, grievancesHref],
              ['visits', Math.max(0, figures.gradeD - figures.complete), owedVisitsHref],
            ] as const
          ).map(([kind, n, href]) => (
            <li key={kind} className="flex flex-wrap items-center justify-between gap-2 py-2" data-overdue-kind={kind}>
              <span>{t(`countyDashboard.overdue.${kind}`, { days: VERIFY_DAYS })}</span>
              {n > 0 && href ? (
                <a href={href} className={`inline-flex min-h-11 min-w-11 items-center justify-end font-semibold underline ${kind === 'visits' ? 'text-brand-700' : 'text-red-800'}`}>
                  {format.number(n)}
                </a>
              ) : (
                <span className="font-semibold">{format.number(n)}</span>
              )}
            </li>
          ))}
        </ul>
      </Card>

      <Card title={t('countyDashboard.timing.title')}>
        <div className="grid grid-cols-2 gap-3">
          <Stat label={t('countyDashboard.timing.median')} value={timing.medianDays === null ? '—' : t('countyDashboard.timing.days', { days: format.number(timing.medianDays) })} />
          <Stat label={t('countyDashboard.timing.p90')} value={timing.p90Days === null ? '—' : t('countyDashboard.timing.days', { days: format.number(timing.p90Days) })} hint={t('countyDashboard.timing.over', { count: timing.decided })} />
        </div>
        <div className="mt-4">
          <TrendChart
            title={t('countyDashboard.timing.trend')}
            description={timing.asOf ? t('countyDashboard.timing.asOf', { time: format.dateTime(timing.asOf, 'dateTime') }) : undefined}
            categories={timing.weeks.map((w) => format.dateTime(new Date(`${w.start}T00:00:00+08:00`), { month: 'numeric', day: 'numeric', timeZone: 'Asia/Shanghai' }))}
            series={[
              { name: t('countyDashboard.timing.submitted'), values: timing.weeks.map((w) => w.submitted) },
              { name: t('countyDashboard.timing.decided'), values: timing.weeks.map((w) => w.decided) },
            ]}
            categoryLabel={t('countyDashboard.timing.week')}
            locale={locale}
          />
        </div>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <ProgressRing
            title={t('countyDashboard.visits.title')}
            description={t('countyDashboard.visits.lead', { round1: format.number(figures.rounds[0]), round2: format.number(figures.rounds[1]), round3: format.number(figures.rounds[2]) })}
            value={figures.complete}
            total={figures.gradeD}
            valueLabel={t('progress.ring.done')}
            totalLabel={t('progress.ring.owed')}
            shareLabel={t('progress.ring.share')}
            figureLabel={t('progress.ring.figure')}
            locale={locale}
            tone="green"
          />
        </Card>
        <Card title={t('countyDashboard.grievances.title')}>
          <div className="grid grid-cols-2 gap-3">
            <Stat label={t('countyDashboard.grievances.open')} value={format.number(figures.grievancesOpen)} />
            <Stat
              label={t('countyDashboard.grievances.overdue')}
              value={
                figures.grievancesOverdue > 0 ? (
                  <a href={grievancesHref} className="inline-flex min-h-11 min-w-11 items-center justify-center text-red-800 underline" data-figure="grievances-overdue">
                    {format.number(figures.grievancesOverdue)}
                  </a>
                ) : (
                  '0'
                )
              }
            />
            <Stat label={t('countyDashboard.grievances.resolved')} value={format.number(figures.grievancesResolved)} />
            <Stat
              label={t('countyDashboard.grievances.satisfaction')}
              value={figures.satisfaction === null ? '—' : format.number(figures.satisfaction, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}
              hint={t('countyDashboard.grievances.rated', { count: figures.rated })}
            />
          </div>
        </Card>
      </div>

      {money.length > 0 || materials.some((m) => m.issuedKg + m.onHandKg > 0) ? (
        <div className="grid gap-6 lg:grid-cols-2">
          {money.map((m) => (
            <Card key={m.programmeCode}>
              <ProgressRing
                title={t('countyDashboard.money.title', { programme: t(`programmes.${m.programmeCode}.name`) })}
                description={t('countyDashboard.money.lead', { paid: format.number(m.paidYuan), total: format.number(m.totalYuan) })}
                value={m.committedYuan}
                total={m.totalYuan}
                valueLabel={t('countyDashboard.money.committed')}
                totalLabel={t('countyDashboard.money.total')}
                shareLabel={t('progress.ring.share')}
                figureLabel={t('countyDashboard.money.figure')}
                locale={locale}
                tone={m.totalYuan > 0 && m.committedYuan >= m.totalYuan ? 'red' : 'brand'}
              />
            </Card>
          ))}
          {materials
            .filter((m) => m.issuedKg + m.onHandKg > 0)
            .map((m) => (
              <Card key={m.material}>
                <ProgressRing
                  title={t('countyDashboard.materials.title', { material: t(`materials.${m.material}`) })}
                  description={t('countyDashboard.materials.lead', { onHand: format.number(m.onHandKg / 1000, { maximumFractionDigits: 1 }) })}
                  value={Math.round(m.issuedKg / 1000)}
                  total={Math.round((m.issuedKg + m.onHandKg) / 1000)}
                  valueLabel={t('countyDashboard.materials.issued')}
                  totalLabel={t('countyDashboard.materials.received')}
                  shareLabel={t('progress.ring.share')}
                  figureLabel={t('countyDashboard.materials.figure')}
                  locale={locale}
                />
              </Card>
            ))}
        </div>
      ) : null}

      {children.length > 0 ? (
        <>
          <Card>
            <BarChart
              title={t('countyDashboard.children.chart')}
              description={bars.length < children.length ? t('countyDashboard.children.chartTop', { shown: bars.length, count: children.length }) : undefined}
              data={bars.map((c) => ({ label: name(c.place), value: c.total }))}
              categoryLabel={t('countyDashboard.children.place')}
              valueLabel={t('countyDashboard.children.cases')}
              locale={locale}
            />
          </Card>
          <Card title={t('countyDashboard.children.title')}>
            <ChildPlaceList
              casesLabel={t('countyDashboard.children.cases')}
              rows={children.map((c) => ({ id: c.place.id, key: c.place.name, name: name(c.place), href: placeHref(c.place), total: c.total, totalText: format.number(c.total), casesHref: childCasesHref(c.place) }))}
            />
          </Card>
        </>
      ) : null}
    </div>
  );
}
