import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { Megaphone } from 'lucide-react';
import { getDb } from '@/db/client';
import { noticeBoardPage, noticeFilterOptions } from '@/db/queries/notice';
import {getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { PROGRAMME_CODES } from '@/lib/domain';
import { can } from '@/lib/permissions';
import { getCurrentUser } from '@/lib/session';
import { Card, EmptyState, PageTitle, buttonClass, secondaryButtonClass } from '@/components/ui';
import { ClientMessages } from '@/components/client-messages';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { Countdown } from '@/components/countdown';
import { EntitlementList } from '@/components/eligibility';
import { inputClass } from '@/components/form';
import { ObjectionForm } from '@/components/cases/case-forms';
import { daysLeft, lastDayOf } from '@/lib/time';
import { lodgeObjectionAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('notice.title') };
}

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
/** Filters from the query string; anything unexpected is ignored (never an error page). */
const filtersSchema = z.object({
  programme: z.preprocess(first, z.enum(PROGRAMME_CODES).optional()).catch(undefined),
  township: z.preprocess(first, z.coerce.number().int().positive().max(2_147_483_647).optional()).catch(undefined),
  after: z.preprocess(first, z.uuid().optional()).catch(undefined),
});

export default async function NoticePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const filters = filtersSchema.parse({ programme: raw.programme || undefined, township: raw.township || undefined, after: raw.after || undefined });
  const db = getDb();
  const now = new Date();
  const [t, locale, format, user, options] = await Promise.all([getTranslations(), getUiLocale(), getFormatter(), getCurrentUser(), noticeFilterOptions({ db })]);
  const township = filters.township !== undefined && options.townships.some((x) => x.id === filters.township) ? filters.township : undefined;
  const { groups, total, nextAfter } = await noticeBoardPage({ db, programme: filters.programme, townshipId: township, viewerId: user?.id ?? null, now, after: filters.after });
  const mayObject = Boolean(user && can(user.role, 'notice:object'));

  const query = new URLSearchParams();
  if (filters.programme) query.set('programme', filters.programme);
  if (township !== undefined) query.set('township', String(township));
  const firstPage = `/notice${query.size > 0 ? `?${query.toString()}` : ''}`;
  const pageHref = (after: string) => {
    const q = new URLSearchParams(query);
    q.set('after', after);
    return `/notice?${q.toString()}`;
  };
  const here = filters.after ? pageHref(filters.after) : firstPage;
  const signInHref = `/sign-in?callbackUrl=${encodeURIComponent(here)}`;
  let index = 0;

  return (
    <div className="space-y-6">
      <PageTitle lead={t('notice.lead')}>{t('notice.title')}</PageTitle>
      <Card>
        <form method="get" action="/notice" className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
          <div className="space-y-1">
            <label htmlFor="filter-programme" className="block font-medium">
              {t('notice.filters.programme')}
            </label>
            <select id="filter-programme" name="programme" defaultValue={filters.programme ?? ''} className={inputClass}>
              <option value="">{t('notice.filters.allProgrammes')}</option>
              {options.programmes.map((code) => (
                <option key={code} value={code}>
                  {t(`programmes.${code}.name`)}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor="filter-township" className="block font-medium">
              {t('notice.filters.township')}
            </label>
            <select id="filter-township" name="township" defaultValue={township !== undefined ? String(township) : ''} className={inputClass}>
              <option value="">{t('notice.filters.allTownships')}</option>
              {options.townships.map((x) => (
                <option key={x.id} value={x.id}>
                  {locale === 'en' ? x.nameEn : x.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClass}>
            {t('notice.filters.apply')}
          </button>
        </form>
      </Card>

      <p className="text-slate-700" role="status">
        {t('notice.count', { count: total })}
      </p>
      {!user ? (
        <p className="rounded-lg border border-slate-200 bg-white p-3 text-slate-800">
          {t('notice.signInToObject')}{' '}
          <Link href={signInHref} className={`${secondaryButtonClass} mt-2 sm:mt-0`}>
            {t('notice.signInLink')}
          </Link>
        </p>
      ) : null}

      {groups.length === 0 ? (
        <EmptyState>{t('notice.empty')}</EmptyState>
      ) : (
        // One message provider for every objection form on the board: per entry, the same
        // messages were repeated in the page's payload once for each case.
        <ClientMessages pick={mayObject ? CLIENT_MESSAGES.objection : []}>
          {groups.map((g) => (
            <section key={`${g.programmeCode}-${g.villageId}`} aria-labelledby={`g-${g.programmeCode}-${g.villageId}`} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
              <h2 id={`g-${g.programmeCode}-${g.villageId}`} className="flex flex-wrap items-center gap-2 text-lg font-semibold">
                <Megaphone aria-hidden="true" className="h-5 w-5 text-brand-700" />
                {t('notice.groupTitle', { programme: t(`programmes.${g.programmeCode}.name`), village: locale === 'en' ? g.villageNameEn : g.villageName, township: locale === 'en' ? g.townshipNameEn : g.townshipName })}
              </h2>
              <ul className="mt-3 divide-y divide-slate-100">
                {g.entries.map((e) => {
                  const i = index++;
                  const days = daysLeft({ startedAt: e.noticeStartsAt, endsAt: e.noticeEndsAt }, now);
                  return (
                    <li key={e.applicationId} className="space-y-2 py-3" data-testid="notice-entry">
                      <div className="flex flex-wrap items-start justify-between gap-2">
                        <div>
                          <p className="text-lg font-semibold">{t('notice.household', { name: e.maskedName })}</p>
                          <EntitlementList entitlement={e.entitlement} />
                        </div>
                        <div className="text-right">
                          {e.noticeEndsAt ? <p className="text-slate-700">{t('notice.until', { date: format.dateTime(lastDayOf(e.noticeEndsAt), 'date') })}</p> : null}
                          <Countdown daysLeft={days} label={days > 0 ? t('common.daysLeft', { days }) : t('notice.ended')} />
                        </div>
                      </div>
                      {!e.open ? null : e.mine ? (
                        <p className="text-sm text-slate-600">{t('notice.object.ownHousehold')}</p>
                      ) : e.myOpenObjection ? (
                        <p className="text-sm font-medium text-amber-900">{t('notice.object.alreadyLodged')}</p>
                      ) : mayObject ? (
                        <details className="rounded-lg border border-slate-200 bg-slate-50 p-3">
                          <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-brand-700">{t('notice.object.open', { name: e.maskedName })}</summary>
                          <div className="mt-3">
                            <ObjectionForm action={lodgeObjectionAction} applicationId={e.applicationId} index={i} who={e.maskedName} />
                          </div>
                        </details>
                      ) : !user ? (
                        <Link href={signInHref} className="inline-flex min-h-11 items-center text-brand-700 underline">
                          {t('notice.signInToObjectShort')}
                        </Link>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        </ClientMessages>
      )}
      {nextAfter || filters.after ? (
        <nav aria-label={t('notice.pages')} className="flex flex-wrap gap-3">
          {filters.after ? (
            <Link href={firstPage} className={secondaryButtonClass}>
              {t('notice.firstPage')}
            </Link>
          ) : null}
          {nextAfter ? (
            <Link href={pageHref(nextAfter)} className={buttonClass}>
              {t('notice.nextPage')}
            </Link>
          ) : null}
        </nav>
      ) : null}
      <p className="text-sm text-slate-600">{t('notice.privacy')}</p>
    </div>
  );
}
