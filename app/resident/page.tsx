import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { householdApplications, ownHousehold } from '@/db/queries/overview';
import { getI18n } from '@/lib/i18n';
import { formatDate } from '@/lib/i18n-core';
import { requireRole } from '@/lib/session';
import { Card, EmptyState, PageTitle } from '@/components/ui';
import { StatusBadge } from '@/components/status-badge';
import { FactsList } from '@/components/facts-list';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('resident.title') };
}

export default async function ResidentHome() {
  const user = await requireRole('resident', '/resident');
  const { t, locale } = await getI18n();
  const db = getDb();
  const mine = await ownHousehold({ db, userId: user.id });
  const apps = mine ? await householdApplications({ db, householdId: mine.household.id }) : [];
  const placeName = (p: { name: string; nameEn: string }) => (locale === 'en' ? p.nameEn : p.name);

  return (
    <div className="space-y-6">
      <PageTitle lead={t('resident.lead', { name: user.name })}>{t('resident.title')}</PageTitle>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t('resident.household.title')}>
          {mine ? (
            <>
              <p className="mb-3 text-slate-800">
                {mine.chain.map(placeName).join(' · ')} · {mine.household.addressDetail}
                {mine.household.floor ? ` · ${t('resident.household.floor', { floor: mine.household.floor })}` : ''}
              </p>
              <p className="mb-2 text-sm text-slate-600">{t(`householdKind.${mine.household.kind}`)}</p>
              <FactsList t={t} facts={mine.facts} />
            </>
          ) : (
            <EmptyState>{t('resident.household.none')}</EmptyState>
          )}
        </Card>
        <Card title={t('resident.applications.title')}>
          {apps.length === 0 ? (
            <EmptyState>{t('resident.applications.none')}</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {apps.map((a) => (
                <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                  <div>
                    <div className="font-medium">{t(`programmes.${a.programmeCode}.name`)}</div>
                    <div className="text-sm text-slate-600">
                      {a.reference} · {formatDate(locale, a.updatedAt)}
                    </div>
                  </div>
                  <StatusBadge status={a.status} label={t(`status.${a.status}`)} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <p className="text-slate-700">
        <Link href="/" className="underline">
          {t('resident.programmesLink')}
        </Link>
      </p>
    </div>
  );
}
