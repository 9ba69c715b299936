'use client';
// Visit coverage of the cadre's villages: one card of "label value" lines per village on a phone,
// a table row from 1024 px (components/card-table.tsx), worded on the server. A client component
// so that a village's "still owed" list opens by client navigation (next/link without prefetch;
// docs/decisions/0012-client-navigation.md): on a phone at a doorstep, a whole new document per
// tap costs time and data.
import Link from 'next/link';
import { CardTable, cardTable } from '@/components/card-table';
import { RoundBar } from '@/components/visits/round-bar';

export interface VillageCoverageRow {
  villageId: number;
  name: string;
  total: number;
  rounds: {
    round: number;
    /** "3 / 12 户". */
    cell: string;
    done: number;
    /** The list of households still owed the round, or null when every household has had it. */
    owed: { href: string; text: string } | null;
  }[];
}

/**
 * `labelledBy`: the id of the heading above that names the table; `columns`: the village, the
 * households, then one per round (a card labels its lines with them).
 */
export function CoverageTable({ labelledBy, columns, complete, rows }: { labelledBy: string; columns: readonly string[]; complete: string; rows: readonly VillageCoverageRow[] }) {
  const [, householdsLabel, ...roundLabels] = columns;
  return (
    <CardTable pairs labelledBy={labelledBy} columns={columns}>
      {rows.map((v) => (
        <tr key={v.villageId} data-village={v.villageId} className={cardTable.pairs}>
          <th scope="row" className={cardTable.pairsTitle}>
            {v.name}
          </th>
          {/* A bare figure after its label: the text is the card line's second grid item. */}
          <td className={`${cardTable.pair} tabular-nums`}>
            <span className={cardTable.pairLabel}>{householdsLabel}</span>
            {v.total}
          </td>
          {v.rounds.map((r, i) => (
            <td key={r.round} data-round={r.round} className={cardTable.pair}>
              <span className={cardTable.pairLabel}>{roundLabels[i]}</span>
              <span className="min-w-0">
                <span className="flex flex-wrap items-center justify-between gap-x-3">
                  <span>{r.cell}</span>
                  {r.owed ? (
                    <Link href={r.owed.href} prefetch={false} className="inline-flex min-h-11 items-center text-brand-700 underline">
                      {r.owed.text}
                    </Link>
                  ) : (
                    <span className="inline-flex min-h-11 items-center text-green-800">{complete}</span>
                  )}
                </span>
                <RoundBar done={r.done} total={v.total} />
              </span>
            </td>
          ))}
        </tr>
      ))}
    </CardTable>
  );
}
