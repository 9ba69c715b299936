'use client';
// One repair work order: book a day for the repair team, mark it done, or mark it impossible
// with the reason (which opens the replacement subsidy for that unit). When the last open order
// of a case closes, the case is delivered: the page says so after it reloads.
import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import { CalendarCheck, CircleCheck, CircleX } from 'lucide-react';
import type { ActionResult } from '@/lib/action-result';
import { loose } from '@/lib/i18n/loose';
import { Field, firstError, inputClass } from '@/components/form';
import { buttonClass, secondaryButtonClass } from '@/components/ui';
import { submitKeepingFields } from '@/components/grievances/action-problem';
import { closeWorkOrderAction, scheduleWorkOrderAction } from './actions';
import { earlyInput } from '@/components/early-input';

type State = ActionResult<unknown> | null;

function problemKey(state: State): string | null {
  if (!state || state.status === 'ok' || state.status === 'invalid') return null;
  if (state.status === 'conflict') return 'cadreHandouts.repair.changed';
  if (state.status === 'not_found') return 'cadreHandouts.repair.notFound';
  if (state.status === 'forbidden') return 'cadreHandouts.pickup.forbidden';
  return 'cadreHandouts.pickup.failed';
}

export function WorkOrderControls({ orderId, version, label, today }: { orderId: string; version: number; label: string; today: string }) {
  const t = useTranslations();
  const tl = loose(t);
  const [scheduled, scheduleAction, scheduling] = useActionState<State, FormData>(scheduleWorkOrderAction, null);
  const [closed, closeAction, closing] = useActionState<State, FormData>(closeWorkOrderAction, null);
  const [day, setDay] = useState(today);
  const [reason, setReason] = useState('');
  const [impossible, setImpossible] = useState(false);
  const dateError = firstError(tl, scheduled?.status === 'invalid' ? scheduled.fieldErrors : undefined, 'scheduledOn');
  const reasonError = firstError(tl, closed?.status === 'invalid' ? closed.fieldErrors : undefined, 'reason');
  const problem = problemKey(scheduled) ?? problemKey(closed);
  const submitClose = submitKeepingFields(closeAction);
  const ids = { date: `wo-${orderId}-date`, reason: `wo-${orderId}-reason` };

  return (
    <div className="space-y-3">
      {problem ? (
        <div role="alert" className="rounded-lg border-l-4 border-red-700 bg-red-50 p-3 font-medium text-red-900">
          {tl(problem)}
        </div>
      ) : null}
      <form ref={earlyInput} action={scheduleAction} onSubmit={submitKeepingFields(scheduleAction)} noValidate className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="workOrderId" value={orderId} />
        <input type="hidden" name="version" value={version} />
        <div className="min-w-0 flex-1">
          <Field id={ids.date} label={t('cadreHandouts.repair.date', { unit: label })} error={dateError}>
            {(aria) => <input {...aria} type="date" name="scheduledOn" min={today} value={day} onChange={(e) => setDay(e.target.value)} className={inputClass} />}
          </Field>
        </div>
        <button type="submit" className={secondaryButtonClass} disabled={scheduling}>
          <CalendarCheck aria-hidden="true" className="h-5 w-5" />
          {t('cadreHandouts.repair.schedule')}
        </button>
      </form>
      <form ref={earlyInput}
        action={closeAction}
        onSubmit={(e) => {
          // Which button was pressed decides the outcome; the reason is only asked for "impossible".
          submitClose(e);
        }}
        noValidate
        className="space-y-3"
      >
        <input type="hidden" name="workOrderId" value={orderId} />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="outcome" value={impossible ? 'impossible' : 'done'} />
        {impossible ? (
          <Field id={ids.reason} label={t('cadreHandouts.repair.reason', { unit: label })} hint={t('cadreHandouts.repair.reasonHint')} error={reasonError}>
            {(aria) => <textarea {...aria} name="reason" rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} className={`${inputClass} py-2`} />}
          </Field>
        ) : null}
        <div className="flex flex-wrap gap-3">
          {impossible ? (
            <>
              <button type="submit" className={buttonClass} disabled={closing}>
                <CircleX aria-hidden="true" className="h-5 w-5" />
                {t('cadreHandouts.repair.confirmImpossible', { unit: label })}
              </button>
              <button type="button" className={secondaryButtonClass} onClick={() => setImpossible(false)}>
                {t('cadreHandouts.pickup.cancel')}
              </button>
            </>
          ) : (
            <>
              <button type="submit" className={buttonClass} disabled={closing}>
                <CircleCheck aria-hidden="true" className="h-5 w-5" />
                {t('cadreHandouts.repair.done', { unit: label })}
              </button>
              <button type="button" className={secondaryButtonClass} onClick={() => setImpossible(true)}>
                {t('cadreHandouts.repair.impossible', { unit: label })}
              </button>
            </>
          )}
        </div>
      </form>
    </div>
  );
}
