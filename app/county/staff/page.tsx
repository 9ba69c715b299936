import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { staffPage } from '@/db/queries/staff-admin';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { maskPhone } from '@/lib/pii';
import { openPii } from '@/lib/protect';
import { requireCapability } from '@/lib/session';
import { openSearch } from '@/server/queue/search-token';
import { Card, EmptyState, PageTitle, buttonClass, secondaryButtonClass } from '@/components/ui';
import { inputClass } from '@/components/form';
import { openCursor, sealCursor } from './cursor';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('staff.title') };
}

function phoneOf(enc: string): string {
  try {
    return maskPhone(openPii(enc));
  } catch {
    return '—';
  }
}

/** Staff accounts inside the official's places: search, pages of 50, each with a link to manage it. */
export default async function StaffListPage({ searchParams }: { searchParams: Promise<{ q?: string; after?: string }> }) {
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
        <label className="flex-1 min-w-56">
          <span className="mb-1 block font-medium">{t('staff.search.label')}</span>
          <input name="text" autoComplete="off" defaultValue={search?.shown ?? ''} className={inputClass} />
        </label>
        <button type="submit" className={secondaryButtonClass}>
          {t('staff.search.submit')}
        </button>
        {search ? (
          <Link href="/county/staff" className={`${secondaryButtonClass}`}>
            {t('staff.search.clear')}
          </Link>
        ) : null}
      </form>
      <Card title={t('staff.list.title')}>
        {page.rows.length === 0 ? (
          <EmptyState>{search ? t('staff.list.noMatch') : t('staff.list.empty')}</EmptyState>
        ) : (
          <>
            <ul className="divide-y divide-slate-100 lg:hidden">
              {page.rows.map((r) => (
                <li key={r.id} className="py-3" data-testid="staff-card">
                  <Link href={`/county/staff/${r.id}`} className="flex min-h-11 flex-col justify-center font-semibold text-blue-800 underline">
                    {r.realName}
                  </Link>
                  <p className="text-sm text-slate-700">
                    {t(`roles.${r.role}`)} · {phoneOf(r.phoneEnc)} · {r.active ? t('staff.active.yes') : t('staff.active.no')}
                  </p>
                  <p className="text-sm text-slate-600">{placeNames(r.places)}</p>
                </li>
              ))}
            </ul>
            <table className="hidden w-full text-left lg:table">
              <caption className="sr-only">{t('staff.list.title')}</caption>
              <thead className="border-b border-slate-200 text-sm text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-3">{t('staff.fields.name')}</th>
                  <th scope="col" className="py-2 pr-3">{t('staff.fields.phone')}</th>
                  <th scope="col" className="py-2 pr-3">{t('staff.fields.role')}</th>
                  <th scope="col" className="py-2 pr-3">{t('staff.fields.places')}</th>
                  <th scope="col" className="py-2">{t('staff.fields.active')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {page.rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row" className="py-2 pr-3 font-medium">
                      <Link href={`/county/staff/${r.id}`} className="text-blue-800 underline">
                        {r.realName}
                      </Link>
                    </th>
                    <td className="py-2 pr-3 font-mono">{phoneOf(r.phoneEnc)}</td>
                    <td className="py-2 pr-3">{t(`roles.${r.role}`)}</td>
                    <td className="py-2 pr-3">{placeNames(r.places)}</td>
                    <td className="py-2">{r.active ? t('staff.active.yes') : t('staff.active.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
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
