'use client';
// The places directly below a dashboard's place (a township's villages can be a hundred or more),
// each with its cases, linking down to its own dashboard and to its cases. Laid out here from
// plain rows for the server's sake, as components/charts/chart-numbers.tsx explains.
import Link from 'next/link';
import { Figure } from './figure';

export interface ChildPlaceRow {
  id: number;
  /** The name in Chinese, as the e2e tests and the data attribute know it. */
  key: string;
  name: string;
  href: string | null;
  total: number;
  totalText: string;
  casesHref: string | null;
}

export function ChildPlaceList({ casesLabel, rows }: { casesLabel: string; rows: ChildPlaceRow[] }) {
  return (
    <ul className="divide-y divide-slate-200" data-testid="child-places">
      {rows.map((r) => (
        <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-place={r.key}>
          {r.href ? (
            <Link href={r.href} prefetch={false} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
              {r.name}
            </Link>
          ) : (
            <span className="font-medium">{r.name}</span>
          )}
          <span className="flex items-center gap-2 text-sm text-slate-700">
            {casesLabel}
            <Figure text={r.totalText} positive={r.total > 0} href={r.casesHref} testId="child-total" />
          </span>
        </li>
      ))}
    </ul>
  );
}
