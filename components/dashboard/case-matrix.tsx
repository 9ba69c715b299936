'use client';
// Cases by programme × status, every figure above zero linking to the cases behind it. Laid out
// here from plain rows (labels, formatted figures, links) that the server component prepares:
// a client component for the server's sake, as components/charts/chart-numbers.tsx explains —
// the page then carries these rows instead of a serialised element for each of ~70 cells.
// Cards of "status figure" lines under 1024 px, a table from 1024 px.
import { CardTable, cardTable } from '@/components/card-table';
import { Figure } from './figure';

export interface CaseMatrixCell {
  /** The figure as the reader's language writes it. */
  text: string;
  /** Above zero: shown bold, or as a link when there is somewhere to go. */
  positive: boolean;
  href: string | null;
}

export interface CaseMatrixProps {
  /** The id of the heading above that names the table (no hidden caption repeating it). */
  labelledBy: string;
  programmeHeader: string;
  statuses: { code: string; label: string }[];
  rows: { code: string; label: string; cells: CaseMatrixCell[] }[];
}

export function CaseMatrix({ labelledBy, programmeHeader, statuses, rows }: CaseMatrixProps) {
  // Eleven columns do not fit a phone (833 px in English): below 1024 px each programme is a card of
  // "status figure" lines, a table from 1024 px (components/card-table.tsx).
  return (
    <CardTable pairs numericFrom={1} testId="case-matrix" labelledBy={labelledBy} columns={[programmeHeader, ...statuses.map((s) => s.label)]}>
      {rows.map((r) => (
        <tr key={r.code} className={cardTable.pairs}>
          <th scope="row" className={cardTable.pairsTitle}>
            {r.label}
          </th>
          {r.cells.map((c, i) => (
            <td key={statuses[i]!.code} className={`${cardTable.pair} max-lg:items-center lg:py-1 lg:text-right`} data-cell={`${r.code}:${statuses[i]!.code}`}>
              <span className={cardTable.pairLabel}>{statuses[i]!.label}</span>
              <span>
                <Figure text={c.text} positive={c.positive} href={c.href} />
              </span>
            </td>
          ))}
        </tr>
      ))}
    </CardTable>
  );
}
