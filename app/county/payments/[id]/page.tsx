// One payment batch (issue 10 item 6): its reference, programme, status, count and total; the
// bank file (masked, or in full with a reason); the next step (mark sent, then the bank's
// answer); and its items in keyset pages (masked name and ID, account's last four, amount,
// status). Only a county-wide official reaches it; the use cases check again.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ChevronLeft } from 'lucide-react';
import { z } from 'zod';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { batchItemsPage, findBatch, BATCH_ITEMS_PAGE_SIZE } from '@/db/queries/payments';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { loose } from '@/lib/i18n/loose';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { columnViews, defineColumns, labelColumns } from '@/lib/ledger/columns';
import { toTableRows } from '@/lib/ledger/rows';
import { maskAccount } from '@/lib/payee';
import { can, isCountyWide } from '@/lib/permissions';
import { maskIdNumber, maskName } from '@/lib/pii';
import { openPii } from '@/lib/protect';
import { requireCapability } from '@/lib/session';
import { ClientMessages } from '@/components/client-messages';
import { DataTable } from '@/components/data-table/data-table';
import { dataTableLabels } from '@/components/data-table/labels';
import { inputClass } from '@/components/form';
import { Card, PageTitle, Stat, buttonClass, secondaryButtonClass } from '@/components/ui';
import { CloseBatchForm, MarkSentForm } from '../payment-forms';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('countyPayments.title') };
}

function maskedId(enc: string | null): string {
  if (!enc) return '—';
  try {
    return maskIdNumber(openPii(enc));
  } catch {
    return '—';
  }
}

export default async function PaymentBatchPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ after?: string }> }) {
  const { id } = await params;
  const user = await requireCapability('payment:manage', `/county/payments/${id}`);
  if (!isCountyWide(user) || !z.uuid().safeParse(id).success) notFound();
  const { after: rawAfter } = await searchParams;
  const after = rawAfter && z.uuid().safeParse(rawAfter).success ? rawAfter : null;
  const db = getDb();
  const batch = await findBatch({ db, batchId: id });
  if (!batch) notFound();
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getUiLocale()]);
  const items = await batchItemsPage({ db, batchId: id, after });
  const nextHref = items.length === BATCH_ITEMS_PAGE_SIZE ? `/county/payments/${id}?after=${items.at(-1)!.applicationId}` : null;
  const yuan = (n: number) => `¥${format.number(n)}`;
  const when = (d: Date | null) => (d ? format.dateTime(d, 'dateTime') : '');
  const rows = items.map((i) => ({ ...i, name: maskName(i.headName), idNumber: maskedId(i.headIdNumberEnc), account: i.last4 ? maskAccount(i.last4) : t('countyPayments.items.noAccount') }));
  // Masked above (no `pii` flag here, so nothing masks twice); the staff data table shows them as cards on phones, a table from 1024 px.
  const itemColumns = labelColumns(
    defineColumns<(typeof rows)[number]>([
      { id: 'reference', header: 'countyPayments.items.reference', type: 'text', value: (r) => r.reference },
      { id: 'name', header: 'countyPayments.items.name', type: 'text', value: (r) => r.name },
      { id: 'idNumber', header: 'countyPayments.items.idNumber', type: 'text', value: (r) => r.idNumber },
      { id: 'account', header: 'countyPayments.items.account', type: 'text', value: (r) => r.account },
      { id: 'amount', header: 'countyPayments.items.amount', type: 'yuan', value: (r) => r.amountYuan },
      { id: 'status', header: 'countyPayments.items.status', type: 'text', value: (r) => `${t(`countyPayments.itemStatus.${r.status}`)}${r.failureReason ? ` · ${r.failureReason}` : ''}` },
    ]),
    loose(t),
  );

  return (
    <ClientMessages pick={CLIENT_MESSAGES.countyPayments}>
      <div className="space-y-6">
        <Link href="/county/payments" className="inline-flex min-h-11 items-center gap-1 font-medium text-brand-700 underline">
          <ChevronLeft aria-hidden="true" className="h-5 w-5" />
          {t('countyPayments.detail.back')}
        </Link>
        <PageTitle lead={t(`programmes.${batch.programmeCode}.name`)}>{t('countyPayments.detail.title', { reference: batch.reference })}</PageTitle>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          <Stat label={t('countyPayments.batches.status')} value={<span data-batch-status={batch.status}>{t(`countyPayments.status.${batch.status}`)}</span>} />
          <Stat label={t('countyPayments.detail.count')} value={<span data-figure="items">{batch.itemCount}</span>} />
          <Stat label={t('countyPayments.detail.total')} value={yuan(batch.totalYuan)} />
        </div>
        <ul className="text-sm text-slate-700">
          <li>{t('countyPayments.detail.created', { date: when(batch.createdAt) })}</li>
          {batch.sentAt ? <li>{t('countyPayments.detail.sent', { date: when(batch.sentAt) })}</li> : null}
          {batch.closedAt ? <li>{t('countyPayments.detail.closed', { date: when(batch.closedAt) })}</li> : null}
        </ul>

        <div className="grid gap-6 lg:grid-cols-2">
          <Card title={t('countyPayments.export.title')}>
            <div className="space-y-4">
              <a href={`/county/payments/${id}/export`} className={secondaryButtonClass} download>
                {t('countyPayments.export.masked')}
              </a>
              {can(user.role, 'pii:reveal') ? (
                <form method="post" action={`/county/payments/${id}/export`} className="space-y-3 rounded-lg border border-slate-200 p-3">
                  <p className="text-sm text-slate-700">{t('countyPayments.export.revealLead')}</p>
                  <label className="block">
                    <span className="mb-1 block font-medium">{t('countyPayments.export.reason')}</span>
                    <input name="reason" required minLength={4} maxLength={200} autoComplete="off" className={inputClass} />
                  </label>
                  <button type="submit" className={buttonClass}>
                    {t('countyPayments.export.full')}
                  </button>
                </form>
              ) : null}
            </div>
          </Card>
          {batch.status === 'draft' ? (
            <Card title={t('countyPayments.send.submit')}>
              <MarkSentForm batchId={batch.id} version={batch.version} />
            </Card>
          ) : batch.status === 'sent' ? (
            <Card title={t('countyPayments.close.title')}>
              <CloseBatchForm batchId={batch.id} version={batch.version} items={rows.filter((r) => r.status === 'pending').map((r) => ({ applicationId: r.applicationId, reference: r.reference, name: r.name }))} />
            </Card>
          ) : null}
        </div>

        {/* The card's title names the table: no caption showing the same word under it. */}
        <Card title={t('countyPayments.items.title')} titleId="items-title">
          <DataTable
            labelledBy="items-title"
            columns={columnViews(itemColumns)}
            rows={toTableRows(itemColumns, rows, { rowId: (r) => r.applicationId })}
            locale={locale}
            labels={dataTableLabels(t)}
            empty={t('countyPayments.items.none')}
            sortMode="local"
          />
          <p className="mt-4 flex flex-wrap gap-3">
            {after ? (
              <Link href={`/county/payments/${id}`} className={secondaryButtonClass}>
                {t('countyPayments.items.first')}
              </Link>
            ) : null}
            {nextHref ? (
              <Link href={nextHref} className={secondaryButtonClass}>
                {t('countyPayments.items.next')}
              </Link>
            ) : null}
          </p>
        </Card>
      </div>
    </ClientMessages>
  );
}
