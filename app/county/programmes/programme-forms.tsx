'use client';
// The official's programme settings form and the grievance time-limit form of one category.
// Fields are controlled, so what was typed stays after a refusal (field errors, someone else
// saving first); the version sent is the one the page was last read at, so after "someone else
// saved first" the page shows their version and a second save goes on top of it knowingly.
import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { ActionResult } from '@/lib/action-result';
import { loose } from '@/lib/i18n/loose';
import type { SettingField } from '@/lib/programme-settings';
import { ErrorSummary, Field, firstError, inputClass, Notice } from '@/components/form';
import { buttonClass, secondaryButtonClass } from '@/components/ui';
import { ActionProblem, submitKeepingFields } from '@/components/grievances/action-problem';
import { updateGrievanceLimitAction, updateProgrammeAction } from './actions';
import { earlyInput } from '@/components/early-input';

type Saved = ActionResult<{ version: number }> | null;
/** A programme saved; `published`: cases waiting for a decision that went on public notice with it (server/programmes/update-programme.ts). */
type ProgrammeSaved = ActionResult<{ version: number; published: number; noticeDays: number }> | null;

function Outcome({ state, conflictKey }: { state: Saved | ProgrammeSaved; conflictKey: 'countyProgrammes.messages.conflict' | 'countyProgrammes.messages.limitConflict' }) {
  const t = useTranslations();
  if (state?.status === 'ok') {
    const published = 'published' in state.data ? state.data : null;
    return (
      <div role="status" className="space-y-1 rounded-lg border border-green-700 bg-green-50 p-3 text-green-900">
        <p>{t('countyProgrammes.messages.saved', { version: state.data.version })}</p>
        {published && published.published > 0 ? <p>{t('countyProgrammes.messages.published', { count: published.published, days: published.noticeDays })}</p> : null}
      </div>
    );
  }
  if (state?.status === 'conflict' && state.code.startsWith('conflict:')) {
    return (
      <Notice tone="problem">
        {t(conflictKey)}
      </Notice>
    );
  }
  return <ActionProblem state={state} />;
}

export interface ProgrammeFormProps {
  code: string;
  version: number;
  fields: readonly SettingField[];
  values: Record<string, string>;
  noticeDays: number;
  active: boolean;
}

