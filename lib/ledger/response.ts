// Turns a ledger stream into the download a route handler returns: the right type, a file name
// that keeps its Chinese in every browser (RFC 6266 `filename*`), and no caching of personal data.
export type LedgerFormat = 'csv' | 'xlsx';

const CONTENT_TYPE: Record<LedgerFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** RFC 8187 value: percent-encoded UTF-8, including the characters encodeURIComponent leaves alone. */
function rfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment; filename="ledger-2023-11-21.csv"; filename*=UTF-8''%E5%8F%B0…` */
export function contentDisposition(filename: string): string {
  const dot = filename.lastIndexOf('.');
  const ext = dot > 0 ? filename.slice(dot) : '';
  const base = (dot > 0 ? filename.slice(0, dot) : filename)
    .replace(/[^\x20-\x7e]+/g, '_')
    .replace(/["\\]/g, '_')
    .replace(/^[_\s-]+|[_\s-]+$/g, '');
  const fallback = `${base || 'export'}${ext.replace(/[^\x20-\x7e]|["\\]/g, '')}`;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${rfc8187(filename)}`;
}

/** A download `Response` around a ledger's byte stream. */
export function downloadResponse(body: ReadableStream<Uint8Array>, { filename, format }: { filename: string; format: LedgerFormat }): Response {
  return new Response(body, {
    headers: {
      'Content-Type': CONTENT_TYPE[format],
      'Content-Disposition': contentDisposition(filename),
      // Ledgers carry personal data, even masked: never kept by a shared cache or the browser.
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
