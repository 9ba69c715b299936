'use client';
// The official's fee-waiver forms: add a company, give it a place or take one away, make a
// list for one company, record the company's confirmation of a list, cancel a list. Each
// answers in a sentence beside the button; refusals the waiver pages explain themselves are
// named here, everything else reads as the general sentence.
import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { ActionResult } from '@/lib/action-result';
import { loose } from '@/lib/i18n/loose';
import { ErrorSummary, Field, firstError, inputClass } from '@/components/form';
import { buttonClass, secondaryButtonClass } from '@/components/ui';
import { ActionProblem, submitKeepingFields } from '@/components/grievances/action-problem';
import { assignCompanyPlaceAction, cancelWaiverListAction, confirmWaiverListAction, createCompanyAction, makeWaiverListAction, unassignCompanyPlaceAction } from './actions';
import { earlyInput } from '@/components/early-input';

export interface PlaceOption {
  id: number;
  label: string;
  depth: number;
}

const OWN_CONFLICTS: Record<string, string> = {
  'conflict:nothing_to_list': 'countyWaivers.errors.nothingToList',
  'conflict:waiver_list': 'countyWaivers.errors.stale',
  'conflict:waiver_list_closed': 'countyWaivers.errors.closed',
  'conflict:company_kind': 'countyWaivers.errors.companyKind',
};

function Done({ children }: { children: React.ReactNode }) {
  return (
    <p role="status" className="rounded-lg border border-green-700 bg-green-50 p-3 font-medium text-green-900">
      {children}
    </p>
  );
}

export function CreateCompanyForm() {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionResult<{ companyId: number; name: string }> | null, FormData>(createCompanyAction, null);
  const [kind, setKind] = useState('heating');
  const [name, setName] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [contact, setContact] = useState('');
  const errors = state?.status === 'invalid' ? state.fieldErrors : undefined;
  const e = { kind: firstError(loose(t), errors, 'kind'), name: firstError(loose(t), errors, 'name'), nameEn: firstError(loose(t), errors, 'nameEn'), contact: firstError(loose(t), errors, 'contact') };
  const summary = (Object.entries(e) as [string, string | null][]).filter(([, m]) => m).map(([f, m]) => ({ fieldId: `company-${f}`, message: m! }));
  return (
    <form ref={earlyInput} action={formAction} onSubmit={submitKeepingFields(formAction)} noValidate className="space-y-4">
      <ErrorSummary title={t('common.errorSummary')} errors={summary} />
      <ActionProblem state={state} ownConflicts={OWN_CONFLICTS} />
      {state?.status === 'ok' ? <Done>{t('countyWaivers.companies.added', { name: state.data.name })}</Done> : null}
      <Field id="company-kind" label={t('countyWaivers.companies.kind')} error={e.kind}>
        {(aria) => (
          <select {...aria} name="kind" value={kind} onChange={(ev) => setKind(ev.target.value)} className={inputClass}>
            <option value="heating">{t('countyWaivers.kinds.heating')}</option>
            <option value="property">{t('countyWaivers.kinds.property')}</option>
          </select>
        )}
      </Field>
      <Field id="company-name" label={t('countyWaivers.companies.name')} error={e.name}>
        {(aria) => <input {...aria} name="name" autoComplete="off" value={name} onChange={(ev) => setName(ev.target.value)} className={inputClass} />}
      </Field>
      <Field id="company-nameEn" label={t('countyWaivers.companies.nameEn')} error={e.nameEn}>
        {(aria) => <input {...aria} name="nameEn" autoComplete="off" value={nameEn} onChange={(ev) => setNameEn(ev.target.value)} className={inputClass} />}
      </Field>
      <Field id="company-contact" label={t('countyWaivers.companies.contact')} error={e.contact}>
        {(aria) => <input {...aria} name="contact" autoComplete="off" value={contact} onChange={(ev) => setContact(ev.target.value)} className={inputClass} />}
      </Field>
      <button type="submit" disabled={pending} className={`${buttonClass} w-full sm:w-auto`}>
        {t('countyWaivers.companies.add')}
      </button>
    </form>
  );
}

