'use client';
// The sentence for an action that did not go through for a reason other than a field error
// (describeResult: a refused step, someone else acting first, a lost session, an error, a
// form-level problem), and the submit handler the grievance forms share. Began with the
// grievance forms (hence describeResult's 'grievance' context); the county's staff, waiver,
// payment and supervision forms use it too, with the refusals they word themselves.
import { startTransition } from 'react';
import { useTranslations } from 'next-intl';
import { describeResult, type ActionResult } from '@/lib/action-result';
import { loose, resultText } from '@/lib/i18n/loose';

/**
 * `ownConflicts`: the conflict codes this form explains in its own words (code → message key);
 * `ownForbidden`: the message key for a refusal by role or scope, where the page has a reason of
 * its own (e.g. "only a county-wide official may"). Everything else reads as the general sentence.
 */
export function ActionProblem({ state, ownConflicts, ownForbidden }: { state: ActionResult<unknown> | null; ownConflicts?: Readonly<Partial<Record<string, string>>>; ownForbidden?: string }) {
  const t = useTranslations();
  const own = state?.status === 'conflict' ? ownConflicts?.[state.code] : state?.status === 'forbidden' ? ownForbidden : undefined;
  const text = own ? loose(t)(own) : resultText(t, describeResult(state, 'grievance'));
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
