'use client';
// The cadre's conflict-of-interest forms: declare a relative (ID number + family tie), record
// their own ID number once, withdraw a declaration. What was typed stays after an error, and
// each field's message is shown next to it.
import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { ActionResult } from '@/lib/action-result';
import { loose } from '@/lib/i18n/loose';
import { ErrorSummary, Field, firstError, inputClass } from '@/components/form';
import { buttonClass, secondaryButtonClass } from '@/components/ui';
import { ActionProblem, submitKeepingFields } from '@/components/grievances/action-problem';
import { declareRelativeAction, recordOwnIdNumberAction, withdrawRelativeAction } from './actions';
import { RELATIONS } from './relations';
import { earlyInput } from '@/components/early-input';

export function DeclareRelativeForm() {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionResult<{ created: boolean }> | null, FormData>(declareRelativeAction, null);
  const [idNumber, setIdNumber] = useState('');
  const [relation, setRelation] = useState('');
  const errors = state?.status === 'invalid' ? state.fieldErrors : undefined;
  const idError = firstError(loose(t), errors, 'idNumber');
  const relationError = firstError(loose(t), errors, 'relation');
  const summary = [idError ? { fieldId: 'relative-id', message: idError } : null, relationError ? { fieldId: 'relative-relation', message: relationError } : null].filter((x) => x !== null);
  return (
    <form ref={earlyInput} action={formAction} onSubmit={submitKeepingFields(formAction)} noValidate className="space-y-4">
      <ErrorSummary title={t('common.errorSummary')} errors={summary} />
      <ActionProblem state={state} />
      {state?.status === 'ok' ? (
        <p role="status" className="rounded-lg bg-green-50 p-3 text-green-900">
          {state.data.created ? t('cadreRelatives.declare.done') : t('cadreRelatives.declare.updated')}
        </p>
      ) : null}
      <Field id="relative-id" label={t('cadreRelatives.declare.idNumber')} hint={t('cadreRelatives.declare.idHint')} error={idError}>
        {(aria) => <input {...aria} name="idNumber" autoComplete="off" inputMode="text" maxLength={24} value={idNumber} onChange={(e) => setIdNumber(e.target.value)} className={inputClass} />}
      </Field>
      <Field id="relative-relation" label={t('cadreRelatives.declare.relation')} error={relationError}>
        {(aria) => (
          <select {...aria} name="relation" value={relation} onChange={(e) => setRelation(e.target.value)} className={inputClass}>
            <option value="">{t('cadreRelatives.declare.choose')}</option>
            {RELATIONS.map((r) => (
              <option key={r} value={r}>
                {t(`cadreRelatives.relations.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" disabled={pending} className={`${buttonClass} w-full sm:w-auto`}>
        {pending ? t('cadreRelatives.declare.submitting') : t('cadreRelatives.declare.submit')}
      </button>
    </form>
  );
}

export function OwnIdNumberForm() {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionResult<null> | null, FormData>(recordOwnIdNumberAction, null);
  const [idNumber, setIdNumber] = useState('');
  const errors = state?.status === 'invalid' ? state.fieldErrors : undefined;
  const idError = firstError(loose(t), errors, 'idNumber');
  return (
    <form ref={earlyInput} action={formAction} onSubmit={submitKeepingFields(formAction)} noValidate className="space-y-4">
      <ErrorSummary title={t('common.errorSummary')} errors={idError ? [{ fieldId: 'own-id', message: idError }] : []} />
      <ActionProblem state={state} />
      <Field id="own-id" label={t('cadreRelatives.own.idNumber')} hint={t('cadreRelatives.own.hint')} error={idError}>
        {(aria) => <input {...aria} name="idNumber" autoComplete="off" maxLength={24} value={idNumber} onChange={(e) => setIdNumber(e.target.value)} className={inputClass} />}
      </Field>
      <button type="submit" disabled={pending} className={`${buttonClass} w-full sm:w-auto`}>
        {t('cadreRelatives.own.submit')}
      </button>
    </form>
  );
}

export function WithdrawRelativeButton({ relative, label }: { relative: string; label: string }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionResult<null> | null, FormData>(withdrawRelativeAction, null);
  return (
    <form ref={earlyInput} action={formAction}>
      <ActionProblem state={state} />
      <input type="hidden" name="relative" value={relative} />
      <button type="submit" disabled={pending} aria-label={label} className={secondaryButtonClass}>
        {t('cadreRelatives.list.withdraw')}
      </button>
    </form>
  );
}
