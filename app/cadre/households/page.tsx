// The households of the cadre's places, a keyset page at a time ("load more" carries the last
// row's place and id in the URL; never OFFSET), filtered by village or compound, by facts
// still awaiting verification, by grade D, and found by the head's name prefix, a mobile number
// or an ID number. What was typed travels only sealed (`q`, made by ./search/route.ts), never in
// clear in the URL. One table, drawn as cards below 1024 px (components/households/household-list.tsx).
// Names are masked; the household page has the rest.
import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { formatHouseholdCursor, householdPlaceOptions, listCadreHouseholds, parseHouseholdCursor, type HouseholdListFilter } from '@/db/queries/cadre-households';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { requireCapability } from '@/lib/session';
import { openSearch } from '@/server/queue/search-token';
import { SEARCH_TEXT_PROBLEMS } from '@/lib/search-text';
import { Card, EmptyState, PageTitle, buttonClass, secondaryButtonClass } from '@/components/ui';
import { addressLine } from '@/components/address';
import { HouseholdList, type HouseholdListItem } from '@/components/households/household-list';
import { inputClass } from '@/components/form';
import { SearchTextField } from '@/components/search-text-field';
import { searchTextMessages } from '@/lib/search-text';
import { SERIAL_MAX } from '@/lib/validators';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('cadreHouseholds.title') };
}

const query = z.object({
  place: z.coerce.number().int().positive().max(SERIAL_MAX).optional().catch(undefined),
  unverified: z.literal('1').optional().catch(undefined),
  gradeD: z.literal('1').optional().catch(undefined),
  q: z.string().max(2000).optional().catch(undefined),
  after: z.string().max(60).optional().catch(undefined),
  /** The search form's answer to a number that can find no one (./search/route.ts); no link keeps it. */
  idCheck: z.enum(SEARCH_TEXT_PROBLEMS).optional().catch(undefined),
});

type Search = Record<string, string | string[] | undefined>;

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function hrefWith(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `/cadre/households?${s}` : '/cadre/households';
}

