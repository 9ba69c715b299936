'use client';
// One form for the damage a household declares: flooding (flats) or the appraisal grade
// (houses), damaged boilers and heat pumps, whether they can be repaired, whether the
// household was affected, and photos. Saving waits for photos still uploading.
import { startTransition, useActionState, useCallback, useRef, useState, type FormEvent } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { loose, resultText } from '@/lib/i18n/loose';
import { describeResult } from '@/lib/action-result';
import { FormErrors, Field, inputClass } from '@/components/form';
import { PhotoUpload } from '@/components/photo-upload';
import { buttonClass, secondaryButtonClass } from '@/components/ui';
import type { ActionResult } from '@/lib/action-result';
import { earlyInput } from '@/components/early-input';
import { SubmitWhenAlive } from '@/components/submit-when-alive';

export interface DamageDefaults {
  groundFloorFlooded: '' | 'yes' | 'no';
  safetyGrade: string;
  damagedBoilers: string;
  damagedHeatPumps: string;
  repairImpossible: boolean;
  affected: '' | 'yes' | 'no';
}

const ORDER = ['groundFloorFlooded', 'safetyGrade', 'damagedBoilers', 'damagedHeatPumps', 'affected', 'photos'] as const;
/** Each field's visible label (a legend for the yes/no questions), named in the error summary. */
const LABELS = {
  groundFloorFlooded: 'flooded',
  safetyGrade: 'grade',
  damagedBoilers: 'boilers',
  damagedHeatPumps: 'heatPumps',
  affected: 'affected',
  photos: 'photos',
} as const satisfies Record<(typeof ORDER)[number], string>;
/** The words that speak to the household ("your ground floor"): a cadre filling the form for it (代办) reads them about the household instead. */
const ON_BEHALF = new Set(['flooded', 'floodedHint', 'affected', 'affectedHint', 'repairImpossible', 'verifyNote']);
const FIELD_IDS: Record<string, string> = {
  groundFloorFlooded: 'groundFloorFlooded-yes',
  safetyGrade: 'safetyGrade',
  damagedBoilers: 'damagedBoilers',
  damagedHeatPumps: 'damagedHeatPumps',
  affected: 'affected-yes',
  photos: 'photos-field',
};

