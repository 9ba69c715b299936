// Form pieces used by every form: a field with label, hint and error beneath it, and an
// error summary at the top that links to each field (UI.md). Errors are message keys or
// sentences already translated by the caller; a summary line that names its field is worded
// with the caller's translator.
import type React from 'react';
import type { ReactNode } from 'react';
import type { LooseTranslate } from '@/lib/i18n/loose';

export interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  children: (aria: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}

export function Field({ id, label, hint, error, children }: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium text-slate-900">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {error ? (
        <p id={`${id}-error`} className="font-medium text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export const inputClass = 'block min-h-12 w-full rounded-lg border border-slate-400 bg-white px-3 text-lg aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-700';
/** A denser field for filters and search boxes above a staff list (the queue). */
export const filterFieldClass = 'min-h-11 w-full rounded-lg border border-slate-400 bg-white px-3 py-2 text-base text-slate-900';

/** One line of the error summary: the field it links to and what is wrong with it. */
export interface SummaryItem {
  fieldId: string;
  message: string;
  /** The field's visible label, so the line says which field it means (two counts can share one message). */
  label?: string;
}

/**
 * The summary's lines, with the translator that words a labelled line (common.errorSummaryItem)
 * whenever a line carries a label: this module has no translator of its own, and a label left
 * unworded would silently drop out.
 */
type SummaryLines = { errors: (SummaryItem & { label?: never })[]; t?: LooseTranslate } | { errors: SummaryItem[]; t: LooseTranslate };

/** A label that is a question ("一楼进水了吗？") loses its question mark before the colon. */
export function summaryLabel(label: string): string {
  return label.trim().replace(/\s*[?？]$/, '');
}

export function ErrorSummary({ title, errors, t }: { title: ReactNode } & SummaryLines) {
  if (errors.length === 0) return null;
  return (
    <div role="alert" aria-labelledby="error-summary-title" className="rounded-lg border-l-4 border-red-700 bg-red-50 p-4" tabIndex={-1}>
      <h2 id="error-summary-title" className="font-semibold text-red-900">
        {title}
      </h2>
      <ul className="mt-2 list-disc pl-5">
        {errors.map((e) => (
          <li key={e.fieldId}>
            {/* 44 px tall to tap (UI.md touch targets); the list marker stays on the text's line. */}
            <a href={`#${e.fieldId}`} className="inline-flex min-h-11 items-center text-red-900 underline">
              {e.label && t ? t('common.errorSummaryItem', { label: summaryLabel(e.label), message: e.message }) : e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Turns an ActionResult's field errors (message keys from the server) into sentences. */
export function firstError(t: LooseTranslate, errors: Record<string, string[] | undefined> | undefined, field: string): string | null {
  const key = errors?.[field]?.[0];
  return key ? t(key) : null;
}

/**
 * The top of a form after a failed submit: the summary of field errors and, when the server
 * refused the whole form, its sentence. Focus it (via `ref`) so a screen reader reads it.
 */
export function FormErrors({ summaryRef, title, formError, ...lines }: { summaryRef?: React.Ref<HTMLDivElement>; title: ReactNode; formError?: string | null } & SummaryLines) {
  return (
    <div ref={summaryRef} tabIndex={-1} className="space-y-3 outline-none">
      {lines.errors.length > 0 ? <ErrorSummary title={title} {...lines} /> : null}
      {formError ? (
        <p role="alert" className="rounded-lg border-l-4 border-red-700 bg-red-50 p-4 text-red-900">
          {formError}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The sentence a form answers with: a refusal (`problem`, read out at once) or a result
 * (`done`, read out politely), in the red or green box every form uses.
 */
export function Notice({ tone, testId, children }: { tone: 'problem' | 'done'; testId?: string; children: ReactNode }) {
  const look = tone === 'problem' ? 'border-red-700 bg-red-50 p-4 font-medium text-red-900' : 'border-green-700 bg-green-50 p-4 font-medium text-green-900';
  return (
    <div role={tone === 'problem' ? 'alert' : 'status'} className={`rounded-lg border-l-4 ${look}`} data-testid={testId}>
      {children}
    </div>
  );
}

/** The error summary's items for fields named `${prefix}-${field}`: only the fields that have an error. */
export function errorSummaryOf(prefix: string, fields: Record<string, string | null>): { fieldId: string; message: string }[] {
  return Object.entries(fields).flatMap(([field, message]) => (message ? [{ fieldId: `${prefix}-${field}`, message }] : []));
}
