import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { findWaiverList, waiverItemsPage, type WaiverItemRow } from '@/db/queries/waivers';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { can, isCountyWide } from '@/lib/permissions';
import { maskName, maskPhone } from '@/lib/pii';
import { openPii } from '@/lib/protect';
import { requireCapability } from '@/lib/session';
import { cstDate } from '@/lib/time';
import type { ApplicationStatus } from '@/lib/domain';
import { ClientMessages } from '@/components/client-messages';
import { CaseStatusBadge } from '@/components/status-badge';
import { Card, EmptyState, PageTitle, secondaryButtonClass } from '@/components/ui';
import { LedgerExport } from '@/components/ledger/ledger-export';
import { CardTable, cardTable } from '@/components/card-table';
import { CancelListForm, ConfirmListForm } from '../waiver-forms';
import { UUID_TEXT } from '@/lib/validators';

/** References are ZZ-2026-000123: anything else in the cursor is ignored. */
const REFERENCE = /^[A-Z]{2}-\d{4}-\d{6,}$/;
const PAGE = 50;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('countyWaivers.title') };
}

function phoneOf(enc: string | null): string {
  if (!enc) return '—';
  try {
    return maskPhone(openPii(enc));
  } catch {
    return '—';
  }
}

/** One list: what it is, its file, the company's confirmation or cancellation, and its households in keyset pages. */
export default async function WaiverListPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ after?: string }> }) {
  const { id } = await params;
  const user = await requireCapability('waiver:manage', `/county/waivers/${id}`);
  if (!isCountyWide(user)) forbidden();
  if (!UUID_TEXT.test(id)) notFound();
  const db = getDb();
  const list = await findWaiverList({ db, id });
  if (!list) notFound();
  const { after: rawAfter } = await searchParams;
  const after = rawAfter && REFERENCE.test(rawAfter) ? rawAfter : null;
  const [t, format, locale, rows] = await Promise.all([getTranslations(), getFormatter(), getUiLocale(), waiverItemsPage({ db, listId: list.id, after, limit: PAGE + 1 })]);
  const shown = rows.slice(0, PAGE);
  const next = rows.length > PAGE ? shown[shown.length - 1]!.reference : null;
  const company = locale === 'en' && list.companyNameEn ? list.companyNameEn : list.companyName;
  const home = (r: WaiverItemRow) => (r.building ? t('countyWaivers.items.home', { building: r.building, unit: r.unitNo ?? '—', floor: r.floor ?? '—' }) : '');

  return (
    <div className="space-y-6">
      <p>
        <Link href="/county/waivers" className="inline-flex min-h-11 items-center text-blue-800 underline">
          {t('countyWaivers.back')}
        </Link>
      </p>
      <PageTitle>{t('countyWaivers.list.title', { reference: list.reference })}</PageTitle>
      <Card>
        <dl className="grid gap-3 sm:grid-cols-2">
          <div>
            <dt className="text-sm text-slate-600">{t('countyWaivers.list.company')}</dt>
            <dd className="font-semibold">{company}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t('countyWaivers.list.programme')}</dt>
            <dd>{t(`programmes.${list.programmeCode}.name`)}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t('countyWaivers.list.status')}</dt>
            <dd data-testid="waiver-list-status">{t(`countyWaivers.status.${list.status}`)}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t('countyWaivers.list.count')}</dt>
            <dd>{list.itemCount}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t('countyWaivers.list.created')}</dt>
            <dd>{format.dateTime(list.createdAt, 'date')}</dd>
          </div>
          {list.confirmedAt ? (
            <div>
              <dt className="text-sm text-slate-600">{t('countyWaivers.list.confirmedAt')}</dt>
              <dd>{format.dateTime(list.confirmedAt, 'date')}</dd>
            </div>
          ) : null}
          {list.confirmationNote ? (
            <div className="sm:col-span-2">
              <dt className="text-sm text-slate-600">{t('countyWaivers.list.note')}</dt>
              <dd className="whitespace-pre-wrap">{list.confirmationNote}</dd>
            </div>
          ) : null}
        </dl>
      </Card>
      <Card title={t('countyWaivers.list.download')}>
        <p className="mb-3 text-slate-700">{t('countyWaivers.list.masked')}</p>
        <LedgerExport
          links={[
            { format: 'xlsx', href: `/county/waivers/${list.id}/export/xlsx`, label: t('countyWaivers.list.xlsx') },
            { format: 'csv', href: `/county/waivers/${list.id}/export/csv`, label: t('countyWaivers.list.csv') },
          ]}
          canReveal={can(user.role, 'pii:reveal')}
        />
      </Card>
      {list.status === 'exported' ? (
        <ClientMessages pick={CLIENT_MESSAGES.countyWaivers}>
          <div className="grid gap-6 lg:grid-cols-2">
            <Card title={t('countyWaivers.confirm.title')}>
              <ConfirmListForm listId={list.id} version={list.version} today={cstDate(new Date())} />
            </Card>
            <Card title={t('countyWaivers.cancel.title')}>
              <CancelListForm listId={list.id} version={list.version} />
            </Card>
          </div>
        </ClientMessages>
      ) : null}
      <Card title={t('countyWaivers.items.title')} titleId="items-title">
        {shown.length === 0 ? (
          <EmptyState>{t('countyWaivers.items.empty')}</EmptyState>
        ) : (
          // One markup for every width (components/card-table.tsx): below 1024 px a card per
          // household, its reference and the case's state on the top line, then place, address,
          // head and phone; from 1024 px a table, named by the card's title.
          <CardTable
            labelledBy="items-title"
            columns={[t('countyWaivers.items.reference'), t('countyWaivers.items.place'), t('countyWaivers.items.address'), t('countyWaivers.items.head'), t('countyWaivers.items.phone'), t('countyWaivers.items.caseStatus')]}
          >
            {shown.map((r) => (
              <tr key={r.applicationId} className={cardTable.row} data-testid="waiver-item">
                <th scope="row" className={`font-mono font-semibold lg:font-medium ${cardTable.first}`}>
                  {r.reference}
                </th>
                <td className={`break-words ${cardTable.line}`}>{r.placeName}</td>
                <td className={`break-words ${cardTable.line}`}>
                  {r.addressDetail} {home(r)}
                </td>
                <td className={`max-lg:text-sm max-lg:text-slate-700 ${cardTable.line}`}>{maskName(r.headName)}</td>
                <td className={`font-mono max-lg:text-sm max-lg:text-slate-700 ${cardTable.line}`}>{phoneOf(r.headPhoneEnc)}</td>
                <td className={cardTable.first}>
                  <CaseStatusBadge status={r.status as ApplicationStatus} word={(s) => t(`status.${s}`)} />
                </td>
              </tr>
            ))}
          </CardTable>
        )}
        {next ? (
          <p className="mt-4">
            <Link href={`/county/waivers/${list.id}?${new URLSearchParams({ after: next })}`} className={secondaryButtonClass}>
              {t('countyWaivers.items.more')}
            </Link>
          </p>
        ) : null}
      </Card>
    </div>
  );
}
