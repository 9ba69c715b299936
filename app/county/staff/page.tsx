import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { staffPage } from '@/db/queries/staff-admin';
import { loose } from '@/lib/i18n/loose';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { columnViews, defineColumns, labelColumns } from '@/lib/ledger/columns';
import { toTableRows } from '@/lib/ledger/rows';
import { maskPhone } from '@/lib/pii';
import { openPii } from '@/lib/protect';
import { requireCapability } from '@/lib/session';
import { openSearch } from '@/server/queue/search-token';
import { SEARCH_TEXT_PROBLEMS, searchTextMessages } from '@/lib/search-text';
import { Card, PageTitle, buttonClass, secondaryButtonClass } from '@/components/ui';
import { DataTable } from '@/components/data-table/data-table';
import { dataTableLabels } from '@/components/data-table/labels';
import { inputClass } from '@/components/form';
import { SearchTextField } from '@/components/search-text-field';
import { openCursor, sealCursor } from './cursor';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('staff.title') };
}

/** The search route's answer to a number that can find no one (./search/route.ts). */
const idCheck = z.enum(SEARCH_TEXT_PROBLEMS).optional().catch(undefined);

function phoneOf(enc: string): string {
  try {
    return maskPhone(openPii(enc));
  } catch {
    return '—';
  }
}

/** Staff accounts inside the official's places: search, pages of 50, each with a link to manage it. */
export default async function StaffListPage({ searchParams }: { searchParams: Promise<{ q?: string; after?: string; idCheck?: string }> }) {
  const user = await requireCapability('staff:manage', '/county/staff');
  const params = await searchParams;
  const search = openSearch(params.q);
  const after = openCursor(params.after);
  const [t, locale] = await Promise.all([getTranslations(), getUiLocale()]);
  const s = search?.search;
  const page = await staffPage({
    db: getDb(),
    actor: user,
    after,
    namePrefix: s?.kind === 'name' ? s.prefix : null,
    phoneHash: s?.kind === 'phone' ? s.hash : null,
    idNumberHash: s?.kind === 'id' ? s.hash : null,
  });
  const placeNames = (ps: { name: string; nameEn: string }[]) => ps.map((p) => (locale === 'en' ? p.nameEn : p.name)).join(locale === 'en' ? ', ' : '、');
  // Names in clear: staff manage staff by name; phones masked (lib/pii). Cards on phones, a table from 1024 px.
  const staffColumns = labelColumns(
    defineColumns<(typeof page.rows)[number]>([
      { id: 'name', header: 'staff.fields.name', type: 'text', value: (r) => r.realName },
      { id: 'phone', header: 'staff.fields.phone', type: 'text', value: (r) => phoneOf(r.phoneEnc) },
      { id: 'role', header: 'staff.fields.role', type: 'text', value: (r) => t(`roles.${r.role}`) },
      { id: 'places', header: 'staff.fields.places', type: 'text', value: (r) => placeNames(r.places) },
      { id: 'active', header: 'staff.fields.active', type: 'text', value: (r) => (r.active ? t('staff.active.yes') : t('staff.active.no')) },
    ]),
    loose(t),
  );
  const nextHref = page.next ? `/county/staff?${new URLSearchParams({ ...(params.q ? { q: params.q } : {}), after: sealCursor(page.next) })}` : null;

  return (
    <div className="space-y-6">
      <PageTitle lead={t('staff.lead')}>{t('staff.title')}</PageTitle>
      <p className="flex flex-wrap gap-3">
        <Link href="/county/staff/new" className={buttonClass}>
          {t('staff.new.link')}
        </Link>
      </p>
      <form method="post" action="/county/staff/search" className="flex flex-wrap items-end gap-3" role="search">
        {/* A number that can find no one is not sent: the field says why beneath it and keeps what was typed.
            It shows the current search (a number masked); sent unchanged, it keeps that search. */}
        <div className="min-w-56 flex-1">
          <label htmlFor="staff-q" className="mb-1 block font-medium">
            {t('staff.search.label')}
          </label>
          <SearchTextField
            id="staff-q"
            autoComplete="off"
            maxLength={40}
            current={search && params.q ? { token: params.q, shown: search.shown } : null}
            className={inputClass}
            problem={idCheck.parse(params.idCheck)}
            messages={searchTextMessages(t)}
          />
        </div>
        <button type="submit" className={secondaryButtonClass}>
          {t('staff.search.submit')}
        </button>
        {search ? (
          <Link href="/county/staff" className={`${secondaryButtonClass}`}>
            {t('staff.search.clear')}
          </Link>
        ) : null}
      </form>
      {/* The table's caption names the list (shown above the cards and the table): no card title repeating it. */}
      <Card>
        <DataTable
          caption={t('staff.list.title')}
          columns={columnViews(staffColumns)}
          rows={toTableRows(staffColumns, page.rows, { rowId: (r) => r.id, href: (r) => `/county/staff/${r.id}` })}
          locale={locale}
          labels={dataTableLabels(t)}
          empty={search ? t('staff.list.noMatch') : t('staff.list.empty')}
          sortMode="local"
        />
        {nextHref ? (
          <p className="mt-4">
            <Link href={nextHref} className={secondaryButtonClass}>
              {t('staff.list.more')}
            </Link>
          </p>
        ) : null}
      </Card>
    </div>
  );
}
