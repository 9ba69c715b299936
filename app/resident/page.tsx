import type { Metadata } from 'next';
import Link from 'next/link';
import { ChevronRight, Gift } from 'lucide-react';
import { getDb } from '@/db/client';
import { householdApplications, ownHousehold } from '@/db/queries/overview';
import { readHouseholdEligibility } from '@/server/eligibility/household-eligibility';
import { programmesOpenAgain } from '@/server/applications/reapply-open';
import {getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import type { ProgrammeCode } from '@/lib/domain';
import { takesApplications } from '@/lib/programs';
import { requireRole } from '@/lib/session';
import { Card, EmptyState, PageTitle, buttonClass } from '@/components/ui';
import { CaseStatusBadge } from '@/components/status-badge';
import { FactsList } from '@/components/facts-list';
import { AddressLine } from '@/components/address';
import { OutcomeBadge } from '@/components/eligibility';
import { voucherLapsed } from '@/lib/pickup-window';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('resident.title') };
}

export default async function ResidentHome() {
  const user = await requireRole('resident', '/resident');
  const [t, locale, format] = await Promise.all([getTranslations(), getUiLocale(), getFormatter()]);
  const db = getDb();
  const mine = await ownHousehold({ db, userId: user.id });
  // The case list and the eligibility read both need only the household id: read them together.
  const [apps, read] = mine
    ? await Promise.all([householdApplications({ db, householdId: mine.household.id }), readHouseholdEligibility({ db, householdId: mine.household.id })])
    : [[], null];
  const now = new Date();
  // Programmes whose last case was withdrawn or refused and that lib/reapply.ts lets the household apply for again.
  const openAgain = mine ? await programmesOpenAgain({ db, householdId: mine.household.id, cases: apps, now }) : new Set<ProgrammeCode>();
  const placeName = (p: { name: string; nameEn: string }) => (locale === 'en' ? p.nameEn : p.name);

  // Programmes this household can apply for now (qualifies, or may once verified) and has not
  // applied for yet, or may apply for again: a direct "apply" link keeps sign-in → submitted within five screens.
  let canApply: { code: ProgrammeCode; name: string; outcome: 'qualifies' | 'may_qualify'; again: boolean }[] = [];
  if (mine) {
    canApply = (read?.programmes ?? []).flatMap(({ programme: row, eligibility }) => {
      const code = row.code;
      const r = eligibility.preview;
      const again = openAgain.has(code);
      if (!takesApplications(row) || r.outcome === 'not_qualified' || (!again && apps.some((a) => a.programmeCode === code))) return [];
      return [{ code, name: locale === 'en' ? row.nameEn : row.nameZh, outcome: r.outcome, again }];
    });
  }

  return (
    <div className="space-y-6">
      <PageTitle lead={t('resident.lead', { name: user.name })}>{t('resident.title')}</PageTitle>

      <section aria-labelledby="home-benefits" className="rounded-xl border-2 border-brand-700 bg-brand-50 p-4 sm:p-5">
        <h2 id="home-benefits" className="flex items-center gap-2 text-lg font-semibold text-slate-900">
          <Gift aria-hidden="true" className="h-5 w-5" />
          {t('benefits.home.title')}
        </h2>
        <p className="mt-1 text-slate-800">{mine ? t('benefits.home.lead') : t('benefits.noHousehold.body')}</p>
        {canApply.length > 0 ? (
          <ul className="mt-3 space-y-2">
            {canApply.map((p) => (
              <li key={p.code} className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-white p-3">
                <span className="space-y-1">
                  <span className="block font-medium">{p.name}</span>
                  <OutcomeBadge outcome={p.outcome} />
                </span>
                <Link href={`/resident/apply/${p.code}`} className={buttonClass} aria-label={t(p.again ? 'benefits.applyAgainFor' : 'benefits.applyFor', { programme: p.name })}>
                  {t(p.again ? 'benefits.applyAgain' : 'benefits.apply')}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        <p className="mt-3">
          <Link href={mine ? '/resident/benefits' : '/resident/household'} className={canApply.length > 0 ? 'inline-flex min-h-11 items-center font-semibold text-brand-700 underline' : buttonClass}>
            {mine ? t('benefits.home.cta') : t('benefits.noHousehold.cta')}
          </Link>
        </p>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t('resident.applications.title')} action={apps.length > 0 ? <Link href="/resident/applications" className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">{t('benefits.home.allApplications')}</Link> : undefined}>
          {apps.length === 0 ? (
            <EmptyState href={mine ? '/resident/benefits' : undefined} cta={t('track.list.emptyCta')}>
              {t('resident.applications.none')}
            </EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {apps.map((a) => (
                <li key={a.id}>
                  <Link href={`/resident/applications/${a.id}`} className="flex min-h-11 items-center gap-2 py-3 hover:bg-slate-50">
                    <span className="min-w-0 flex-1 space-y-1">
                      <span className="block font-medium text-slate-900">{t(`programmes.${a.programmeCode}.name`)}</span>
                      <span className="block text-sm text-slate-600">
                        {a.reference} · {format.dateTime(a.updatedAt, 'date')}
                      </span>
                      <CaseStatusBadge status={a.status} closing={a.closing} lapsed={voucherLapsed(a, now)} word={(s) => t(`status.${s}`)} />
                    </span>
                    <ChevronRight aria-hidden="true" className="h-5 w-5 shrink-0 text-slate-500" />
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t('resident.household.title')}>
          {mine ? (
            <>
              <p className="mb-3 text-slate-800">
                {mine.chain.map(placeName).join(' · ')} · <AddressLine address={mine.household} />
              </p>
              <p className="mb-2 text-sm text-slate-600">{t(`householdKind.${mine.household.kind}`)}</p>
              <FactsList facts={mine.facts} />
            </>
          ) : (
            <EmptyState href="/resident/household" cta={t('benefits.noHousehold.cta')}>
              {t('resident.household.none')}
            </EmptyState>
          )}
        </Card>
      </div>
      <p className="text-slate-700">
        <Link href="/" className="inline-flex min-h-11 items-center underline">
          {t('resident.programmesLink')}
        </Link>
      </p>
    </div>
  );
}
