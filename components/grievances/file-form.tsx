'use client';
// The form to report a problem. Controlled fields, so nothing typed is lost after an error;
// the button is disabled while sending, and the server also treats an identical second
// submission as the first (double click, retried request).
import { useActionState, useState } from 'react';
import { Send } from 'lucide-react';
import { GRIEVANCE_CATEGORIES } from '@/lib/domain';
import type { ActionResult } from '@/lib/action-result';
import { useTranslations } from 'next-intl';
import { loose } from '@/lib/i18n/loose';
import { ErrorSummary, Field, firstError, inputClass } from '@/components/form';
import { buttonClass } from '@/components/ui';
import { ActionProblem, submitKeepingFields } from '@/components/grievances/action-problem';
import { PlacePicker, type PickerPlace } from '@/components/place-picker';
import { PhotoUpload } from '@/components/photo-upload';
import { earlyInput } from '@/components/early-input';

export interface FileGrievanceFormProps {
  places: PickerPlace[];
  defaultPlaceId: number | null;
  /** The resident's own filing, or a cadre's for a household (代办): then `householdId` is posted with it. */
  action: (prev: ActionResult<{ id: string; reference: string }> | null, fd: FormData) => Promise<ActionResult<{ id: string; reference: string }>>;
  householdId?: string;
  /** A cadre files it for the household (代办): the hints speak about the household, not to the reader as its member. */
  onBehalf?: boolean;
}

export function FileGrievanceForm({ places, defaultPlaceId, action, householdId, onBehalf = false }: FileGrievanceFormProps) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionResult<{ id: string; reference: string }> | null, FormData>(action, null);
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const [uploading, setUploading] = useState(false);


  const errors = state?.status === 'invalid' ? state.fieldErrors : undefined;
  const err = (f: string) => firstError(loose(t), errors, f);
  const summary = [
    { fieldId: `category-${GRIEVANCE_CATEGORIES[0]}`, message: err('category') },
    { fieldId: 'place-township', message: err('placeId') },
    { fieldId: 'description', message: err('description') },
  ].filter((e): e is { fieldId: string; message: string } => Boolean(e.message));
  const busy = pending || uploading || state?.status === 'ok';

  return (
    <form ref={earlyInput} action={formAction} onSubmit={submitKeepingFields(formAction)} noValidate className="space-y-6">
      <ErrorSummary title={t('common.errorSummary')} errors={summary} />
      {householdId ? <input type="hidden" name="householdId" value={householdId} /> : null}
      <ActionProblem state={state} />
      <fieldset className="space-y-2" aria-describedby={err('category') ? 'category-error' : undefined}>
        <legend className="font-medium text-slate-900">{t('grievances.form.category')}</legend>
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
          {GRIEVANCE_CATEGORIES.map((c) => (
            <label key={c} htmlFor={`category-${c}`} className="flex min-h-12 cursor-pointer items-center gap-3 rounded-lg border border-slate-300 bg-white px-3 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
              <input
                type="radio"
                id={`category-${c}`}
                name="category"
                value={c}
                checked={category === c}
                onChange={() => setCategory(c)}
                aria-invalid={err('category') ? true : undefined}
                className="h-5 w-5 accent-brand-700"
              />
              <span className="text-lg">{t(`grievances.category.${c}`)}</span>
            </label>
          ))}
        </div>
        {err('category') ? (
          <p id="category-error" className="font-medium text-red-800">
            {err('category')}
          </p>
        ) : null}
      </fieldset>

      <div className="space-y-2">
        <PlacePicker places={places} name="placeId" label={t('grievances.form.place')} defaultValue={defaultPlaceId} error={err('placeId')} idPrefix="place" />
        <p className="text-sm text-slate-600">{onBehalf ? t('grievances.formOnBehalf.placeHint') : t('grievances.form.placeHint')}</p>
      </div>

      <Field id="description" label={t('grievances.form.description')} hint={t('grievances.form.descriptionHint')} error={err('description')}>
        {(aria) => <textarea {...aria} name="description" rows={5} maxLength={1000} value={description} onChange={(e) => setDescription(e.target.value)} className={`${inputClass} py-2`} />}
      </Field>

      <PhotoUpload name="photos" kind="grievance_photo" label={t('grievances.form.photos')} multiple max={9} onBusyChange={setUploading} />

      <button type="submit" disabled={busy} className={`${buttonClass} w-full sm:w-auto`}>
        <Send aria-hidden="true" className="h-5 w-5" />
        {busy ? t('grievances.form.submitting') : t('grievances.form.submit')}
      </button>
    </form>
  );
}
