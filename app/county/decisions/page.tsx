// The officials' decision queue at county scale (~61,000 cases wait in the county data set):
// one group at a time (recommended / notice over / appealed) in keyset pages of 50, oldest
// first, with true counts per group, a search by reference and, for county-wide officials, a
// township to narrow to. Everything lives in the URL (group, township, q, after), so the page
// works without JavaScript; batch approval applies to the rows shown.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import {
  DECISION_GROUPS,
  decisionGroupCounts,
  decisionQueuePage,
  decisionTownships,
  encodeDecisionCursor,
  parseDecisionCursor,
  type DecisionGroup,
} from '@/db/queries/cases';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { loose } from '@/lib/i18n/loose';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { can, isCountyWide } from '@/lib/permissions';
import { requireCapability } from '@/lib/session';
import { lastDayOf } from '@/lib/time';
import { Card, PageTitle, buttonClass, secondaryButtonClass } from '@/components/ui';
import { Field, inputClass } from '@/components/form';
import { LedgerExport } from '@/components/ledger/ledger-export';
import { ClientMessages } from '@/components/client-messages';
import { CaseStatusBadge } from '@/components/status-badge';
import { entitlementLines } from '@/components/eligibility';
import { BatchApproveForm, type BatchRow } from '@/components/cases/case-forms';
import { approveBatchAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('cases.decisions.title') };
}

type Params = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** A reference as typed: trimmed, upper case; anything longer than a reference can be finds nothing. */
function referenceOf(raw: string | undefined): string | null {
  const q = raw?.trim().toUpperCase() ?? '';
  return q === '' ? null : q.slice(0, 40);
}

function hrefOf(query: { group?: DecisionGroup; township?: number | null; q?: string | null; after?: string | null }): string {
  const sp = new URLSearchParams();
  if (query.group) sp.set('group', query.group);
  if (query.township) sp.set('township', String(query.township));
  if (query.q) sp.set('q', query.q);
  if (query.after) sp.set('after', query.after);
  const s = sp.toString();
  return s ? `/county/decisions?${s}` : '/county/decisions';
}

