import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { decisionQueue } from '@/db/queries/cases';
import {getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { loose } from '@/lib/i18n/loose';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { can } from '@/lib/permissions';
import { requireCapability } from '@/lib/session';
import { lastDayOf } from '@/lib/time';
import { Card, EmptyState, PageTitle } from '@/components/ui';
import { LedgerExport } from '@/components/ledger/ledger-export';
import { ClientMessages } from '@/components/client-messages';
import { StatusBadge } from '@/components/status-badge';
import { entitlementLines } from '@/components/eligibility';
import { BatchApproveForm, type BatchRow } from '@/components/cases/case-forms';
import { approveBatchAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('cases.decisions.title') };
}

export default async function DecisionsPage() {
  const user = await requireCapability('application:decide', '/county/decisions');
  const [t, locale, format] = await Promise.all([getTranslations(), getUiLocale(), getFormatter()]);
  const queue = await decisionQueue({ db: getDb(), scopePaths: user.placePaths });
  const count = (g: string) => queue.filter((q) => q.group === g).length;

  const rows: BatchRow[] = queue.map((q) => ({
    id: q.id,
    version: q.version,
    reference: q.reference,
    href: `/county/cases/${q.id}`,
    household: `${q.maskedHeadName} · ${locale === 'en' ? q.placeNameEn : q.placeName}`,
    programme: t(`programmes.${q.programmeCode}.name`),
    statusLabel: <StatusBadge status={q.status} label={t(`status.${q.status}`)} />,
    detail: [
      ...entitlementLines(loose(t), (n) => format.number(n, 'plain'), q.entitlement).slice(0, 2),
      q.group === 'notice_over' && q.noticeEndsAt ? t('cases.decisions.noticeEnded', { date: format.dateTime(lastDayOf(q.noticeEndsAt), 'date') }) : null,
    ]
      .filter(Boolean)
      .join('；'),
    approvable: q.approvable,
    note: q.upheldObjections > 0 ? t('workflow.refusals.objection_upheld') : undefined,
  }));

  return (
    <div className="space-y-6">
      <p>
        <Link href="/county" className="inline-flex min-h-11 items-center text-brand-700 underline">
          {t('cases.decisions.back')}
        </Link>
      </p>
      <PageTitle lead={t('cases.decisions.lead')}>{t('cases.decisions.title')}</PageTitle>
      <LedgerExport links={(['xlsx', 'csv'] as const).map((f) => ({ format: f, href: `/county/decisions/export/${f}`, label: t(`countyDecisionsLedger.${f}`) }))} canReveal={can(user.role, 'pii:reveal')} />
      <ul className="flex flex-wrap gap-3 text-slate-800">
        <li className="rounded-lg border border-slate-200 bg-white px-3 py-2">{t('cases.decisions.groups.recommended', { count: count('recommended') })}</li>
        <li className="rounded-lg border border-slate-200 bg-white px-3 py-2">{t('cases.decisions.groups.notice_over', { count: count('notice_over') })}</li>
        <li className="rounded-lg border border-slate-200 bg-white px-3 py-2">{t('cases.decisions.groups.appealed', { count: count('appealed') })}</li>
      </ul>
      <Card title={t('cases.decisions.queue')}>
        {rows.length === 0 ? (
          <EmptyState>{t('cases.decisions.empty')}</EmptyState>
        ) : (
          <ClientMessages pick={CLIENT_MESSAGES.caseForms}>
            <BatchApproveForm action={approveBatchAction} rows={rows} caption={t('cases.decisions.queue')} />
          </ClientMessages>
        )}
      </Card>
    </div>
  );
}
