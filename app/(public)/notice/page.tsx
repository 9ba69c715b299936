import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
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
import { entitlementLines } from '@/components/eligibility';
import { loose } from '@/lib/i18n/loose';
import { NoticeGroups, type NoticeEntryOffer } from '@/components/notice/notice-groups';
import { inputClass } from '@/components/form';
import { daysLeft, lastDayOf } from '@/lib/time';
import { lodgeObjectionAction } from './actions';

const NAME_MARK = '\uE000';

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
  const formatNumber = (n: number) => format.number(n, 'plain');
  // A page's entries share a few entitlements, last days and day counts: each one's words are
  // worked out once per view (formatting them was most of the page's own server time).
  const words = new Map<string, unknown>();
  const once = <T,>(key: string, make: () => T): T => {
    if (!words.has(key)) words.set(key, make());
    return words.get(key) as T;
  };
  // Two sentences differ per entry by the masked name alone: each is worded once around a
  // marker and the name put in its place (a private-use character no translation contains).
  const aroundName = (key: 'notice.household' | 'notice.object.open') => {
    const parts = t(key, { name: NAME_MARK }).split(NAME_MARK);
    return parts.length === 2 ? (name: string) => parts[0] + name + parts[1] : (name: string) => t(key, { name });
  };
  const householdLine = aroundName('notice.household');
  const objectLine = aroundName('notice.object.open');
  const tl = loose(t);

  return (
    <div className="space-y-6">
      <PageTitle lead={t('notice.lead')}>{t('notice.title')}</PageTitle>
      <Card>
        {/* Keyed by the filters shown: see docs/decisions/0012-client-navigation.md. */}
        <form key={`${filters.programme ?? ''}|${township ?? ''}`} method="get" action="/notice" className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
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
          <NoticeGroups
            groups={groups.map((g) => ({
              id: `g-${g.programmeCode}-${g.villageId}`,
              title: t('notice.groupTitle', { programme: t(`programmes.${g.programmeCode}.name`), village: locale === 'en' ? g.villageNameEn : g.villageName, township: locale === 'en' ? g.townshipNameEn : g.townshipName }),
              entries: g.entries.map((e) => {
                const days = daysLeft({ startedAt: e.noticeStartsAt, endsAt: e.noticeEndsAt }, now);
                const offer: NoticeEntryOffer = !e.open ? 'none' : e.mine ? 'ownHousehold' : e.myOpenObjection ? 'alreadyLodged' : mayObject ? 'object' : !user ? 'signIn' : 'none';
                return {
                  applicationId: e.applicationId,
                  who: e.maskedName,
                  household: householdLine(e.maskedName),
                  lines: once(`lines:${JSON.stringify(e.entitlement)}`, () => entitlementLines(tl, formatNumber, e.entitlement)),
                  until: e.noticeEndsAt ? once(`until:${e.noticeEndsAt.getTime()}`, () => t('notice.until', { date: format.dateTime(lastDayOf(e.noticeEndsAt!), 'date') })) : null,
                  countdown: { daysLeft: days, label: once(`days:${days}`, () => (days > 0 ? t('common.daysLeft', { days }) : t('notice.ended'))) },
                  offer,
                  objectLabel: offer === 'object' ? objectLine(e.maskedName) : undefined,
                };
              }),
            }))}
            words={{ ownHousehold: t('notice.object.ownHousehold'), alreadyLodged: t('notice.object.alreadyLodged'), signInToObject: t('notice.signInToObjectShort') }}
            signInHref={signInHref}
            action={lodgeObjectionAction}
          />
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
