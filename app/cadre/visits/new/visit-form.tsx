'use client';
// The visit form: date (today by default, never in the future), round (the first one the
// household has not had), findings, needs and photos. What was typed is kept after an error;
// a round already recorded is told beside the round field. Waits for photos still uploading.
import { useActionState, useRef, useState } from 'react';
import { ClipboardCheck } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import type { ActionResult } from '@/lib/action-result';
import { describeResult } from '@/lib/action-result';
import { loose, resultText } from '@/lib/i18n/loose';
import { ErrorSummary, Field, firstError, inputClass, Notice } from '@/components/form';
import { PhotoUpload } from '@/components/photo-upload';
import { buttonClass } from '@/components/ui';
import { submitKeepingFields } from '@/components/grievances/action-problem';
import { recordVisitAction } from '../actions';
import { earlyInput } from '@/components/early-input';

type State = ActionResult<{ id: string }> | null;

export function VisitForm({ householdId, today, earliest, defaultRound, takenRounds }: { householdId: string; today: string; earliest: string; defaultRound: number; takenRounds: number[] }) {
  const t = useTranslations();
  const format = useFormatter();
  const tl = loose(t);
  const [state, formAction, pending] = useActionState<State, FormData>(recordVisitAction, null);
  const [visitedOn, setVisitedOn] = useState(today);
  const [round, setRound] = useState(String(defaultRound));
  const [findings, setFindings] = useState('');
  const [needs, setNeeds] = useState('');
  const [uploading, setUploading] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const errors = state?.status === 'invalid' ? state.fieldErrors : undefined;
  const err = (f: string) => firstError(tl, errors, f);
  const fields = [
    ['visitedOn', 'visit-date'],
    ['round', 'visit-round'],
    ['findings', 'visit-findings'],
    ['needs', 'visit-needs'],
    ['photoIds', 'visit-photos'],
  ] as const;
  const summary = fields.flatMap(([f, id]) => {
    const m = err(f);
    return m ? [{ fieldId: id, message: m }] : [];
  });
  const problem = state && state.status !== 'invalid' ? resultText(t, describeResult(state)) : null;
  const busy = pending || uploading || state?.status === 'ok';

  return (
    <form ref={earlyInput} action={formAction} onSubmit={submitKeepingFields(formAction)} noValidate className="space-y-5">
      <div ref={summaryRef}>
        <ErrorSummary title={t('common.errorSummary')} errors={summary} />
      </div>
      {problem ? (
        <Notice tone="problem">
          {problem}
        </Notice>
      ) : null}
      <input type="hidden" name="householdId" value={householdId} />
      <Field id="visit-date" label={t('cadreVisits.form.date')} hint={t('cadreVisits.form.dateHint')} error={err('visitedOn')}>
        {(aria) => <input {...aria} type="date" name="visitedOn" required min={earliest} max={today} value={visitedOn} onChange={(e) => setVisitedOn(e.target.value)} className={inputClass} />}
      </Field>
      <Field id="visit-round" label={t('cadreVisits.form.round')} hint={takenRounds.length ? t('cadreVisits.form.roundTaken', { rounds: format.list(takenRounds.map(String)) }) : t('cadreVisits.form.roundHint')} error={err('round')}>
        {(aria) => (
          <select {...aria} name="round" value={round} onChange={(e) => setRound(e.target.value)} className={inputClass}>
            {[1, 2, 3].map((r) => (
              <option key={r} value={r}>
                {t('cadreVisits.round', { round: r })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="visit-findings" label={t('cadreVisits.form.findings')} hint={t('cadreVisits.form.findingsHint')} error={err('findings')}>
        {(aria) => <textarea {...aria} name="findings" rows={4} maxLength={1000} value={findings} onChange={(e) => setFindings(e.target.value)} className={`${inputClass} py-2`} />}
      </Field>
      <Field id="visit-needs" label={t('cadreVisits.form.needs')} hint={t('cadreVisits.form.needsHint')} error={err('needs')}>
        {(aria) => <textarea {...aria} name="needs" rows={3} maxLength={1000} value={needs} onChange={(e) => setNeeds(e.target.value)} className={`${inputClass} py-2`} />}
      </Field>
      <div id="visit-photos">
        <PhotoUpload name="photoIds" kind="visit_photo" householdId={householdId} multiple max={10} label={t('cadreVisits.form.photos')} hint={t('cadreVisits.form.photosHint')} onBusyChange={setUploading} error={err('photoIds')} />
      </div>
      <button type="submit" disabled={busy} className={`${buttonClass} w-full sm:w-auto`}>
        <ClipboardCheck aria-hidden="true" className="h-5 w-5" />
        {busy ? t('cadreVisits.form.submitting') : t('cadreVisits.form.submit')}
      </button>
    </form>
  );
}
