'use client';
// Registering the household: where it is (place tree), flat or house, and the flat's
// building / unit / floor. The head of household is the signed-in resident.
import { startTransition, useActionState, useRef, useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { loose, resultText } from '@/lib/i18n/loose';
import { describeResult } from '@/lib/action-result';
import { FormErrors, Field, inputClass } from '@/components/form';
import { PlacePicker, type PickerPlace } from '@/components/place-picker';
import { buttonClass } from '@/components/ui';
import type { ActionResult } from '@/lib/action-result';
import { createHouseholdAction } from './actions';
import { earlyInput } from '@/components/early-input';
import { SubmitWhenAlive } from '@/components/submit-when-alive';
import { FLOOR_MAX, FLOOR_MIN, rangeValues } from '@/lib/field-limits';

const FIELD_IDS: Record<string, string> = { placeId: 'place-township', kind: 'kind-urban', building: 'building', unitNo: 'unitNo', floor: 'floor', addressDetail: 'addressDetail' };

export function CreateHouseholdForm({ places, headName, headIdMasked }: { places: PickerPlace[]; headName: string; headIdMasked: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [kind, setKind] = useState<'urban' | 'rural' | ''>('');
  const [values, setValues] = useState({ building: '', unitNo: '', floor: '', addressDetail: '' });
  const summaryRef = useRef<HTMLDivElement>(null);

  const [state, dispatch, pending] = useActionState<ActionResult<{ id: string }> | null, FormData>(async (_prev, fd) => {
    const r = await createHouseholdAction(fd).catch((): ActionResult<{ id: string }> => ({ status: 'error', code: 'unavailable' }));
    if (r.status === 'ok') router.replace('/resident/household?saved=created');
    else requestAnimationFrame(() => summaryRef.current?.focus());
    return r;
  }, null);

  const done = state?.status === 'ok';
  const fieldErrors = state?.status === 'invalid' ? state.fieldErrors : {};
  const tl = loose(t);
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
  const set = (k: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [k]: e.target.value }));

  return (
    <form ref={earlyInput} method="post" onSubmit={onSubmit} noValidate className="space-y-6" aria-busy={pending}>
      <FormErrors summaryRef={summaryRef} title={t('common.errorSummary')} errors={summary} formError={formError} />

      <div className="rounded-lg bg-slate-50 p-3">
        <p className="text-sm text-slate-600">{t('household.head.label')}</p>
        <p className="font-medium">
          {headName}
          {headIdMasked ? ` · ${headIdMasked}` : ''}
        </p>
        <p className="text-sm text-slate-600">{t('household.head.hint')}</p>
      </div>

      <PlacePicker places={places} name="placeId" label={t('household.place.label')} error={err('placeId')} idPrefix="place" />

      <fieldset className="space-y-2" aria-describedby={err('kind') ? 'kind-error' : undefined}>
        <legend className="font-medium text-slate-900">{t('household.kind.label')}</legend>
        {(['urban', 'rural'] as const).map((k) => (
          <label key={k} className="flex min-h-11 items-center gap-3 rounded-lg border border-slate-300 bg-white px-3 py-2">
            <input id={`kind-${k}`} type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} className="h-6 w-6" />
            <span>
              <span className="font-medium">{t(`household.kind.${k}`)}</span>
              <span className="block text-sm text-slate-600">{t(`household.kind.${k}Hint`)}</span>
            </span>
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
          <Field id="building" label={t('household.fields.building')} hint={t('household.fields.buildingHint')} error={err('building')}>
            {(aria) => <input {...aria} name="building" value={values.building} onChange={set('building')} maxLength={20} className={inputClass} />}
          </Field>
          <Field id="unitNo" label={t('household.fields.unitNo')} error={err('unitNo')}>
            {(aria) => <input {...aria} name="unitNo" value={values.unitNo} onChange={set('unitNo')} maxLength={20} className={inputClass} />}
          </Field>
          <Field id="floor" label={t('household.fields.floor')} hint={t('household.fields.floorHint')} error={err('floor')}>
            {(aria) => <input {...aria} name="floor" type="number" inputMode="numeric" min={FLOOR_MIN} max={FLOOR_MAX} value={values.floor} onChange={set('floor')} className={inputClass} />}
          </Field>
        </div>
      ) : null}

      {kind !== '' ? (
        <Field
          id="addressDetail"
          label={t(kind === 'rural' ? 'household.fields.addressRural' : 'household.fields.addressUrban')}
          hint={t(kind === 'rural' ? 'household.fields.addressRuralHint' : 'household.fields.addressUrbanHint')}
          error={err('addressDetail')}
        >
          {(aria) => <input {...aria} name="addressDetail" value={values.addressDetail} onChange={set('addressDetail')} maxLength={200} className={inputClass} />}
        </Field>
      ) : null}

      <SubmitWhenAlive disabled={pending || done} className={`${buttonClass} w-full`}>
        {pending || done ? t('household.create.submitting') : t('household.create.submit')}
      </SubmitWhenAlive>
    </form>
  );
}