export function AssignPlaceForm({ companies, places }: { companies: { id: number; label: string }[]; places: PlaceOption[] }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionResult<null> | null, FormData>(assignCompanyPlaceAction, null);
  const [companyId, setCompanyId] = useState('');
  const [placeId, setPlaceId] = useState('');
  const errors = state?.status === 'invalid' ? state.fieldErrors : undefined;
  const e = { companyId: firstError(loose(t), errors, 'companyId'), placeId: firstError(loose(t), errors, 'placeId') };
  const summary = (Object.entries(e) as [string, string | null][]).filter(([, m]) => m).map(([f, m]) => ({ fieldId: `assign-${f}`, message: m! }));
  return (
    <form ref={earlyInput} action={formAction} onSubmit={submitKeepingFields(formAction)} noValidate className="space-y-4">
      <ErrorSummary title={t('common.errorSummary')} errors={summary} />
      <ActionProblem state={state} ownConflicts={OWN_CONFLICTS} />
      {state?.status === 'ok' ? <Done>{t('countyWaivers.companies.assigned')}</Done> : null}
      <Field id="assign-companyId" label={t('countyWaivers.companies.company')} error={e.companyId}>
        {(aria) => (
          <select {...aria} name="companyId" value={companyId} onChange={(ev) => setCompanyId(ev.target.value)} className={inputClass}>
            <option value="">{t('countyWaivers.companies.chooseCompany')}</option>
            {companies.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="assign-placeId" label={t('countyWaivers.companies.place')} hint={t('countyWaivers.companies.placeHint')} error={e.placeId}>
        {(aria) => (
          <select {...aria} name="placeId" value={placeId} onChange={(ev) => setPlaceId(ev.target.value)} className={inputClass}>
            <option value="">{t('countyWaivers.companies.choosePlace')}</option>
            {places.map((p) => (
              <option key={p.id} value={p.id}>
                {`${'\u3000'.repeat(p.depth)}${p.label}`}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" disabled={pending} className={`${buttonClass} w-full sm:w-auto`}>
        {t('countyWaivers.companies.assign')}
      </button>
    </form>
  );
}

export function UnassignPlaceButton({ companyId, placeId, placeName }: { companyId: number; placeId: number; placeName: string }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionResult<null> | null, FormData>(unassignCompanyPlaceAction, null);
  return (
    <form ref={earlyInput} action={formAction} className="inline">
      <input type="hidden" name="companyId" value={companyId} />
      <input type="hidden" name="placeId" value={placeId} />
      <button type="submit" disabled={pending} className="inline-flex min-h-11 items-center px-2 text-sm font-medium text-red-800 underline">
        {t('countyWaivers.companies.unassign', { place: placeName })}
      </button>
      <ActionProblem state={state} ownConflicts={OWN_CONFLICTS} />
    </form>
  );
}

export function MakeListForm({ companyId, companyName, programme, disabled }: { companyId: number; companyName: string; programme: 'heating_fee_waiver' | 'property_fee_waiver'; disabled: boolean }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionResult<{ listId: string; reference: string; itemCount: number }> | null, FormData>(makeWaiverListAction, null);
  return (
    <form ref={earlyInput} action={formAction} className="space-y-2">
      <input type="hidden" name="companyId" value={companyId} />
      <input type="hidden" name="programme" value={programme} />
      {state?.status === 'ok' ? (
        <Done>
          {t('countyWaivers.make.done', { reference: state.data.reference, count: state.data.itemCount })}{' '}
          <a href={`/county/waivers/${state.data.listId}`} className="inline-flex min-h-11 items-center text-blue-800 underline">
            {t('countyWaivers.make.open')}
          </a>
        </Done>
      ) : (
        <button type="submit" disabled={pending || disabled} aria-label={t('countyWaivers.make.submitFor', { company: companyName })} className={buttonClass}>
          {t('countyWaivers.make.submit')}
        </button>
      )}
      <ActionProblem state={state} ownConflicts={OWN_CONFLICTS} />
    </form>
  );
}

export function ConfirmListForm({ listId, version, today }: { listId: string; version: number; today: string }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionResult<{ fulfilled: number; skipped: number }> | null, FormData>(confirmWaiverListAction, null);
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const errors = state?.status === 'invalid' ? state.fieldErrors : undefined;
  const e = { confirmedOn: firstError(loose(t), errors, 'confirmedOn'), note: firstError(loose(t), errors, 'note') };
  const summary = (Object.entries(e) as [string, string | null][]).filter(([, m]) => m).map(([f, m]) => ({ fieldId: `confirm-${f}`, message: m! }));
  if (state?.status === 'ok') return <Done>{t('countyWaivers.confirm.done', { fulfilled: state.data.fulfilled, skipped: state.data.skipped })}</Done>;
  return (
    <form ref={earlyInput} action={formAction} onSubmit={submitKeepingFields(formAction)} noValidate className="space-y-4">
      <p className="text-slate-700">{t('countyWaivers.confirm.hint')}</p>
      <ErrorSummary title={t('common.errorSummary')} errors={summary} />
      <ActionProblem state={state} ownConflicts={OWN_CONFLICTS} />
      <input type="hidden" name="listId" value={listId} />
      <input type="hidden" name="version" value={version} />
      <Field id="confirm-confirmedOn" label={t('countyWaivers.confirm.date')} error={e.confirmedOn}>
        {(aria) => <input {...aria} type="date" name="confirmedOn" max={today} value={date} onChange={(ev) => setDate(ev.target.value)} className={inputClass} />}
      </Field>
      <Field id="confirm-note" label={t('countyWaivers.confirm.note')} error={e.note}>
        {(aria) => <textarea {...aria} name="note" rows={3} value={note} onChange={(ev) => setNote(ev.target.value)} className={`${inputClass} py-2`} />}
      </Field>
      <button type="submit" disabled={pending} className={`${buttonClass} w-full sm:w-auto`}>
        {t('countyWaivers.confirm.submit')}
      </button>
    </form>
  );
}

export function CancelListForm({ listId, version }: { listId: string; version: number }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionResult<{ released: number }> | null, FormData>(cancelWaiverListAction, null);
  if (state?.status === 'ok') return <Done>{t('countyWaivers.cancel.done', { released: state.data.released })}</Done>;
  return (
    <form ref={earlyInput} action={formAction} className="space-y-3">
      <p className="text-slate-700">{t('countyWaivers.cancel.hint')}</p>
      <ActionProblem state={state} ownConflicts={OWN_CONFLICTS} />
      <input type="hidden" name="listId" value={listId} />
      <input type="hidden" name="version" value={version} />
      <button type="submit" disabled={pending} className={secondaryButtonClass}>
        {t('countyWaivers.cancel.submit')}
      </button>
    </form>
  );
}
