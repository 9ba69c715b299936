// "What I may receive": every programme with, for this household, whether it qualifies (on
// verified facts), may qualify once a cadre verifies what was declared, or does not qualify
// and why; what it would receive; and the one next step (apply, see the status, or nothing
// to do for programmes paid without application, 免申即享).
import type { Metadata } from 'next';
import Link from 'next/link';
import { Gift, Info } from 'lucide-react';
import { getDb } from '@/db/client';
import { residentApplications, residentHousehold } from '@/db/queries/resident-applications';
import { readHouseholdEligibility } from '@/server/eligibility/household-eligibility';
import { programmesOpenAgain } from '@/server/applications/reapply-open';
import type { ProgrammeCode } from '@/lib/domain';
import type { Entitlement, HouseholdEligibility } from '@/lib/programs';
import {getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { requireRole } from '@/lib/session';
import { Card, PageTitle, buttonClass, secondaryButtonClass } from '@/components/ui';
import { EntitlementList, OutcomeBadge, ReasonList, isAwaitingReason } from '@/components/eligibility';
import { CaseStatusBadge } from '@/components/status-badge';
import { programmeSummary } from '@/components/programme-summary';
import { loose } from '@/lib/i18n/loose';
import { NoHouseholdYet } from '@/app/resident/_components/no-household';
import { voucherLapsed } from '@/lib/pickup-window';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('benefits.title') };
}

