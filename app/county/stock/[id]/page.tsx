// One distribution point (issue 10 item 5): its levels, the delivery and correction forms, its
// details (edit, close / reopen), and its movement ledger, newest first, in keyset pages (who,
// what, how much, the case where there is one). A point outside the official's places is not found.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { findStockPointInScope, stockLedgerPage } from '@/db/queries/stock';
import { assignablePlaces } from '@/db/queries/staff-admin';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { requireCapability } from '@/lib/session';
import { ClientMessages } from '@/components/client-messages';
import { Card, EmptyState, PageTitle } from '@/components/ui';
import { LedgerExport } from '@/components/ledger/ledger-export';
import { Levels } from '../levels';
import { CorrectForm, PointForm, ReceiveForm } from '../stock-forms';
import { pointPlaceOptions } from '../places';

const ID = /^\d{1,9}$/;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('countyStock.ledger.title') };
}

export default async function StockPointPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ before?: string }> }) {
  const { id } = await params;
  const user = await requireCapability('stock:manage', `/county/stock/${id}`);
  if (!ID.test(id)) notFound();
  const db = getDb();
  const point = await findStockPointInScope({ db, actor: user, pointId: Number(id) });
  if (!point) notFound();
  const sp = await searchParams;
  const before = sp.before && /^\d{1,18}$/.test(sp.before) ? Number(sp.before) : null;
  const [t, locale, format, places, ledger] = await Promise.all([getTranslations(), getUiLocale(), getFormatter(), assignablePlaces({ db, actor: user }), stockLedgerPage({ db, pointId: point.id, before })]);
  const name = locale === 'en' ? point.nameEn : point.name;
  const tonnes = (kg: number) => t('countyStock.tonnes', { n: format.number(kg / 1000, 'plain') });
  const signed = (kg: number) => (kg > 0 ? `+${tonnes(kg)}` : tonnes(kg));
  return (
    <div className="space-y-6">
      <p>
        <Link href="/county/stock" className="inline-flex min-h-11 items-center text-blue-800 underline">
          {t('countyStock.back')}
        </Link>
      </p>
      <PageTitle lead={`${locale === 'en' ? point.placeNameEn : point.placeName}${point.address ? ` · ${point.address}` : ''}`}>{name}</PageTitle>
      {point.active ? null : <p className="rounded-lg border-l-4 border-amber-600 bg-amber-50 p-4 text-amber-950">{t('countyStock.point.closedNotice')}</p>}
      <Card title={t('countyStock.levelsTitle')}>
        <Levels levels={point.levels} pointId={point.id} />
      </Card>
      <ClientMessages pick={CLIENT_MESSAGES.countyStock}>
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title={t('countyStock.receive.title')}>
            <ReceiveForm pointId={point.id} />
          </Card>
          <Card title={t('countyStock.correct.title')}>
            <p className="mb-3 text-slate-700">{t('countyStock.correct.lead')}</p>
            <CorrectForm pointId={point.id} />
          </Card>
        </div>
        <Card title={t('countyStock.point.editTitle')} className="mt-6">
          <PointForm places={pointPlaceOptions(places, locale)} point={{ id: point.id, name: point.name, nameEn: point.nameEn, placeId: point.placeId, address: point.address, active: point.active }} />
        </Card>
      </ClientMessages>
      <Card title={t('countyStock.ledger.title')}>
        {/* Movements and staff names only: nothing to reveal. */}
        <div className="mb-3">
          <LedgerExport links={(['xlsx', 'csv'] as const).map((f) => ({ format: f, href: `/county/stock/${point.id}/export/${f}`, label: t(`countyStock.export.${f}`) }))} />
        </div>
        {ledger.rows.length === 0 ? (
          <EmptyState>{t('countyStock.ledger.empty')}</EmptyState>
        ) : (
          <ol className="divide-y divide-slate-200" aria-label={t('countyStock.ledger.title')}>
            {ledger.rows.map((m) => (
              <li key={m.id} className="py-3">
                <p className="font-medium text-slate-900">
                  {t(`countyStock.kind.${m.kind}`)} · {t(`countyStock.material.${m.material}`)} ·{' '}
                  {m.kind === 'reserve' || m.kind === 'release' ? signed(m.availableDeltaKg) : signed(m.onHandDeltaKg)}
                </p>
                <p className="text-sm text-slate-700">
                  {format.dateTime(m.at, 'dateTime')} · {m.actorName ?? t('countyStock.ledger.system')}
                  {m.reference ? (
                    <>
                      {' · '}
                      <Link href={`/county/cases/${m.applicationId}`} className="text-blue-800 underline">
                        {m.reference}
                      </Link>
                    </>
                  ) : null}
                </p>
                {m.note ? <p className="text-sm text-slate-700">{m.note}</p> : null}
              </li>
            ))}
          </ol>
        )}
        <p className="mt-4 flex flex-wrap gap-4">
          {before ? (
            <Link href={`/county/stock/${point.id}`} className="inline-flex min-h-11 items-center text-blue-800 underline">
              {t('countyStock.ledger.newest')}
            </Link>
          ) : null}
          {ledger.next ? (
            <Link href={`/county/stock/${point.id}?before=${ledger.next}`} className="inline-flex min-h-11 items-center text-blue-800 underline">
              {t('countyStock.ledger.older')}
            </Link>
          ) : null}
        </p>
      </Card>
    </div>
  );
}
