// The one call an export route handler makes: a ledger's columns and a row iterator in, a
// streaming CSV or .xlsx download out. Server-only because the .xlsx writer is.
import 'server-only';
import type { LabelledColumn } from './columns';
import { csvStream, type ExportOptions } from './csv';
import { downloadResponse, type LedgerFormat } from './response';
import { xlsxStream } from './xlsx';

export interface LedgerExport<Row> extends ExportOptions<Row> {
  columns: readonly LabelledColumn<Row>[];
  /** Pass a cursor-backed async iterable (keyset batches), not an array, for large ledgers. */
  rows: AsyncIterable<Row> | Iterable<Row>;
  format: LedgerFormat;
  /** Without extension, e.g. `救助台账-2023-11-21`; Chinese is kept (see contentDisposition). */
  filename: string;
  sheetName?: string;
}

export function ledgerResponse<Row>({ columns, rows, format, filename, sheetName, ...options }: LedgerExport<Row>): Response {
  const body = format === 'csv' ? csvStream(columns, rows, options) : xlsxStream(columns, rows, { ...options, sheetName: sheetName ?? filename });
  return downloadResponse(body, { filename: `${filename}.${format}`, format });
}