export function ProgrammeSettingsForm({ code, version, fields, values, noticeDays, active }: ProgrammeFormProps) {
  const t = useTranslations();
  const lt = loose(t);
  const [state, formAction, pending] = useActionState<ProgrammeSaved, FormData>(updateProgrammeAction, null);
  const [typed, setTyped] = useState<Record<string, string>>(values);
  const [notice, setNotice] = useState(String(noticeDays));
  const [open, setOpen] = useState(active ? 'true' : 'false');
  const [reason, setReason] = useState('');
  const errors = state?.status === 'invalid' ? state.fieldErrors : undefined;
  const names = [...fields.map((f) => f.name), 'noticeDays', 'active', 'reason'];
  const summary = names.flatMap((n) => {
    const m = firstError(lt, errors, n);
    return m ? [{ fieldId: `programme-${n}`, message: m }] : [];
  });
  const numberField = (f: SettingField) => (
    <Field key={f.name} id={`programme-${f.name}`} label={lt(`countyProgrammes.fields.${f.name}`)} hint={lt(`countyProgrammes.units.${f.unit}`)} error={firstError(lt, errors, f.name)}>
      {(aria) => (
        <input
          {...aria}
          name={f.name}
          inputMode={f.unit === 'tonnes' ? 'decimal' : 'numeric'}
          autoComplete="off"
          value={typed[f.name] ?? ''}
          onChange={(e) => setTyped((prev) => ({ ...prev, [f.name]: e.target.value }))}
          className={inputClass}
        />
      )}
    </Field>
  );
  const grades = (['D', 'C'] as const).filter((g) => fields.some((f) => f.grade === g));
  return (
    <form ref={earlyInput} action={formAction} onSubmit={submitKeepingFields(formAction)} noValidate className="space-y-5">
      <ErrorSummary title={t('common.errorSummary')} errors={summary} />
      <Outcome state={state} conflictKey="countyProgrammes.messages.conflict" />
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="version" value={version} />
      {fields.filter((f) => !f.grade).map(numberField)}
      {grades.map((g) => (
        <fieldset key={g} className="space-y-3 rounded-lg border border-slate-300 p-3">
          <legend className="px-1 font-semibold">{lt(`countyProgrammes.grades.${g}`)}</legend>
          <p className="text-sm text-slate-600">{t('countyProgrammes.fields.materialsHint')}</p>
          {fields.filter((f) => f.grade === g).map(numberField)}
        </fieldset>
      ))}
      <Field id="programme-noticeDays" label={t('countyProgrammes.fields.noticeDays')} hint={t('countyProgrammes.fields.noticeDaysHint')} error={firstError(lt, errors, 'noticeDays')}>
        {(aria) => <input {...aria} name="noticeDays" inputMode="numeric" autoComplete="off" value={notice} onChange={(e) => setNotice(e.target.value)} className={inputClass} />}
      </Field>
      <Field id="programme-active" label={t('countyProgrammes.fields.active')} hint={t('countyProgrammes.fields.activeHint')} error={firstError(lt, errors, 'active')}>
        {(aria) => (
          <select {...aria} name="active" value={open} onChange={(e) => setOpen(e.target.value)} className={inputClass}>
            <option value="true">{t('countyProgrammes.open')}</option>
            <option value="false">{t('countyProgrammes.closed')}</option>
          </select>
        )}
      </Field>
      <Field id="programme-reason" label={t('countyProgrammes.fields.reason')} hint={t('countyProgrammes.fields.reasonHint')} error={firstError(lt, errors, 'reason')}>
        {(aria) => <textarea {...aria} name="reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} className={`${inputClass} py-2`} />}
      </Field>
      <button type="submit" disabled={pending} className={`${buttonClass} w-full sm:w-auto`}>
        {pending ? t('countyProgrammes.saving') : t('countyProgrammes.save')}
      </button>
    </form>
  );
}

export function GrievanceLimitForm({ category, label, version, respondDays, resolveDays }: { category: string; label: string; version: number; respondDays: number; resolveDays: number }) {
  const t = useTranslations();
  const lt = loose(t);
  const [state, formAction, pending] = useActionState<Saved, FormData>(updateGrievanceLimitAction, null);
  const [respond, setRespond] = useState(String(respondDays));
  const [resolve, setResolve] = useState(String(resolveDays));
  const errors = state?.status === 'invalid' ? state.fieldErrors : undefined;
  return (
    <form ref={earlyInput} action={formAction} onSubmit={submitKeepingFields(formAction)} noValidate aria-label={label} className="space-y-3">
      <Outcome state={state} conflictKey="countyProgrammes.messages.limitConflict" />
      <input type="hidden" name="category" value={category} />
      <input type="hidden" name="version" value={version} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`limit-${category}-respond`} label={t('countyProgrammes.limits.respondDays', { category: label })} error={firstError(lt, errors, 'respondDays')}>
          {(aria) => <input {...aria} name="respondDays" inputMode="numeric" autoComplete="off" value={respond} onChange={(e) => setRespond(e.target.value)} className={inputClass} />}
        </Field>
        <Field id={`limit-${category}-resolve`} label={t('countyProgrammes.limits.resolveDays', { category: label })} error={firstError(lt, errors, 'resolveDays')}>
          {(aria) => <input {...aria} name="resolveDays" inputMode="numeric" autoComplete="off" value={resolve} onChange={(e) => setResolve(e.target.value)} className={inputClass} />}
        </Field>
      </div>
      <button type="submit" disabled={pending} className={secondaryButtonClass}>
        {t('countyProgrammes.limits.save', { category: label })}
      </button>
    </form>
  );
}
