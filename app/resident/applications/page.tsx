// My applications: every application of the resident's own household, newest change first,
// with its status (word + icon + colour), programme, reference and last change.
import type { Metadata } from 'next';
import Link from 'next/link';
import { ChevronRight } from 'lucide-react';
import { getDb } from '@/db/client';
import { residentApplications, residentHousehold } from '@/db/queries/resident-applications';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/session';
import { EmptyState, PageTitle, buttonClass } from '@/components/ui';
import { CaseStatusBadge } from '@/components/status-badge';
import { NoHouseholdYet } from '@/app/resident/_components/no-household';
import { voucherLapsed } from '@/lib/pickup-window';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('track.list.title') };
}

export default async function MyApplicationsPage() {
  const user = await requireRole('resident', '/resident/applications');
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  const db = getDb();
  const hh = await residentHousehold({ db, userId: user.id });
  if (!hh) {
    return (
      <div className="space-y-6">
        <PageTitle>{t('track.list.title')}</PageTitle>
        <NoHouseholdYet />
      </div>
    );
  }
  const apps = await residentApplications({ db, householdId: hh.id });
  const now = new Date();
  return (
    <div className="space-y-6">
      <PageTitle lead={t('track.list.lead')}>{t('track.list.title')}</PageTitle>
      {apps.length === 0 ? (
        <EmptyState href="/resident/benefits" cta={t('track.list.emptyCta')}>
          {t('track.list.empty')}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white">
          {apps.map((a) => (
            <li key={a.id}>
              <Link href={`/resident/applications/${a.id}`} className="flex min-h-11 items-center gap-3 p-4 hover:bg-slate-50">
                <span className="min-w-0 flex-1 space-y-1">
                  <span className="block font-semibold text-slate-900">{t(`programmes.${a.programmeCode}.name`)}</span>
                  <span className="block text-sm text-slate-600">
                    {t('track.list.meta', { reference: a.reference, date: format.dateTime(a.updatedAt, 'date') })}
                  </span>
                  {a.status === 'returned' ? <span className="block text-sm font-medium text-amber-900">{t('track.list.returnedHint')}</span> : null}
                  <CaseStatusBadge status={a.status} closing={a.closing} lapsed={voucherLapsed(a, now)} word={(s) => t(`status.${s}`)} />
                </span>
                <ChevronRight aria-hidden="true" className="h-5 w-5 shrink-0 text-slate-500" />
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Link href="/resident/benefits" className={buttonClass}>
        {t('track.list.seeBenefits')}
      </Link>
    </div>
  );
}
