// Apply for one programme: the generated form (apply-form.tsx) for the resident's own
// household. A saved draft is loaded back into the form; a returned application shows what
// the cadre asked for and is resubmitted from here; an application already sent goes to its
// status page instead of a second form.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { Undo2 } from 'lucide-react';
import { getDb } from '@/db/client';
import { loadProgramme } from '@/db/queries/programmes';
import { householdProgrammeApplication, residentHousehold } from '@/db/queries/resident-applications';
import { readHouseholdEligibility } from '@/server/eligibility/household-eligibility';
import { factVerifiedSince } from '@/db/queries/facts';
import { reapplyRefusal } from '@/lib/reapply';
import {getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { PROGRAMMES, fieldMax, isProgrammeCode, overlayFacts } from '@/lib/programs';
import { requireCapability } from '@/lib/session';
import { Card, PageTitle, secondaryButtonClass } from '@/components/ui';
import { ClientMessages } from '@/components/client-messages';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { OutcomeBadge, ReasonList, isAwaitingReason } from '@/components/eligibility';
import { programmeSummary } from '@/components/programme-summary';
import { loose } from '@/lib/i18n/loose';
import { formValues } from '../../_lib/answers';
import { ApplyForm } from './apply-form';
import { NoHouseholdYet } from '@/app/resident/_components/no-household';

type Props = { params: Promise<{ programme: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations();
  const { programme } = await params;
  return { title: isProgrammeCode(programme) ? t('apply.title', { programme: t(`programmes.${programme}.name`) }) : t('errors.notFoundPage.title') };
}

export default async function ApplyPage({ params }: Props) {
  const { programme } = await params;
  const user = await requireCapability('application:apply_own', `/resident/apply/${encodeURIComponent(programme)}`);
  if (!isProgrammeCode(programme)) notFound();
  const code = programme;
  const [t, locale, format] = await Promise.all([getTranslations(), getUiLocale(), getFormatter()]);
  const db = getDb();

  const row = await loadProgramme({ db, code });
  // Stored params that do not parse: as if it did not exist. Closed by an official: said below, in words.
  if (!row || row.params === null) notFound();
  const name = locale === 'en' ? row.nameEn : row.nameZh;
  const title = t('apply.title', { programme: name });

  const hh = await residentHousehold({ db, userId: user.id });
  if (!hh) {
    return (
      <div className="space-y-6">
        <PageTitle>{title}</PageTitle>
        <NoHouseholdYet />
      </div>
    );
  }

  if (!row.needsApplication) {
    return (
      <div className="space-y-6">
        <PageTitle>{name}</PageTitle>
        <Card>
          <p className="text-slate-800">{t('benefits.automatic')}</p>
          <Link href="/resident/benefits" className={`${secondaryButtonClass} mt-4`}>
            {t('apply.backToBenefits')}
          </Link>
        </Card>
      </div>
    );
  }

  const latest = await householdProgrammeApplication({ db, householdId: hh.id, programmeCode: code });
  // A withdrawn or refused application is history: whether the household may apply again is lib/reapply.ts's rule.
  const closed = latest && (latest.status === 'withdrawn' || latest.status === 'rejected') ? latest : null;
  const existing = closed ? null : latest;
  if (existing && existing.status !== 'draft' && existing.status !== 'returned') redirect(`/resident/applications/${existing.id}`);
  // Closed to new applications (issue 10 item 3): a case returned for correction may still be sent back; nothing else starts.
  if (!row.active && existing?.status !== 'returned') {
    return (
      <div className="mx-auto max-w-2xl space-y-6">
        <PageTitle>{title}</PageTitle>
        <Card>
          <p className="text-slate-800" data-testid="programme-closed">
            {t('countyProgrammes.closedForApplications')}
          </p>
          <Link href="/resident/benefits" className={`${secondaryButtonClass} mt-4`}>
            {t('apply.backToBenefits')}
          </Link>
        </Card>
      </div>
    );
  }
  if (closed) {
    const factsChanged = closed.rejectedAt ? await factVerifiedSince({ db, householdId: hh.id, since: closed.rejectedAt }) : false;
    const refusal = reapplyRefusal(closed, factsChanged, new Date());
    // Still open to appeal: the case page offers the appeal.
    if (refusal === 'appeal_instead') redirect(`/resident/applications/${closed.id}`);
    if (refusal === 'facts_unchanged') {
      return (
        <div className="mx-auto max-w-2xl space-y-6">
          <PageTitle>{title}</PageTitle>
          <Card>
            <p className="text-slate-800" data-testid="reapply-refused">{t('apply.reapply.factsUnchanged', { reference: closed.reference })}</p>
            <Link href={`/resident/applications/${closed.id}`} className={`${secondaryButtonClass} mt-4`}>
              {t('apply.reapply.previous')}
            </Link>
          </Card>
        </div>
      );
    }
  }

  const read = (await readHouseholdEligibility({ db, householdId: hh.id, code }))!;
  const { facts } = read;
  const merged = overlayFacts(facts.declared, facts.verified);
  const programmeParams = row.params;
  const outlook = read.programmes[0]!.eligibility.preview;
  // Units the other appliance programme holds, or already repaired, are not offered again.
  const held = read.programmes[0]!.heldElsewhere;
  const fields = PROGRAMMES[code].applicationFields;
  const maxes = Object.fromEntries(fields.filter((f) => f.type === 'int').map((f) => [f.name, fieldMax(f, merged, held)]));
  const mode = existing?.status === 'returned' ? 'returned' : existing ? 'draft' : 'new';

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageTitle lead={programmeSummary(loose(t), row)}>{title}</PageTitle>

      {existing?.status === 'returned' ? (
        <section aria-labelledby="returned-title" className="rounded-lg border-l-4 border-amber-500 bg-amber-50 p-4">
          <h2 id="returned-title" className="flex items-center gap-2 font-semibold text-amber-950">
            <Undo2 aria-hidden="true" className="h-5 w-5" />
            {t('apply.returned.title')}
          </h2>
          <p className="mt-1 text-sm text-amber-950">{t('apply.returned.lead', { reference: existing.reference })}</p>
          <blockquote className="mt-2 whitespace-pre-wrap rounded bg-white p-3 text-slate-900">{existing.returnReason ?? t('apply.returned.noReason')}</blockquote>
        </section>
      ) : existing ? (
        <p className="rounded-lg bg-slate-100 p-3 text-slate-800">{t('apply.draftLoaded', { time: format.dateTime(existing.updatedAt, 'dateTime'), reference: existing.reference })}</p>
      ) : closed ? (
        <p className="rounded-lg bg-slate-100 p-3 text-slate-800" data-testid="reapply-note">
          {t(closed.status === 'withdrawn' ? 'apply.reapply.afterWithdrawal' : 'apply.reapply.afterRefusal', { reference: closed.reference })}
        </p>
      ) : null}

      <div className="flex flex-wrap items-center gap-2">
        <OutcomeBadge outcome={outlook.outcome} />
        {outlook.outcome === 'may_qualify' ? <span className="text-slate-700">{t('apply.mayQualifyNote')}</span> : null}
      </div>
      {outlook.outcome === 'not_qualified' ? (
        <div className="rounded-lg bg-slate-50 p-3">
          <p className="mb-1 text-slate-800">{t('apply.notQualifiedNote')}</p>
          <ReasonList reasons={outlook.reasons.filter((r) => !r.passed || isAwaitingReason(r))} />
        </div>
      ) : null}

      <Card>
        <ClientMessages pick={CLIENT_MESSAGES.apply}>
          <ApplyForm
            code={code}
            facts={merged}
            held={held ?? null}
            params={programmeParams}
            initial={formValues(code, existing?.answers)}
            maxes={maxes}
            householdId={hh.id}
            applicationId={existing?.id ?? null}
            mode={mode}
          />
        </ClientMessages>
      </Card>
    </div>
  );
}
