// Applying on a household's behalf (代办): the programmes that take an application, each with
// the household's current case (continue a draft, resubmit a returned one, or open the case).
// A programme the household does not qualify for on what is recorded (a village house and a
// flat's heating fee) is not started from here: the card says so, as the resident's home does.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { residentApplications } from '@/db/queries/resident-applications';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { maskName } from '@/lib/pii';
import { takesApplications } from '@/lib/programs';
import { Card, PageTitle, buttonClass, secondaryButtonClass } from '@/components/ui';
import { CaseStatusBadge } from '@/components/status-badge';
import { readHouseholdEligibility } from '@/server/eligibility/household-eligibility';
import { loadAssistHousehold } from '../load';

type Props = { params: Promise<{ householdId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('cadreAssist.apply.title') };
}

export default async function AssistApplyListPage({ params }: Props) {
  const { householdId } = await params;
  const { hh, recused, stopNote } = await loadAssistHousehold(householdId, 'application:apply_on_behalf', `/cadre/assist/${householdId}/apply`);
  const db = getDb();
  const [t, locale, read, apps] = await Promise.all([getTranslations(), getUiLocale(), readHouseholdEligibility({ db, householdId: hh.id }), residentApplications({ db, householdId: hh.id })]);
  const offered = (read?.programmes ?? []).filter((p) => takesApplications(p.programme));
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageTitle lead={t('cadreAssist.apply.lead', { name: maskName(hh.headName) })}>{t('cadreAssist.apply.title')}</PageTitle>
      <Link href={`/cadre/assist/${hh.id}`} className={secondaryButtonClass}>
        {t('cadreAssist.back')}
      </Link>
      {recused ? <p className="rounded-lg bg-slate-100 p-3 text-slate-800">{t(stopNote)}</p> : null}
      <ul className="space-y-3">
        {offered.map(({ programme: p, eligibility }) => {
          // The latest case of the programme (a re-application keeps the older ones as history).
          const app = apps.find((a) => a.programmeCode === p.code);
          const notQualified = !app && eligibility.preview.outcome === 'not_qualified';
          const editable = !notQualified && (!app || app.status === 'draft' || app.status === 'returned');
          return (
            <li key={p.code}>
              <Card>
                <h2 className="text-lg font-semibold">{locale === 'en' ? p.nameEn : p.nameZh}</h2>
                {app ? (
                  <p className="mt-1 flex flex-wrap items-center gap-2 text-slate-700">
                    <CaseStatusBadge status={app.status} closing={app.closing} word={(s) => t(`status.${s}`)} />
                    <span>{app.reference}</span>
                  </p>
                ) : null}
                {notQualified ? <p className="mt-1 text-slate-700">{t('cadreAssist.apply.notQualified')}</p> : null}
                <div className="mt-3 flex flex-wrap gap-2">
                  {editable && !recused ? (
                    <Link href={`/cadre/assist/${hh.id}/apply/${p.code}`} className={buttonClass}>
                      {app?.status === 'returned' ? t('cadreAssist.apply.resubmit') : app ? t('cadreAssist.apply.continue') : t('cadreAssist.apply.start')}
                    </Link>
                  ) : null}
                  {app ? (
                    <Link href={`/cadre/cases/${app.id}`} className={secondaryButtonClass}>
                      {t('cadreAssist.apply.openCase')}
                    </Link>
                  ) : null}
                </div>
              </Card>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
