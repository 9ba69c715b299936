// Apply, save a draft or resubmit a returned application for a household, on its behalf
// (代办): the same generated form the resident fills in, sent with the cadre's action.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { loadProgramme } from '@/db/queries/programmes';
import { householdProgrammeApplication } from '@/db/queries/resident-applications';
import { readHouseholdEligibility } from '@/server/eligibility/household-eligibility';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { PROGRAMMES, fieldMax, isProgrammeCode, overlayFacts, takesApplications } from '@/lib/programs';
import { formValues } from '@/lib/programs/answers';
import { maskName } from '@/lib/pii';
import { ClientMessages } from '@/components/client-messages';
import { Card, PageTitle, secondaryButtonClass } from '@/components/ui';
import { loadAssistHousehold } from '../../load';
import { AssistApplyForm } from './apply-form';

type Props = { params: Promise<{ householdId: string; programme: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('cadreAssist.apply.title') };
}

export default async function AssistApplyPage({ params }: Props) {
  const { householdId, programme } = await params;
  const { hh, recused } = await loadAssistHousehold(householdId, 'application:apply_on_behalf', `/cadre/assist/${householdId}/apply/${encodeURIComponent(programme)}`);
  if (!isProgrammeCode(programme)) notFound();
  const code = programme;
  const db = getDb();
  const [t, locale, row] = await Promise.all([getTranslations(), getUiLocale(), loadProgramme({ db, code })]);
  if (!row || !takesApplications(row)) notFound();
  const list = `/cadre/assist/${hh.id}/apply`;
  if (recused) redirect(list);
  const existing = await householdProgrammeApplication({ db, householdId: hh.id, programmeCode: code });
  // Sent already: its case page is where it goes on (a closed one is re-applied for from the case).
  if (existing && existing.status !== 'draft' && existing.status !== 'returned') redirect(`/cadre/cases/${existing.id}`);
  const read = (await readHouseholdEligibility({ db, householdId: hh.id, code }))!;
  const merged = overlayFacts(read.facts.declared, read.facts.verified);
  const held = read.programmes[0]?.heldElsewhere;
  const maxes = Object.fromEntries(PROGRAMMES[code].applicationFields.filter((f) => f.type === 'int').map((f) => [f.name, fieldMax(f, merged, held)]));
  const name = locale === 'en' ? row.nameEn : row.nameZh;

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageTitle lead={t('cadreAssist.apply.formLead', { name: maskName(hh.headName) })}>{t('apply.title', { programme: name })}</PageTitle>
      <Link href={list} className={secondaryButtonClass}>
        {t('cadreAssist.back')}
      </Link>
      {existing?.status === 'returned' ? (
        <section className="rounded-lg border-l-4 border-amber-500 bg-amber-50 p-4">
          {/* Said to the cadre about the household's application, not to the resident ("干部请您…"). */}
          <h2 className="font-semibold text-amber-950">{t('cadreAssist.apply.returned.title')}</h2>
          <blockquote className="mt-2 whitespace-pre-wrap rounded bg-white p-3 text-slate-900">{existing.returnReason ?? t('cadreAssist.apply.returned.noReason')}</blockquote>
        </section>
      ) : null}
      <Card>
        <ClientMessages pick={CLIENT_MESSAGES.apply}>
          <AssistApplyForm
            code={code}
            facts={merged}
            held={held ?? null}
            params={row.params}
            initial={formValues(code, existing?.answers)}
            maxes={maxes}
            householdId={hh.id}
            applicationId={existing?.id ?? null}
            mode={existing?.status === 'returned' ? 'returned' : existing ? 'draft' : 'new'}
          />
        </ClientMessages>
      </Card>
    </div>
  );
}
