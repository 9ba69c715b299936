'use client';
// The queue's counts per state and its filter form, drawn from plain values the page gives
// (words already translated, links already built). A client component only for what it costs
// the server: a township has up to a couple of hundred villages in the village select, and as
// server components every option was rendered three times per view (the RSC render, its parsing
// for the HTML, the HTML); given as a list of strings here, once. Nothing here keeps state.
import Link from 'next/link';
import { filterFieldClass } from '@/components/form';
import { buttonClass, secondaryButtonClass } from '@/components/ui';

export interface QueueChip {
  href: string;
  label: string;
  /** Formatted already, in the reader's locale. */
  count: string;
  current: boolean;
}

const chipClass =
  'inline-flex min-h-11 items-center gap-2 rounded-full border border-slate-300 bg-white px-3 text-slate-800 hover:bg-slate-50 aria-[current=page]:border-brand-700 aria-[current=page]:font-semibold';

/** "All 1,234 · Submitted 56 · …": each a link to the queue in that state (client navigation, no prefetch per chip). */
export function QueueCounts({ title, chips, asOf }: { title: string; chips: readonly QueueChip[]; asOf: string | null }) {
  return (
    <section aria-labelledby="queue-counts">
      <h2 id="queue-counts" className="mb-2 text-lg font-semibold text-slate-900">
        {title}
      </h2>
      <ul className="flex flex-wrap gap-2">
        {chips.map((c) => (
          <li key={c.href}>
            <Link href={c.href} prefetch={false} aria-current={c.current ? 'page' : undefined} className={chipClass}>
              {c.label} <span className="tabular-nums">{c.count}</span>
            </Link>
          </li>
        ))}
      </ul>
      {asOf ? <p className="mt-2 text-sm text-slate-600">{asOf}</p> : null}
    </section>
  );
}

/** [value, words] pairs of a select. */
export type Choice = readonly [string, string];

export interface QueueFilterLabels {
  title: string;
  programme: string;
  status: string;
  village: string;
  any: string;
  anyVillage: string;
  overdue: string;
  needsVisit: string;
  apply: string;
  reset: string;
}

function Select({ id, name, label, empty, choices, value }: { id: string; name: string; label: string; empty: string; choices: readonly Choice[]; value: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-slate-800">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value} className={filterFieldClass}>
        <option value="">{empty}</option>
        {choices.map(([v, words]) => (
          <option key={v} value={v}>
            {words}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The GET form of the queue's filters; the sealed search token rides along so a filter keeps the search. */
export function QueueFilterForm({
  labels,
  programmes,
  statuses,
  villages,
  values,
}: {
  labels: QueueFilterLabels;
  programmes: readonly Choice[];
  statuses: readonly Choice[];
  villages: readonly Choice[];
  values: { programme: string; status: string; village: string; overdue: boolean; visit: boolean; q: string | null };
}) {
  // Keyed by the filters shown: a count chip re-renders this form by client navigation, and React
  // applies a select's defaultValue only on mount (docs/decisions/0012-client-navigation.md).
  const shown = [values.programme, values.status, values.village, values.overdue, values.visit, values.q].join('|');
  return (
    <form key={shown} method="get" action="/cadre/queue" className="rounded-xl border border-slate-200 bg-white p-4">
      <fieldset>
        <legend className="font-semibold text-slate-900">{labels.title}</legend>
        <div className="mt-2 grid gap-3 sm:grid-cols-3">
          <Select id="f-programme" name="programme" label={labels.programme} empty={labels.any} choices={programmes} value={values.programme} />
          <Select id="f-status" name="status" label={labels.status} empty={labels.any} choices={statuses} value={values.status} />
          <Select id="f-village" name="village" label={labels.village} empty={labels.anyVillage} choices={villages} value={values.village} />
        </div>
        <div className="mt-3 flex flex-wrap gap-x-6">
          <label className="inline-flex min-h-11 items-center gap-2 text-slate-800">
            <input type="checkbox" name="overdue" value="1" defaultChecked={values.overdue} className="h-5 w-5" />
            {labels.overdue}
          </label>
          <label className="inline-flex min-h-11 items-center gap-2 text-slate-800">
            <input type="checkbox" name="visit" value="1" defaultChecked={values.visit} className="h-5 w-5" />
            {labels.needsVisit}
          </label>
        </div>
        {values.q ? <input type="hidden" name="q" value={values.q} /> : null}
        <div className="mt-3 flex flex-wrap gap-3">
          <button type="submit" className={buttonClass}>
            {labels.apply}
          </button>
          <a href="/cadre/queue" className={secondaryButtonClass}>
            {labels.reset}
          </a>
        </div>
      </fieldset>
    </form>
  );
}