function YesNo({ name, legend, hint, value, onChange, error }: { name: string; legend: string; hint?: string; value: string; onChange: (v: 'yes' | 'no') => void; error: string | null }) {
  const t = useTranslations();
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className="space-y-2" aria-describedby={describedBy}>
      <legend className="font-medium text-slate-900">{legend}</legend>
      {hint ? (
        <p id={`${name}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <div className="flex gap-3">
        {(['yes', 'no'] as const).map((v) => (
          <label key={v} className="flex min-h-11 flex-1 items-center gap-3 rounded-lg border border-slate-300 bg-white px-3 py-2">
            <input id={`${name}-${v}`} type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} className="h-6 w-6" aria-invalid={error ? true : undefined} />
            <span>{t(`household.damage.${v}`)}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${name}-error`} className="font-medium text-red-800">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export interface DamageFormProps {
  kind: 'urban' | 'rural';
  householdId: string;
  defaults: DamageDefaults;
  photos: { id: string; mime: string }[];
  /** The resident's own declaration, or a cadre's for a household they keep (代办): both get the household id posted. */
  action: (fd: FormData) => Promise<ActionResult<{ changed: string[] }>>;
  /** Where to go once saved, and back to on cancel. */
  savedHref: string;
  backHref: string;
  /** A cadre fills the form for the household (代办): questions speak about the household, not to the reader. */
  onBehalf?: boolean;
}

export function DamageForm({ kind, householdId, defaults, photos, action, savedHref, backHref, onBehalf = false }: DamageFormProps) {
  const t = useTranslations();
  const tl = loose(t);
  const w = (key: string) => tl(onBehalf && ON_BEHALF.has(key) ? `household.damageOnBehalf.${key}` : `household.damage.${key}`);
  const router = useRouter();
  const [v, setV] = useState(defaults);
  const [uploading, setUploading] = useState(false);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const summaryRef = useRef<HTMLDivElement>(null);
  const onBusyChange = useCallback((busy: boolean) => setUploading(busy), []);

  const [state, dispatch, pending] = useActionState<ActionResult<{ changed: string[] }> | null, FormData>(async (_prev, fd) => {
    const r = await action(fd).catch((): ActionResult<{ changed: string[] }> => ({ status: 'error', code: 'unavailable' }));
    if (r.status === 'ok') router.push(savedHref);
    else requestAnimationFrame(() => summaryRef.current?.focus());
    return r;
  }, null);

  const done = state?.status === 'ok';
  const serverErrors = state?.status === 'invalid' ? state.fieldErrors : {};
  const err = (f: string): string | null => (clientErrors[f] ? tl(clientErrors[f]) : serverErrors[f]?.[0] ? tl(serverErrors[f][0]) : null);
  const summary = ORDER.filter((f) => err(f)).map((f) => ({ fieldId: FIELD_IDS[f]!, label: w(LABELS[f]), message: err(f)! }));
  const formError = resultText(t, describeResult(state));
  const units = Number(v.damagedBoilers || 0) + Number(v.damagedHeatPumps || 0);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending || done || uploading) return;
    const missing: Record<string, string> = {};
    if (kind === 'urban' && !v.groundFloorFlooded) missing.groundFloorFlooded = 'household.errors.floodedRequired';
    if (kind === 'rural' && !v.safetyGrade) missing.safetyGrade = 'household.errors.gradeRequired';
    if (!v.affected) missing.affected = 'household.errors.affectedRequired';
    setClientErrors(missing);
    if (Object.keys(missing).length > 0) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    const fd = new FormData(e.currentTarget);
    startTransition(() => dispatch(fd));
  }

  const clear = (f: string) => setClientErrors((e) => ({ ...e, [f]: '' }));

  return (
    <form ref={earlyInput} method="post" onSubmit={onSubmit} noValidate className="space-y-6" aria-busy={pending}>
      <FormErrors summaryRef={summaryRef} title={t('common.errorSummary')} errors={summary} t={tl} formError={formError} />
      <input type="hidden" name="householdId" value={householdId} />

      {kind === 'urban' ? (
        <YesNo
          name="groundFloorFlooded"
          legend={w('flooded')}
          hint={w('floodedHint')}
          value={v.groundFloorFlooded}
          onChange={(x) => {
            setV((s) => ({ ...s, groundFloorFlooded: x }));
            clear('groundFloorFlooded');
          }}
          error={err('groundFloorFlooded')}
        />
      ) : (
        <Field id="safetyGrade" label={w('grade')} hint={w('gradeHint')} error={err('safetyGrade')}>
          {(aria) => (
            <select
              {...aria}
              name="safetyGrade"
              value={v.safetyGrade}
              onChange={(e) => {
                setV((s) => ({ ...s, safetyGrade: e.target.value }));
                clear('safetyGrade');
              }}
              className={inputClass}
            >
              <option value="">{t('household.place.choose')}</option>
              {(['A', 'B', 'C', 'D'] as const).map((g) => (
                <option key={g} value={g}>
                  {t(`household.damage.grades.${g}`)}
                </option>
              ))}
              <option value="none">{t('household.damage.grades.none')}</option>
            </select>
          )}
        </Field>
      )}

      <Field id="damagedBoilers" label={w('boilers')} hint={w('unitsHint')} error={err('damagedBoilers')}>
        {(aria) => (
          <input {...aria} name="damagedBoilers" type="number" inputMode="numeric" min={0} max={20} value={v.damagedBoilers} onChange={(e) => setV((s) => ({ ...s, damagedBoilers: e.target.value }))} className={inputClass} />
        )}
      </Field>
      <Field id="damagedHeatPumps" label={w('heatPumps')} hint={w('unitsHint')} error={err('damagedHeatPumps')}>
        {(aria) => (
          <input {...aria} name="damagedHeatPumps" type="number" inputMode="numeric" min={0} max={20} value={v.damagedHeatPumps} onChange={(e) => setV((s) => ({ ...s, damagedHeatPumps: e.target.value }))} className={inputClass} />
        )}
      </Field>

      {units > 0 ? (
        <label className="flex items-start gap-3 rounded-lg border border-slate-300 bg-white p-3">
          <input type="checkbox" name="repairImpossible" checked={v.repairImpossible} onChange={(e) => setV((s) => ({ ...s, repairImpossible: e.target.checked }))} className="mt-1 h-6 w-6 shrink-0" />
          <span>
            <span className="font-medium">{w('repairImpossible')}</span>
            <span className="block text-sm text-slate-600">{w('repairImpossibleHint')}</span>
          </span>
        </label>
      ) : null}

      <YesNo
        name="affected"
        legend={w('affected')}
        hint={w('affectedHint')}
        value={v.affected}
        onChange={(x) => {
          setV((s) => ({ ...s, affected: x }));
          clear('affected');
        }}
        error={err('affected')}
      />

      <div id="photos-field" tabIndex={-1}>
        <PhotoUpload
          name="photos"
          kind="damage_photo"
          householdId={householdId}
          label={w('photos')}
          hint={w('photosHint')}
          multiple
          initial={photos}
          onBusyChange={onBusyChange}
          error={err('photos')}
        />
      </div>

      <p className="text-sm text-slate-700">{w('verifyNote')}</p>
      <div className="flex flex-col gap-3 sm:flex-row">
        <SubmitWhenAlive disabled={pending || done || uploading} className={`${buttonClass} w-full sm:w-auto`}>
          {uploading ? t('household.damage.waitUploads') : pending || done ? t('household.damage.saving') : t('household.damage.save')}
        </SubmitWhenAlive>
        <Link href={backHref} className={secondaryButtonClass}>
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}
