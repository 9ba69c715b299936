'use client';
// "File as a grievance": the needs found on the visit become a grievance for the household in
// one step; the cadre only picks its category. What went wrong is said in a sentence.
import { useActionState, useState } from 'react';
import { MessageSquareWarning } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { describeResult, type ActionResult } from '@/lib/action-result';
import { GRIEVANCE_CATEGORIES } from '@/lib/domain';
import { loose, resultText } from '@/lib/i18n/loose';
import { Field, firstError, inputClass, Notice } from '@/components/form';
import { buttonClass } from '@/components/ui';
import { submitKeepingFields } from '@/components/grievances/action-problem';
import { fileVisitNeedsAction } from '../actions';
import { earlyInput } from '@/components/early-input';

type State = ActionResult<{ visitId: string; grievanceId: string; reference: string }> | null;

export function NeedsForm({ visitId }: { visitId: string }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<State, FormData>(fileVisitNeedsAction, null);
  const [category, setCategory] = useState('other');
  const errors = state?.status === 'invalid' ? state.fieldErrors : undefined;
  const problem = state && state.status !== 'invalid' ? resultText(t, describeResult(state)) : null;
  const busy = pending || state?.status === 'ok';
  return (
    <form ref={earlyInput} action={formAction} onSubmit={submitKeepingFields(formAction)} noValidate className="space-y-4">
      {problem ? (
        <Notice tone="problem">
          {problem}
        </Notice>
      ) : null}
      <input type="hidden" name="visitId" value={visitId} />
      <Field id="needs-category" label={t('cadreVisits.needs.category')} error={firstError(loose(t), errors, 'category')}>
        {(aria) => (
          <select {...aria} name="category" value={category} onChange={(e) => setCategory(e.target.value)} className={inputClass}>
            {GRIEVANCE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`grievances.category.${c}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" disabled={busy} className={`${buttonClass} w-full sm:w-auto`}>
        <MessageSquareWarning aria-hidden="true" className="h-5 w-5" />
        {busy ? t('cadreVisits.needs.submitting') : t('cadreVisits.needs.submit')}
      </button>
    </form>
  );
}
