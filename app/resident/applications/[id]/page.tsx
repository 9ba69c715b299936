// One of my applications: status, what happens next and when, what was asked (a return) or
// why it was refused, the timeline (date, role — never a staff member's name — and reason),
// and the moves open to me: edit and resubmit, withdraw, appeal within 15 days. Another
// household's application answers 404, exactly like one that does not exist.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CheckCircle2, FilePlus2, Info, PhoneCall, QrCode, Undo2, XCircle } from 'lucide-react';
import { getDb } from '@/db/client';
import { applicationTimeline, findApplicationDetail } from '@/db/queries/applications';
import { applicationUploads, residentApplications } from '@/db/queries/resident-applications';
import { programmesOpenAgain } from '@/server/applications/reapply-open';
import { workOrderTally } from '@/db/queries/handouts';
import {getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { loose, type LooseTranslate } from '@/lib/i18n/loose';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { ClientMessages } from '@/components/client-messages';
import { availableActions, TRANSITION_ACTIONS } from '@/lib/workflow';
import { PROGRAMMES, repairOutcomeOfEvent, takesApplications, type Entitlement } from '@/lib/programs';
import { caseStatusLabel, closingStepOf } from '@/lib/case-status';
import { stepTakenForHousehold } from '@/lib/on-behalf';
import { requireRole } from '@/lib/session';
import { Card, PageTitle, buttonClass } from '@/components/ui';
import { StatusBadge } from '@/components/status-badge';
import { Timeline, type TimelineStep } from '@/components/timeline';
import { Countdown } from '@/components/countdown';
import { EntitlementList } from '@/components/eligibility';
import { NextSteps } from '../../_components/next-steps';
import { appealWindow } from '../../_lib/next-steps';
import { AppealForm, WithdrawPanel } from './case-actions';
import { PICKUP_DAYS, pickupLapsed, pickupLastDay, voucherLapsed } from '@/lib/pickup-window';
import { UUID_TEXT } from '@/lib/validators';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string; changed?: string }> };

const KNOWN_EVENTS: readonly string[] = [...TRANSITION_ACTIONS, 'enrol'];
const ROLES_SHOWN = ['resident', 'cadre', 'official', 'system'];

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('track.detail.title') };
}

/** Event actions and statuses come from the stored timeline; a repair closed with units unrepaired says so. */
function eventTitle(t: LooseTranslate, action: string, toStatus: string, details: unknown): string {
  if (action === 'fulfil') {
    const outcome = repairOutcomeOfEvent(details);
    const counts = details as { repaired: number; unrepairable: number };
    if (outcome === 'unrepairable') return t('track.events.fulfilUnrepairable');
    if (outcome === 'partly_repaired') return t('track.events.fulfilPartly', { repaired: counts.repaired, unrepairable: counts.unrepairable });
  }
  return KNOWN_EVENTS.includes(action) ? t(`track.events.${action}`) : t(`status.${toStatus}`);
}

