'use client';
// "Verify the chain": one button; the answer names the first altered row, or says the log is intact.
import { useActionState } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import type { ActionResult } from '@/lib/action-result';
import { secondaryButtonClass } from '@/components/ui';
import { ActionProblem } from '@/components/grievances/action-problem';
import { checkAuditChainAction } from './actions';
import { Notice } from '@/components/form';

type Outcome = { intact: true } | { intact: false; id: number; at: string };

export function VerifyChainForm() {
  const t = useTranslations();
  const format = useFormatter();
  const [state, action, pending] = useActionState<ActionResult<Outcome> | null, FormData>(async (_prev, fd) => (await checkAuditChainAction(fd)) as ActionResult<Outcome>, null);
  const outcome = state?.status === 'ok' ? state.data : null;
  return (
    <form action={action} className="space-y-3">
      <p className="text-slate-700">{t('countyAudit.verify.lead')}</p>
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        {pending ? t('countyAudit.verify.running') : t('countyAudit.verify.submit')}
      </button>
      {outcome?.intact === true ? (
        <p role="status" className="rounded-lg border border-green-700 bg-green-50 p-4 font-medium text-green-900">
          {t('countyAudit.verify.intact')}
        </p>
      ) : null}
      {outcome?.intact === false ? (
        <Notice tone="problem" testId="chain-broken">
          {t('countyAudit.verify.broken', { id: outcome.id, at: format.dateTime(new Date(outcome.at), 'dateTime') })}
        </Notice>
      ) : null}
      {state && state.status !== 'ok' ? <ActionProblem state={state} /> : null}
    </form>
  );
}
