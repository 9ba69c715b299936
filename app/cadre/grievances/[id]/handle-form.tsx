'use client';
// The cadre's form on a grievance: answer it or mark it solved, each with a required note.
// The note typed is kept after an error; the version the page showed goes along, so if
// another cadre acted first this one is told instead of overwriting.
import { useActionState, useState } from 'react';
import { CheckCircle2, MessageSquareReply } from 'lucide-react';
import type { ActionResult } from '@/lib/action-result';
import { useTranslations } from 'next-intl';
import { loose } from '@/lib/i18n/loose';
import { ErrorSummary, Field, firstError, inputClass } from '@/components/form';
import { buttonClass } from '@/components/ui';
import { respondGrievanceFormAction, resolveGrievanceFormAction, type HandledGrievance } from '../actions';
import { ActionProblem, submitKeepingFields } from '@/components/grievances/action-problem';
import { earlyInput } from '@/components/early-input';

type State = ActionResult<HandledGrievance> | null;

/** lib/grievances.ts noteSchema's keys: grievances.errors.noteRequired / noteTooShort / noteTooLong. */
const NOTE_ERROR = 'grievances.errors.';

export function HandleForm({ mode, grievanceId, version }: { mode: 'respond' | 'resolve'; grievanceId: string; version: number }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<State, FormData>(mode === 'respond' ? respondGrievanceFormAction : resolveGrievanceFormAction, null);
  const [note, setNote] = useState('');
  const errors = state?.status === 'invalid' ? state.fieldErrors : undefined;
  // The note's errors name the field as this form labels it (答复内容 / 处理结果), not the schema's generic words.
  const noteKey = errors?.note?.[0];
  const noteError = noteKey?.startsWith(NOTE_ERROR) ? loose(t)(`cadreGrievances.${mode}.errors.${noteKey.slice(NOTE_ERROR.length)}`) : firstError(loose(t), errors, 'note');
  const fieldId = `note-${mode}`;
  const busy = pending || state?.status === 'ok';
  const Icon = mode === 'respond' ? MessageSquareReply : CheckCircle2;

  return (
    <form ref={earlyInput} action={formAction} onSubmit={submitKeepingFields(formAction)} noValidate className="space-y-4">
      <ErrorSummary title={t('common.errorSummary')} errors={noteError ? [{ fieldId, message: noteError }] : []} />
      <ActionProblem state={state} />
      <input type="hidden" name="grievanceId" value={grievanceId} />
      <input type="hidden" name="version" value={version} />
      <Field id={fieldId} label={t(`cadreGrievances.${mode}.note`)} error={noteError}>
        {(aria) => <textarea {...aria} name="note" rows={4} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} className={`${inputClass} py-2`} />}
      </Field>
      <button type="submit" disabled={busy} className={`${buttonClass} w-full sm:w-auto`}>
        <Icon aria-hidden="true" className="h-5 w-5" />
        {busy ? t(`cadreGrievances.${mode}.submitting`) : t(`cadreGrievances.${mode}.submit`)}
      </button>
    </form>
  );
}
