// Column definitions shared by a staff table on screen and its CSV / .xlsx exports, so a ledger
// (台账) has one list of columns, one value per cell and one type per column wherever it is shown.
// Client-safe and pure: no masking here (lib/pii needs node:crypto); lib/ledger/rows.ts applies
// the PII flag on the server before any value leaves it.

export type ColumnType = 'text' | 'number' | 'yuan' | 'date' | 'datetime';

/** Which masking rule a personal-data column follows (UI.md: 张*明, 138****0001, 110105********1234). */
export type PiiKind = 'name' | 'phone' | 'idNumber';

/** A raw cell as the accessor returns it: dates as `Date`, money in yuan as a number. */
export type CellValue = string | number | Date | null | undefined;

export interface LedgerColumn<Row, Key extends string = string> {
  id: string;
  /** Message key of the header; resolved once per request by `labelColumns`. */
  header: Key;
  type: ColumnType;
  value: (row: Row) => CellValue;
  /** Personal data: masked on screen and in exports unless the caller deliberately reveals it. */
  pii?: PiiKind;
  /** Only columns the query can order by (an index and a keyset cursor exist) are sortable. */
  sortable?: boolean;
  /** Width in characters for the .xlsx sheet; the table lets the browser decide. */
  width?: number;
}

export type LabelledColumn<Row> = LedgerColumn<Row> & { label: string };

/** Identity helper that keeps the row type when a ledger declares its columns. */
export function defineColumns<Row, Key extends string = string>(columns: readonly LedgerColumn<Row, Key>[]): readonly LedgerColumn<Row, Key>[] {
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.id)) throw new Error(`Duplicate ledger column id "${c.id}"`);
    seen.add(c.id);
  }
  return columns;
}

/** Attaches translated headers; `t` is the request's translator (Chinese for exports). */
export function labelColumns<Row, Key extends string>(columns: readonly LedgerColumn<Row, Key>[], t: (key: Key) => string): LabelledColumn<Row>[] {
  return columns.map((c) => ({ ...c, label: t(c.header) }));
}

/** What the client table needs to know about a column: serialisable, no accessor. */
export interface ColumnView {
  id: string;
  label: string;
  type: ColumnType;
  sortable: boolean;
}

export function columnViews<Row>(columns: readonly LabelledColumn<Row>[]): ColumnView[] {
  return columns.map((c) => ({ id: c.id, label: c.label, type: c.type, sortable: Boolean(c.sortable) }));
}

/**
 * A row as the client table receives it (from the page or from a `loadMore` action): plain JSON,
 * dates as ISO strings, PII already masked.
 */
export interface TableRow {
  id: string;
  /** Detail page of the record, if it has one: the first cell links to it. */
  href?: string;
  cells: Record<string, string | number | null>;
}

/** One page of a keyset-paginated list; `nextCursor` is null on the last page. */
export interface TablePage {
  rows: TableRow[];
  nextCursor: string | null;
}
