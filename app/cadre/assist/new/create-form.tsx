'use client';
// A cadre registers a household for someone without an account (代办): the head's name, ID
// number and (optional) phone as on their card, then where the home is — only the cadre's own
// places are offered — and flat or house. What was typed stays when the server refuses it.
import { startTransition, useActionState, useRef, useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { loose, resultText } from '@/lib/i18n/loose';
import { describeResult, type ActionResult } from '@/lib/action-result';
import { FormErrors, Field, inputClass } from '@/components/form';
import { PlacePicker, type PickerPlace } from '@/components/place-picker';
import { buttonClass } from '@/components/ui';
import { rangeValues } from '@/lib/field-limits';
import { createAssistedHouseholdAction } from '../actions';
import { earlyInput } from '@/components/early-input';
import { SubmitWhenAlive } from '@/components/submit-when-alive';

const FIELD_IDS: Record<string, string> = { headName: 'headName', idNumber: 'idNumber', phone: 'phone', placeId: 'place-township', kind: 'kind-urban', building: 'building', unitNo: 'unitNo', floor: 'floor', addressDetail: 'addressDetail' };
type TextField = 'headName' | 'idNumber' | 'phone' | 'building' | 'unitNo' | 'floor' | 'addressDetail';

export function AssistedHouseholdForm({ places }: { places: PickerPlace[] }) {
  const t = useTranslations();
  const tl = loose(t);
  const router = useRouter();
  const [kind, setKind] = useState<'urban' | 'rural' | ''>('');
  const [values, setValues] = useState<Record<TextField, string>>({ headName: '', idNumber: '', phone: '', building: '', unitNo: '', floor: '', addressDetail: '' });
  const summaryRef = useRef<HTMLDivElement>(null);

  const [state, dispatch, pending] = useActionState<ActionResult<{ id: string }> | null, FormData>(async (_prev, fd) => {
    const r = await createAssistedHouseholdAction(fd).catch((): ActionResult<{ id: string }> => ({ status: 'error', code: 'unavailable' }));
    if (r.status === 'ok') router.replace(`/cadre/assist/${r.data.id}?saved=created`);
    else requestAnimationFrame(() => summaryRef.current?.focus());
    return r;
  }, null);

  const done = state?.status === 'ok';
  const fieldErrors = state?.status === 'invalid' ? state.fieldErrors : {};
  // The floor's range sentence states its bounds ({min}, {max}) from the validator's constants.
  const say = (f: string, key: string) => tl(key, f === 'floor' ? rangeValues('floor') : undefined);
  const err = (f: string) => (fieldErrors[f]?.[0] ? say(f, fieldErrors[f][0]) : null);
  const summary = Object.entries(fieldErrors)
    .filter(([f, m]) => f !== '_form' && m?.[0])
    .map(([f, m]) => ({ fieldId: FIELD_IDS[f] ?? f, message: say(f, m![0]!) }));
  const formError = resultText(t, describeResult(state));

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending || done) return;
    const fd = new FormData(e.currentTarget);
    startTransition(() => dispatch(fd));
  }
  const set = (k: TextField) => (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const text = (k: TextField, label: string, extra: { hint?: string; inputMode?: 'numeric' | 'tel' | 'text'; maxLength?: number; autoComplete?: string } = {}) => (
    <Field id={k} label={label} hint={extra.hint} error={err(k)}>
      {(aria) => <input {...aria} name={k} value={values[k]} onChange={set(k)} maxLength={extra.maxLength ?? 30} inputMode={extra.inputMode} autoComplete={extra.autoComplete ?? 'off'} className={inputClass} />}
    </Field>
  );

  return (
    <form ref={earlyInput} method="post" onSubmit={onSubmit} noValidate className="space-y-6" aria-busy={pending}>
      <FormErrors summaryRef={summaryRef} title={t('common.errorSummary')} errors={summary} formError={formError} />

      <fieldset className="space-y-4">
        <legend className="font-medium text-slate-900">{t('cadreAssist.create.head')}</legend>
        {text('headName', t('cadreAssist.create.headName'))}
        {text('idNumber', t('cadreAssist.create.idNumber'), { hint: t('cadreAssist.create.idNumberHint'), maxLength: 22 })}
        {text('phone', t('cadreAssist.create.phone'), { hint: t('cadreAssist.create.phoneHint'), inputMode: 'tel', maxLength: 20 })}
      </fieldset>

      <PlacePicker places={places} name="placeId" label={t('cadreAssist.create.place')} error={err('placeId')} idPrefix="place" />

      <fieldset className="space-y-2" aria-describedby={err('kind') ? 'kind-error' : undefined}>
        <legend className="font-medium text-slate-900">{t('household.kind.label')}</legend>
        {(['urban', 'rural'] as const).map((k) => (
          <label key={k} className="flex min-h-11 items-center gap-3 rounded-lg border border-slate-300 bg-white px-3 py-2">
            <input id={`kind-${k}`} type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} className="h-6 w-6" />
            <span className="font-medium">{t(`household.kind.${k}`)}</span>
          </label>
        ))}
        {err('kind') ? (
          <p id="kind-error" className="font-medium text-red-800">
            {err('kind')}
          </p>
        ) : null}
      </fieldset>

      {kind === 'urban' ? (
        <div className="space-y-4">
          {text('building', t('household.fields.building'), { maxLength: 20 })}
          {text('unitNo', t('household.fields.unitNo'), { maxLength: 20 })}
          {text('floor', t('household.fields.floor'), { inputMode: 'numeric', maxLength: 3 })}
        </div>
      ) : null}
      {kind !== '' ? text('addressDetail', t(kind === 'rural' ? 'household.fields.addressRural' : 'household.fields.addressUrban'), { maxLength: 200 }) : null}

      <SubmitWhenAlive disabled={pending || done} className={`${buttonClass} w-full`}>
        {pending || done ? t('cadreAssist.create.submitting') : t('cadreAssist.create.submit')}
      </SubmitWhenAlive>
    </form>
  );
}