export default async function ApplicationPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { done, changed } = await searchParams;
  const user = await requireRole('resident', `/resident/applications/${encodeURIComponent(id)}`);
  if (!UUID_TEXT.test(id)) notFound();
  const db = getDb();
  // Scoped by the record rule: another household's case is not found, like one that does not exist.
  const row = await findApplicationDetail({ db, actor: user, applicationId: id });
  if (!row) notFound();
  const [t, locale, format] = await Promise.all([getTranslations(), getUiLocale(), getFormatter()]);
  const { app, programme, stockPoint } = row;
  const [events, uploads, repair, openAgain] = await Promise.all([
    applicationTimeline({ db, applicationId: id }),
    applicationUploads({ db, applicationId: id }),
    // How the repair went, unit by unit: a case with a unit repaired can no longer be withdrawn; units found unrepairable may be replaced with the subsidy.
    app.programmeCode === 'appliance_repair' && (app.status === 'approved' || app.status === 'fulfilled') ? workOrderTally({ db, applicationId: id }) : null,
    // A withdrawn or refused case: may the household apply again (lib/reapply.ts)? Read over all its cases: a newer one may be open.
    app.status === 'withdrawn' || app.status === 'rejected' ? residentApplications({ db, householdId: app.householdId }).then((cases) => programmesOpenAgain({ db, householdId: app.householdId, cases })) : null,
  ]);
  // Only while the programme still takes applications (the apply page says "closed" otherwise).
  const mayApplyAgain = Boolean(openAgain?.has(app.programmeCode)) && takesApplications(programme);

  const name = locale === 'en' ? programme.nameEn : programme.nameZh;
  const actions = availableActions(app.status, 'resident');
  const appeal = appealWindow(app);
  const lastRefusal = [...events].reverse().find((e) => e.toStatus === 'rejected');
  const fields = PROGRAMMES[app.programmeCode].applicationFields;
  const answers = (app.answers ?? {}) as Record<string, unknown>;
  const given = fields.filter((f) => answers[f.name] !== undefined && answers[f.name] !== '');
  const lastDayText = (d: Date) => format.dateTime(d, 'date');
  // An expired voucher is not a withdrawal, a repair closed with nothing repaired not a delivery: the step that closed the case says which.
  const now = new Date();
  const shown = caseStatusLabel(app.status, closingStepOf(app.status, events), voucherLapsed(app, now));

  const steps: TimelineStep[] = events.map((e) => ({
    key: e.id,
    when: format.dateTime(e.at, 'dateTime'),
    title: eventTitle(loose(t), e.action, e.toStatus, e.details),
    // Sent by a cadre for the household (代办): said so, still without the cadre's name.
    who: stepTakenForHousehold('application', e) ? t('cadreAssist.timeline.onBehalf') : loose(t)(`track.who.${ROLES_SHOWN.includes(e.actorRole) ? e.actorRole : 'system'}`),
    reason: e.reason ? t('track.detail.reasonGiven', { reason: e.reason }) : undefined,
    tone: e.toStatus === 'rejected' ? 'bad' : e.toStatus === 'returned' || e.toStatus === 'withdrawn' ? 'warn' : 'done',
  }));

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p>
        <Link href="/resident/applications" className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
          {t('track.detail.backToList')}
        </Link>
      </p>
      <PageTitle>{name}</PageTitle>
      <div className="-mt-4 flex flex-wrap items-center gap-3">
        <StatusBadge status={shown} label={t(`status.${shown}`)} />
        <span className="text-slate-700">{t('track.detail.reference', { reference: app.reference })}</span>
      </div>

      {changed ? (
        <p role="alert" className="flex items-start gap-2 rounded-lg border-l-4 border-amber-500 bg-amber-50 p-3 text-amber-950">
          <Info aria-hidden="true" className="mt-1 h-5 w-5 shrink-0" />
          {t('track.detail.changed')}
        </p>
      ) : null}
      {done === 'withdrawn' && app.status === 'withdrawn' ? (
        <p role="status" className="flex items-start gap-2 rounded-lg border-l-4 border-green-700 bg-green-50 p-3 text-green-900">
          <CheckCircle2 aria-hidden="true" className="mt-1 h-5 w-5 shrink-0" />
          {t('track.withdraw.done')}
        </p>
      ) : null}
      {done === 'appealed' && app.status === 'appealed' ? (
        <p role="status" className="flex items-start gap-2 rounded-lg border-l-4 border-green-700 bg-green-50 p-3 text-green-900">
          <CheckCircle2 aria-hidden="true" className="mt-1 h-5 w-5 shrink-0" />
          {t('appeal.done')}
        </p>
      ) : null}

      {app.status === 'returned' ? (
        <section aria-labelledby="returned-title" className="rounded-lg border-l-4 border-amber-500 bg-amber-50 p-4">
          <h2 id="returned-title" className="flex items-center gap-2 text-lg font-semibold text-amber-950">
            <Undo2 aria-hidden="true" className="h-5 w-5" />
            {t('apply.returned.title')}
          </h2>
          <blockquote className="mt-2 whitespace-pre-wrap rounded bg-white p-3 text-slate-900">{app.returnReason ?? t('apply.returned.noReason')}</blockquote>
          <Link href={`/resident/apply/${app.programmeCode}`} className={`${buttonClass} mt-3`}>
            {t('track.detail.editAndResubmit')}
          </Link>
        </section>
      ) : null}

      {app.status === 'rejected' ? (
        <section aria-labelledby="refused-title" className="rounded-lg border-l-4 border-red-700 bg-red-50 p-4">
          <h2 id="refused-title" className="flex items-center gap-2 text-lg font-semibold text-red-900">
            <XCircle aria-hidden="true" className="h-5 w-5" />
            {t('appeal.refused.title')}
          </h2>
          <p className="mt-1 text-red-950">{t('appeal.refused.why')}</p>
          <blockquote className="mt-2 whitespace-pre-wrap rounded bg-white p-3 text-slate-900">{lastRefusal?.reason ?? t('appeal.refused.noReason')}</blockquote>
        </section>
      ) : null}

      <NextSteps app={app} shown={shown} appeal={appeal} noticeDays={programme.noticeDays} stockPoint={stockPoint} repair={repair} pickup={app.programmeCode === 'building_materials' && app.decidedAt ? { lastDay: pickupLastDay(app.decidedAt), lapsed: pickupLapsed(app.decidedAt, now), days: PICKUP_DAYS } : null} />

      {mayApplyAgain ? (
        <Link href={`/resident/apply/${app.programmeCode}`} className={buttonClass} data-testid="apply-again">
          <FilePlus2 aria-hidden="true" className="h-5 w-5" />
          {t('benefits.applyAgain')}
        </Link>
      ) : null}

      {app.status === 'approved' && app.programmeCode === 'building_materials' && app.pickupCode ? (
        <Link href={`/resident/applications/${app.id}/voucher`} className={buttonClass}>
          <QrCode aria-hidden="true" className="h-5 w-5" />
          {t('track.detail.voucher')}
        </Link>
      ) : null}

      {appeal.state === 'open' ? (
        <Card title={t('appeal.title')} action={<Countdown daysLeft={appeal.daysLeft} label={t('appeal.daysLeft', { days: appeal.daysLeft })} />}>
          <p className="mb-4 text-slate-800">{t('appeal.lead', { date: lastDayText(appeal.lastDay), days: appeal.daysLeft })}</p>
          <ClientMessages pick={CLIENT_MESSAGES.residentCase}>
            <AppealForm id={app.id} version={app.version} householdId={app.householdId} />
          </ClientMessages>
        </Card>
      ) : null}
      {appeal.state === 'closed' || appeal.state === 'final' ? (
        <Card title={t('appeal.title')}>
          <p className="text-slate-800">{appeal.state === 'closed' ? t('appeal.closed', { date: lastDayText(appeal.lastDay) }) : t('appeal.final')}</p>
          <p className="mt-2 flex items-start gap-2 text-slate-800">
            <PhoneCall aria-hidden="true" className="mt-1 h-5 w-5 shrink-0" />
            {t('appeal.otherWays')}
          </p>
        </Card>
      ) : null}

      {app.entitlement ? (
        <Card title={t('track.detail.entitlement')}>
          <EntitlementList entitlement={app.entitlement as Entitlement} />
        </Card>
      ) : null}

      <Card title={t('track.detail.answers')}>
        {given.length === 0 && uploads.length === 0 ? (
          <p className="text-slate-700">{t('track.detail.noAnswers')}</p>
        ) : (
          <dl className="divide-y divide-slate-100">
            {given.map((f) => (
              <div key={f.name} className="py-2">
                <dt className="text-sm text-slate-600">{loose(t)(f.labelKey)}</dt>
                <dd className="whitespace-pre-wrap break-words font-medium">
                  {f.type === 'upload' ? t('apply.review.photoAttached') : f.type === 'boolean' ? t(answers[f.name] === true ? 'common.yes' : 'common.no') : String(answers[f.name])}
                </dd>
              </div>
            ))}
            {uploads.length > 0 ? (
              <div className="py-2">
                <dt className="text-sm text-slate-600">{t('track.detail.photos')}</dt>
                <dd className="font-medium">{t('track.detail.photoCount', { count: uploads.length })}</dd>
              </div>
            ) : null}
          </dl>
        )}
        {app.submittedAt ? <p className="mt-2 text-sm text-slate-600">{t('track.detail.submittedAt', { time: format.dateTime(app.submittedAt, 'dateTime') })}</p> : null}
      </Card>

      <Card title={t('track.detail.timeline')}>
        {steps.length === 0 ? <p className="text-slate-700">{t('track.detail.noEvents')}</p> : <Timeline steps={steps} label={t('track.detail.timeline')} />}
      </Card>

      {app.status === 'draft' ? (
        <Link href={`/resident/apply/${app.programmeCode}`} className={buttonClass}>
          {t('benefits.continueDraft')}
        </Link>
      ) : null}

      {actions.includes('withdraw') ? (
        <Card title={t('track.withdraw.title')}>
          {repair && repair.done > 0 ? (
            <p className="text-slate-700" data-testid="withdraw-repair-started">
              {t('track.withdraw.repairStarted')}
            </p>
          ) : (
            <>
              <p className="mb-3 text-slate-700">{t(app.status === 'approved' ? 'track.withdraw.leadApproved' : 'track.withdraw.lead')}</p>
              <ClientMessages pick={CLIENT_MESSAGES.residentCase}>
                <WithdrawPanel id={app.id} version={app.version} />
              </ClientMessages>
            </>
          )}
        </Card>
      ) : null}
    </div>
  );
}
