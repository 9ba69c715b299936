'use client';
// Household members: the list (ID numbers masked), remove with a confirmation step, and a
// short form to add one (name, relation, optional ID number, birth year). The actions come from
// the page: the resident's own, or a cadre's for a household they keep (代办, with its id).
import { startTransition, useActionState, useRef, useState, useTransition, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { UserPlus, UserMinus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { describeResult } from '@/lib/action-result';
import { loose, resultText } from '@/lib/i18n/loose';
import { ErrorSummary, Field, inputClass } from '@/components/form';
import { EmptyState, buttonClass, secondaryButtonClass } from '@/components/ui';
import { idNumberProblem } from '@/lib/id-rules';
import { BIRTH_YEAR_MIN, birthYearMax, rangeValues } from '@/lib/field-limits';
import type { ActionResult } from '@/lib/action-result';
import { earlyInput } from '@/components/early-input';
import { SubmitWhenAlive } from '@/components/submit-when-alive';

export interface MemberView {
  id: string;
  name: string;
  /** A known relation code, or null for a word stored by older data (shown as it is). */
  relation: string | null;
  relationText: string;
  birthYear: number | null;
  idMasked: string | null;
  /** Added by a cadre for the household (代办): said on the member's line. */
  forHousehold?: boolean;
}

const EMPTY = { name: '', relation: '', idNumber: '', birthYear: '' };
const FIELDS = ['name', 'relation', 'idNumber', 'birthYear'] as const;

export interface MemberActions {
  add: (fd: FormData) => Promise<ActionResult<{ id: string }>>;
  remove: (input: { memberId: string; householdId?: string }) => Promise<ActionResult<null>>;
}

export function Members({ members, relations, actions, householdId }: { members: MemberView[]; relations: string[]; actions: MemberActions; householdId?: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [values, setValues] = useState(EMPTY);
  const [idError, setIdError] = useState<string | null>(null);
  // The server's answer to an earlier attempt, once a newer attempt was stopped in the browser
  // (a wrong ID number): its errors no longer describe the form, so they are not shown.
  const [outdated, setOutdated] = useState<ActionResult<{ id: string }> | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [removing, startRemoving] = useTransition();
  const summaryRef = useRef<HTMLDivElement>(null);

  const [state, dispatch, pending] = useActionState<ActionResult<{ id: string }> | null, FormData>(async (_prev, fd) => {
    const r = await actions.add(fd).catch((): ActionResult<{ id: string }> => ({ status: 'error', code: 'unavailable' }));
    if (r.status === 'ok') {
      setValues(EMPTY);
      router.refresh();
    } else requestAnimationFrame(() => summaryRef.current?.focus());
    return r;
  }, null);

  const current = state !== null && state === outdated ? null : state;
  const fieldErrors = current?.status === 'invalid' ? current.fieldErrors : {};
  const tl = loose(t);
  const err = (f: string) => (f === 'idNumber' && idError ? tl(idError) : fieldErrors[f]?.[0] ? tl(fieldErrors[f][0], f === 'birthYear' ? rangeValues('birthYear') : undefined) : null);
  const summary = FIELDS.filter((f) => err(f)).map((f) => ({ fieldId: `member-${f}`, message: err(f)! }));
  const formError = resultText(t, describeResult(current));
  const relationLabel = (m: MemberView) => (m.relation ? tl(`household.relation.${m.relation}`) : m.relationText);

  function checkId(v: string): boolean {
    const p = v.trim() === '' ? null : idNumberProblem(v);
    setIdError(p ? `validation.idNumber.${p}` : null);
    return p === null;
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    if (!checkId(values.idNumber)) {
      setOutdated(state);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    const fd = new FormData(e.currentTarget);
    startTransition(() => dispatch(fd));
  }

  function remove(memberId: string) {
    setRemoveError(null);
    startRemoving(async () => {
      const r = await actions.remove(householdId ? { memberId, householdId } : { memberId }).catch((): ActionResult<null> => ({ status: 'error', code: 'unavailable' }));
      if (r.status === 'ok') {
        setConfirming(null);
        router.refresh();
      } else setRemoveError(t('household.members.removeFailed'));
    });
  }

  const set = (k: keyof typeof EMPTY) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    setValues((v) => ({ ...v, [k]: e.target.value }));
    if (k === 'idNumber' && idError) checkId(e.target.value);
  };

  return (
    <div className="space-y-6">
      {members.length === 0 ? (
        <EmptyState>{t('household.members.none')}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100">
          {members.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
              <div>
                <p className="font-medium">
                  {m.name} · {relationLabel(m)}
                </p>
                <p className="text-sm text-slate-600">
                  {[m.birthYear ? t('household.members.born', { year: m.birthYear }) : null, m.idMasked].filter(Boolean).join(' · ')}
                </p>
                {m.forHousehold ? <p className="text-sm text-slate-700">{t('household.members.forHousehold')}</p> : null}
              </div>
              {confirming === m.id ? (
                <div className="flex flex-wrap gap-2">
                  <button type="button" disabled={removing} onClick={() => remove(m.id)} className={`${buttonClass} bg-red-700 hover:bg-red-800`}>
                    {t('household.members.confirmRemove', { name: m.name })}
                  </button>
                  <button type="button" onClick={() => setConfirming(null)} className={secondaryButtonClass}>
                    {t('common.cancel')}
                  </button>
                </div>
              ) : (
                <button type="button" onClick={() => setConfirming(m.id)} className={secondaryButtonClass}>
                  <UserMinus aria-hidden="true" className="h-5 w-5" />
                  {t('household.members.remove', { name: m.name })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {removeError ? (
        <p role="alert" className="font-medium text-red-800">
          {removeError}
        </p>
      ) : null}

      <form ref={earlyInput} method="post" onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg border border-slate-200 p-3" aria-labelledby="add-member-title">
        {householdId ? <input type="hidden" name="householdId" value={householdId} /> : null}
        <h3 id="add-member-title" className="font-semibold">
          {t('household.members.addTitle')}
        </h3>
        <div ref={summaryRef} tabIndex={-1} className="space-y-2 outline-none">
          {summary.length > 0 ? <ErrorSummary title={t('common.errorSummary')} errors={summary} /> : null}
          {formError ? (
            <p role="alert" className="font-medium text-red-800">
              {formError}
            </p>
          ) : null}
          {current?.status === 'ok' ? (
            <p role="status" className="text-green-800">
              {t('household.members.added')}
            </p>
          ) : null}
        </div>
        <Field id="member-name" label={t('household.members.name')} error={err('name')}>
          {(aria) => <input {...aria} name="name" value={values.name} onChange={set('name')} autoComplete="off" className={inputClass} />}
        </Field>
        <Field id="member-relation" label={t('household.members.relation')} error={err('relation')}>
          {(aria) => (
            <select {...aria} name="relation" value={values.relation} onChange={set('relation')} className={inputClass}>
              <option value="">{t('household.place.choose')}</option>
              {relations.map((r) => (
                <option key={r} value={r}>
                  {tl(`household.relation.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="member-idNumber" label={t('household.members.idNumber')} hint={t('household.members.idNumberHint')} error={err('idNumber')}>
          {(aria) => (
            <input
              {...aria}
              name="idNumber"
              value={values.idNumber}
              onChange={set('idNumber')}
              onBlur={() => checkId(values.idNumber)}
              autoComplete="off"
              spellCheck={false}
              maxLength={24}
              className={`${inputClass} font-mono`}
            />
          )}
        </Field>
        <Field id="member-birthYear" label={t('household.members.birthYear')} hint={t('household.members.birthYearHint')} error={err('birthYear')}>
          {(aria) => <input {...aria} name="birthYear" type="number" inputMode="numeric" min={BIRTH_YEAR_MIN} max={birthYearMax()} value={values.birthYear} onChange={set('birthYear')} className={inputClass} />}
        </Field>
        <SubmitWhenAlive disabled={pending} className={buttonClass}>
          <UserPlus aria-hidden="true" className="h-5 w-5" />
          {pending ? t('household.members.adding') : t('household.members.add')}
        </SubmitWhenAlive>
      </form>
    </div>
  );
}
