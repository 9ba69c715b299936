'use client';
// The forms of the staff case pages and the notice board: verify a fact, answer an objection,
// move a case (return / recommend / reject / fulfil / approve / decline / appeals), approve a
// batch, lodge an objection. Each keeps what was typed after an error (controlled inputs),
// shows the error beside the field and in a summary at the top, and disables its button while
// the request runs (the server also refuses a stale version, so a double click cannot act twice).
import { useActionState, useRef, useState, type ReactNode } from 'react';
import Link from 'next/link';
import { CheckCircle2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { describeResult, type ActionResult, type ResultContext } from '@/lib/action-result';
import { loose, resultText } from '@/lib/i18n/loose';
import { ErrorSummary, Field, firstError, inputClass } from '@/components/form';
import { buttonClass, secondaryButtonClass } from '@/components/ui';
import { CardTable, cardTable } from '@/components/card-table';
import { earlyInput, useEarlyInput } from '@/components/early-input';
import { submitKeepingFields } from '@/components/grievances/action-problem';

type Action<T> = (prev: ActionResult<T> | null, fd: FormData) => Promise<ActionResult<T>>;

const textareaClass = `${inputClass} min-h-24 py-2`;
const dangerButtonClass =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-lg bg-red-800 px-5 py-2 text-base font-semibold text-white hover:bg-red-900 disabled:cursor-not-allowed disabled:opacity-60';

function Alert({ children }: { children: ReactNode }) {
  return (
    <div role="alert" className="rounded-lg border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
      {children}
    </div>
  );
}

function Done({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="flex items-start gap-2 rounded-lg border-l-4 border-green-700 bg-green-50 p-3 text-green-900">
      <CheckCircle2 aria-hidden="true" className="mt-0.5 h-5 w-5 shrink-0" />
      <span>{children}</span>
    </p>
  );
}

/** The sentence for a result that is not a field error (a form-level `_form` error included). */
function useResultText(state: ActionResult<unknown> | null, context: ResultContext = 'case'): string | null {
  const t = useTranslations();
  return resultText(t, describeResult(state, context));
}

function fieldErrorsOf(state: ActionResult<unknown> | null): Record<string, string[]> | undefined {
  return state?.status === 'invalid' ? state.fieldErrors : undefined;
}

// ---------------------------------------------------------------------------------------------
// Verify one fact
// ---------------------------------------------------------------------------------------------

export interface Option {
  value: string;
  label: string;
}

export function VerifyFactForm({
  action,
  applicationId,
  factKey,
  factLabel,
  valueKind,
  options,
  initialValue,
  disabled,
}: {
  action: Action<{ key: string }>;
  applicationId: string;
  factKey: string;
  factLabel: string;
  valueKind: 'choice' | 'count';
  options: Option[];
  initialValue: string;
  disabled?: boolean;
}) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState(action, null);
  const [value, setValue] = useState(initialValue);
  const [method, setMethod] = useState('visit');
  const [note, setNote] = useState('');
  const errs = fieldErrorsOf(state);
  const base = `verify-${factKey}`;
  const errors = [
    { fieldId: `${base}-value`, message: firstError(loose(t), errs, 'value') },
    { fieldId: `${base}-method`, message: firstError(loose(t), errs, 'method') },
    { fieldId: `${base}-note`, message: firstError(loose(t), errs, 'note') },
  ].filter((e): e is { fieldId: string; message: string } => Boolean(e.message));
  const message = useResultText(state);

  return (
    // onSubmit sends without React's form reset, which would put the selects back to the choice
    // the server rendered (入户查看 for the method) while the state still held the cadre's.
    <form ref={earlyInput} action={formAction} onSubmit={submitKeepingFields(formAction)} className="space-y-3" noValidate>
      <ErrorSummary title={t('common.errorSummary')} errors={errors} />
      {message ? <Alert>{message}</Alert> : null}
      {state?.status === 'ok' ? <Done>{t('cases.verify.done', { fact: factLabel })}</Done> : null}
      <input type="hidden" name="applicationId" value={applicationId} />
      <input type="hidden" name="key" value={factKey} />
      <Field id={`${base}-value`} label={t('cases.verify.value', { fact: factLabel })} hint={t('cases.verify.valueHint')} error={firstError(loose(t), errs, 'value')}>
        {(aria) =>
          valueKind === 'count' ? (
            <input {...aria} name="value" type="number" inputMode="numeric" min={0} max={100} step={1} value={value} onChange={(e) => setValue(e.target.value)} className={inputClass} />
          ) : (
            <select {...aria} name="value" value={value} onChange={(e) => setValue(e.target.value)} className={inputClass}>
              <option value="">{t('cases.verify.choose')}</option>
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )
        }
      </Field>
      <Field id={`${base}-method`} label={t('cases.verify.method')} error={firstError(loose(t), errs, 'method')}>
        {(aria) => (
          <select {...aria} name="method" value={method} onChange={(e) => setMethod(e.target.value)} className={inputClass}>
            <option value="visit">{t('cases.verify.methods.visit')}</option>
            <option value="photo">{t('cases.verify.methods.photo')}</option>
            <option value="appraisal">{t('cases.verify.methods.appraisal')}</option>
          </select>
        )}
      </Field>
      <Field id={`${base}-note`} label={t('cases.verify.note')} hint={t('cases.verify.noteHint')} error={firstError(loose(t), errs, 'note')}>
        {(aria) => <textarea {...aria} name="note" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} className={textareaClass} />}
      </Field>
      <button type="submit" disabled={pending || disabled} className={buttonClass}>
        {pending ? t('cases.working') : t('cases.verify.submit', { fact: factLabel })}
      </button>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// Case actions (workflow buttons)
// ---------------------------------------------------------------------------------------------

export interface CaseActionSpec {
  action: string;
  label: string;
  needsReason: boolean;
  danger: boolean;
  /** Sentence shown after it succeeded. */
  doneText: string;
  /** Sentence explaining what the action does, shown above its button. */
  help?: string;
}

/**
 * All workflow buttons of one case. The success message lives here, above the forms, so it
 * stays on screen after the page re-renders with the case's new status (and new buttons).
 */
export function CaseActions({ action, applicationId, version, specs, emptyText }: { action: Action<{ status: string; version: number }>; applicationId: string; version: number; specs: CaseActionSpec[]; emptyText: string }) {
  const [done, setDone] = useState<string | null>(null);
  return (
    <div className="space-y-4">
      {done ? <Done>{done}</Done> : null}
      {specs.length === 0 ? <p className="text-slate-700">{emptyText}</p> : null}
      {specs.map((s) => (
        <TransitionForm key={`${s.action}-${version}`} action={action} applicationId={applicationId} version={version} spec={s} onDone={() => setDone(s.doneText)} onStart={() => setDone(null)} />
      ))}
    </div>
  );
}

function TransitionForm({ action, applicationId, version, spec, onDone, onStart }: { action: Action<{ status: string; version: number }>; applicationId: string; version: number; spec: CaseActionSpec; onDone: () => void; onStart: () => void }) {
  const t = useTranslations();
  const [reason, setReason] = useState('');
  const [state, formAction, pending] = useActionState(async (prev: ActionResult<{ status: string; version: number }> | null, fd: FormData) => {
    onStart();
    const r = await action(prev, fd);
    if (r.status === 'ok') onDone();
    return r;
  }, null);
  const errs = fieldErrorsOf(state);
  const reasonId = `reason-${spec.action}`;
  const reasonError = firstError(loose(t), errs, 'reason');
  const message = useResultText(state);
  const stale = state?.status === 'conflict';
  return (
    <form ref={earlyInput} action={formAction} className="space-y-3 rounded-lg border border-slate-200 p-3" noValidate>
      {reasonError ? <ErrorSummary title={t('common.errorSummary')} errors={[{ fieldId: reasonId, message: reasonError }]} /> : null}
      {message ? (
        <Alert>
          {message}{' '}
          {stale ? (
            <a href="" className="inline-flex min-h-11 items-center font-semibold underline">
              {t('cases.reload')}
            </a>
          ) : null}
        </Alert>
      ) : null}
      {spec.help ? <p className="text-slate-700">{spec.help}</p> : null}
      <input type="hidden" name="applicationId" value={applicationId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="action" value={spec.action} />
      {spec.needsReason ? (
        <Field id={reasonId} label={t('cases.reasonFor', { action: spec.label })} hint={t('cases.reasonHint')} error={reasonError}>
          {(aria) => <textarea {...aria} name="reason" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} className={textareaClass} />}
        </Field>
      ) : null}
      <button type="submit" disabled={pending} className={spec.danger ? dangerButtonClass : buttonClass}>
        {pending ? t('cases.working') : spec.label}
      </button>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// Answer an objection
// ---------------------------------------------------------------------------------------------

export function AnswerObjectionForm({ action, applicationId, objectionId, index }: { action: Action<{ status: 'dismissed' | 'upheld' }>; applicationId: string; objectionId: string; index: number }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState(action, null);
  const [decision, setDecision] = useState('');
  const [answer, setAnswer] = useState('');
  const errs = fieldErrorsOf(state);
  const base = `objection-${index}`;
  const decisionError = firstError(loose(t), errs, 'decision');
  const answerError = firstError(loose(t), errs, 'answer');
  const errors = [
    { fieldId: `${base}-dismissed`, message: decisionError },
    { fieldId: `${base}-answer`, message: answerError },
  ].filter((e): e is { fieldId: string; message: string } => Boolean(e.message));
  const message = useResultText(state);
  if (state?.status === 'ok') return <Done>{t(`cases.objections.done.${state.data.status}`)}</Done>;
  return (
    // Without React's form reset, which would untick the radio the state still holds.
    <form ref={earlyInput} action={formAction} onSubmit={submitKeepingFields(formAction)} className="space-y-3" noValidate>
      <ErrorSummary title={t('common.errorSummary')} errors={errors} />
      {message ? <Alert>{message}</Alert> : null}
      <input type="hidden" name="applicationId" value={applicationId} />
      <input type="hidden" name="objectionId" value={objectionId} />
      <fieldset className="space-y-2" aria-describedby={decisionError ? `${base}-decision-error` : undefined}>
        <legend className="font-medium text-slate-900">{t('cases.objections.decision')}</legend>
        {(['dismissed', 'upheld'] as const).map((d) => (
          <label key={d} className="flex min-h-11 items-center gap-3 rounded-lg border border-slate-300 px-3">
            <input id={`${base}-${d}`} type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} className="h-5 w-5" />
            <span>{t(`cases.objections.decisions.${d}`)}</span>
          </label>
        ))}
        {decisionError ? (
          <p id={`${base}-decision-error`} className="font-medium text-red-800">
            {decisionError}
          </p>
        ) : null}
      </fieldset>
      <Field id={`${base}-answer`} label={t('cases.objections.answer')} hint={t('cases.objections.answerHint')} error={answerError}>
        {(aria) => <textarea {...aria} name="answer" maxLength={500} value={answer} onChange={(e) => setAnswer(e.target.value)} className={textareaClass} />}
      </Field>
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? t('cases.working') : t('cases.objections.submit')}
      </button>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// Batch approval (official's queue)
// ---------------------------------------------------------------------------------------------

export interface BatchRow {
  id: string;
  version: number;
  reference: string;
  href: string;
  household: string;
  programme: string;
  statusLabel: ReactNode;
  detail: string;
  approvable: boolean;
  note?: string;
}

type BatchResult = { id: string; reference: string; ok: true; status: string } | { id: string; reference: string; ok: false; failure: ActionResult<never> };

/**
 * `empty` is shown in place of the rows when there are none: the form stays mounted, so the
 * report of a batch that emptied the page (the last case of a page or of a search) stays in view.
 */
export function BatchApproveForm({ action, rows, caption, empty }: { action: Action<{ results: BatchResult[] }>; rows: BatchRow[]; caption: string; empty?: ReactNode }) {
  const t = useTranslations();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [state, formAction, pending] = useActionState(async (prev: ActionResult<{ results: BatchResult[] }> | null, fd: FormData) => {
    const r = await action(prev, fd);
    // The approved cases leave the queue; the others stay, unticked, with the reason above.
    if (r.status === 'ok') setSelected(new Set());
    return r;
  }, null);
  const form = useRef<HTMLFormElement>(null);
  useEarlyInput(form);
  const selectable = rows.filter((r) => r.approvable);
  // The form sends the ticked boxes in view; the button counts the same.
  const chosen = selectable.filter((r) => selected.has(r.id)).length;
  const allOn = selectable.length > 0 && chosen === selectable.length;
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const errs = fieldErrorsOf(state);
  const selectionError = firstError(loose(t), errs, 'item');
  const message = useResultText(state);
  const results = state?.status === 'ok' ? state.data.results : [];
  const okCount = results.filter((r) => r.ok).length;

  const checkbox = (r: BatchRow) => (
    <input type="checkbox" name="item" value={`${r.id}:${r.version}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} className="h-5 w-5" aria-label={t('cases.batch.selectOne', { reference: r.reference })} />
  );

  return (
    // onSubmit sends without React's form reset, which after a refused submit (a lapsed session,
    // nothing ticked) would untick every box while the selection, and the button's count, kept them.
    <form ref={form} action={formAction} onSubmit={submitKeepingFields(formAction)} className="space-y-4" noValidate>
      {message ? <Alert>{message}</Alert> : null}
      {selectionError ? <Alert>{selectionError}</Alert> : null}
      {results.length > 0 ? (
        <section aria-labelledby="batch-report-title" className="rounded-lg border border-slate-300 bg-white p-3" role="status">
          <h2 id="batch-report-title" className="font-semibold">
            {t('cases.batch.report', { ok: okCount, failed: results.length - okCount })}
          </h2>
          <ul className="mt-2 space-y-1">
            {results.map((r) => (
              <li key={r.id} className={r.ok ? 'text-green-900' : 'text-red-900'}>
                <span className="font-mono">{r.reference}</span>{' '}
                {r.ok ? t('cases.batch.approved') : t('cases.batch.notApproved', { why: resultText(t, describeResult(r.failure, 'case')) ?? t('errors.internal') })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {rows.length === 0 ? <div className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-700">{empty}</div> : null}
      {selectable.length === 0 ? null : (
        <div className="flex flex-wrap items-center gap-3">
          <label className="flex min-h-11 items-center gap-2">
            <input
              type="checkbox"
              className="h-5 w-5"
              checked={allOn}
              onChange={() => setSelected(allOn ? new Set() : new Set(selectable.map((r) => r.id)))}
            />
            <span>{t('cases.batch.selectAll')}</span>
          </label>
          <button type="submit" disabled={pending || chosen === 0} className={buttonClass}>
            {pending ? t('cases.working') : t('cases.batch.approveSelected', { count: chosen })}
          </button>
        </div>
      )}
      {rows.length === 0 ? null : (
        // One markup for every width (components/card-table.tsx): below 1024 px a card per case,
        // its tick box beside the reference on the top line and its state under them; from 1024
        // px a table.
        <CardTable caption={caption} columns={[t('cases.table.reference'), t('cases.table.household'), t('cases.table.programme'), t('cases.table.proposed'), t('cases.table.status')]}>
          {rows.map((r) => (
            <tr key={r.id} className={cardTable.row}>
              <th scope="row" className={cardTable.first}>
                <span className="flex items-center gap-1">
                  {r.approvable ? <label className="-ml-3 flex min-h-11 min-w-11 shrink-0 items-center justify-center">{checkbox(r)}</label> : null}
                  <Link href={r.href} className="inline-flex min-h-11 items-center font-mono text-brand-700 underline lg:text-sm">
                    {r.reference}
                  </Link>
                </span>
              </th>
              <td className={`break-words max-lg:mt-1 ${cardTable.line}`}>{r.household}</td>
              <td className={`break-words font-medium lg:font-normal ${cardTable.line}`}>{r.programme}</td>
              <td className={`break-words max-lg:text-slate-700 ${cardTable.line}`}>{r.detail}</td>
              {/* Last column of the table, but the card's second line: it has no order class, so
                  on a card it comes before the cells below the top line (cardTable.line). */}
              <td className="max-lg:col-span-2 lg:px-4 lg:py-2">
                {r.statusLabel}
                {r.note ? <div className="text-sm text-red-800">{r.note}</div> : null}
                {r.approvable ? null : <div className="text-sm text-slate-600">{t('cases.batch.oneByOne')}</div>}
              </td>
            </tr>
          ))}
        </CardTable>
      )}
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// Lodge an objection (public notice board)
// ---------------------------------------------------------------------------------------------

export function ObjectionForm({ action, applicationId, index, who }: { action: Action<{ id: string }>; applicationId: string; index: number; who: string }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState(action, null);
  const [reason, setReason] = useState('');
  const errs = fieldErrorsOf(state);
  const id = `objection-reason-${index}`;
  const reasonError = firstError(loose(t), errs, 'reason');
  const message = useResultText(state, 'notice');
  if (state?.status === 'ok') return <Done>{t('notice.object.done')}</Done>;
  return (
    <form ref={earlyInput} action={formAction} className="space-y-3" noValidate>
      {reasonError ? <ErrorSummary title={t('common.errorSummary')} errors={[{ fieldId: id, message: reasonError }]} /> : null}
      {message ? <Alert>{message}</Alert> : null}
      <input type="hidden" name="applicationId" value={applicationId} />
      <Field id={id} label={t('notice.object.reason', { who })} hint={t('notice.object.reasonHint')} error={reasonError}>
        {(aria) => <textarea {...aria} name="reason" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} className={textareaClass} />}
      </Field>
      <button type="submit" disabled={pending} className={secondaryButtonClass}>
        {pending ? t('cases.working') : t('notice.object.submit')}
      </button>
    </form>
  );
}