export default async function BenefitsPage() {
  const user = await requireRole('resident', '/resident/benefits');
  const [t, locale, format] = await Promise.all([getTranslations(), getUiLocale(), getFormatter()]);
  const db = getDb();
  const hh = await residentHousehold({ db, userId: user.id });
  if (!hh) {
    return (
      <div className="space-y-6">
        <PageTitle lead={t('benefits.lead')}>{t('benefits.title')}</PageTitle>
        <NoHouseholdYet />
      </div>
    );
  }

  const [read, apps] = await Promise.all([readHouseholdEligibility({ db, householdId: hh.id }), residentApplications({ db, householdId: hh.id })]);
  const now = new Date();
  // A withdrawn or refused case is history; after it the household may apply again when lib/reapply.ts allows.
  const openAgain = await programmesOpenAgain({ db, householdId: hh.id, cases: apps, now });
  // Switched-off programmes and programmes whose stored params do not parse are not offered (lib/programs/eligibility.ts).
  const offered = (read?.programmes ?? []).filter((p) => p.offered);
  const rows = offered.map((p) => p.programme);
  const results = Object.fromEntries(offered.map((p) => [p.programme.code, p.eligibility.preview])) as Record<ProgrammeCode, HouseholdEligibility['preview']>;
  const anyAwaiting = offered.some((p) => p.eligibility.preview.outcome === 'may_qualify');

  return (
    <div className="space-y-6">
      <PageTitle lead={t('benefits.lead')}>{t('benefits.title')}</PageTitle>
      {anyAwaiting ? (
        <p className="flex items-start gap-2 rounded-lg border-l-4 border-amber-500 bg-amber-50 p-3 text-amber-950">
          <Info aria-hidden="true" className="mt-1 h-5 w-5 shrink-0" />
          <span>
            {t('benefits.awaitingNote')}{' '}
            <Link href="/resident/household" className="font-medium underline">
              {t('benefits.checkHousehold')}
            </Link>
          </span>
        </p>
      ) : null}
      <ul className="space-y-4">
        {rows.map((row) => {
          const code = row.code;
          const r = results[code];
          const app = apps.find((a) => a.programmeCode === code);
          const name = locale === 'en' ? row.nameEn : row.nameZh;
          const awaiting = r.reasons.filter(isAwaitingReason);
          // A case recommended or decided keeps the entitlement frozen on it: a later change of the programme's amounts does not move it.
          const frozen = app && ['recommended', 'in_public_notice', 'approved', 'fulfilled'].includes(app.status) ? (app.entitlement as Entitlement | null) : null;
          const entitlement = frozen ?? r.entitlement;
          const failed = r.reasons.filter((x) => !x.passed && !isAwaitingReason(x));
          return (
            <li key={code} id={`programme-${code}`}>
              <Card title={name} action={<OutcomeBadge outcome={r.outcome} />}>
                <div className="space-y-3">
                  <p className="text-slate-700">{programmeSummary(loose(t), row)}</p>

                  {r.outcome === 'qualifies' ? <p className="font-medium text-green-800">{t('benefits.outcome.qualifies')}</p> : null}
                  {r.outcome === 'may_qualify' ? (
                    <div>
                      <p className="font-medium text-amber-900">{t('benefits.outcome.mayQualify')}</p>
                      <ReasonList reasons={awaiting} />
                    </div>
                  ) : null}
                  {r.outcome === 'not_qualified' ? (
                    <div>
                      <p className="font-medium text-slate-900">{t('benefits.outcome.notQualified')}</p>
                      <ReasonList reasons={[...failed, ...awaiting]} />
                    </div>
                  ) : null}

                  {entitlement ? (
                    <div className="rounded-lg bg-slate-50 p-3">
                      <p className="mb-1 flex items-center gap-1 text-sm font-medium text-slate-700">
                        <Gift aria-hidden="true" className="h-4 w-4" />
                        {r.outcome === 'qualifies' ? t('benefits.youReceive') : t('benefits.youWouldReceive')}
                      </p>
                      <EntitlementList entitlement={entitlement} />
                    </div>
                  ) : null}

                  {r.outcome !== 'not_qualified' && r.reasons.some((x) => x.passed) ? (
                    <details className="text-slate-800">
                      <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-brand-700">{t('benefits.why')}</summary>
                      <ReasonList reasons={r.reasons} />
                    </details>
                  ) : null}

                  <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-3">
                    {!row.needsApplication ? (
                      <>
                        <p className="font-medium text-slate-900">{t('benefits.automatic')}</p>
                        {app ? (
                          <>
                            {app.status === 'approved' ? <p className="w-full text-green-800" data-testid="automatic-state">{t('countyEnrolment.resident.enrolled')}</p> : null}
                            <CaseStatusBadge status={app.status} closing={app.closing} lapsed={voucherLapsed(app, now)} word={(s) => t(`status.${s}`)} />
                            <Link href={`/resident/applications/${app.id}`} className={secondaryButtonClass}>
                              {t('benefits.seeStatus')}
                            </Link>
                          </>
                        ) : (
                          // No case yet: paid only once a cadre has verified the facts the rule reads, then enrolled by the county's run.
                          <p className="w-full text-slate-800" data-testid="automatic-state">
                            {r.outcome === 'qualifies' ? t('countyEnrolment.resident.qualifies') : r.outcome === 'may_qualify' ? t('countyEnrolment.resident.verifyFirst') : t('countyEnrolment.resident.notQualified')}
                          </p>
                        )}
                      </>
                    ) : app ? (
                      <>
                        <CaseStatusBadge status={app.status} closing={app.closing} lapsed={voucherLapsed(app, now)} word={(s) => t(`status.${s}`)} />
                        {app.status === 'draft' ? (
                          <Link href={`/resident/apply/${code}`} className={buttonClass}>
                            {t('benefits.continueDraft')}
                          </Link>
                        ) : app.status === 'returned' ? (
                          <Link href={`/resident/apply/${code}`} className={buttonClass}>
                            {t('benefits.fixReturned')}
                          </Link>
                        ) : (
                          <>
                            {openAgain.has(code) ? (
                              <Link href={`/resident/apply/${code}`} className={buttonClass} aria-label={t('benefits.applyAgainFor', { programme: name })}>
                                {t('benefits.applyAgain')}
                              </Link>
                            ) : null}
                            <Link href={`/resident/applications/${app.id}`} className={secondaryButtonClass}>
                              {app.submittedAt ? t('benefits.applied', { date: format.dateTime(app.submittedAt, 'date') }) : t('benefits.seeStatus')}
                            </Link>
                          </>
                        )}
                      </>
                    ) : r.outcome === 'not_qualified' ? (
                      <Link href="/resident/household" className={secondaryButtonClass}>
                        {t('benefits.updateHousehold')}
                      </Link>
                    ) : (
                      <Link href={`/resident/apply/${code}`} className={buttonClass} aria-label={t('benefits.applyFor', { programme: name })}>
                        {t('benefits.apply')}
                      </Link>
                    )}
                  </div>
                </div>
              </Card>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
