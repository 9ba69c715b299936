'use client';
// The application form, generated from the programme's field list (lib/programs): step 1
// fill in, step 2 review (the answers and what the household would receive), then submit.
// Every input stays mounted across the steps, so nothing typed is lost, and values are kept
// in state, so a refused submission shows the same answers with the problem beside each.
// Safe against double submission: the buttons disable while a request runs, the request
// carries a client-made idempotency key, and the server keeps one application per
// household × programme anyway.
import { useActionState, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useRouter } from 'next/navigation';
import { CheckCircle2 } from 'lucide-react';
import type { HouseholdFacts, ProgrammeCode } from '@/lib/domain';
import { PROGRAMMES, evaluate, requestFromAnswers, type ApplicationField, type ProgrammeParams, type UnitRequest } from '@/lib/programs';
import { describeResult, type ActionResult } from '@/lib/action-result';
import { loose, resultText, type LooseTranslate } from '@/lib/i18n/loose';
import { useFormatter, useTranslations } from 'next-intl';
import { ErrorSummary, Field, inputClass } from '@/components/form';
import { Steps } from '@/components/steps';
import { buttonClass, secondaryButtonClass } from '@/components/ui';
import { EntitlementList, ReasonList } from '@/components/eligibility';
import { PhotoUpload } from '@/components/photo-upload';
import { answerInputName, parseAnswers, pickAnswers } from '@/lib/programs/answers';
import { useEarlyInput } from '@/components/early-input';

/** What the save action answers (the resident's own, or a cadre's on the household's behalf). */
export interface SavedApplication {
  id: string;
  reference: string;
  status: string;
  intent: 'draft' | 'submit';
  /** The status did not move because the application had already been sent (retry, double click, another tab). */
  alreadySent: boolean;
}

export interface ApplyFormProps {
  code: ProgrammeCode;
  /** Household facts as best known (declared, overlaid with verified): caps unit counts, estimates the entitlement. */
  facts: HouseholdFacts;
  /** Appliance programmes: units the other programme holds or already repaired, never offered again (server/eligibility). */
  held: UnitRequest['heldElsewhere'] | null;
  params: ProgrammeParams[ProgrammeCode];
  initial: Record<string, string | boolean>;
  /** Largest value of each int field for this household. */
  maxes: Record<string, number | undefined>;
  householdId: string;
  applicationId: string | null;
  mode: 'new' | 'draft' | 'returned';
  /** The server action that saves or sends: the same form serves the resident and a cadre applying on their behalf (代办). */
  action: (prev: ActionResult<SavedApplication> | null, fd: FormData) => Promise<ActionResult<SavedApplication>>;
  /** Where the browser goes once sent (or found already sent), and where sign-in returns to. */
  links: { afterSave: (d: SavedApplication) => string; here: string };
  /** A cadre fills the form for the household (代办): the words that speak to "your household" speak about the household instead. */
  onBehalf?: boolean;
}

/** The words that speak to the household ("您家"): on a form a cadre fills for it (代办) they come from apply.onBehalf. */
const ON_BEHALF = new Set(['apply.fields.noteHint', 'apply.fields.preferredTime', 'apply.review.title', 'apply.review.receive', 'apply.review.notOnDeclared']);
/** The key a form shows for `key`: the household wording when a cadre fills it for the household. */
function formWordKey(key: string, onBehalf: boolean): string {
  return onBehalf && ON_BEHALF.has(key) ? `apply.onBehalf.${key.slice('apply.'.length)}` : key;
}

type Errors = Record<string, string[] | undefined>;

/** crypto.randomUUID needs a secure context; getRandomValues does not (a phone on plain http in a village office). */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const fieldId = (name: string) => `answer-${name}`;

