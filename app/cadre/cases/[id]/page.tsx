import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { staffCaseDetail } from '@/db/queries/cases';
import { getTranslations } from 'next-intl/server';
import { loose } from '@/lib/i18n/loose';
import { SAFETY_GRADES, type FactKey } from '@/lib/domain';
import { APPEAL_WINDOW_DAYS, availableActions, type TransitionAction } from '@/lib/workflow';
import { can } from '@/lib/permissions';
import { requireCapability } from '@/lib/session';
import { Card } from '@/components/ui';
import { ClientMessages } from '@/components/client-messages';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { AnswersCard, EligibilityCard, FactsCard, HouseholdCard, CaseHeader, ObjectionsCard, TimelineCard, UploadsCard } from '@/components/cases/case-view';
import { AnswerObjectionForm, CaseActions, VerifyFactForm, type CaseActionSpec, type Option } from '@/components/cases/case-forms';
import { answerObjectionAction, cadreTransitionAction, fulfilAction, verifyFactAction } from './actions';
import { CASH_PROGRAMMES } from '@/lib/payee';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('cases.title') };
}

/** The cadre's buttons; submit/resubmit on behalf are made on the application form, not here. */
const CADRE_BUTTONS: readonly TransitionAction[] = ['return', 'recommend', 'reject', 'fulfil'];
const NEEDS_REASON = new Set<TransitionAction>(['return', 'reject']);
const DANGER = new Set<TransitionAction>(['reject']);
/** Delivered on the hand-outs page (against the pickup code, or as work orders close), never with a bare "fulfil" here. */
const HANDED_OUT = new Set<string>(['building_materials', 'appliance_repair']);
// Cash is fulfilled when the county's payment batch is marked paid (server/payments/close-batch.ts), never by hand.
const PAID_BY_BATCH = new Set<string>(CASH_PROGRAMMES);

export default async function CadreCasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireCapability('application:verify', `/cadre/cases/${id}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const t = await getTranslations();
  // Action and fact keys come from the workflow table and the household's data.
  const tl = loose(t);
  const c = await staffCaseDetail({ db: getDb(), actor: user, applicationId: id });
  if (!c) notFound();
  const app = c.application;
  const canVerify = can(user.role, 'fact:verify') && c.household.recusal === null;

  const choiceOptions = (key: FactKey): Option[] =>
    key === 'safetyGrade' ? SAFETY_GRADES.map((g) => ({ value: g, label: t(`facts.grade.${g}`) })) : [
      { value: 'true', label: t('common.yes') },
      { value: 'false', label: t('common.no') },
    ];
  const initial = (f: { verifiedValue: unknown; declaredValue: unknown }) => {
    const v = f.verifiedValue ?? f.declaredValue;
    return v === null || v === undefined ? '' : String(v);
  };

  // The days the action's words name: the appeal window after a refusal, this programme's public notice before approval.
  const caseDays = { appealDays: APPEAL_WINDOW_DAYS, noticeDays: c.programme.noticeDays };
  const specs: CaseActionSpec[] = c.household.recusal
    ? []
    : availableActions(app.status, 'cadre')
        .filter((a) => CADRE_BUTTONS.includes(a) && !(a === 'fulfil' && (HANDED_OUT.has(app.programmeCode) || PAID_BY_BATCH.has(app.programmeCode))))
        .map((a) => ({
          action: a,
          label: t(`workflow.actions.${a}`),
          needsReason: NEEDS_REASON.has(a),
          danger: DANGER.has(a),
          doneText: tl(`cases.done.${a}`, caseDays),
          help: tl(`cases.help.${a}`, caseDays),
        }));
  const transition = specs.some((s) => s.action === 'fulfil') ? fulfilAction : cadreTransitionAction;

  return (
    <ClientMessages pick={CLIENT_MESSAGES.caseForms}>
    <div className="space-y-6">
      <CaseHeader c={c} back={{ href: '/cadre', label: t('cases.backToQueue') }} />
      {app.status === 'returned' && app.returnReason ? <p className="rounded-lg bg-amber-50 p-3 text-amber-900">{t('cases.returnedFor', { reason: app.returnReason })}</p> : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <HouseholdCard c={c} />
          <AnswersCard c={c} />
          <FactsCard
            c={c}
            renderForm={
              canVerify
                ? (f) => (
                    <details className="rounded-lg border border-slate-200 bg-slate-50 p-3">
                      <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-brand-700">{t('cases.verify.open', { fact: tl(`facts.${f.key}`) })}</summary>
                      <div className="mt-3">
                        <VerifyFactForm
                          action={verifyFactAction}
                          applicationId={app.id}
                          factKey={f.key}
                          factLabel={tl(`facts.${f.key}`)}
                          valueKind={f.key === 'damagedBoilers' || f.key === 'damagedHeatPumps' ? 'count' : 'choice'}
                          options={f.key === 'damagedBoilers' || f.key === 'damagedHeatPumps' ? [] : choiceOptions(f.key as FactKey)}
                          initialValue={initial(f)}
                        />
                      </div>
                    </details>
                  )
                : undefined
            }
          />
          <EligibilityCard c={c} />
          <ObjectionsCard
            c={c}
            renderAnswer={c.household.recusal ? undefined : (o, i) => <AnswerObjectionForm action={answerObjectionAction} applicationId={app.id} objectionId={o.id} index={i} />}
          />
          <UploadsCard c={c} />
          <TimelineCard c={c} />
        </div>
        <div className="space-y-6">
          <Card title={t('cases.actions.title')}>
            <CaseActions action={transition} applicationId={app.id} version={app.version} specs={specs} emptyText={c.household.recusal ? t(`cases.household.${c.household.recusal === 'own_household' ? 'own' : 'relative'}`) : t('cases.actions.none')} />
            {app.status === 'approved' && HANDED_OUT.has(app.programmeCode) ? (
              <Link href={`/cadre/handouts?programme=${app.programmeCode}`} className="mt-3 inline-flex min-h-11 items-center font-medium text-brand-700 underline">
                {t('cadreHandouts.caseLink')}
              </Link>
            ) : null}
          </Card>
        </div>
      </div>
    </div>
    </ClientMessages>
  );
}
