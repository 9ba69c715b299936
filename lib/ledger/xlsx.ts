// .xlsx ledgers from the same column definitions as the screen and the CSV: Chinese headers,
// typed cells (numbers stay numbers, dates are Excel dates shown in China time), a frozen
// header row and an autofilter. exceljs's streaming WorkbookWriter writes each row into the
// zip as it goes, so a large ledger is not built in memory first.
// Excel has no time zones: a date is written as the wall-clock time in China, which is what
// the reader expects to see whatever zone their computer is in.
import 'server-only';
import { once, type EventEmitter } from 'node:events';
import { PassThrough, Readable, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CellValue, ColumnType, LabelledColumn } from './columns';
import { chinaWallClock, toInstant } from './format';
import { projectRow } from './rows';
import type { ExportOptions } from './csv';

const NUM_FMT: Partial<Record<ColumnType, string>> = {
  number: '#,##0.##',
  yuan: '#,##0.00',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
};
const DEFAULT_WIDTH: Record<ColumnType, number> = { text: 16, number: 12, yuan: 14, date: 12, datetime: 17 };
/** Let the zip catch up every so many rows, so it can apply the download's backpressure. */
const YIELD_EVERY = 500;

export interface XlsxOptions<Row = never> extends ExportOptions<Row> {
  /** Sheet tab name (Excel allows 31 characters and no []:*?/\). */
  sheetName?: string;
}

function excelCell(type: ColumnType, value: CellValue): string | number | Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (type === 'date' || type === 'datetime') {
    const d = toInstant(value);
    if (!d) return String(value);
    const w = chinaWallClock(d);
    return new Date(Date.UTC(w.year, w.month - 1, w.day, type === 'date' ? 0 : w.hour, type === 'date' ? 0 : w.minute, type === 'date' ? 0 : w.second));
  }
  if ((type === 'number' || type === 'yuan') && typeof value === 'number') return value;
  // Text stays text: exceljs writes it as an inline string, never as a formula.
  return value instanceof Date ? value.toISOString() : String(value);
}

function safeSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
}

/**
 * Waits while the compressor or the download is behind. exceljs hands each sheet's XML to the
 * zip without heeding backpressure (its StreamBuf ignores `write`'s return value), so when rows
 * come faster than deflate the raw XML piles up in the archiver's input (measured: ~100 MB per
 * 300k rows, growing with the ledger). The sheet's stream and its pipe are exceljs internals,
 * read defensively: if a future version renames them, only the memory bound is lost.
 */
async function catchUp(sheet: ExcelJS.Worksheet, out: Writable): Promise<void> {
  // The pipe is archiver's readable-stream v2 PassThrough: no `writableNeedDrain`, but the same state.
  const internal = sheet as unknown as { stream?: { pipes?: Array<EventEmitter & { _writableState?: { needDrain?: boolean } }> } };
  const zipInput = internal.stream?.pipes?.[0];
  if (zipInput?._writableState?.needDrain) await once(zipInput, 'drain');
  if (out.writableNeedDrain) await once(out, 'drain');
  else await new Promise((resolve) => setImmediate(resolve));
}

/** Writes the workbook into `out` and resolves when the last byte has been handed to it. */
export async function writeXlsx<Row>(
  columns: readonly LabelledColumn<Row>[],
  rows: AsyncIterable<Row> | Iterable<Row>,
  out: Writable,
  options: XlsxOptions<Row> = {},
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const lastColumn = columns.length > 0 ? columns.length : 1;
  const sheet = workbook.addWorksheet(safeSheetName(options.sheetName ?? 'Sheet1'), {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: lastColumn } };
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width ?? Math.max(DEFAULT_WIDTH[c.type], Math.min(40, c.label.length * 2 + 2));
  });

  const header = sheet.addRow(columns.map((c) => c.label));
  header.font = { bold: true };
  header.commit();

  let count = 0;
  for await (const record of rows) {
    const values = projectRow(columns, record, options);
    const row = sheet.addRow(columns.map((c, i) => excelCell(c.type, values[i])));
    columns.forEach((c, i) => {
      const fmt = NUM_FMT[c.type];
      if (fmt) row.getCell(i + 1).numFmt = fmt;
    });
    row.commit();
    if (++count % YIELD_EVERY === 0) await catchUp(sheet, out);
  }
  sheet.commit();
  await workbook.commit();
}

/** The workbook as a byte stream for a `Response`; an error while writing aborts the download. */
export function xlsxStream<Row>(columns: readonly LabelledColumn<Row>[], rows: AsyncIterable<Row> | Iterable<Row>, options: XlsxOptions<Row> = {}): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  writeXlsx(columns, rows, out, options).catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
