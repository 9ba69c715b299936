// Problems I reported (群众诉求): the resident's grievances, newest first, each with its status
// (word + icon + colour) and its time limit or overdue flag; a button to report a new one.
import type { Metadata } from 'next';
import Link from 'next/link';
import { ChevronRight, Plus } from 'lucide-react';
import { getDb } from '@/db/client';
import { residentGrievances } from '@/db/queries/grievances';
import { grievanceLimitsByCategory } from '@/db/queries/programme-settings';
import {getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { sharedGrievanceLimits } from '@/lib/grievances';
import { requireRole } from '@/lib/session';
import { EmptyState, PageTitle, buttonClass } from '@/components/ui';
import { StatusBadge } from '@/components/status-badge';
import { DeadlineChip } from '@/components/grievances/deadline-chip';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('grievances.title') };
}

export default async function MyGrievancesPage() {
  const user = await requireRole('resident', '/resident/grievances');
  const [t, locale, format] = await Promise.all([getTranslations(), getUiLocale(), getFormatter()]);
  const [rows, limits] = await Promise.all([residentGrievances({ db: getDb(), userId: user.id }), grievanceLimitsByCategory({ db: getDb() })]);
  const now = new Date();
  // The days only when every kind of problem has the same limits; otherwise each problem's own dates say it.
  const shared = sharedGrievanceLimits(limits);
  const lead = shared ? t('grievances.lead', { respondDays: shared.respondDays, resolveDays: shared.resolveDays }) : t('grievances.leadPerKind');

  return (
    <div className="space-y-6">
      <PageTitle lead={lead}>{t('grievances.title')}</PageTitle>
      <Link href="/resident/grievances/new" className={`${buttonClass} w-full sm:w-auto`}>
        <Plus aria-hidden="true" className="h-5 w-5" />
        {t('grievances.new')}
      </Link>
      {rows.length === 0 ? (
        <EmptyState href="/resident/grievances/new" cta={t('grievances.emptyCta')}>
          {t('grievances.empty')}
        </EmptyState>
      ) : (
        <ul aria-label={t('grievances.listLabel')} className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white">
          {rows.map((g) => (
            <li key={g.id}>
              <Link href={`/resident/grievances/${g.id}`} className="flex min-h-11 items-center gap-3 p-4 hover:bg-slate-50">
                <span className="min-w-0 flex-1 space-y-1">
                  <span className="block font-semibold text-slate-900">
                    {t(`grievances.category.${g.category}`)} · {locale === 'en' ? g.placeNameEn : g.placeName}
                  </span>
                  <span className="block truncate text-slate-700">{g.description}</span>
                  <span className="block text-sm text-slate-600">{t('grievances.meta', { reference: g.reference, date: format.dateTime(g.createdAt, 'date') })}</span>
                  <span className="flex flex-wrap gap-2">
                    <StatusBadge kind="grievance" status={g.status} label={t(`grievances.status.${g.status}`)} />
                    <DeadlineChip g={g} now={now} limits={limits[g.category]} />
                  </span>
                </span>
                <ChevronRight aria-hidden="true" className="h-5 w-5 shrink-0 text-slate-500" />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
