// The officials' visits (入户走访, issue 11 items 1 and 2): for the place they look at (the widest
// of theirs, or ?place= inside them; 404 otherwise), grade-D coverage by round for each place below
// it, from the rollup with its "as of", each place opening its own; then the visits themselves,
// newest first with filters (place, round, days), the head masked, in keyset pages, exported as
// filtered. Cards under 1024 px, tables from 1024 px, each list drawn once.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { REQUIRED_ROUNDS, type PlaceCoverage } from '@/db/queries/visits';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { columnViews, labelColumns } from '@/lib/ledger/columns';
import { hrefWithQuery } from '@/lib/ledger/query';
import { toTableRows } from '@/lib/ledger/rows';
import { loose } from '@/lib/i18n/loose';
import { can, placeWithin } from '@/lib/permissions';
import { requireCapability } from '@/lib/session';
import { encodeVisitCursor, parseVisitQuery, readCountyVisits, visitQueryParams } from '@/server/visits/county-visits';
import { visitLedgerColumns } from '@/server/visits/ledger-columns';
import { BarChart } from '@/components/charts/bar-chart';
import { Field, inputClass } from '@/components/form';
import { LedgerExport } from '@/components/ledger/ledger-export';
import { PlaceTrail } from '@/components/dashboard/place-trail';
import { Card, EmptyState, PageTitle, buttonClass, secondaryButtonClass } from '@/components/ui';
import { moreVisitsAction } from './actions';
import { dataTableLabels } from '@/components/data-table/labels';
import { VisitsTable } from './visits-table';
import { PlaceCoverageTable } from './coverage-table';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('countyVisits.title') };
}

type Params = Record<string, string | string[] | undefined>;

