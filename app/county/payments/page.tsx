// The county's payments (issue 10 item 6): per cash programme, how many approved cases await
// payment, how many of them cannot be paid for want of an account (and where those households
// live, so cadres can collect the numbers), a button that builds a batch, and the batches so far
// in keyset pages. Only a county-wide official builds; others see the figures and the refusal.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { awaitingPayment, listBatches, placesMissingAccounts } from '@/db/queries/payments';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { CASH_PROGRAMMES } from '@/lib/payee';
import { can, isCountyWide } from '@/lib/permissions';
import { requireCapability } from '@/lib/session';
import { ClientMessages } from '@/components/client-messages';
import { Card, EmptyState, PageTitle, Stat, secondaryButtonClass } from '@/components/ui';
import { LedgerExport } from '@/components/ledger/ledger-export';
import { BuildBatchForm } from './payment-forms';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('countyPayments.title') };
}

/** `before` = "<created at ISO>_<id>" of the last batch shown. */
function parseBefore(raw: string | undefined): { createdAt: Date; id: string } | null {
  const m = raw ? /^(.+)_([0-9a-f-]{36})$/i.exec(raw) : null;
  if (!m) return null;
  const createdAt = new Date(m[1]!);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id: m[2]! };
}

export default async function PaymentsPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const user = await requireCapability('payment:manage', '/county/payments');
  const countyWide = isCountyWide(user);
  const { before } = await searchParams;
  const db = getDb();
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getUiLocale()]);
  if (!countyWide) {
    return (
      <div className="space-y-6">
        <PageTitle lead={t('countyPayments.lead')}>{t('countyPayments.title')}</PageTitle>
        <p className="rounded-lg bg-amber-50 p-4 text-amber-900">{t('countyPayments.notCountyWide')}</p>
      </div>
    );
  }
  const cursor = parseBefore(before);
  const [awaiting, batches, missing] = await Promise.all([
    awaitingPayment({ db }),
    listBatches({ db, before: cursor }),
    Promise.all(CASH_PROGRAMMES.map((code) => placesMissingAccounts({ db, programmeCode: code, limit: 20 }))),
  ]);
  const yuan = (n: number) => `¥${format.number(n)}`;
  const last = batches.at(-1);
  const olderHref = last && batches.length >= 30 ? `/county/payments?before=${encodeURIComponent(`${last.createdAt.toISOString()}_${last.id}`)}` : null;

  return (
    <ClientMessages pick={CLIENT_MESSAGES.countyPayments}>
      <div className="space-y-6">
        <PageTitle lead={t('countyPayments.lead')}>{t('countyPayments.title')}</PageTitle>
        <LedgerExport links={(['xlsx', 'csv'] as const).map((f) => ({ format: f, href: `/county/payments/ledger/${f}`, label: t(`countyPaymentsLedger.${f}`) }))} canReveal={can(user.role, 'pii:reveal')} />
        {cursor ? null : (
          <div className="grid gap-6 lg:grid-cols-2">
            {CASH_PROGRAMMES.map((code, i) => {
              const a = awaiting.find((x) => x.programmeCode === code);
              const places = missing[i] ?? [];
              return (
                <Card key={code} title={t(`programmes.${code}.name`)}>
                  <div className="space-y-4" data-programme={code}>
                    {a ? (
                      <>
                        <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
                          <Stat label={t('countyPayments.awaiting.cases')} value={<span data-figure="cases">{a.cases}</span>} />
                          <Stat label={t('countyPayments.awaiting.amount')} value={yuan(a.amountYuan)} />
                          <Stat label={t('countyPayments.awaiting.withoutAccount')} value={<span data-figure="withoutAccount">{a.withoutAccount}</span>} />
                        </div>
                        {places.length > 0 ? (
                          <div>
                            <h3 className="font-semibold text-slate-900">{t('countyPayments.missing.title')}</h3>
                            <p className="text-sm text-slate-700">{t('countyPayments.missing.lead')}</p>
                            <ul className="mt-2 space-y-1">
                              {places.map((p) => (
                                <li key={p.placeId}>{t('countyPayments.missing.item', { place: locale === 'en' ? p.nameEn : p.name, count: p.households })}</li>
                              ))}
                            </ul>
                          </div>
                        ) : null}
                      </>
                    ) : (
                      <p className="text-slate-700">{t('countyPayments.awaiting.none')}</p>
                    )}
                    {/* Always in the same place, so its answer stays on screen after the figures above change. */}
                    <BuildBatchForm programme={code} />
                  </div>
                </Card>
              );
            })}
          </div>
        )}

        <Card title={t('countyPayments.batches.title')}>
          {batches.length === 0 ? (
            <EmptyState>{t('countyPayments.batches.none')}</EmptyState>
          ) : (
            <>
              <ul className="divide-y divide-slate-100 lg:hidden">
                {batches.map((b) => (
                  <li key={b.id} className="py-3">
                    <Link href={`/county/payments/${b.id}`} className="flex min-h-11 items-center font-semibold text-brand-700 underline">
                      {b.reference}
                    </Link>
                    <p className="text-sm text-slate-700">
                      {t(`programmes.${b.programmeCode}.name`)} · {t(`countyPayments.status.${b.status}`)}
                    </p>
                    <p className="text-sm text-slate-700">
                      {b.itemCount} · {yuan(b.totalYuan)} · {format.dateTime(b.createdAt, 'dateTime')}
                    </p>
                  </li>
                ))}
              </ul>
              <table className="hidden w-full text-left lg:table">
                <caption className="sr-only">{t('countyPayments.batches.title')}</caption>
                <thead className="border-b border-slate-200 text-sm text-slate-600">
                  <tr>
                    <th scope="col" className="py-2 pr-3">{t('countyPayments.batches.reference')}</th>
                    <th scope="col" className="py-2 pr-3">{t('countyPayments.batches.programme')}</th>
                    <th scope="col" className="py-2 pr-3">{t('countyPayments.batches.status')}</th>
                    <th scope="col" className="py-2 pr-3 text-right">{t('countyPayments.batches.count')}</th>
                    <th scope="col" className="py-2 pr-3 text-right">{t('countyPayments.batches.total')}</th>
                    <th scope="col" className="py-2">{t('countyPayments.batches.created')}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {batches.map((b) => (
                    <tr key={b.id}>
                      <th scope="row" className="py-2 pr-3 font-medium">
                        <Link href={`/county/payments/${b.id}`} className="text-brand-700 underline">
                          {b.reference}
                        </Link>
                      </th>
                      <td className="py-2 pr-3">{t(`programmes.${b.programmeCode}.name`)}</td>
                      <td className="py-2 pr-3">{t(`countyPayments.status.${b.status}`)}</td>
                      <td className="py-2 pr-3 text-right">{b.itemCount}</td>
                      <td className="py-2 pr-3 text-right">{yuan(b.totalYuan)}</td>
                      <td className="py-2">{format.dateTime(b.createdAt, 'dateTime')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {olderHref ? (
            <p className="mt-4">
              <Link href={olderHref} className={secondaryButtonClass}>
                {t('countyPayments.batches.older')}
              </Link>
            </p>
          ) : null}
        </Card>
      </div>
    </ClientMessages>
  );
}
