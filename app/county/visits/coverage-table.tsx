'use client';
// Grade-D visit coverage of the places below the one an official looks at: one card of "label
// value" lines per place on a phone, each round's visited and owed side by side in reading order
// (order-*), a table row from 1024 px (components/card-table.tsx). Worded on the server; a client
// component so that a place opens its own coverage by client navigation (next/link without
// prefetch; docs/decisions/0012-client-navigation.md).
import Link from 'next/link';
import { CardTable, cardTable } from '@/components/card-table';
import { RoundBar } from '@/components/visits/round-bar';

export interface PlaceCoverageRow {
  placeId: number;
  name: string;
  /** Where the place's own coverage opens, or null for the place itself (households placed on it directly). */
  href: string | null;
  /** The grade-D households, formatted. */
  total: string;
  totalCount: number;
  /** Per round: households visited (formatted, and the count for the bar) and still owed (formatted). */
  rounds: { round: number; visited: string; done: number; owed: string }[];
}

// On a card, round r's owed line comes right under its visited line (the table's columns list the
// three visited figures, then the three owed). Whole class names, so Tailwind finds them.
const ROUND_ORDER = [
  { visited: 'max-lg:order-1', owed: 'max-lg:order-2' },
  { visited: 'max-lg:order-3', owed: 'max-lg:order-4' },
  { visited: 'max-lg:order-5', owed: 'max-lg:order-6' },
] as const;

/**
 * `labelledBy`: the id of the heading that names the table; `columns`: the place, the grade-D
 * households, the visited figure of each round, then the owed figure of each round.
 */
export function PlaceCoverageTable({ labelledBy, columns, rows }: { labelledBy: string; columns: readonly string[]; rows: readonly PlaceCoverageRow[] }) {
  const [, totalLabel, ...rest] = columns;
  const rounds = rows[0]?.rounds.length ?? 0;
  const visitedLabels = rest.slice(0, rounds);
  const owedLabels = rest.slice(rounds);
  return (
    <CardTable pairs numericFrom={1} labelledBy={labelledBy} columns={columns}>
      {rows.map((c) => (
        <tr key={c.placeId} data-coverage-place={c.placeId} className={cardTable.pairs}>
          <th scope="row" className={cardTable.pairsTitle}>
            {c.href ? (
              <Link href={c.href} prefetch={false} className="inline-flex min-h-11 items-center text-brand-700 underline">
                {c.name}
              </Link>
            ) : (
              c.name
            )}
          </th>
          {/* A bare figure after its label: the text is the card line's second grid item, no span needed. */}
          <td className={`${cardTable.pair} tabular-nums lg:text-right`}>
            <span className={cardTable.pairLabel}>{totalLabel}</span>
            {c.total}
          </td>
          {c.rounds.map((r, i) => (
            <td key={r.round} data-round={r.round} data-figure="visited" className={`${cardTable.pair} ${ROUND_ORDER[i]?.visited ?? ''} lg:text-right`}>
              <span className={cardTable.pairLabel}>{visitedLabels[i]}</span>
              <span className="block tabular-nums">
                {r.visited}
                <RoundBar done={r.done} total={c.totalCount} className="mt-1" />
              </span>
            </td>
          ))}
          {c.rounds.map((r, i) => (
            <td key={r.round} data-round={r.round} data-figure="owed" className={`${cardTable.pair} ${ROUND_ORDER[i]?.owed ?? ''} tabular-nums lg:text-right`}>
              <span className={cardTable.pairLabel}>{owedLabels[i]}</span>
              {r.owed}
            </td>
          ))}
        </tr>
      ))}
    </CardTable>
  );
}
