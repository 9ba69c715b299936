// Small presentational pieces used on every page (cards, headings, stat tiles, empty states).
import type { ReactNode } from 'react';
import Link from 'next/link';

/** `id` on the heading, for a table right under it that it names (aria-labelledby). */
export function PageTitle({ children, lead, id }: { children: ReactNode; lead?: ReactNode; id?: string }) {
  return (
    <div className="mb-6">
      <h1 id={id} className="text-2xl font-bold text-slate-900 sm:text-3xl">{children}</h1>
      {lead ? <p className="mt-2 text-slate-700">{lead}</p> : null}
    </div>
  );
}

/**
 * `titleId` on the title's heading, for a table in the card that the title names
 * (`labelledBy` of components/card-table.tsx or the data table): no hidden caption repeating it.
 */
export function Card({ title, titleId, action, children, className = '' }: { title?: ReactNode; titleId?: string; action?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5 ${className}`}>
      {title || action ? (
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          {title ? (
            <h2 id={titleId} className="text-lg font-semibold text-slate-900">
              {title}
            </h2>
          ) : (
            <span />
          )}
          {action}
        </div>
      ) : null}
      {children}
    </section>
  );
}

export function Stat({ label, value, hint }: { label: ReactNode; value: ReactNode; hint?: ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="text-sm text-slate-600">{label}</div>
      <div className="mt-1 text-2xl font-bold text-slate-900">{value}</div>
      {hint ? <div className="mt-1 text-sm text-slate-600">{hint}</div> : null}
    </div>
  );
}

export function EmptyState({ children, href, cta }: { children: ReactNode; href?: string; cta?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-700">
      <p>{children}</p>
      {href && cta ? (
        <Link href={href} className="mt-3 inline-flex min-h-11 items-center rounded-lg px-4 font-medium text-brand-700 underline">
          {cta}
        </Link>
      ) : null}
    </div>
  );
}

export const buttonClass =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-lg bg-brand-700 px-5 py-2 text-base font-semibold text-white hover:bg-brand-800 disabled:cursor-not-allowed disabled:opacity-60';
export const secondaryButtonClass =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-lg border border-slate-300 bg-white px-5 py-2 text-base font-semibold text-slate-800 hover:bg-slate-50';
