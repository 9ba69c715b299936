'use client';
// The official's stock forms: open a point, edit or close it, record a delivery, correct a
// level. Fields keep what was typed when the server refuses; a delivery or a correction that
// went through clears its form (so the same figure is not sent twice) and says what was done.
import { useActionState, useEffect, useRef } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import type { ActionResult } from '@/lib/action-result';
import { loose } from '@/lib/i18n/loose';
import { ErrorSummary, Field, errorSummaryOf, firstError, inputClass, Notice } from '@/components/form';
import { buttonClass } from '@/components/ui';
import { ActionProblem, submitKeepingFields } from '@/components/grievances/action-problem';
import { correctStockAction, createStockPointAction, receiveStockAction, updateStockPointAction } from './actions';

export interface PlaceOption {
  id: number;
  label: string;
  depth: number;
}

/** Refusals this page explains itself. */
const OWN: Record<string, string> = {
  'conflict:below_reserved': 'countyStock.errors.belowReserved',
};

function useFormState<T>(action: (state: ActionResult<T> | null, fd: FormData) => Promise<ActionResult<T>>) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionResult<T> | null, FormData>(action, null);
  const errors = state?.status === 'invalid' ? state.fieldErrors : undefined;
  const err = (field: string) => firstError(loose(t), errors, field);
  return { t, state, formAction, pending, err };
}

function PlaceSelect({ places, defaultValue, aria }: { places: PlaceOption[]; defaultValue?: number; aria: object }) {
  const t = useTranslations();
  return (
    <select {...aria} name="placeId" defaultValue={defaultValue ?? ''} className={inputClass}>
      <option value="">{t('countyStock.fields.choosePlace')}</option>
      {places.map((p) => (
        <option key={p.id} value={p.id}>
          {`${'\u3000'.repeat(p.depth)}${p.label}`}
        </option>
      ))}
    </select>
  );
}

function MaterialSelect({ aria }: { aria: object }) {
  const t = useTranslations();
  return (
    <select {...aria} name="material" defaultValue="" className={inputClass}>
      <option value="">{t('countyStock.fields.chooseMaterial')}</option>
      <option value="rebar">{t('countyStock.material.rebar')}</option>
      <option value="sand">{t('countyStock.material.sand')}</option>
    </select>
  );
}

/** Clears the form after the action went through, so the same delivery is not entered twice. */
function useResetOnOk(state: ActionResult<unknown> | null) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.status === 'ok') ref.current?.reset();
  }, [state]);
  return ref;
}

export function PointForm({ places, point }: { places: PlaceOption[]; point?: { id: number; name: string; nameEn: string; placeId: number; address: string; active: boolean } }) {
  const { t, state, formAction, pending, err } = useFormState(point ? updateStockPointAction : createStockPointAction);
  const prefix = point ? 'point-edit' : 'point-new';
  const e = { name: err('name'), nameEn: err('nameEn'), placeId: err('placeId'), address: err('address') };
  const created = state?.status === 'ok' && state.data && typeof state.data === 'object' && 'pointId' in state.data ? (state.data as { pointId: number }).pointId : null;
  return (
    <form action={formAction} onSubmit={submitKeepingFields(formAction)} noValidate className="space-y-4">
      <ErrorSummary title={t('common.errorSummary')} errors={errorSummaryOf(prefix, e)} />
      <ActionProblem state={state} ownConflicts={OWN} ownForbidden="countyStock.errors.forbidden" context="form" />
      {state?.status === 'ok' ? (
        <Notice tone="done">{point ? t('countyStock.point.saved') : t('countyStock.point.created')}</Notice>
      ) : null}
      {created ? (
        <p>
          <a href={`/county/stock/${created}`} className="inline-flex min-h-11 items-center text-blue-800 underline">
            {t('countyStock.point.openCreated')}
          </a>
        </p>
      ) : null}
      {point ? <input type="hidden" name="pointId" value={point.id} /> : null}
      <Field id={`${prefix}-name`} label={t('countyStock.fields.name')} error={e.name}>
        {(aria) => <input {...aria} name="name" defaultValue={point?.name} autoComplete="off" className={inputClass} />}
      </Field>
      <Field id={`${prefix}-nameEn`} label={t('countyStock.fields.nameEn')} error={e.nameEn}>
        {(aria) => <input {...aria} name="nameEn" lang="en" defaultValue={point?.nameEn} autoComplete="off" className={inputClass} />}
      </Field>
      <Field id={`${prefix}-placeId`} label={t('countyStock.fields.place')} hint={t('countyStock.fields.placeHint')} error={e.placeId}>
        {(aria) => <PlaceSelect places={places} defaultValue={point?.placeId} aria={aria} />}
      </Field>
      <Field id={`${prefix}-address`} label={t('countyStock.fields.address')} error={e.address}>
        {(aria) => <input {...aria} name="address" defaultValue={point?.address} autoComplete="off" className={inputClass} />}
      </Field>
      {point ? (
        <fieldset className="space-y-2">
          <legend className="font-medium text-slate-900">{t('countyStock.fields.state')}</legend>
          <label className="flex min-h-11 items-center gap-3">
            <input type="radio" name="active" value="1" defaultChecked={point.active} className="h-5 w-5" />
            {t('countyStock.point.open')}
          </label>
          <label className="flex min-h-11 items-center gap-3">
            <input type="radio" name="active" value="0" defaultChecked={!point.active} className="h-5 w-5" />
            {t('countyStock.point.closedHint')}
          </label>
        </fieldset>
      ) : null}
      <button type="submit" disabled={pending} className={`${buttonClass} w-full sm:w-auto`}>
        {point ? t('countyStock.point.save') : t('countyStock.point.create')}
      </button>
    </form>
  );
}

