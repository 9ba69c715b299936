import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Search } from 'lucide-react';
import { getDb } from '@/db/client';
import { queueCounts } from '@/db/queries/queue';
import { placesByIds } from '@/db/queries/overview';
import { APPLICATION_STATUSES, PROGRAMME_CODES } from '@/lib/domain';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { can } from '@/lib/permissions';
import { requireCapability } from '@/lib/session';
import { VERIFY_DAYS } from '@/lib/workflow';
import { EmptyState, PageTitle, buttonClass } from '@/components/ui';
import { LedgerExport } from '@/components/ledger/ledger-export';
import { QueueList } from '@/components/cases/queue-list';
import { QueueCounts, QueueFilterForm } from '@/components/cases/queue-controls';
import { filterFieldClass } from '@/components/form';
import { SearchTextField } from '@/components/search-text-field';
import { searchTextMessages } from '@/lib/search-text';
import { loadQueuePage, resolveFor } from './load';
import { filterQuery, parseQueueParams, queueHref } from './params';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('cadreQueue.title') };
}

export default async function CadreQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireCapability('application:verify', '/cadre/queue');
  const params = parseQueueParams(await searchParams);
  const db = getDb();
  const resolved = await resolveFor(user, params);
  const [page, { counts, asOf }, assigned, t, format, locale] = await Promise.all([
    loadQueuePage({ user, params, resolved }),
    queueCounts({ db, scopePaths: user.placePaths, villagePath: resolved.filters.villagePath, programme: params.programme }),
    placesByIds({ db, ids: user.placeIds }),
    getTranslations(),
    getFormatter(),
    getUiLocale(),
  ]);
  const query = filterQuery(params);
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  const without = (key: string) => Object.fromEntries(Object.entries(query).filter(([k]) => k !== key));
  const placeName = (p: { name: string; nameEn: string }) => (locale === 'en' ? p.nameEn : p.name);
  const hidden = (omit: readonly string[]) =>
    Object.entries(query)
      .filter(([k]) => !omit.includes(k))
      .map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />);

  return (
    <div className="space-y-6">
      <PageTitle lead={t('cadreQueue.lead', { places: assigned.map(placeName).join('、') })}>{t('cadreQueue.title')}</PageTitle>

      <QueueCounts
        title={t('cadreQueue.counts.title')}
        chips={[
          { href: queueHref('/cadre/queue', without('status')), label: t('cadreQueue.counts.all'), count: format.number(total), current: !params.status },
          ...APPLICATION_STATUSES.map((s) => ({ href: queueHref('/cadre/queue', { ...query, status: s }), label: t(`status.${s}`), count: format.number(counts[s] ?? 0), current: params.status === s })),
        ]}
        asOf={asOf ? t('common.caseFiguresAsOf', { time: format.dateTime(asOf, 'dateTime') }) : null}
      />

      <form method="post" action="/cadre/queue/search" role="search" className="rounded-xl border border-slate-200 bg-white p-4">
        <label htmlFor="queue-search" className="block font-semibold text-slate-900">
          {t('cadreQueue.search.label')}
        </label>
        <p id="queue-search-hint" className="text-sm text-slate-600">
          {t('cadreQueue.search.hint')}
        </p>
        <div className="mt-2 flex flex-col gap-2 sm:flex-row">
          {/* The words are POSTed and come back sealed (?q=…): an ID number never sits in a URL. A
              number that can find no one is not sent: the field says why and keeps it. The field
              shows the current search (a number masked); sent unchanged, it keeps that search. */}
          <SearchTextField
            id="queue-search"
            hintId="queue-search-hint"
            type="search"
            autoComplete="off"
            maxLength={40}
            problem={params.idCheck}
            current={resolved.search && params.q ? { token: params.q, shown: resolved.search.shown } : null}
            messages={searchTextMessages(t)}
            wrapperClassName="min-w-0 flex-1"
            className={`${filterFieldClass} aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-700`}
          />
          {hidden(['q'])}
          <button type="submit" className={`${buttonClass} sm:self-start`}>
            <Search aria-hidden="true" className="h-4 w-4" />
            {t('cadreQueue.search.submit')}
          </button>
        </div>
        {resolved.search ? (
          <p className="mt-2 text-slate-800">
            {t(`cadreQueue.search.active.${resolved.search.search.kind}`, { value: resolved.search.shown })}{' '}
            <a href={queueHref('/cadre/queue', without('q'))} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
              {t('cadreQueue.search.clear')}
            </a>
          </p>
        ) : null}
        {resolved.searchLost ? (
          <p role="alert" className="mt-2 text-amber-900">
            {t('cadreQueue.search.lost')}
          </p>
        ) : null}
      </form>

      <QueueFilterForm
        labels={{
          title: t('cadreQueue.filters.title'),
          programme: t('cadreQueue.filters.programme'),
          status: t('cadreQueue.filters.status'),
          village: t('cadreQueue.filters.village'),
          any: t('cadreQueue.filters.any'),
          anyVillage: t('cadreQueue.filters.anyVillage'),
          overdue: t('cadreQueue.filters.overdue', { days: VERIFY_DAYS }),
          needsVisit: t('cadreQueue.filters.needsVisit'),
          apply: t('cadreQueue.filters.apply'),
          reset: t('cadreQueue.filters.reset'),
        }}
        programmes={PROGRAMME_CODES.map((c) => [c, t(`programmes.${c}.name`)] as const)}
        statuses={APPLICATION_STATUSES.map((s) => [s, t(`status.${s}`)] as const)}
        villages={resolved.villages.map((v) => [String(v.id), v.level === 'compound' ? `　${placeName(v)}` : placeName(v)] as const)}
        values={{ programme: params.programme ?? '', status: params.status ?? '', village: params.village ? String(params.village) : '', overdue: params.overdue === '1', visit: params.visit === '1', q: params.q ?? null }}
      />

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-slate-700">{t('cadreQueue.order', { days: VERIFY_DAYS })}</p>
        <LedgerExport links={(['csv', 'xlsx'] as const).map((f) => ({ format: f, href: queueHref(`/cadre/queue/export/${f}`, query), label: t(`cadreQueue.export.${f}`) }))} canReveal={can(user.role, 'pii:reveal')} />
      </div>

      {resolved.after ? (
        <p>
          <a href={queueHref('/cadre/queue', query)} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
            {t('cadreQueue.backToStart')}
          </a>
        </p>
      ) : null}

      {page.rows.length === 0 ? (
        <EmptyState href={Object.keys(query).length > 0 ? '/cadre/queue' : undefined} cta={t('cadreQueue.filters.reset')}>
          {Object.keys(query).length > 0 ? t('cadreQueue.emptyFiltered') : t('cadreQueue.empty')}
        </EmptyState>
      ) : (
        <QueueList
          first={page}
          labels={{
            caption: t('cadreQueue.caption'),
            reference: t('cadreQueue.columns.reference'),
            household: t('cadreQueue.columns.household'),
            programme: t('cadreQueue.columns.programme'),
            submitted: t('cadreQueue.columns.submitted'),
            status: t('cadreQueue.columns.status'),
            overdue: t('cadreQueue.row.overdue'),
            notSent: t('cadreQueue.row.notSent'),
            loadMore: t('cadreQueue.loadMore'),
            loading: t('cadreQueue.loading'),
            loadFailed: t('cadreQueue.loadFailed'),
          }}
        />
      )}
    </div>
  );
}