export default async function CadreHouseholdsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireCapability('household:manage_in_place', '/cadre/households');
  const raw = await searchParams;
  const q = query.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, first(v)])));
  const [t, locale] = await Promise.all([getTranslations(), getUiLocale()]);
  const actor = user;
  const search = openSearch(q.q);
  const s = search?.search;
  const filter: HouseholdListFilter = {
    placeId: q.place,
    unverified: q.unverified === '1',
    gradeD: q.gradeD === '1',
    namePrefix: s?.kind === 'name' ? s.prefix : undefined,
    phoneHash: s?.kind === 'phone' ? s.hash : undefined,
    idNumberHash: s?.kind === 'id' ? s.hash : undefined,
  };
  // A token that does not open (altered, or sealed with a key since rotated away) searches nothing rather than everything.
  const searchLost = Boolean(q.q) && !search;
  const after = parseHouseholdCursor(q.after);
  const db = getDb();
  const [options, page] = await Promise.all([householdPlaceOptions({ db, actor }), searchLost ? Promise.resolve({ rows: [], nextCursor: null }) : listCadreHouseholds({ db, actor, filter, after })]);
  const kept = { place: q.place ? String(q.place) : undefined, unverified: q.unverified, gradeD: q.gradeD, q: search ? q.q : undefined };
  const filtered = Boolean(kept.place || kept.unverified || kept.gradeD || kept.q || searchLost);
  const placeName = (p: { name: string; nameEn: string }) => (locale === 'en' ? p.nameEn : p.name);
  // Compounds sit under their village: indent them in the select by their depth.
  const depthOf = (path: string) => path.split('/').filter(Boolean).length;
  const minDepth = Math.min(...options.map((o) => depthOf(o.path)));

  const rows: HouseholdListItem[] = page.rows.map((r) => ({
    id: r.id,
    head: r.maskedHeadName,
    place: `${placeName({ name: r.placeName, nameEn: r.placeNameEn })} · ${t(`householdKind.${r.kind}`)}`,
    address: addressLine(t, r),
    grade: r.grade ? { label: t(`facts.grade.${r.grade}`), d: r.grade === 'D' } : null,
    awaiting: r.awaiting > 0 ? t('cadreHouseholds.list.awaiting', { count: r.awaiting }) : null,
    onBehalf: r.hasOwnerAccount ? null : t('cadreHouseholds.identity.onBehalf'),
  }));

  return (
    <div className="space-y-6">
      <PageTitle lead={t('cadreHouseholds.lead')}>{t('cadreHouseholds.title')}</PageTitle>

      <Card>
        {/* Keyed by the filters shown: see docs/decisions/0012-client-navigation.md. */}
        <form key={JSON.stringify(kept)} method="post" action="/cadre/households/search" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" role="search" aria-label={t('cadreHouseholds.filters.label')}>
          <div className="space-y-1">
            <label htmlFor="hh-place" className="block font-medium text-slate-900">
              {t('cadreHouseholds.filters.place')}
            </label>
            <select id="hh-place" name="place" defaultValue={kept.place ?? ''} className={inputClass}>
              <option value="">{t('cadreHouseholds.filters.allPlaces')}</option>
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {'\u00a0\u00a0'.repeat(Math.max(0, depthOf(o.path) - minDepth))}
                  {placeName(o)}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor="hh-name" className="block font-medium text-slate-900">
              {t('cadreHouseholds.filters.name')}
            </label>
            <p id="hh-name-hint" className="text-sm text-slate-600">
              {t('cadreHouseholds.filters.nameHint')}
            </p>
            {/* A number that can find no one is not sent: the field says why beneath it and keeps what was typed.
                It shows the current search (a number masked); sent unchanged, it keeps that search. */}
            <SearchTextField
              id="hh-name"
              hintId="hh-name-hint"
              type="search"
              maxLength={40}
              autoComplete="off"
              className={inputClass}
              problem={q.idCheck}
              current={search && q.q ? { token: q.q, shown: search.shown } : null}
              messages={searchTextMessages(t)}
            />
          </div>
          <fieldset className="space-y-1">
            <legend className="font-medium text-slate-900">{t('cadreHouseholds.filters.show')}</legend>
            <label className="flex min-h-11 items-center gap-3">
              <input type="checkbox" name="unverified" value="1" defaultChecked={kept.unverified === '1'} className="h-5 w-5" />
              {t('cadreHouseholds.filters.unverified')}
            </label>
            <label className="flex min-h-11 items-center gap-3">
              <input type="checkbox" name="gradeD" value="1" defaultChecked={kept.gradeD === '1'} className="h-5 w-5" />
              {t('cadreHouseholds.filters.gradeD')}
            </label>
          </fieldset>
          <div className="flex flex-wrap items-end gap-3">
            <button type="submit" className={buttonClass}>
              {t('cadreHouseholds.filters.apply')}
            </button>
            {filtered ? (
              <Link href="/cadre/households" className={secondaryButtonClass}>
                {t('cadreHouseholds.filters.clear')}
              </Link>
            ) : null}
          </div>
        </form>
        {search ? (
          <p role="status" className="mt-3 text-slate-800">
            {t(`cadreHouseholds.search.active.${search.search.kind}`, { value: search.shown })}{' '}
            <Link href={hrefWith({ ...kept, q: undefined })} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
              {t('cadreHouseholds.search.clear')}
            </Link>
          </p>
        ) : null}
        {searchLost ? (
          <p role="alert" className="mt-3 text-red-800">
            {t('cadreHouseholds.search.lost')}
          </p>
        ) : null}
      </Card>

      {page.rows.length === 0 ? (
        <EmptyState>{after ? t('cadreHouseholds.list.noMore') : filtered ? t('cadreHouseholds.list.emptyFiltered') : t('cadreHouseholds.list.empty')}</EmptyState>
      ) : (
        // The heading names the table (no hidden caption repeating it), and the section is no
        // landmark of the same name: a screen reader says the title once as a heading and once as
        // the table's name.
        <section className="space-y-3">
          <h2 id="hh-list-title" className="text-lg font-semibold text-slate-900">
            {after ? t('cadreHouseholds.list.titleMore') : t('cadreHouseholds.list.title')}
          </h2>
          {/* One markup for every width: the head's name (the link to the household) on the card's
              top line, then place, address and state. */}
          <HouseholdList labelledBy="hh-list-title" columns={[t('cadreHouseholds.list.head'), t('cadreHouseholds.list.place'), t('household.address.title'), t('cadreHouseholds.list.state')]} rows={rows} />
        </section>
      )}

      <nav aria-label={t('cadreHouseholds.list.pages')} className="flex flex-wrap justify-center gap-3">
        {page.nextCursor ? (
          <Link href={hrefWith({ ...kept, after: formatHouseholdCursor(page.nextCursor) })} className={secondaryButtonClass}>
            {t('cadreHouseholds.list.loadMore')}
          </Link>
        ) : null}
        {after ? (
          <Link href={hrefWith(kept)} className={secondaryButtonClass}>
            {t('cadreHouseholds.list.firstPage')}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