export default async function CountyVisitsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requireCapability('visit:read', '/county/visits');
  const [t, locale, format, params] = await Promise.all([getTranslations(), getUiLocale(), getFormatter(), searchParams]);
  const query = parseVisitQuery(params);
  const data = await readCountyVisits({ db: getDb(), actor: user, query });
  if (!data) notFound();
  const { place, trail, coverage, options, page } = data;
  const name = (p: { name: string; nameEn: string }) => (locale === 'en' ? p.nameEn : p.name);
  const num = (n: number) => format.number(n);
  const kept = visitQueryParams(query, place);
  const placeHref = (id: number) => `/county/visits?place=${id}`;
  // A place below opens its own coverage, except the place itself (households placed on it directly).
  const opensBelow = (c: PlaceCoverage) => c.placeId !== place.id;

  const columns = labelColumns(visitLedgerColumns({ english: locale === 'en', round: (round) => t('cadreVisits.round', { round }) }), loose(t));
  const rows = toTableRows(columns, page.rows, { rowId: (r) => r.id });
  const more = page.next ? hrefWithQuery('/county/visits', { ...kept, cursor: encodeVisitCursor(page.next) }) : null;

  // The places to narrow to, each township with its villages (a village official has villages only).
  type Option = (typeof options)[number];
  const groups: { key: string; township: Option | null; villages: Option[] }[] = [];
  for (const o of options) {
    if (o.level === 'township') groups.push({ key: o.path, township: o, villages: [] });
    else {
      const last = groups.at(-1);
      if (last && o.path.startsWith(last.key)) last.villages.push(o);
      else groups.push({ key: o.path, township: null, villages: [o] });
    }
  }

  // Keyed by the filters shown: see docs/decisions/0012-client-navigation.md.
  const filters = (
    <form key={JSON.stringify(kept)} method="get" action="/county/visits" role="search" aria-label={t('countyVisits.list.filters')} className="grid gap-4 md:grid-cols-2 lg:grid-cols-4">
      <Field id="visits-place" label={t('countyVisits.list.place')}>
        {(aria) => (
          <select {...aria} name="place" defaultValue={query.place !== undefined ? String(place.id) : ''} className={inputClass}>
            <option value="">{t('countyVisits.list.placeAll')}</option>
            {groups.map((g) =>
              g.township ? (
                <optgroup key={g.key} label={name(g.township)}>
                  <option value={g.township.id}>{t('countyVisits.list.wholeTownship', { township: name(g.township) })}</option>
                  {g.villages.map((v) => (
                    <option key={v.id} value={v.id}>
                      {name(v)}
                    </option>
                  ))}
                </optgroup>
              ) : (
                g.villages.map((v) => (
                  <option key={v.id} value={v.id}>
                    {name(v)}
                  </option>
                ))
              ),
            )}
          </select>
        )}
      </Field>
      <Field id="visits-round" label={t('countyVisits.list.round')}>
        {(aria) => (
          <select {...aria} name="round" defaultValue={query.round ? String(query.round) : ''} className={inputClass}>
            <option value="">{t('countyVisits.list.roundAll')}</option>
            {REQUIRED_ROUNDS.map((r) => (
              <option key={r} value={r}>
                {t('countyVisits.round', { round: r })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="visits-from" label={t('countyVisits.list.from')}>
        {(aria) => <input {...aria} type="date" name="from" defaultValue={query.from ?? ''} className={inputClass} />}
      </Field>
      <Field id="visits-to" label={t('countyVisits.list.to')}>
        {(aria) => <input {...aria} type="date" name="to" defaultValue={query.to ?? ''} className={inputClass} />}
      </Field>
      <p className="flex flex-wrap gap-3 md:col-span-2 lg:col-span-4">
        <button type="submit" className={buttonClass}>
          {t('countyVisits.list.submit')}
        </button>
        <Link href="/county/visits" className={secondaryButtonClass}>
          {t('countyVisits.list.clear')}
        </Link>
      </p>
    </form>
  );

  return (
    <div className="space-y-6">
      <PlaceTrail label={t('countyVisits.trail')} trail={trail} current={place.id} locale={locale} hrefOf={(p) => (placeWithin(p.path, user.placePaths) ? placeHref(p.id) : null)} />
      <PageTitle lead={t('countyVisits.lead')}>{t('countyVisits.heading', { place: name(place) })}</PageTitle>

      {/* The card's title names the coverage table (no hidden caption saying it again). */}
      <Card title={t('countyVisits.coverage.title')} titleId="coverage-title">
        <div className="space-y-4">
          <p className="text-slate-700">{t('countyVisits.coverage.lead')}</p>
          {coverage.asOf ? <p className="text-sm text-slate-600">{t('countyVisits.coverage.asOf', { time: format.dateTime(coverage.asOf, 'dateTime') })}</p> : null}
          {coverage.rows.length === 0 ? (
            <EmptyState>{t('countyVisits.coverage.empty')}</EmptyState>
          ) : (
            <>
              <BarChart
                title={t('countyVisits.coverage.chart')}
                description={t('countyVisits.coverage.chartHint')}
                data={coverage.rows.map((c) => ({ label: name(c), value: c.total > 0 ? Math.round((c.complete / c.total) * 100) : 0 }))}
                categoryLabel={t('countyVisits.coverage.place')}
                valueLabel={t('countyVisits.coverage.completePct')}
                locale={locale}
                format={(n) => `${n}%`}
              />
              <PlaceCoverageTable
                labelledBy="coverage-title"
                columns={[
                  t('countyVisits.coverage.place'),
                  t('countyVisits.coverage.gradeD'),
                  ...REQUIRED_ROUNDS.map((round) => t('countyVisits.coverage.visitedHead', { round })),
                  ...REQUIRED_ROUNDS.map((round) => t('countyVisits.coverage.owedHead', { round })),
                ]}
                rows={coverage.rows.map((c) => ({
                  placeId: c.placeId,
                  name: name(c),
                  href: opensBelow(c) ? placeHref(c.placeId) : null,
                  total: num(c.total),
                  totalCount: c.total,
                  rounds: REQUIRED_ROUNDS.map((round, i) => ({ round, visited: num(c.rounds[i]!), done: c.rounds[i]!, owed: num(c.total - c.rounds[i]!) })),
                }))}
              />
            </>
          )}
        </div>
      </Card>

      <section aria-labelledby="visits-list" className="space-y-3">
        <h2 id="visits-list" className="text-xl font-semibold">
          {t('countyVisits.list.title')}
        </h2>
        <LedgerExport
          links={(['xlsx', 'csv'] as const).map((f) => ({ format: f, href: hrefWithQuery(`/county/visits/export/${f}`, kept), label: t(`countyVisits.export.${f}`) }))}
          canReveal={can(user.role, 'pii:reveal')}
        />
        <VisitsTable
          more={moreVisitsAction}
          bound={{ ...kept, lang: locale === 'en' ? 'en' : 'zh-CN' }}
          nextCursor={page.next ? encodeVisitCursor(page.next) : null}
          caption={t('countyVisits.list.caption')}
          columns={columnViews(columns)}
          rows={rows}
          locale={locale}
          labels={dataTableLabels(t, { loadMore: t('countyVisits.list.more') })}
          empty={t('countyVisits.list.empty')}
          filters={filters}
          summary={query.cursor ? t('countyVisits.list.older') : null}
          query={kept}
        />
        {/* Without JavaScript the table's "load more" is this link to the next page. */}
        <noscript>
          <p className="flex flex-wrap gap-3">
            {more ? (
              <a href={more} className={secondaryButtonClass}>
                {t('countyVisits.list.more')}
              </a>
            ) : null}
          </p>
        </noscript>
        {query.cursor ? (
          <p>
            <Link href={hrefWithQuery('/county/visits', kept)} className={secondaryButtonClass}>
              {t('countyVisits.list.newest')}
            </Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}
