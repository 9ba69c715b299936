'use client';
// The official's staff forms: create one account, import many from .xlsx, and the controls on
// one person's page (assign / unassign a place, reset the password, deactivate / reactivate).
// A one-time password is shown once, in this browser only, right after it was made; the
// import's passwords come back as an .xlsx the official downloads from here.
import { useActionState, useMemo, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { ActionResult } from '@/lib/action-result';
import { loose } from '@/lib/i18n/loose';
import { ErrorSummary, Field, firstError, inputClass } from '@/components/form';
import { buttonClass, secondaryButtonClass } from '@/components/ui';
import { ActionProblem, submitKeepingFields } from '@/components/grievances/action-problem';
import { assignStaffPlaceAction, createStaffAction, importStaffAction, resetStaffPasswordAction, setStaffActiveAction, unassignStaffPlaceAction, type ImportOutcome } from './actions';
import { earlyInput } from '@/components/early-input';

export interface PlaceOption {
  id: number;
  label: string;
  depth: number;
}

/** Refusals the staff pages explain themselves; everything else reads as the general sentence. */
const OWN_CONFLICTS: Record<string, string> = {
  'conflict:last_place': 'staff.errors.lastPlace',
  'conflict:already_active': 'staff.errors.alreadyActive',
  'conflict:already_inactive': 'staff.errors.alreadyInactive',
};

function OneTimePassword({ password }: { password: string }) {
  const t = useTranslations();
  return (
    <div role="status" className="space-y-1 rounded-lg border border-green-700 bg-green-50 p-4 text-green-900">
      <p className="font-semibold">{t('staff.otp.title')}</p>
      <p className="font-mono text-2xl tracking-wider" data-testid="one-time-password">
        {password}
      </p>
      <p className="text-sm">{t('staff.otp.hint')}</p>
    </div>
  );
}

function PlaceSelect({ name, places, value, onChange, aria }: { name: string; places: PlaceOption[]; value: string; onChange: (v: string) => void; aria: object }) {
  const t = useTranslations();
  return (
    <select {...aria} name={name} value={value} onChange={(e) => onChange(e.target.value)} className={inputClass}>
      <option value="">{t('staff.fields.choosePlace')}</option>
      {places.map((p) => (
        <option key={p.id} value={p.id}>
          {`${'\u3000'.repeat(p.depth)}${p.label}`}
        </option>
      ))}
    </select>
  );
}

export function CreateStaffForm({ places }: { places: PlaceOption[] }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionResult<{ userId: string; oneTimePassword: string }> | null, FormData>(createStaffAction, null);
  const [realName, setRealName] = useState('');
  const [phone, setPhone] = useState('');
  const [role, setRole] = useState('cadre');
  const [placeId, setPlaceId] = useState('');
  const errors = state?.status === 'invalid' ? state.fieldErrors : undefined;
  const e = {
    realName: firstError(loose(t), errors, 'realName'),
    phone: firstError(loose(t), errors, 'phone'),
    role: firstError(loose(t), errors, 'role'),
    placeIds: firstError(loose(t), errors, 'placeIds'),
  };
  const summary = (Object.entries(e) as [string, string | null][]).filter(([, m]) => m).map(([f, m]) => ({ fieldId: `staff-${f}`, message: m! }));
  if (state?.status === 'ok') {
    return (
      <div className="space-y-4">
        <OneTimePassword password={state.data.oneTimePassword} />
        <p className="flex flex-wrap gap-3">
          <a href={`/county/staff/${state.data.userId}`} className={buttonClass}>
            {t('staff.new.open')}
          </a>
          <a href="/county/staff/new" className={secondaryButtonClass}>
            {t('staff.new.another')}
          </a>
        </p>
      </div>
    );
  }
  return (
    <form ref={earlyInput} action={formAction} onSubmit={submitKeepingFields(formAction)} noValidate className="space-y-4">
      <ErrorSummary title={t('common.errorSummary')} errors={summary} />
      <ActionProblem state={state} ownConflicts={OWN_CONFLICTS} />
      <Field id="staff-realName" label={t('staff.fields.name')} error={e.realName}>
        {(aria) => <input {...aria} name="realName" autoComplete="off" value={realName} onChange={(ev) => setRealName(ev.target.value)} className={inputClass} />}
      </Field>
      <Field id="staff-phone" label={t('staff.fields.phone')} error={e.phone}>
        {(aria) => <input {...aria} name="phone" type="tel" inputMode="tel" autoComplete="off" value={phone} onChange={(ev) => setPhone(ev.target.value)} className={inputClass} />}
      </Field>
      <Field id="staff-role" label={t('staff.fields.role')} error={e.role}>
        {(aria) => (
          <select {...aria} name="role" value={role} onChange={(ev) => setRole(ev.target.value)} className={inputClass}>
            <option value="cadre">{t('roles.cadre')}</option>
            <option value="official">{t('roles.official')}</option>
          </select>
        )}
      </Field>
      <Field id="staff-placeIds" label={t('staff.fields.place')} hint={t('staff.fields.placeHint')} error={e.placeIds}>
        {(aria) => <PlaceSelect name="placeIds" places={places} value={placeId} onChange={setPlaceId} aria={aria} />}
      </Field>
      <button type="submit" disabled={pending} className={`${buttonClass} w-full sm:w-auto`}>
        {t('staff.new.submit')}
      </button>
    </form>
  );
}

export function ImportStaffForm() {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionResult<ImportOutcome> | null, FormData>(importStaffAction, null);
  const errors = state?.status === 'invalid' ? state.fieldErrors : undefined;
  const fileError = firstError(loose(t), errors, 'file');
  const outcome = state?.status === 'ok' ? state.data : null;
  // The passwords exist only in this answer: a link to them as a file, made in the browser.
  const download = useMemo(() => {
    if (!outcome || !('passwordsXlsxBase64' in outcome)) return null;
    return `data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,${outcome.passwordsXlsxBase64}`;
  }, [outcome]);
  return (
    <form ref={earlyInput} action={formAction} noValidate className="space-y-4">
      <p className="text-slate-700">{t('staff.import.columns')}</p>
      <ErrorSummary title={t('common.errorSummary')} errors={fileError ? [{ fieldId: 'staff-import-file', message: fileError }] : []} />
      <ActionProblem state={state} ownConflicts={OWN_CONFLICTS} />
      {outcome && 'rowErrors' in outcome ? (
        <div role="alert" className="rounded-lg border-l-4 border-red-700 bg-red-50 p-4 text-red-900">
          <p className="font-semibold">{t('staff.import.refused', { count: outcome.rowErrors.length })}</p>
          <ul className="mt-2 list-disc pl-5" data-testid="import-errors">
            {outcome.rowErrors.map((r, i) => (
              <li key={i}>{t('staff.import.rowError', { row: r.row, problem: loose(t)(`staff.import.problems.${r.field}_${r.code}`) })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {outcome && 'created' in outcome && download ? (
        <div role="status" className="space-y-2 rounded-lg border border-green-700 bg-green-50 p-4 text-green-900">
          <p className="font-semibold">{t('staff.import.done', { count: outcome.created })}</p>
          <a href={download} download="one-time-passwords.xlsx" className={buttonClass}>
            {t('staff.import.download')}
          </a>
          <p className="text-sm">{t('staff.otp.hint')}</p>
        </div>
      ) : null}
      <Field id="staff-import-file" label={t('staff.import.file')} error={fileError}>
        {(aria) => <input {...aria} name="file" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="block min-h-11 w-full" />}
      </Field>
      <button type="submit" disabled={pending} className={`${buttonClass} w-full sm:w-auto`}>
        {pending ? t('staff.import.working') : t('staff.import.submit')}
      </button>
    </form>
  );
}

export function AssignPlaceForm({ userId, places }: { userId: string; places: PlaceOption[] }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionResult<{ added: boolean }> | null, FormData>(assignStaffPlaceAction, null);
  const [placeId, setPlaceId] = useState('');
  const errors = state?.status === 'invalid' ? state.fieldErrors : undefined;
  const placeError = firstError(loose(t), errors, 'placeId');
  return (
    <form ref={earlyInput} action={formAction} onSubmit={submitKeepingFields(formAction)} noValidate className="space-y-3">
      <ActionProblem state={state} ownConflicts={OWN_CONFLICTS} />
      {state?.status === 'ok' ? <p role="status" className="rounded-lg bg-green-50 p-3 text-green-900">{t('staff.places.assigned')}</p> : null}
      <input type="hidden" name="userId" value={userId} />
      <Field id="staff-assign-place" label={t('staff.places.assign')} error={placeError}>
        {(aria) => <PlaceSelect name="placeId" places={places} value={placeId} onChange={setPlaceId} aria={aria} />}
      </Field>
      <button type="submit" disabled={pending} className={secondaryButtonClass}>
        {t('staff.places.assignSubmit')}
      </button>
    </form>
  );
}

export function UnassignPlaceButton({ userId, placeId, label }: { userId: string; placeId: number; label: string }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionResult<null> | null, FormData>(unassignStaffPlaceAction, null);
  return (
    <form ref={earlyInput} action={formAction} className="space-y-2">
      <ActionProblem state={state} ownConflicts={OWN_CONFLICTS} />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="placeId" value={placeId} />
      <button type="submit" disabled={pending} aria-label={label} className={secondaryButtonClass}>
        {t('staff.places.unassign')}
      </button>
    </form>
  );
}

export function ResetPasswordForm({ userId }: { userId: string }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionResult<{ oneTimePassword: string }> | null, FormData>(resetStaffPasswordAction, null);
  return (
    <form ref={earlyInput} action={formAction} className="space-y-3">
      <ActionProblem state={state} ownConflicts={OWN_CONFLICTS} />
      {state?.status === 'ok' ? <OneTimePassword password={state.data.oneTimePassword} /> : null}
      <input type="hidden" name="userId" value={userId} />
      <p className="text-slate-700">{t('staff.reset.hint')}</p>
      <button type="submit" disabled={pending} className={secondaryButtonClass}>
        {t('staff.reset.submit')}
      </button>
    </form>
  );
}

export function SetActiveForm({ userId, active }: { userId: string; active: boolean }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionResult<{ active: boolean }> | null, FormData>(setStaffActiveAction, null);
  return (
    <form ref={earlyInput} action={formAction} className="space-y-3">
      <ActionProblem state={state} ownConflicts={OWN_CONFLICTS} />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="active" value={active ? 'false' : 'true'} />
      <p className="text-slate-700">{active ? t('staff.active.deactivateHint') : t('staff.active.reactivateHint')}</p>
      <button type="submit" disabled={pending} className={active ? `${buttonClass} bg-red-800 hover:bg-red-900` : buttonClass}>
        {active ? t('staff.active.deactivate') : t('staff.active.reactivate')}
      </button>
    </form>
  );
}
