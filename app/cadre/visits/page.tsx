// The cadre's visits (入户走访): find a household and record a visit; for every village of the
// cadre's places, how many grade-D households have had each of the three rounds they are owed
// (with the list of those still owed each round); and the cadre's own latest visits.
// Coverage is one <table> drawn as cards on a phone (./coverage-table.tsx).
import type { Metadata } from 'next';
import Link from 'next/link';
import { ChevronRight } from 'lucide-react';
import { getDb } from '@/db/client';
import { recentVisitsBy, REQUIRED_ROUNDS, visitCoverageByVillage } from '@/db/queries/visits';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { maskName } from '@/lib/pii';
import { fromCstDate } from '@/lib/time';
import { can } from '@/lib/permissions';
import { requireCapability } from '@/lib/session';
import { VisitSearchForm } from './visit-search-form';
import { Card, EmptyState, PageTitle } from '@/components/ui';
import { LedgerExport } from '@/components/ledger/ledger-export';
import { CoverageTable } from './coverage-table';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('cadreVisits.title') };
}

export default async function CadreVisitsPage() {
  const user = await requireCapability('visit:record', '/cadre/visits');
  const [t, locale, format] = await Promise.all([getTranslations(), getUiLocale(), getFormatter()]);
  const db = getDb();
  const [coverage, recent] = await Promise.all([visitCoverageByVillage({ db, scopePaths: user.placePaths }), recentVisitsBy({ db, actor: user })]);
  const name = (v: { name: string; nameEn: string }) => (locale === 'en' ? v.nameEn : v.name);

  return (
    <div className="space-y-6">
      <PageTitle lead={t('cadreVisits.lead')}>{t('cadreVisits.title')}</PageTitle>
      <LedgerExport links={(['xlsx', 'csv'] as const).map((f) => ({ format: f, href: `/cadre/visits/export/${f}`, label: t(`cadreVisits.export.${f}`) }))} canReveal={can(user.role, 'pii:reveal')} />

      <Card title={t('cadreVisits.find.title')}>
        <VisitSearchForm />
      </Card>

      {/* The card's title names the table (no hidden caption saying it again). */}
      <Card title={t('cadreVisits.coverage.title')} titleId="coverage-title">
        <p className="mb-4 text-slate-700">{t('cadreVisits.coverage.lead')}</p>
        {coverage.length === 0 ? (
          <EmptyState>{t('cadreVisits.coverage.empty')}</EmptyState>
        ) : (
          <CoverageTable
            labelledBy="coverage-title"
            columns={[t('cadreVisits.coverage.village'), t('cadreVisits.coverage.households'), ...REQUIRED_ROUNDS.map((round) => t('cadreVisits.round', { round }))]}
            complete={t('cadreVisits.coverage.complete')}
            rows={coverage.map((v) => ({
              villageId: v.villageId,
              name: name(v),
              total: v.total,
              rounds: REQUIRED_ROUNDS.map((round, i) => {
                const done = v.rounds[i]!;
                return {
                  round,
                  cell: t('cadreVisits.coverage.cell', { done, total: v.total }),
                  done,
                  owed: v.total > done ? { href: `/cadre/visits/owed?village=${v.villageId}&round=${round}`, text: t('cadreVisits.coverage.owed', { count: v.total - done }) } : null,
                };
              }),
            }))}
          />
        )}
      </Card>

      <Card title={t('cadreVisits.recent.title')}>
        {recent.length === 0 ? (
          <EmptyState>{t('cadreVisits.recent.empty')}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200">
            {recent.map((v) => (
              <li key={v.id}>
                <Link href={`/cadre/visits/${v.id}`} className="flex min-h-11 items-center gap-3 py-2 hover:bg-slate-50">
                  <span className="min-w-0 flex-1">
                    <span className="block font-medium text-slate-900">
                      {maskName(v.headName)} · {locale === 'en' ? v.placeNameEn : v.placeName}
                    </span>
                    <span className="block text-sm text-slate-600">
                      {t('cadreVisits.round', { round: v.round })} · {format.dateTime(fromCstDate(v.visitedOn), 'date')}
                    </span>
                  </span>
                  <ChevronRight aria-hidden="true" className="h-5 w-5 shrink-0 text-slate-500" />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