export function ReceiveForm({ pointId }: { pointId: number }) {
  const { t, state, formAction, pending, err } = useFormState(receiveStockAction);
  const format = useFormatter();
  const ref = useResetOnOk(state);
  const e = { material: err('material'), tonnes: err('tonnes'), deliveryNote: err('deliveryNote') };
  return (
    <form ref={ref} action={formAction} onSubmit={submitKeepingFields(formAction)} noValidate className="space-y-4">
      <ErrorSummary title={t('common.errorSummary')} errors={errorSummaryOf('receive', e)} />
      <ActionProblem state={state} ownConflicts={OWN} ownForbidden="countyStock.errors.forbidden" context="form" />
      {state?.status === 'ok' ? <Notice tone="done">{t('countyStock.receive.done', { tonnes: format.number(state.data.kg / 1000, 'plain') })}</Notice> : null}
      <input type="hidden" name="pointId" value={pointId} />
      <Field id="receive-material" label={t('countyStock.fields.material')} error={e.material}>
        {(aria) => <MaterialSelect aria={aria} />}
      </Field>
      <Field id="receive-tonnes" label={t('countyStock.fields.tonnes')} hint={t('countyStock.fields.tonnesHint')} error={e.tonnes}>
        {(aria) => <input {...aria} name="tonnes" inputMode="decimal" autoComplete="off" className={inputClass} />}
      </Field>
      <Field id="receive-deliveryNote" label={t('countyStock.fields.deliveryNote')} error={e.deliveryNote}>
        {(aria) => <input {...aria} name="deliveryNote" autoComplete="off" className={inputClass} />}
      </Field>
      <button type="submit" disabled={pending} className={`${buttonClass} w-full sm:w-auto`}>
        {t('countyStock.receive.submit')}
      </button>
    </form>
  );
}

export function CorrectForm({ pointId }: { pointId: number }) {
  const { t, state, formAction, pending, err } = useFormState(correctStockAction);
  const format = useFormatter();
  const ref = useResetOnOk(state);
  const e = { material: err('material'), tonnes: err('tonnes'), reason: err('reason') };
  return (
    <form ref={ref} action={formAction} onSubmit={submitKeepingFields(formAction)} noValidate className="space-y-4">
      <ErrorSummary title={t('common.errorSummary')} errors={errorSummaryOf('correct', e)} />
      <ActionProblem state={state} ownConflicts={OWN} ownForbidden="countyStock.errors.forbidden" context="form" />
      {state?.status === 'ok' ? <Notice tone="done">{t('countyStock.correct.done', { tonnes: format.number(state.data.kg / 1000, 'plain') })}</Notice> : null}
      <input type="hidden" name="pointId" value={pointId} />
      <Field id="correct-material" label={t('countyStock.fields.material')} error={e.material}>
        {(aria) => <MaterialSelect aria={aria} />}
      </Field>
      <Field id="correct-tonnes" label={t('countyStock.fields.signedTonnes')} hint={t('countyStock.fields.signedTonnesHint')} error={e.tonnes}>
        {(aria) => <input {...aria} name="tonnes" inputMode="decimal" autoComplete="off" className={inputClass} />}
      </Field>
      <Field id="correct-reason" label={t('countyStock.fields.reason')} error={e.reason}>
        {(aria) => <textarea {...aria} name="reason" rows={3} className={`${inputClass} py-2`} />}
      </Field>
      <button type="submit" disabled={pending} className={`${buttonClass} w-full sm:w-auto`}>
        {t('countyStock.correct.submit')}
      </button>
    </form>
  );
}