export function ApplyForm({ code, facts, held, params, initial, maxes, householdId, applicationId, mode, action, links, onBehalf = false }: ApplyFormProps) {
  const t = useTranslations();
  // Labels, hints and error keys come from the programme definitions and the server.
  const tl = loose(t);
  const w = (key: string) => tl(formWordKey(key, onBehalf));
  const format = useFormatter();
  const router = useRouter();
  const fields = PROGRAMMES[code].applicationFields;
  const formRef = useRef<HTMLFormElement>(null);
  useEarlyInput(formRef);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const [values, setValues] = useState<Record<string, string | boolean>>(initial);
  const [step, setStep] = useState<1 | 2>(1);
  const [clientErrors, setClientErrors] = useState<Errors>({});
  const [idempotencyKey, setIdempotencyKey] = useState('');
  const [appId, setAppId] = useState(applicationId);
  const [leaving, setLeaving] = useState(false);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [reviewAnswers, setReviewAnswers] = useState<Record<string, unknown>>({});
  // A photo still uploading has no id yet: moving on or saving waits for it.
  const [uploading, setUploading] = useState(false);
  const [intent, setIntent] = useState<'draft' | 'submit' | null>(null);
  const onUploadBusy = useCallback((b: boolean) => setUploading(b), []);
  const [state, formAction, pending] = useActionState(action, null);
  // Read when a result arrives, not a reason to react again: a caller may pass a new object each render.
  const linksRef = useRef(links);
  linksRef.current = links;

  // Made in the browser after hydration, so the server render and the first client render agree.
  useEffect(() => setIdempotencyKey(newIdempotencyKey()), []);

  const serverErrors: Errors = state?.status === 'invalid' ? state.fieldErrors : {};
  const [serverShown, setServerShown] = useState(false);
  const errors: Errors = Object.keys(clientErrors).length > 0 ? clientErrors : serverShown ? serverErrors : {};

  // Once the page is on its way to the confirmation, a late answer (a queued second click) changes nothing.
  const leavingRef = useRef(false);
  useEffect(() => {
    if (!state || leavingRef.current) return;
    if (state.status === 'ok') {
      const d = state.data;
      setAppId(d.id);
      if (d.intent === 'submit' || d.alreadySent) {
        leavingRef.current = true;
        setLeaving(true);
        // Sent now, or already sent by an earlier click or another tab: either way the confirmation shows its reference.
        router.replace(linksRef.current.afterSave(d));
      } else {
        setSavedAt(new Date());
      }
    } else if (state.status === 'invalid') {
      setClientErrors({});
      setServerShown(true);
      setStep(1);
      requestAnimationFrame(() => summaryRef.current?.focus());
    } else if (state.status === 'unauthenticated') {
      router.push(`/sign-in?callbackUrl=${encodeURIComponent(linksRef.current.here)}`);
    }
  }, [state, router]);

  // Moving between steps puts the focus on the new step's heading (not on the first render).
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  const uploadIds = (name: string): string[] => {
    if (!formRef.current) return [];
    return new FormData(formRef.current).getAll(answerInputName(name)).filter((v): v is string => typeof v === 'string' && v !== '');
  };

  function currentAnswers(): Record<string, unknown> {
    const raw: Record<string, unknown> = {};
    for (const f of fields) {
      if (f.type === 'upload') {
        const ids = uploadIds(f.name);
        if (ids.length > 0) raw[answerInputName(f.name)] = ids.length === 1 ? ids[0] : ids;
      } else raw[answerInputName(f.name)] = values[f.name];
    }
    return pickAnswers(code, raw);
  }

  function goToReview() {
    const answers = currentAnswers();
    const parsed = parseAnswers(code, answers, facts, 'submit', held ?? undefined);
    if (!parsed.ok) {
      setClientErrors(parsed.fieldErrors);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setClientErrors({});
    setServerShown(false);
    setReviewAnswers(parsed.answers);
    setStep(2);
  }

  function onKeyDown(e: KeyboardEvent<HTMLFormElement>) {
    // Enter in a one-line input moves on to the review instead of sending the form.
    if (e.key === 'Enter' && step === 1 && e.target instanceof HTMLInputElement) {
      e.preventDefault();
      goToReview();
    }
  }

  const errorText = (name: string, key: string | undefined): string | null => {
    if (!key) return null;
    const f = fields.find((x) => x.name === name);
    return tl(key, { min: f?.min ?? 0, max: maxes[name] ?? f?.max ?? 0, chars: f?.max ?? 500 });
  };
  // Each line names its field by the field's label; a form-wide error (`_form`) names none.
  const summary = Object.entries(errors).flatMap(([name, keys]) => {
    if (!keys || !keys[0]) return [];
    const field = fields.find((x) => x.name === name);
    return [{ fieldId: name === '_form' ? fieldId(fields[0]?.name ?? '_form') : fieldId(name), message: errorText(name, keys[0]) ?? '', ...(field ? { label: w(field.labelKey) } : {}) }];
  });

  // Field and form-level errors are in the summary; a lost session goes to sign-in.
  const generalError = state?.status === 'invalid' || state?.status === 'unauthenticated' ? null : resultText(t, describeResult(state));

  const busy = pending || leaving || uploading;
  const estimate = evaluate(code, facts, params as never, { ...requestFromAnswers(reviewAnswers as never), ...(held ? { heldElsewhere: held } : {}) });
  const stepLabels = [t('apply.steps.fill'), t('apply.steps.review'), t('apply.steps.done')];

  return (
    <form ref={formRef} action={formAction} onKeyDown={onKeyDown} noValidate className="space-y-5">
      <Steps current={step} labels={stepLabels} template={(n, total) => t('common.stepOf', { n, total })} />
      <input type="hidden" name="programme" value={code} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />

      {generalError ? (
        <div role="alert" className="rounded-lg border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
          {generalError}
        </div>
      ) : null}
      <div ref={summaryRef} tabIndex={-1}>
        <ErrorSummary title={t('common.errorSummary')} errors={summary} t={tl} />
      </div>

      {/* Step 1: the fields. Hidden, not unmounted, on step 2, so their values are posted with the form. */}
      <div hidden={step !== 1} className="space-y-5">
        <h2 ref={step === 1 ? headingRef : undefined} tabIndex={-1} className="text-xl font-semibold">
          {t('apply.fill.title')}
        </h2>
        {fields.length === 0 ? <p className="text-slate-700">{t('apply.fill.nothingToFill')}</p> : null}
        {fields.map((f) => (
          <AnswerInput
            key={f.name}
            field={f}
            value={values[f.name]}
            max={maxes[f.name]}
            error={errorText(f.name, errors[f.name]?.[0])}
            onChange={(v) => setValues((prev) => ({ ...prev, [f.name]: v }))}
            householdId={householdId}
            applicationId={appId}
            initialUpload={typeof initial[f.name] === 'string' ? (initial[f.name] as string) : ''}
            onBusyChange={onUploadBusy}
            onBehalf={onBehalf}
          />
        ))}
        <div className="flex flex-col gap-3 sm:flex-row">
          <button type="button" onClick={goToReview} disabled={busy} className={buttonClass}>
            {t('apply.fill.next')}
          </button>
          <button type="submit" name="intent" value="draft" disabled={busy} onClick={() => setIntent('draft')} className={secondaryButtonClass}>
            {pending && intent === 'draft' ? t('apply.saving') : t('apply.saveDraft')}
          </button>
        </div>
      </div>

      {step === 2 ? (
        <div className="space-y-5">
          <h2 ref={headingRef} tabIndex={-1} className="text-xl font-semibold">
            {w('apply.review.title')}
          </h2>
          <p className="text-slate-700">{t('apply.review.lead')}</p>
          {fields.length > 0 ? (
            <dl className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white px-3">
              {fields.map((f) => (
                <div key={f.name} className="py-2">
                  <dt className="text-sm text-slate-600">{w(f.labelKey)}</dt>
                  <dd className="whitespace-pre-wrap break-words font-medium">{answerText(tl, f, reviewAnswers[f.name])}</dd>
                </div>
              ))}
            </dl>
          ) : null}
          <div className="rounded-lg bg-slate-50 p-3">
            <h3 className="mb-1 font-semibold">{w('apply.review.receive')}</h3>
            {estimate.eligible ? (
              <>
                <EntitlementList entitlement={estimate.entitlement} />
                <p className="mt-2 text-sm text-slate-700">{t('apply.review.ifConfirmed')}</p>
              </>
            ) : (
              <>
                <p className="mb-1 text-slate-800">{w('apply.review.notOnDeclared')}</p>
                <ReasonList reasons={estimate.reasons.filter((r) => !r.passed)} forHousehold={onBehalf} />
              </>
            )}
          </div>
          <div className="flex flex-col gap-3 sm:flex-row">
            <button type="submit" name="intent" value="submit" disabled={busy || !idempotencyKey} onClick={() => setIntent('submit')} className={buttonClass}>
              {(pending || leaving) && intent === 'submit' ? t('apply.submitting') : mode === 'returned' ? t('apply.resubmit') : t('apply.submit')}
            </button>
            <button type="button" onClick={() => setStep(1)} disabled={busy} className={secondaryButtonClass}>
              {t('apply.review.edit')}
            </button>
            <button type="submit" name="intent" value="draft" disabled={busy} onClick={() => setIntent('draft')} className={secondaryButtonClass}>
              {pending && intent === 'draft' ? t('apply.saving') : t('apply.saveDraft')}
            </button>
          </div>
        </div>
      ) : null}

      <p role="status" className="min-h-6 text-slate-700">
        {savedAt && !pending ? (
          <span className="inline-flex items-center gap-1 text-green-800">
            <CheckCircle2 aria-hidden="true" className="h-4 w-4" />
            {t('apply.draftSaved', { time: format.dateTime(savedAt, 'dateTime') })}
          </span>
        ) : null}
      </p>
    </form>
  );
}

function answerText(t: LooseTranslate, f: ApplicationField, v: unknown): string {
  if (v === undefined || v === null || v === '') return t('apply.review.notGiven');
  if (f.type === 'boolean') return v === true ? t('common.yes') : t('common.no');
  if (f.type === 'upload') return t('apply.review.photoAttached');
  return String(v);
}

function AnswerInput({
  field,
  value,
  max,
  error,
  onChange,
  householdId,
  applicationId,
  initialUpload,
  onBusyChange,
  onBehalf,
}: {
  field: ApplicationField;
  value: string | boolean | undefined;
  max: number | undefined;
  error: string | null;
  onChange: (v: string | boolean) => void;
  householdId: string;
  applicationId: string | null;
  initialUpload: string;
  onBusyChange: (busy: boolean) => void;
  onBehalf: boolean;
}) {
  const tl = loose(useTranslations());
  const t = (key: string) => tl(formWordKey(key, onBehalf));
  const id = fieldId(field.name);
  const name = answerInputName(field.name);
  const hint = field.hintKey ? t(field.hintKey) : undefined;
  switch (field.type) {
    case 'int':
      return (
        <Field id={id} label={t(field.labelKey)} hint={hint} error={error}>
          {(aria) => (
            <input
              {...aria}
              name={name}
              type="number"
              inputMode="numeric"
              min={field.min}
              max={max}
              step={1}
              required={field.required}
              value={typeof value === 'string' ? value : ''}
              onChange={(e) => onChange(e.target.value)}
              className={`${inputClass} max-w-40`}
            />
          )}
        </Field>
      );
    case 'text':
      return (
        <Field id={id} label={t(field.labelKey)} hint={hint} error={error}>
          {(aria) => (
            <textarea
              {...aria}
              name={name}
              rows={4}
              maxLength={field.max ?? 500}
              required={field.required}
              value={typeof value === 'string' ? value : ''}
              onChange={(e) => onChange(e.target.value)}
              className={`${inputClass} py-2`}
            />
          )}
        </Field>
      );
    case 'boolean':
      return (
        <div className="space-y-1">
          <label htmlFor={id} className="flex min-h-11 items-start gap-3">
            <input
              id={id}
              name={name}
              type="checkbox"
              checked={value === true}
              onChange={(e) => onChange(e.target.checked)}
              aria-invalid={error ? true : undefined}
              aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
              className="mt-1 h-6 w-6 shrink-0"
            />
            <span className="font-medium">{t(field.labelKey)}</span>
          </label>
          {hint ? (
            <p id={`${id}-hint`} className="text-sm text-slate-600">
              {hint}
            </p>
          ) : null}
          {error ? (
            <p id={`${id}-error`} className="font-medium text-red-800">
              {error}
            </p>
          ) : null}
        </div>
      );
    case 'upload':
      return (
        <div id={id} tabIndex={-1}>
          <PhotoUpload
            name={name}
            kind="invoice"
            householdId={householdId}
            applicationId={applicationId ?? undefined}
            label={t(field.labelKey)}
            hint={hint}
            error={error}
            initial={initialUpload ? [{ id: initialUpload }] : undefined}
            onBusyChange={onBusyChange}
          />
        </div>
      );
  }
}
