// Turns records into ledger cells on the server: applies each column's accessor and masks its
// personal data (UI.md: masked by default), so neither the browser nor a file ever receives a
// clear name, phone or ID number unless the caller deliberately passes `reveal`.
import { maskIdNumber, maskName, maskPhone } from '@/lib/pii';
import type { CellValue, LedgerColumn, PiiKind, TableRow } from './columns';

export interface ProjectOptions<Row = never> {
  /** Show personal data in clear. Only for a staff member who asked to reveal it (and is audited for it). */
  reveal?: boolean;
  /**
   * Rows whose personal data stays masked even in a clear copy: the households the reader must
   * step aside from (TRUST A3, their own or a declared relative's). Asked only when `reveal` is set.
   */
  keepMasked?: (row: Row) => boolean;
}

const MASK: Record<PiiKind, (s: string) => string> = { name: maskName, phone: maskPhone, idNumber: maskIdNumber };

export function maskCell(kind: PiiKind | undefined, value: CellValue, reveal = false): CellValue {
  if (!kind || reveal || value === null || value === undefined || value === '') return value;
  return MASK[kind](value instanceof Date ? value.toISOString() : String(value));
}

/** The cells of one record in column order, masked. */
export function projectRow<Row>(columns: readonly LedgerColumn<Row>[], row: Row, options: ProjectOptions<Row> = {}): CellValue[] {
  const reveal = options.reveal === true && !(options.keepMasked?.(row) ?? false);
  return columns.map((c) => maskCell(c.pii, c.value(row), reveal));
}

/** Records as the client data table receives them: plain JSON, dates as ISO strings, PII masked. */
export function toTableRows<Row>(
  columns: readonly LedgerColumn<Row>[],
  rows: readonly Row[],
  options: ProjectOptions<Row> & { rowId: (row: Row) => string; href?: (row: Row) => string | undefined },
): TableRow[] {
  return rows.map((row) => {
    const values = projectRow(columns, row, options);
    const cells: TableRow['cells'] = {};
    columns.forEach((c, i) => {
      const v = values[i];
      cells[c.id] = v === undefined || v === null ? null : v instanceof Date ? v.toISOString() : v;
    });
    const href = options.href?.(row);
    return href ? { id: options.rowId(row), href, cells } : { id: options.rowId(row), cells };
  });
}
