'use client';
// The county official's two forms on a grievance: 督办 (escalate, with what must happen) and hand
// it to another place's cadres (a place inside the official's scope, with why). What was typed
// is kept after an error; the version the page showed goes along, so of two people acting at
// once one is told instead of overwriting.
import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { ActionResult } from '@/lib/action-result';
import { loose } from '@/lib/i18n/loose';
import { ErrorSummary, Field, firstError, inputClass } from '@/components/form';
import { buttonClass, secondaryButtonClass } from '@/components/ui';
import { ActionProblem, submitKeepingFields } from '@/components/grievances/action-problem';
import { escalateGrievanceAction, reassignGrievanceAction } from '../actions';
import { earlyInput } from '@/components/early-input';

type State = ActionResult<{ id: string }> | null;

/** Refusals these forms explain themselves; everything else reads as the general sentence. */
const OWN: Record<string, string> = {
  'conflict:grievance_finished': 'countyGrievances.errors.finished',
  'conflict:same_place': 'countyGrievances.errors.samePlace',
};

export function EscalateForm({ grievanceId, version }: { grievanceId: string; version: number }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<State, FormData>(escalateGrievanceAction, null);
  const [note, setNote] = useState('');
  const noteError = firstError(loose(t), state?.status === 'invalid' ? state.fieldErrors : undefined, 'note');
  return (
    <form ref={earlyInput} action={action} onSubmit={submitKeepingFields(action)} noValidate className="space-y-4">
      <ErrorSummary title={t('common.errorSummary')} errors={noteError ? [{ fieldId: 'escalate-note', message: noteError }] : []} />
      <ActionProblem state={state} ownConflicts={OWN} />
      <input type="hidden" name="grievanceId" value={grievanceId} />
      <input type="hidden" name="version" value={version} />
      <Field id="escalate-note" label={t('countyGrievances.escalate.note')} hint={t('countyGrievances.escalate.hint')} error={noteError}>
        {(aria) => <textarea {...aria} name="note" rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} className={`${inputClass} py-2`} />}
      </Field>
      <button type="submit" disabled={pending || state?.status === 'ok'} className={buttonClass}>
        {t('countyGrievances.escalate.submit')}
      </button>
    </form>
  );
}

export interface PlaceChoice {
  id: number;
  label: string;
}

export function ReassignForm({ grievanceId, version, places }: { grievanceId: string; version: number; places: PlaceChoice[] }) {
  const t = useTranslations();
  const tt = loose(t);
  const [state, action, pending] = useActionState<State, FormData>(reassignGrievanceAction, null);
  const [placeId, setPlaceId] = useState('');
  const [note, setNote] = useState('');
  const errors = state?.status === 'invalid' ? state.fieldErrors : undefined;
  const placeError = firstError(tt, errors, 'placeId');
  const noteError = firstError(tt, errors, 'note');
  return (
    <form ref={earlyInput} action={action} onSubmit={submitKeepingFields(action)} noValidate className="space-y-4">
      <ErrorSummary
        title={t('common.errorSummary')}
        errors={[...(placeError ? [{ fieldId: 'reassign-place', message: placeError }] : []), ...(noteError ? [{ fieldId: 'reassign-note', message: noteError }] : [])]}
      />
      <ActionProblem state={state} ownConflicts={OWN} />
      <input type="hidden" name="grievanceId" value={grievanceId} />
      <input type="hidden" name="version" value={version} />
      <Field id="reassign-place" label={t('countyGrievances.reassign.place')} error={placeError}>
        {(aria) => (
          <select {...aria} name="placeId" value={placeId} onChange={(e) => setPlaceId(e.target.value)} className={inputClass}>
            <option value="">{t('countyGrievances.reassign.choose')}</option>
            {places.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="reassign-note" label={t('countyGrievances.reassign.note')} error={noteError}>
        {(aria) => <textarea {...aria} name="note" rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} className={`${inputClass} py-2`} />}
      </Field>
      <button type="submit" disabled={pending || state?.status === 'ok'} className={secondaryButtonClass}>
        {t('countyGrievances.reassign.submit')}
      </button>
    </form>
  );
}
