'use client';
// Cases by programme × status, every figure above zero linking to the cases behind it. Laid out
// here from plain rows (labels, formatted figures, links) that the server component prepares:
// a client component for the server's sake, as components/charts/chart-numbers.tsx explains —
// the page then carries these rows instead of a serialised element for each of ~70 cells.
import { Figure } from './figure';

export interface CaseMatrixCell {
  /** The figure as the reader's language writes it. */
  text: string;
  /** Above zero: shown bold, or as a link when there is somewhere to go. */
  positive: boolean;
  href: string | null;
}

export interface CaseMatrixProps {
  title: string;
  programmeHeader: string;
  statuses: { code: string; label: string }[];
  rows: { code: string; label: string; cells: CaseMatrixCell[] }[];
}

export function CaseMatrix({ title, programmeHeader, statuses, rows }: CaseMatrixProps) {
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={title}>
      <table className="w-full text-left" data-testid="case-matrix">
        <caption className="sr-only">{title}</caption>
        <thead className="border-b border-slate-200 text-sm text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-3">
              {programmeHeader}
            </th>
            {statuses.map((s) => (
              <th key={s.code} scope="col" className="py-2 pr-3 text-right">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.code}>
              <th scope="row" className="py-2 pr-3 font-medium">
                {r.label}
              </th>
              {r.cells.map((c, i) => (
                <td key={statuses[i]!.code} className="py-1 pr-3 text-right" data-cell={`${r.code}:${statuses[i]!.code}`}>
                  <Figure text={c.text} positive={c.positive} href={c.href} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
