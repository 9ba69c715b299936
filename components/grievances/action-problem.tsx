'use client';
// The sentence for a grievance action that did not go through for a reason other than a field
// error (describeResult: a refused step, someone else acting first, a lost session, an error,
// a form-level problem), and the submit handler the grievance forms share.
import { startTransition } from 'react';
import { useTranslations } from 'next-intl';
import { describeResult, type ActionResult } from '@/lib/action-result';
import { resultText } from '@/lib/i18n/loose';

export function ActionProblem({ state }: { state: ActionResult<unknown> | null }) {
  const t = useTranslations();
  const text = resultText(t, describeResult(state, 'grievance'));
  if (!text) return null;
  return (
    <div role="alert" className="rounded-lg border-l-4 border-red-700 bg-red-50 p-4 font-medium text-red-900">
      {text}
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