export default async function DecisionsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requireCapability('application:decide', '/county/decisions');
  const [t, locale, format, params] = await Promise.all([getTranslations(), getUiLocale(), getFormatter(), searchParams]);
  const db = getDb();
  const countyWide = isCountyWide(user);
  // Narrowing to a township is offered to county-wide officials: a township official's places already are one.
  const townships = countyWide ? await decisionTownships({ db }) : [];
  const township = townships.find((tw) => String(tw.id) === one(params.township)) ?? null;
  const scope = township ? [township.path] : user.placePaths;
  const q = referenceOf(one(params.q));
  const after = q ? null : parseDecisionCursor(one(params.after));
  const asked = DECISION_GROUPS.find((g) => g === one(params.group)) ?? null;
  const now = new Date();

  // Without a group asked for, the first group that has cases: one group at a time keeps each
  // page on one index, and keeps appeals (decided one by one) apart from the batch-approvable cases.
  // A search by reference looks in every group, so the group does not wait for the counts then.
  const pageOf = (group: DecisionGroup) => decisionQueuePage({ db, scopePaths: scope, group, reference: q, after, now });
  const countsRead = decisionGroupCounts({ db, scopePaths: scope, now });
  const early = asked ?? (q ? 'recommended' : null);
  const pageRead = early ? pageOf(early) : null;
  const { counts, asOf } = await countsRead;
  const shownGroup: DecisionGroup = asked ?? DECISION_GROUPS.find((g) => counts[g] > 0) ?? 'recommended';
  const page = await (pageRead ?? pageOf(shownGroup));
  const total = counts.recommended + counts.notice_over + counts.appealed;
  const townshipId = township?.id ?? null;

  const rows: BatchRow[] = page.rows.map((r) => ({
    id: r.id,
    version: r.version,
    reference: r.reference,
    href: `/county/cases/${r.id}`,
    household: `${r.maskedHeadName} · ${locale === 'en' ? r.placeNameEn : r.placeName}`,
    programme: t(`programmes.${r.programmeCode}.name`),
    statusLabel: <CaseStatusBadge status={r.status} word={(s) => t(`status.${s}`)} />,
    detail: [
      ...entitlementLines(loose(t), (n) => format.number(n, 'plain'), r.entitlement).slice(0, 2),
      r.group === 'notice_over' && r.noticeEndsAt ? t('cases.decisions.noticeEnded', { date: format.dateTime(lastDayOf(r.noticeEndsAt), 'date') }) : null,
    ]
      .filter(Boolean)
      .join('；'),
    approvable: r.approvable,
    note: r.upheldObjections > 0 ? t('workflow.refusals.objection_upheld') : undefined,
  }));

  // Keyed by the filters shown: see docs/decisions/0012-client-navigation.md.
  const filters = (
    <form key={`${shownGroup}|${township?.id ?? ''}|${q ?? ''}`} method="get" action="/county/decisions" role="search" aria-label={t('cases.decisions.filters')} className="grid gap-4 md:grid-cols-2">
      <input type="hidden" name="group" value={shownGroup} />
      <Field id="decisions-q" label={t('cases.decisions.reference')} hint={t('cases.decisions.referenceHint')}>
        {(aria) => <input {...aria} type="search" name="q" defaultValue={q ?? ''} autoComplete="off" spellCheck={false} className={inputClass} />}
      </Field>
      {countyWide ? (
        <Field id="decisions-township" label={t('cases.decisions.township')}>
          {(aria) => (
            <select {...aria} name="township" defaultValue={township ? String(township.id) : ''} className={inputClass}>
              <option value="">{t('cases.decisions.townshipAll')}</option>
              {townships.map((tw) => (
                <option key={tw.id} value={tw.id}>
                  {locale === 'en' ? tw.nameEn : tw.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <p className="flex flex-wrap gap-3 md:col-span-2">
        <button type="submit" className={buttonClass}>
          {t('cases.decisions.submit')}
        </button>
        <Link href={hrefOf({ group: shownGroup })} className={secondaryButtonClass}>
          {t('cases.decisions.clear')}
        </Link>
      </p>
    </form>
  );

  return (
    <div className="space-y-6">
      <p>
        <Link href="/county" className="inline-flex min-h-11 items-center text-brand-700 underline">
          {t('cases.decisions.back')}
        </Link>
      </p>
      <PageTitle lead={t('cases.decisions.lead')}>{t('cases.decisions.title')}</PageTitle>
      <LedgerExport links={(['xlsx', 'csv'] as const).map((f) => ({ format: f, href: `/county/decisions/export/${f}`, label: t(`countyDecisionsLedger.${f}`) }))} canReveal={can(user.role, 'pii:reveal')} />
      <nav aria-label={t('cases.decisions.groupsLabel')}>
        <ul className="flex flex-wrap gap-3">
          {DECISION_GROUPS.map((g) => {
            const current = !q && g === shownGroup;
            return (
              <li key={g}>
                <Link
                  href={hrefOf({ group: g, township: townshipId })}
                  aria-current={current ? 'page' : undefined}
                  className={`inline-flex min-h-11 items-center rounded-lg border px-3 py-2 ${current ? 'border-brand-700 bg-brand-700 font-semibold text-white' : 'border-slate-300 bg-white text-brand-700 underline'}`}
                >
                  {t(`cases.decisions.groups.${g}`, { count: counts[g] })}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {asOf ? <p className="text-sm text-slate-600">{t('cases.decisions.asOf', { time: format.dateTime(asOf, 'dateTime') })}</p> : null}
      {filters}
      <Card title={q ? t('cases.decisions.searchResult', { reference: q }) : t(`cases.decisions.groupTitles.${shownGroup}`)}>
        <div className="space-y-4">
          {q || rows.length === 0 ? null : <p className="text-slate-700">{t('cases.decisions.shown', { shown: rows.length, total: counts[shownGroup] })}</p>}
          {/* Mounted even with no rows: the report of a batch that emptied the page stays in view.
              Keyed by the list shown: the group, township and page links are client navigations,
              and ticks made on one list must not be counted on another. */}
          <ClientMessages pick={CLIENT_MESSAGES.caseForms}>
            <BatchApproveForm
              key={`${shownGroup}|${townshipId ?? ''}|${q ?? ''}|${one(params.after) ?? ''}`}
              action={approveBatchAction}
              rows={rows}
              caption={t('cases.decisions.queue')}
              empty={q ? t('cases.decisions.notFound', { reference: q }) : total === 0 ? t('cases.decisions.empty') : t('cases.decisions.emptyGroup')}
            />
          </ClientMessages>
        </div>
        {page.next || after ? (
          <p className="mt-4 flex flex-wrap gap-3">
            {page.next ? (
              <Link href={hrefOf({ group: shownGroup, township: townshipId, after: encodeDecisionCursor(page.next) })} className={secondaryButtonClass}>
                {t('cases.decisions.nextPage')}
              </Link>
            ) : null}
            {after ? (
              <Link href={hrefOf({ group: shownGroup, township: townshipId })} className={secondaryButtonClass}>
                {t('cases.decisions.firstPage')}
              </Link>
            ) : null}
          </p>
        ) : null}
      </Card>
    </div>
  );
}
