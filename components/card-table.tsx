// Class names for a staff list drawn once for every width (UI.md: cards on a phone, a table from
// 1024 px). A real <table> — a name, header row, row headers, so screen readers get a table at
// every width — that below 1024 px is a grid of cards: the header row is kept for screen readers
// only and each <tr> becomes a card (one column under 640 px, two from 640 px). Drawing the rows
// once, instead of a card list and a hidden table, halves what a phone downloads and what the
// server renders per row.
//
// In a row, cells with `first` share the card's top line (say the link to the record and its
// status badge); cells with `line` come below it, each on its own line. Cells keep their table
// order from 1024 px.
// The rules themselves are in app/globals.css (.ct-*), named so that a row's class stays short.
// `CardTable` below draws the frame and the header row.
import type { ReactNode } from 'react';

export const cardTable = {
  /** Around the <table>: the table's frame from 1024 px (the cards have their own). */
  frame: 'ct-frame',
  table: 'ct-table',
  head: 'ct-head',
  /** A column header. */
  th: 'ct-th',
  body: 'ct-body',
  row: 'ct-row',
  /** A cell on the card's top line (at most two per row: the left one and the right one). */
  first: 'ct-first',
  /** A cell on its own line of the card, under the top line. */
  line: 'ct-line',
  /** A card of "label value" lines instead: the row, and each cell (label span, then value). */
  pairs: 'ct-pairs',
  pair: 'ct-pair',
  /** Their header row, hidden below 1024 px (each value carries its label there). */
  pairsHead: 'ct-pairs-head',
  /** The label span that starts a `pair` cell, shown on cards only. */
  pairLabel: 'ct-pair-label',
  /** A row header without a label, heading the card across both columns. */
  pairsTitle: 'ct-pairs-title',
} as const;

/**
 * The table's name: a caption kept for screen readers, or, when a visible heading right above
 * already says it, that heading's id. A hidden caption repeating the heading is read out twice
 * (and shows twice wherever styles are missing: reader views, copied text).
 */
type TableName = { caption: ReactNode; labelledBy?: never } | { labelledBy: string; caption?: never };

/**
 * The frame, table, name and header row of a card table; its rows
 * (`<tr className={cardTable.row}>` or `pairs`) are the children. Columns from `numericFrom` on
 * are right-aligned in the table (figures). A plain component, for server and client pages alike.
 */
export function CardTable({
  caption,
  labelledBy,
  columns,
  pairs = false,
  numericFrom,
  testId,
  children,
}: TableName & {
  columns: readonly ReactNode[];
  /** Cards of "label value" lines: the header row hidden altogether below 1024 px. */
  pairs?: boolean;
  numericFrom?: number;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className={cardTable.frame}>
      <table className={cardTable.table} data-testid={testId} aria-labelledby={labelledBy}>
        {labelledBy ? null : <caption className="sr-only">{caption}</caption>}
        <thead className={pairs ? cardTable.pairsHead : cardTable.head}>
          <tr>
            {columns.map((label, i) => (
              <th key={i} scope="col" className={numericFrom !== undefined && i >= numericFrom ? `${cardTable.th} text-right` : cardTable.th}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={cardTable.body}>{children}</tbody>
      </table>
    </div>
  );
}
