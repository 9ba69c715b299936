// Record a visit. Without a household: find one inside the cadre's places by the head's name
// (keyset "load more"); with one (`?household=`, from the search, the owed list or the
// household page): who and where, the rounds already recorded, and the visit form. A
// household outside the cadre's places answers 404, exactly like one that does not exist.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ChevronRight, ClipboardPlus } from 'lucide-react';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { findVisitHousehold, householdVisits, searchVisitHouseholds } from '@/db/queries/visits';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { maskName } from '@/lib/pii';
import { cstDate, fromCstDate } from '@/lib/time';
import { requireCapability } from '@/lib/session';
import { EARLIEST_VISIT_DATE } from '@/server/visits/record-visit';
import { openSearch } from '@/server/queue/search-token';
import { SEARCH_TEXT_PROBLEMS } from '@/lib/search-text';
import { ClientMessages } from '@/components/client-messages';
import { Card, EmptyState, PageTitle, secondaryButtonClass } from '@/components/ui';
import { VisitForm } from './visit-form';
import { VisitSearchForm } from '../visit-search-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('cadreVisits.new.title') };
}

const uuid = z.uuid();
type Search = { household?: string; q?: string; after?: string; round?: string; idCheck?: string };
/** The search route's answer to a number that can find no one (./search/route.ts). */
const idCheck = z.enum(SEARCH_TEXT_PROBLEMS).optional().catch(undefined);

export default async function NewVisitPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireCapability('visit:record', '/cadre/visits/new');
  const sp = await searchParams;
  const [t, locale, format] = await Promise.all([getTranslations(), getUiLocale(), getFormatter()]);
  const db = getDb();
  const back = (
    <p>
      <Link href="/cadre/visits" className="inline-flex min-h-11 items-center text-brand-700 underline">
        {t('cadreVisits.back')}
      </Link>
    </p>
  );

  if (typeof sp.household === 'string') {
    if (!uuid.safeParse(sp.household).success) notFound();
    const hh = await findVisitHousehold({ db, actor: user, householdId: sp.household });
    if (!hh) notFound();
    const done = await householdVisits({ db, householdId: hh.id });
    const taken = done.map((v) => v.round);
    const asked = Number(sp.round);
    const firstFree = [1, 2, 3].find((r) => !taken.includes(r)) ?? 3;
    const defaultRound = [1, 2, 3].includes(asked) && !taken.includes(asked) ? asked : firstFree;
    const ownHousehold = hh.ownerUserId === user.id;
    return (
      <div className="space-y-6">
        {back}
        <PageTitle lead={t('cadreVisits.new.lead')}>{t('cadreVisits.new.title')}</PageTitle>
        <Card title={t('cadreVisits.new.household')}>
          <p className="font-semibold text-slate-900">
            {maskName(hh.headName)} · {locale === 'en' ? hh.placeNameEn : hh.placeName}
          </p>
          <p className="mt-1 text-slate-700">{hh.grade ? t('cadreVisits.new.grade', { grade: hh.grade }) : t('cadreVisits.new.noGrade')}</p>
          {done.length > 0 ? (
            <ul aria-label={t('cadreVisits.new.done')} className="mt-3 space-y-1">
              {done.map((v) => (
                <li key={v.id}>
                  <Link href={`/cadre/visits/${v.id}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
                    {t('cadreVisits.round', { round: v.round })} · {format.dateTime(fromCstDate(v.visitedOn), 'date')}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-slate-700">{t('cadreVisits.new.none')}</p>
          )}
        </Card>
        <Card title={t('cadreVisits.form.title')}>
          {ownHousehold ? (
            <p className="text-slate-700">{t('errors.forbidden')}</p>
          ) : taken.length >= 3 ? (
            <p className="text-slate-700">{t('cadreVisits.new.allRounds')}</p>
          ) : (
            <ClientMessages pick={CLIENT_MESSAGES.cadreVisit}>
              <VisitForm householdId={hh.id} today={cstDate(new Date())} earliest={EARLIEST_VISIT_DATE} defaultRound={defaultRound} takenRounds={taken} />
            </ClientMessages>
          )}
        </Card>
      </div>
    );
  }

  // The words come back sealed (?q=<token>, app/cadre/visits/new/search): no name, phone or ID number in the URL.
  const opened = typeof sp.q === 'string' ? openSearch(sp.q) : null;
  const afterId = typeof sp.after === 'string' && uuid.safeParse(sp.after).success ? sp.after : null;
  const found = opened ? await searchVisitHouseholds({ db, scopePaths: user.placePaths, search: opened.search, afterId }) : null;

  return (
    <div className="space-y-6">
      {back}
      <PageTitle lead={t('cadreVisits.find.hint')}>{t('cadreVisits.find.title')}</PageTitle>
      <VisitSearchForm current={opened && typeof sp.q === 'string' ? { token: sp.q, shown: opened.shown } : null} problem={idCheck.parse(sp.idCheck)} />
      {opened ? <p className="text-slate-800">{t(`cadreVisits.find.active.${opened.search.kind}`, { value: opened.shown })}</p> : null}
      {found ? (
        found.rows.length === 0 ? (
          <EmptyState>{t('cadreVisits.find.empty')}</EmptyState>
        ) : (
          <Card title={t('cadreVisits.find.results')}>
            <ul aria-label={t('cadreVisits.find.results')} className="divide-y divide-slate-200">
              {found.rows.map((h) => (
                <li key={h.id}>
                  <Link href={`/cadre/visits/new?household=${h.id}`} className="flex min-h-11 items-center gap-3 py-3 hover:bg-slate-50">
                    <span className="min-w-0 flex-1">
                      <span className="block font-semibold text-slate-900">
                        {maskName(h.headName)} · {locale === 'en' ? h.placeNameEn : h.placeName}
                      </span>
                      <span className="block text-sm text-slate-600">
                        {h.grade ? t('cadreVisits.new.grade', { grade: h.grade }) : t('cadreVisits.new.noGrade')} ·{' '}
                        {h.rounds.length ? t('cadreVisits.find.rounds', { rounds: format.list(h.rounds.map(String)) }) : t('cadreVisits.new.none')}
                      </span>
                    </span>
                    <span className="inline-flex items-center gap-1 font-medium text-brand-700">
                      <ClipboardPlus aria-hidden="true" className="h-5 w-5" />
                      {t('cadreVisits.record')}
                    </span>
                    <ChevronRight aria-hidden="true" className="h-5 w-5 shrink-0 text-slate-500" />
                  </Link>
                </li>
              ))}
            </ul>
            {found.next ? (
              <p className="mt-4">
                <Link href={`/cadre/visits/new?q=${encodeURIComponent(sp.q!)}&after=${found.next}`} className={secondaryButtonClass}>
                  {t('cadreVisits.loadMore')}
                </Link>
              </p>
            ) : null}
          </Card>
        )
      ) : null}
    </div>
  );
}
