// What the export buttons (components/ledger/export-buttons.tsx) tell a person while a ledger
// downloads: rows written so far (CSV: one CRLF per row after the header line), bytes received
// (.xlsx is zipped: rows cannot be seen until the end), and the row count the server announced
// when it had one for free. Pure and client-safe, so it is unit-tested without a browser.
import type { LedgerFileFormat } from './reveal';

const LF = 0x0a;

/** Line feeds in one chunk of bytes. UTF-8 never uses 0x0A inside a multi-byte character. */
export function countLineBreaks(chunk: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < chunk.length; i += 1) if (chunk[i] === LF) n += 1;
  return n;
}

export interface DownloadProgress {
  format: LedgerFileFormat;
  bytes: number;
  /** Line feeds seen so far (CSV only). */
  lineBreaks: number;
  /** From the X-Ledger-Rows header, when the server sent one. */
  expectedRows: number | null;
}

/**
 * Rows written so far, for CSV: every line feed ends a line, the first line is the header. A cell
 * with a line break inside (a note typed on two lines) counts once more: a progress figure, not
 * the file's row count. Null for .xlsx.
 */
export function rowsSoFar(p: DownloadProgress): number | null {
  if (p.format !== 'csv') return null;
  const rows = Math.max(0, p.lineBreaks - 1);
  return p.expectedRows !== null ? Math.min(rows, p.expectedRows) : rows;
}

/** 0..1 when it can be known (CSV with an announced row count), else null (an indeterminate bar). */
export function fractionDone(p: DownloadProgress): number | null {
  const rows = rowsSoFar(p);
  if (rows === null || p.expectedRows === null) return null;
  if (p.expectedRows === 0) return 1;
  return Math.min(1, rows / p.expectedRows);
}

/** The X-Ledger-Rows header as a count, or null when absent or not a whole number. */
export function parseExpectedRows(header: string | null): number | null {
  if (header === null || !/^\d{1,9}$/.test(header.trim())) return null;
  return Number(header.trim());
}

/**
 * The file name the server gave (RFC 6266): `filename*=UTF-8''…` (percent-encoded UTF-8, keeps
 * Chinese) before the plain `filename="…"`. Path separators are dropped: a name, never a path.
 */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  let name: string | null = null;
  if (star?.[1]) {
    try {
      name = decodeURIComponent(star[1].trim());
    } catch {
      name = null;
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;\s]+)/.exec(header);
    name = plain?.[1] ?? plain?.[2] ?? null;
  }
  const safe = name?.replace(/[\\/]/g, '_').trim();
  return safe ? safe : null;
}

/** Bytes as a number and a unit Intl.NumberFormat knows (`style: 'unit'`). */
export function byteSize(bytes: number): { value: number; unit: 'byte' | 'kilobyte' | 'megabyte' } {
  if (bytes < 1024) return { value: bytes, unit: 'byte' };
  if (bytes < 1024 * 1024) return { value: Math.round((bytes / 1024) * 10) / 10, unit: 'kilobyte' };
  return { value: Math.round((bytes / (1024 * 1024)) * 10) / 10, unit: 'megabyte' };
}
