// The official's distribution points (issue 10 item 5): every point inside their places (a
// county-wide official: all), with on hand, reserved, available and issued per material, a
// link to each point's ledger and forms, and a form to open a new point.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { stockPointsInScope } from '@/db/queries/stock';
import { assignablePlaces } from '@/db/queries/staff-admin';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { requireCapability } from '@/lib/session';
import { ClientMessages } from '@/components/client-messages';
import { Card, EmptyState, PageTitle } from '@/components/ui';
import { Levels } from './levels';
import { PointForm } from './stock-forms';
import { pointPlaceOptions } from './places';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('countyStock.title') };
}

export default async function StockPage() {
  const user = await requireCapability('stock:manage', '/county/stock');
  const db = getDb();
  const [t, locale, points, places] = await Promise.all([getTranslations(), getUiLocale(), stockPointsInScope({ db, actor: user }), assignablePlaces({ db, actor: user })]);
  return (
    <div className="space-y-6">
      <PageTitle lead={t('countyStock.lead')}>{t('countyStock.title')}</PageTitle>
      {points.length === 0 ? <EmptyState>{t('countyStock.empty')}</EmptyState> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        {points.map((p) => (
          <Card
            key={p.id}
            title={
              <Link href={`/county/stock/${p.id}`} className="inline-flex min-h-11 items-center text-blue-800 underline">
                {locale === 'en' ? p.nameEn : p.name}
              </Link>
            }
            action={p.active ? null : <span className="rounded-full bg-slate-200 px-3 py-1 text-sm font-medium text-slate-800">{t('countyStock.point.closed')}</span>}
          >
            <p className="mb-3 text-slate-700">
              {locale === 'en' ? p.placeNameEn : p.placeName}
              {p.address ? ` · ${p.address}` : ''}
            </p>
            <Levels levels={p.levels} pointId={p.id} />
          </Card>
        ))}
      </div>
      <Card title={t('countyStock.point.newTitle')}>
        <ClientMessages pick={CLIENT_MESSAGES.countyStock}>
          <PointForm places={pointPlaceOptions(places, locale)} />
        </ClientMessages>
      </Card>
    </div>
  );
}
