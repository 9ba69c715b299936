'use client';
// The sentence for an action that did not go through for a reason other than a field error
// (describeResult: a refused step, someone else acting first, a lost session, an error, a
// form-level problem), and the submit handler the grievance forms share. Began with the
// grievance forms (hence describeResult's 'grievance' context); the county's staff, waiver,
// payment and supervision forms use it too, with the refusals they word themselves.
import { startTransition } from 'react';
import { useTranslations } from 'next-intl';
import { describeResult, type ActionResult, type ResultContext } from '@/lib/action-result';
import { loose, resultText } from '@/lib/i18n/loose';
import { Notice } from '@/components/form';

/**
 * `ownConflicts`: the conflict codes this form explains in its own words (code → message key);
 * `ownForbidden`: the message key for a refusal by role or scope, where the page has a reason of
 * its own (e.g. "only a county-wide official may"). Everything else reads as the general sentence,
 * worded for `context` (describeResult; the grievance forms' wording unless a form says otherwise).
 */
export function ActionProblem({
  state,
  ownConflicts,
  ownForbidden,
  context = 'grievance',
}: {
  state: ActionResult<unknown> | null;
  ownConflicts?: Readonly<Partial<Record<string, string>>>;
  ownForbidden?: string;
  context?: ResultContext;
}) {
  const t = useTranslations();
  const own = state?.status === 'conflict' ? ownConflicts?.[state.code] : state?.status === 'forbidden' ? ownForbidden : undefined;
  const text = own ? loose(t)(own) : resultText(t, describeResult(state, context));
  if (!text) return null;
  return (
    <Notice tone="problem">
      {text}
    </Notice>
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
