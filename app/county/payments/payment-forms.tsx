'use client';
// The payment batch forms (issue 10 item 6): build a batch, mark it sent, record the bank's
// answer. Refusals the payment pages explain themselves have their own sentence; the rest read
// as the general one.
import Link from 'next/link';
import { useActionState, useState } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import type { ActionResult } from '@/lib/action-result';
import { loose } from '@/lib/i18n/loose';
import { Field, firstError, inputClass, Notice } from '@/components/form';
import { buttonClass, secondaryButtonClass } from '@/components/ui';
import { ActionProblem } from '@/components/grievances/action-problem';
import { buildBatchAction, closeBatchAction, markBatchSentAction } from './actions';
import { earlyInput } from '@/components/early-input';

const OWN_CONFLICTS: Record<string, string> = {
  'conflict:payment_batch': 'countyPayments.messages.stale',
  'conflict:nothing_to_pay': 'countyPayments.messages.nothingToPay',
  'conflict:batch_not_draft': 'countyPayments.messages.wrongState',
  'conflict:batch_not_sent': 'countyPayments.messages.wrongState',
  'conflict:payment_item': 'countyPayments.messages.itemMoved',
  'conflict:application': 'countyPayments.messages.itemMoved',
  'conflict:no_budget_line': 'countyPayments.messages.noBudgetLine',
  'over_budget:not_set_aside': 'countyPayments.messages.notSetAside',
};

export function BuildBatchForm({ programme }: { programme: string }) {
  const t = useTranslations();
  const format = useFormatter();
  const [state, formAction, pending] = useActionState<ActionResult<{ id: string; reference: string; itemCount: number; totalYuan: number }> | null, FormData>(buildBatchAction, null);
  return (
    <form ref={earlyInput} action={formAction} className="space-y-3">
      <input type="hidden" name="programme" value={programme} />
      <ActionProblem state={state} ownConflicts={OWN_CONFLICTS} ownForbidden="countyPayments.notCountyWide" />
      {state?.status === 'ok' ? (
        <div role="status" className="space-y-2 rounded-lg border-l-4 border-green-700 bg-green-50 p-3 text-green-900">
          <p className="font-medium">{t('countyPayments.build.done', { reference: state.data.reference, count: state.data.itemCount, total: format.number(state.data.totalYuan) })}</p>
          <Link href={`/county/payments/${state.data.id}`} className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
            {t('countyPayments.build.open')}
          </Link>
        </div>
      ) : null}
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? t('countyPayments.build.working') : t('countyPayments.build.submit')}
      </button>
    </form>
  );
}

export function MarkSentForm({ batchId, version }: { batchId: string; version: number }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionResult<{ version: number }> | null, FormData>(markBatchSentAction, null);
  return (
    <form ref={earlyInput} action={formAction} className="space-y-3">
      <input type="hidden" name="batchId" value={batchId} />
      <input type="hidden" name="version" value={version} />
      <ActionProblem state={state} ownConflicts={OWN_CONFLICTS} ownForbidden="countyPayments.notCountyWide" />
      {state?.status === 'ok' ? (
        <p role="status" className="rounded-lg border-l-4 border-green-700 bg-green-50 p-3 font-medium text-green-900">
          {t('countyPayments.send.done')}
        </p>
      ) : (
        <button type="submit" disabled={pending} className={buttonClass}>
          {t('countyPayments.send.submit')}
        </button>
      )}
    </form>
  );
}

export interface PendingItem {
  applicationId: string;
  reference: string;
  name: string;
}

export function CloseBatchForm({ batchId, version, items }: { batchId: string; version: number; items: PendingItem[] }) {
  const t = useTranslations();
  const tl = loose(t);
  const [state, formAction, pending] = useActionState<ActionResult<{ status: string; paid: number; failed: number }> | null, FormData>(closeBatchAction, null);
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [reasonAll, setReasonAll] = useState('');
  const errors = state?.status === 'invalid' ? state.fieldErrors : undefined;
  const formError = firstError(tl, errors, 'failed') ?? firstError(tl, errors, 'reasonAll');

  if (state?.status === 'ok') {
    return (
      <p role="status" className="rounded-lg border-l-4 border-green-700 bg-green-50 p-3 font-medium text-green-900">
        {t('countyPayments.close.done', { paid: state.data.paid, failed: state.data.failed })}
      </p>
    );
  }
  return (
    <div className="space-y-4">
      <ActionProblem state={state} ownConflicts={OWN_CONFLICTS} ownForbidden="countyPayments.notCountyWide" />
      {formError ? (
        <Notice tone="problem">
          {formError}
        </Notice>
      ) : null}
      <form ref={earlyInput} action={formAction}>
        <input type="hidden" name="batchId" value={batchId} />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="mode" value="all_paid" />
        <button type="submit" disabled={pending} className={buttonClass}>
          {t('countyPayments.close.allPaid')}
        </button>
      </form>
      <form ref={earlyInput} action={formAction} className="space-y-3 rounded-lg border border-slate-200 p-3">
        <input type="hidden" name="batchId" value={batchId} />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="mode" value="failures" />
        <p className="text-slate-700">{t('countyPayments.close.failuresLead')}</p>
        <p className="text-sm text-slate-600">{t('countyPayments.close.pageOnly')}</p>
        <ul className="space-y-3">
          {items.map((item) => (
            <li key={item.applicationId} className="rounded-lg bg-slate-50 p-2">
              <label className="flex min-h-11 items-center gap-3">
                <input type="checkbox" name="failed" value={item.applicationId} checked={ticked[item.applicationId] ?? false} onChange={(e) => setTicked({ ...ticked, [item.applicationId]: e.target.checked })} className="h-5 w-5" />
                <span>{t('countyPayments.close.failed', { name: item.name, reference: item.reference })}</span>
              </label>
              {ticked[item.applicationId] ? (
                <Field id={`reason-${item.applicationId}`} label={t('countyPayments.close.reason')}>
                  {(aria) => <input {...aria} name={`reason_${item.applicationId}`} maxLength={200} autoComplete="off" value={reasons[item.applicationId] ?? ''} onChange={(e) => setReasons({ ...reasons, [item.applicationId]: e.target.value })} className={inputClass} />}
                </Field>
              ) : null}
            </li>
          ))}
        </ul>
        <Field id="reason-all" label={t('countyPayments.close.reasonAll')}>
          {(aria) => <input {...aria} name="reasonAll" maxLength={200} autoComplete="off" value={reasonAll} onChange={(e) => setReasonAll(e.target.value)} className={inputClass} />}
        </Field>
        <button type="submit" disabled={pending} className={secondaryButtonClass}>
          {t('countyPayments.close.record')}
        </button>
      </form>
    </div>
  );
}
