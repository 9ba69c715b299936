// Pieces the cadre's and the official's grievance pages share: the list's filter links and the
// county's 督办 note on a grievance. The pages pass the words in the reader's language.
import Link from 'next/link';
import { Flag } from 'lucide-react';

export function GrievanceFilterNav<F extends string>({ label, filters, current, hrefFor, words }: { label: string; filters: readonly F[]; current: F; hrefFor: (f: F) => string; words: (f: F) => string }) {
  return (
    <nav aria-label={label} className="flex flex-wrap gap-2">
      {filters.map((f) => (
        <Link
          key={f}
          href={hrefFor(f)}
          aria-current={f === current ? 'page' : undefined}
          className={`inline-flex min-h-11 items-center rounded-lg border px-4 font-medium ${f === current ? 'border-brand-700 bg-brand-50 text-brand-800' : 'border-slate-300 text-slate-800'}`}
        >
          {words(f)}
        </Link>
      ))}
    </nav>
  );
}

/** The county's 督办 on a grievance: when, and what must be done. */
export function EscalationNote({ heading, note }: { heading: string; note: string | null }) {
  return (
    <div className="flex gap-2 rounded-lg border-l-4 border-amber-600 bg-amber-50 p-4 text-amber-950" data-testid="escalation">
      <Flag aria-hidden="true" className="mt-1 h-5 w-5 shrink-0" />
      <p>
        <span className="font-semibold">{heading}</span> {note}
      </p>
    </div>
  );
}
