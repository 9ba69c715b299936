// CSV ledgers that open in Excel with Chinese intact: UTF-8 with a byte-order mark (without it
// Excel on Chinese Windows reads GBK), RFC 4180 quoting, CRLF line ends, dates in China time,
// and text that Excel would run as a formula (CSV injection) defused with a leading apostrophe.
// Rows are pulled from an async iterable one chunk at a time, so a 250k-row ledger is never
// held in memory and a slow download slows the database cursor instead of filling the heap.
import type { CellValue, LabelledColumn } from './columns';
import { formatForFile } from './format';
import { projectRow, type ProjectOptions } from './rows';

export const CSV_BOM = '\uFEFF';
const CRLF = '\r\n';
/** Excel, LibreOffice and Google Sheets treat a cell starting with one of these as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;
/** Rows are joined into chunks of about this many characters before they are handed on. */
const CHUNK_CHARS = 64 * 1024;

/** One field: guarded against formulas (unless it is a real number), then quoted if it must be. */
export function csvField(text: string, { isNumber = false }: { isNumber?: boolean } = {}): string {
  const safe = !isNumber && FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csvLine(fields: readonly string[]): string {
  return fields.join(',') + CRLF;
}

function cellField(type: LabelledColumn<unknown>['type'], value: CellValue): string {
  return csvField(formatForFile(type, value), { isNumber: typeof value === 'number' && Number.isFinite(value) });
}

export type ExportOptions<Row = never> = ProjectOptions<Row>;

/** The file as text chunks: the BOM and header line first, then rows in chunks of ~64 KB. */
export async function* csvChunks<Row>(
  columns: readonly LabelledColumn<Row>[],
  rows: AsyncIterable<Row> | Iterable<Row>,
  options: ExportOptions<Row> = {},
): AsyncGenerator<string> {
  yield CSV_BOM + csvLine(columns.map((c) => csvField(c.label)));
  let chunk = '';
  for await (const row of rows) {
    const values = projectRow(columns, row, options);
    chunk += csvLine(columns.map((c, i) => cellField(c.type, values[i])));
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * The file as a byte stream for a `Response`. Pull-based: the next rows are read only when the
 * client has taken the previous chunk; cancelling the download closes the row iterator (and so
 * the database cursor behind it).
 */
export function csvStream<Row>(columns: readonly LabelledColumn<Row>[], rows: AsyncIterable<Row> | Iterable<Row>, options: ExportOptions<Row> = {}): ReadableStream<Uint8Array> {
  const chunks = csvChunks(columns, rows, options);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
