'use client';
// Capture or change where a household's cash help is paid (issue 10 item 6), on the resident's
// household page and the cadre's. The same rules as the server (lib/payee.ts) run as the person
// types only on submit; the number is never shown back once saved, only its last four digits.
import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { ActionResult } from '@/lib/action-result';
import { loose } from '@/lib/i18n/loose';
import { PAYEE_ACCOUNT_KINDS, maskAccount, type PayeeAccountKind } from '@/lib/payee';
import { ErrorSummary, Field, firstError, inputClass, Notice } from '@/components/form';
import { buttonClass } from '@/components/ui';
import { ActionProblem, submitKeepingFields } from '@/components/grievances/action-problem';
import { earlyInput } from '@/components/early-input';

export interface PayeeSaved {
  version: number;
  last4: string;
  holderDiffers: boolean;
}

type Action = (state: ActionResult<PayeeSaved> | null, fd: FormData) => Promise<ActionResult<PayeeSaved>>;

export function PayeeAccountForm({
  action,
  householdId,
  version,
  initial,
}: {
  action: Action;
  /** Staff forms name the household; the resident's is found from the session. */
  householdId?: string;
  /** The account's version as shown (null: none yet). */
  version: number | null;
  initial: { kind: PayeeAccountKind; bankName: string; holderName: string };
}) {
  const t = useTranslations();
  const tl = loose(t);
  const [state, formAction, pending] = useActionState<ActionResult<PayeeSaved> | null, FormData>(action, null);
  const [kind, setKind] = useState<PayeeAccountKind>(initial.kind);
  const [bankName, setBankName] = useState(initial.bankName);
  const [holderName, setHolderName] = useState(initial.holderName);
  const [account, setAccount] = useState('');
  const errors = state?.status === 'invalid' ? state.fieldErrors : undefined;
  const e = { kind: firstError(tl, errors, 'kind'), bankName: firstError(tl, errors, 'bankName'), holderName: firstError(tl, errors, 'holderName'), account: firstError(tl, errors, 'account') };
  const summary = (Object.entries(e) as [string, string | null][]).filter(([, m]) => m).map(([f, m]) => ({ fieldId: `payee-${f}`, message: m! }));
  const seenVersion = state?.status === 'ok' ? state.data.version : version;

  return (
    <form ref={earlyInput} onSubmit={submitKeepingFields(formAction)} action={formAction} className="space-y-4" noValidate>
      {state?.status === 'ok' ? (
        <div role="status" className="space-y-1 rounded-lg border-l-4 border-green-700 bg-green-50 p-3 text-green-900">
          <p className="font-medium">{t('payee.form.saved', { account: maskAccount(state.data.last4) })}</p>
          {state.data.holderDiffers ? <p className="text-amber-900">{t('payee.holderDiffers')}</p> : null}
        </div>
      ) : null}
      {state?.status === 'conflict' && state.code === 'conflict:payee_account' ? (
        <Notice tone="problem">
          {t('payee.errors.conflict')}
        </Notice>
      ) : (
        <ActionProblem state={state} />
      )}
      {summary.length > 0 ? <ErrorSummary title={t('payee.form.errorsTitle')} errors={summary} /> : null}
      {householdId ? <input type="hidden" name="householdId" value={householdId} /> : null}
      <input type="hidden" name="version" value={seenVersion ?? ''} />
      <fieldset className="space-y-2">
        <legend className="font-medium text-slate-900">{t('payee.form.kind')}</legend>
        <div className="flex flex-wrap gap-3">
          {PAYEE_ACCOUNT_KINDS.map((k) => (
            <label key={k} className="flex min-h-11 items-center gap-2 rounded-lg border border-slate-300 px-3">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} className="h-5 w-5" />
              {t(`payee.kind.${k}`)}
            </label>
          ))}
        </div>
        {e.kind ? <p className="font-medium text-red-800">{e.kind}</p> : null}
      </fieldset>
      <Field id="payee-bankName" label={t('payee.form.bankName')} hint={t('payee.form.bankHint')} error={e.bankName}>
        {(aria) => <input {...aria} name="bankName" autoComplete="off" maxLength={60} value={bankName} onChange={(ev) => setBankName(ev.target.value)} className={inputClass} />}
      </Field>
      <Field id="payee-holderName" label={t('payee.form.holderName')} hint={t('payee.form.holderHint')} error={e.holderName}>
        {(aria) => <input {...aria} name="holderName" autoComplete="off" maxLength={30} value={holderName} onChange={(ev) => setHolderName(ev.target.value)} className={inputClass} />}
      </Field>
      <Field id="payee-account" label={t('payee.form.account')} hint={t('payee.form.accountHint')} error={e.account}>
        {(aria) => <input {...aria} name="account" inputMode="numeric" autoComplete="off" maxLength={40} value={account} onChange={(ev) => setAccount(ev.target.value)} className={`${inputClass} font-mono`} />}
      </Field>
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? t('payee.form.saving') : t('payee.form.submit')}
      </button>
    </form>
  );
}
