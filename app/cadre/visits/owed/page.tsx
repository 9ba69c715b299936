// Grade-D households of one village still owed one round of visits, in keyset pages ("load
// more", the cursor in the URL), each with a button that opens the visit form for that round.
// A village outside the cadre's places lists nothing (the query is scoped by their places).
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ClipboardPlus } from 'lucide-react';
import { getDb } from '@/db/client';
import { owedVisitHouseholds, REQUIRED_ROUNDS, villagesInScope, type VisitRound } from '@/db/queries/visits';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { maskName } from '@/lib/pii';
import { requireCapability } from '@/lib/session';
import { Card, EmptyState, PageTitle, secondaryButtonClass } from '@/components/ui';
import { decodePathCursor, encodeCursor } from '@/lib/url-cursor';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('cadreVisits.owed.title') };
}

export default async function OwedVisitsPage({ searchParams }: { searchParams: Promise<{ village?: string; round?: string; after?: string }> }) {
  const user = await requireCapability('visit:record', '/cadre/visits/owed');
  const sp = await searchParams;
  const round = Number(sp.round);
  const villageId = Number(sp.village);
  if (!(REQUIRED_ROUNDS as readonly number[]).includes(round) || !Number.isSafeInteger(villageId) || villageId <= 0) notFound();
  const db = getDb();
  // Only a village inside the cadre's places has a page; any other id is not found.
  const village = (await villagesInScope({ db, scopePaths: user.placePaths })).find((v) => v.id === villageId);
  if (!village) notFound();
  const [t, locale, format] = await Promise.all([getTranslations(), getUiLocale(), getFormatter()]);
  const after = decodePathCursor(sp.after);
  const { rows, next } = await owedVisitHouseholds({ db, scopePaths: user.placePaths, villageId, round: round as VisitRound, after });
  const villageName = locale === 'en' ? village.nameEn : village.name;

  return (
    <div className="space-y-6">
      <p>
        <Link href="/cadre/visits" className="inline-flex min-h-11 items-center text-brand-700 underline">
          {t('cadreVisits.back')}
        </Link>
      </p>
      <PageTitle lead={t('cadreVisits.owed.lead')}>{t('cadreVisits.owed.heading', { village: villageName, round })}</PageTitle>
      <nav aria-label={t('cadreVisits.owed.rounds')} className="flex flex-wrap gap-2">
        {REQUIRED_ROUNDS.map((r) => (
          <Link
            key={r}
            href={`/cadre/visits/owed?village=${villageId}&round=${r}`}
            aria-current={r === round ? 'page' : undefined}
            className={`inline-flex min-h-11 items-center rounded-lg border px-4 font-medium ${r === round ? 'border-brand-700 bg-brand-50 text-brand-800' : 'border-slate-300 text-slate-800'}`}
          >
            {t('cadreVisits.round', { round: r })}
          </Link>
        ))}
      </nav>
      <Card>
        {rows.length === 0 ? (
          <EmptyState>{after ? t('cadreVisits.owed.noMore') : t('cadreVisits.owed.empty')}</EmptyState>
        ) : (
          <ul aria-label={t('cadreVisits.owed.listLabel')} className="divide-y divide-slate-200">
            {rows.map((h) => (
              <li key={h.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <span className="min-w-0">
                  <span className="block font-semibold text-slate-900">
                    {maskName(h.headName)} · {locale === 'en' ? h.placeNameEn : h.placeName}
                  </span>
                  <span className="block text-sm text-slate-600">{h.rounds.length ? t('cadreVisits.find.rounds', { rounds: format.list(h.rounds.map(String)) }) : t('cadreVisits.new.none')}</span>
                </span>
                <Link href={`/cadre/visits/new?household=${h.id}&round=${round}`} className={secondaryButtonClass}>
                  <ClipboardPlus aria-hidden="true" className="h-5 w-5" />
                  {t('cadreVisits.record')}
                </Link>
              </li>
            ))}
          </ul>
        )}
        {next ? (
          <p className="mt-4">
            <Link href={`/cadre/visits/owed?village=${villageId}&round=${round}&after=${encodeCursor([next.path, next.id])}`} className={secondaryButtonClass}>
              {t('cadreVisits.loadMore')}
            </Link>
          </p>
        ) : null}
      </Card>
    </div>
  );
}
