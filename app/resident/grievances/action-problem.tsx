'use client';
// The sentence for an action that did not go through for a reason other than a field error:
// a refused transition (its own sentence), someone else acting first, a lost session, an error.
import { startTransition } from 'react';
import type { ActionResult } from '@/lib/actions';
import { useI18n } from '@/components/i18n-provider';

export function problemKey(state: ActionResult<unknown> | null): string | null {
  if (!state || state.status === 'ok' || state.status === 'invalid') return null;
  if (state.status === 'conflict' || state.status === 'error') {
    const [kind, subject] = state.code.split(':');
    if (kind === 'conflict' && subject && subject !== 'grievance') return `grievances.refusals.${subject}`;
    return `errors.${kind}`;
  }
  return `errors.${state.status}`;
}

export function ActionProblem({ state }: { state: ActionResult<unknown> | null }) {
  const { t } = useI18n();
  const key = problemKey(state);
  if (!key) return null;
  const text = t(key);
  return (
    <div role="alert" className="rounded-lg border-l-4 border-red-700 bg-red-50 p-4 font-medium text-red-900">
      {text.startsWith('grievances.refusals.') ? t('errors.conflict') : text}
    </div>
  );
}

/**
 * onSubmit for a form whose fields are controlled: sends the form through the action without
 * React's automatic form reset (which would clear checked radio buttons while the state still
 * says they are checked). Without JavaScript the form posts through `action` as usual.
 */
export function submitKeepingFields(formAction: (fd: FormData) => void) {
  return (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    startTransition(() => formAction(fd));
  };
}
