// 免申即享 enrolment (issue 10 item 4): what a run would do now (households that qualify on
// verified facts and have no case yet, the amount, the budget, and the households a cadre must
// still verify, by township), the one "enrol all" action for a county-wide official, and the
// history of runs.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { listAwaitingVerification, listEnrolmentRuns, previewEnrolment, type EnrolmentProgramme } from '@/db/queries/enrolment';
import { loadProgramme } from '@/db/queries/programmes';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { isCountyWide } from '@/lib/permissions';
import { maskName } from '@/lib/pii';
import type { WarmWinterParams } from '@/lib/programs/warm-winter';
import { requireCapability } from '@/lib/session';
import { ClientMessages } from '@/components/client-messages';
import { Card, EmptyState, PageTitle, Stat, secondaryButtonClass } from '@/components/ui';
import { EnrolForm } from './enrol-form';
import { Notice } from '@/components/form';
import { UUID_TEXT } from '@/lib/validators';

const CODE: EnrolmentProgramme = 'warm_winter';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('countyEnrolment.title') };
}

export default async function EnrolmentPage({ searchParams }: { searchParams: Promise<{ after?: string }> }) {
  const user = await requireCapability('enrolment:run', '/county/enrolment');
  const [t, locale, format, sp] = await Promise.all([getTranslations(), getUiLocale(), getFormatter(), searchParams]);
  const db = getDb();
  const countyWide = isCountyWide(user);
  const prog = await loadProgramme({ db, code: CODE });
  const name = prog ? (locale === 'en' ? prog.nameEn : prog.nameZh) : CODE;
  const yuan = (n: number) => format.number(n, 'yuan');

  if (!prog || prog.params === null) {
    return (
      <div className="space-y-6">
        <PageTitle lead={t('countyEnrolment.lead')}>{t('countyEnrolment.title')}</PageTitle>
        <Notice tone="problem">
          {t('countyEnrolment.unavailable')}
        </Notice>
      </div>
    );
  }

  const after = sp.after && UUID_TEXT.test(sp.after) ? sp.after : null;
  const [preview, awaiting, runs] = await Promise.all([
    previewEnrolment({ db, code: CODE, params: prog.params as WarmWinterParams, scopePaths: user.placePaths }),
    listAwaitingVerification({ db, code: CODE, scopePaths: user.placePaths, after, limit: 20 }),
    listEnrolmentRuns({ db, code: CODE, limit: 20 }),
  ]);
  const remaining = preview.budgetRemainingYuan;
  // No budget line: a run that pays money is refused (nothing can be committed), so it cannot be afforded either.
  const canAfford = remaining !== null && remaining >= preview.totalYuan;
  const amounts = [...new Set(Object.values(preview.amountPerHousehold))];
  const nextAfter = awaiting.length === 20 ? awaiting[awaiting.length - 1]!.id : null;

  return (
    <div className="space-y-6">
      <PageTitle lead={t('countyEnrolment.lead')}>{t('countyEnrolment.title')}</PageTitle>

      <Card title={t('countyEnrolment.preview.title', { programme: name })}>
        <div className="space-y-4" data-testid="enrolment-preview">
          {!prog.active ? <p className="font-medium text-red-900">{t('countyEnrolment.errors.closed')}</p> : null}
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <div data-testid="preview-eligible">
              <Stat label={t('countyEnrolment.preview.eligible')} value={format.number(preview.eligible)} />
            </div>
            <Stat label={t('countyEnrolment.preview.perHousehold')} value={amounts.map(yuan).join(' / ')} />
            <div data-testid="preview-total">
              <Stat label={t('countyEnrolment.preview.total')} value={yuan(preview.totalYuan)} />
            </div>
            <Stat
              label={t('countyEnrolment.preview.budget')}
              value={remaining === null ? t('countyEnrolment.preview.noBudget') : yuan(remaining)}
              hint={remaining === null ? t('countyEnrolment.preview.noBudgetHint') : canAfford ? t('countyEnrolment.preview.enough') : t('countyEnrolment.preview.short', { amount: yuan(preview.totalYuan - remaining) })}
            />
          </div>
          {preview.awaitingVerification > 0 ? (
            <p className="rounded-lg border-l-4 border-amber-500 bg-amber-50 p-3 text-amber-950" data-testid="preview-awaiting">
              {t('countyEnrolment.preview.awaiting', { count: preview.awaitingVerification })}
            </p>
          ) : null}
          {countyWide ? (
            <>
              {preview.eligible === 0 ? <p className="text-slate-700">{t('countyEnrolment.nobody')}</p> : null}
              {prog.active ? (
                <ClientMessages pick={CLIENT_MESSAGES.countyEnrolment}>
                  <EnrolForm programme={CODE} eligible={preview.eligible} totalYuan={preview.totalYuan} canAfford={canAfford} noBudgetLine={remaining === null} />
                </ClientMessages>
              ) : null}
            </>
          ) : (
            <p className="text-slate-700">{t('countyEnrolment.countyOnly')}</p>
          )}
        </div>
      </Card>

      <Card title={t('countyEnrolment.awaiting.title')}>
        {preview.awaitingByTownship.length === 0 ? (
          <EmptyState>{t('countyEnrolment.awaiting.none')}</EmptyState>
        ) : (
          <div className="space-y-4">
            <p className="text-slate-700">{t('countyEnrolment.awaiting.lead')}</p>
            <ul className="divide-y divide-slate-200" aria-label={t('countyEnrolment.awaiting.byTownship')}>
              {preview.awaitingByTownship.map((r) => (
                <li key={r.placeId ?? 'none'} className="flex min-h-11 items-center justify-between gap-3 py-2">
                  <span>{(locale === 'en' ? r.nameEn : r.name) ?? t('countyEnrolment.awaiting.noTownship')}</span>
                  <span className="font-semibold">{t('countyEnrolment.households', { count: r.households })}</span>
                </li>
              ))}
            </ul>
            <details>
              <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-brand-700">{t('countyEnrolment.awaiting.list')}</summary>
              <ul className="mt-2 divide-y divide-slate-200">
                {awaiting.map((h) => (
                  <li key={h.id} className="flex min-h-11 flex-wrap items-center justify-between gap-2 py-2">
                    <span className="font-medium">{maskName(h.headName)}</span>
                    <span className="text-slate-700">{locale === 'en' ? h.placeNameEn : h.placeName}</span>
                  </li>
                ))}
              </ul>
              {nextAfter ? (
                <Link href={`/county/enrolment?after=${nextAfter}`} className={`${secondaryButtonClass} mt-2`}>
                  {t('countyEnrolment.awaiting.more')}
                </Link>
              ) : null}
            </details>
          </div>
        )}
      </Card>

      <Card title={t('countyEnrolment.history.title')}>
        {runs.length === 0 ? (
          <EmptyState>{t('countyEnrolment.history.none')}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200" data-testid="enrolment-runs">
            {runs.map((r) => (
              <li key={r.id} className="space-y-1 py-3">
                <p className="font-medium">{t('countyEnrolment.history.line', { count: r.enrolled, amount: yuan(r.amountYuan) })}</p>
                <p className="text-sm text-slate-700">
                  {t('countyEnrolment.history.who', { who: r.runByName ?? t('countyEnrolment.history.system'), when: format.dateTime(r.at, 'dateTime'), version: r.programmeVersion })}
                </p>
                {r.skippedUnverified > 0 ? <p className="text-sm text-slate-700">{t('countyEnrolment.history.skipped', { count: r.skippedUnverified })}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
