import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { staffCaseDetail } from '@/db/queries/cases';
import { getTranslations } from 'next-intl/server';
import { loose } from '@/lib/i18n/loose';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { APPEAL_WINDOW_DAYS, CASE_PAGE_DECISIONS, availableActions, type TransitionAction } from '@/lib/workflow';
import { requireCapability } from '@/lib/session';
import { ClientMessages } from '@/components/client-messages';
import { Card } from '@/components/ui';
import { AnswersCard, EligibilityCard, FactsCard, HouseholdCard, CaseHeader, ObjectionsCard, TimelineCard, UploadsCard } from '@/components/cases/case-view';
import { CaseActions, type CaseActionSpec } from '@/components/cases/case-forms';
import { decideAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('cases.title') };
}

const NEEDS_REASON = new Set<TransitionAction>(['decline', 'deny_appeal']);

export default async function CountyCasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireCapability('application:decide', `/county/cases/${id}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const t = await getTranslations();
  const c = await staffCaseDetail({ db: getDb(), actor: user, applicationId: id });
  if (!c) notFound();
  const app = c.application;

  // The days the action's words name: the appeal window after a refusal, this programme's public notice before approval.
  const caseDays = { appealDays: APPEAL_WINDOW_DAYS, noticeDays: c.programme.noticeDays };
  const specs: CaseActionSpec[] = c.household.recusal
    ? []
    : availableActions(app.status, 'official')
        .filter((a) => (CASE_PAGE_DECISIONS as readonly string[]).includes(a))
        .map((a) => ({
          action: a,
          label: t(`workflow.actions.${a}`),
          needsReason: NEEDS_REASON.has(a),
          danger: NEEDS_REASON.has(a),
          doneText: loose(t)(`cases.done.${a}`, caseDays),
          help: loose(t)(`cases.help.${a}`, caseDays),
        }));

  return (
    <ClientMessages pick={CLIENT_MESSAGES.caseForms}>
    <div className="space-y-6">
      <CaseHeader c={c} back={{ href: '/county/decisions', label: t('cases.backToDecisions') }} />
      {c.openObjections > 0 ? <p className="rounded-lg bg-amber-50 p-3 font-medium text-amber-900">{t('workflow.refusals.objection_pending')}</p> : null}
      {c.upheldObjections > 0 ? <p className="rounded-lg bg-red-50 p-3 font-medium text-red-900">{t('workflow.refusals.objection_upheld')}</p> : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <HouseholdCard c={c} />
          <AnswersCard c={c} />
          <FactsCard c={c} />
          <EligibilityCard c={c} />
          <ObjectionsCard c={c} />
          <UploadsCard c={c} />
          <TimelineCard c={c} />
        </div>
        <div className="space-y-6">
          <Card title={t('cases.actions.title')}>
            <CaseActions action={decideAction} applicationId={app.id} version={app.version} specs={specs} emptyText={c.household.recusal ? t(`cases.household.${c.household.recusal === 'own_household' ? 'own' : 'relative'}`) : t('cases.actions.noneOfficial')} />
          </Card>
        </div>
      </div>
    </div>
    </ClientMessages>
  );
}
