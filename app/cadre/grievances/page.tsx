// Grievances in the cadre's places: the ones to deal with first (overdue ones on top, flagged
// in words and with an icon), then the most recently finished ones.
import type { Metadata } from 'next';
import Link from 'next/link';
import { ChevronRight } from 'lucide-react';
import { getDb } from '@/db/client';
import { placeGrievances } from '@/db/queries/grievances';
import {getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { maskName } from '@/lib/pii';
import { requireCapability } from '@/lib/session';
import { Card, EmptyState, PageTitle } from '@/components/ui';
import { StatusBadge } from '@/components/status-badge';
import { DeadlineChip } from '@/components/grievances/deadline-chip';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('cadreGrievances.title') };
}

export default async function CadreGrievancesPage() {
  const user = await requireCapability('grievance:handle', '/cadre/grievances');
  const [t, locale, format] = await Promise.all([getTranslations(), getUiLocale(), getFormatter()]);
  const now = new Date();
  const { active, done } = await placeGrievances({ db: getDb(), scopePaths: user.placePaths, now });
  type Row = (typeof active)[number];

  const list = (rows: Row[], label: string) => (
    <ul aria-label={label} className="divide-y divide-slate-200">
      {rows.map((g) => (
        <li key={g.id} data-overdue={g.overdue ? 'true' : undefined}>
          <Link href={`/cadre/grievances/${g.id}`} className={`flex min-h-11 items-center gap-3 py-3 hover:bg-slate-50 ${g.overdue ? 'border-l-4 border-red-700 pl-3' : ''}`}>
            <span className="min-w-0 flex-1 space-y-1">
              <span className="block font-semibold text-slate-900">
                {t(`grievances.category.${g.category}`)} · {locale === 'en' ? g.placeNameEn : g.placeName}
              </span>
              <span className="block truncate text-slate-700">{g.description}</span>
              <span className="block text-sm text-slate-600">
                {t('grievances.meta', { reference: g.reference, date: format.dateTime(g.createdAt, 'date') })}
                {g.householdHeadName ? ` · ${t('cadreGrievances.who', { name: maskName(g.householdHeadName) })}` : ''}
              </span>
              <span className="flex flex-wrap gap-2">
                <StatusBadge kind="grievance" status={g.status} label={t(`cadreGrievances.status.${g.status}`)} />
                <DeadlineChip g={g} now={now} />
                {g.rating ? <span className="text-sm text-slate-700">{t('cadreGrievances.rating', { rating: g.rating })}</span> : null}
              </span>
            </span>
            <ChevronRight aria-hidden="true" className="h-5 w-5 shrink-0 text-slate-500" />
          </Link>
        </li>
      ))}
    </ul>
  );

  return (
    <div className="space-y-6">
      <PageTitle lead={t('cadreGrievances.lead')}>{t('cadreGrievances.title')}</PageTitle>
      <Card title={t('cadreGrievances.active', { count: active.length })}>{active.length === 0 ? <EmptyState>{t('cadreGrievances.emptyActive')}</EmptyState> : list(active, t('cadreGrievances.active', { count: active.length }))}</Card>
      <Card title={t('cadreGrievances.done')}>{done.length === 0 ? <EmptyState>{t('cadreGrievances.emptyDone')}</EmptyState> : list(done, t('cadreGrievances.done'))}</Card>
    </div>
  );
}
