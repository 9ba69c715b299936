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
import { loose } from '@/lib/i18n/loose';
import { columnViews, defineColumns, labelColumns } from '@/lib/ledger/columns';
import { toTableRows } from '@/lib/ledger/rows';
import type { PaymentBatch } from '@/db/schema';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { CASH_PROGRAMMES } from '@/lib/payee';
import { can, isCountyWide } from '@/lib/permissions';
import { requireCapability } from '@/lib/session';
import { ClientMessages } from '@/components/client-messages';
import { Card, PageTitle, Stat, secondaryButtonClass } from '@/components/ui';
import { DataTable } from '@/components/data-table/data-table';
import { dataTableLabels } from '@/components/data-table/labels';
import { LedgerExport } from '@/components/ledger/ledger-export';
import { BuildBatchForm } from './payment-forms';
import { UUID_TEXT } from '@/lib/validators';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('countyPayments.title') };
}

/** `before` = "<created at ISO>_<id>" of the last batch shown. */
function parseBefore(raw: string | undefined): { createdAt: Date; id: string } | null {
  const m = raw ? /^(.+)_([0-9a-f-]{36})$/i.exec(raw) : null;
  if (!m || !UUID_TEXT.test(m[2]!)) return null;
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
  // The batches as the staff data table shows them (cards on phones, a table from 1024 px), each opening its batch.
  const batchColumns = labelColumns(
    defineColumns<PaymentBatch>([
      { id: 'reference', header: 'countyPayments.batches.reference', type: 'text', value: (b) => b.reference },
      { id: 'programme', header: 'countyPayments.batches.programme', type: 'text', value: (b) => t(`programmes.${b.programmeCode}.name`) },
      { id: 'status', header: 'countyPayments.batches.status', type: 'text', value: (b) => t(`countyPayments.status.${b.status}`) },
      { id: 'count', header: 'countyPayments.batches.count', type: 'number', value: (b) => b.itemCount },
      { id: 'total', header: 'countyPayments.batches.total', type: 'yuan', value: (b) => b.totalYuan },
      { id: 'created', header: 'countyPayments.batches.created', type: 'datetime', value: (b) => b.createdAt },
    ]),
    loose(t),
  );
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

        {/* The card's title names the table: no caption showing the same word under it. */}
        <Card title={t('countyPayments.batches.title')} titleId="batches-title">
          <DataTable
            labelledBy="batches-title"
            columns={columnViews(batchColumns)}
            rows={toTableRows(batchColumns, batches, { rowId: (b) => b.id, href: (b) => `/county/payments/${b.id}` })}
            locale={locale}
            labels={dataTableLabels(t)}
            empty={t('countyPayments.batches.none')}
            sortMode="local"
          />
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
