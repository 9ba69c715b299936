// Where generated rows go: COPY … FROM STDIN on PostgreSQL (pg-copy-streams), COPY from a
// blob on PGlite. Both take PostgreSQL's text format, so rows are encoded once, here.
import { once } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type Cell = string | number | boolean | Date | null | undefined | Record<string, unknown> | unknown[];

export interface Sink {
  kind: 'pglite' | 'postgres';
  query<T = Record<string, unknown>>(text: string): Promise<T[]>;
  /** Appends rows to `table` (columns in the given order). */
  copy(table: string, columns: readonly string[], rows: readonly Cell[][]): Promise<void>;
  close(): Promise<void>;
}

// COPY text format: backslash, tab, newline and carriage return are escaped; \N is NULL.
function escapeText(s: string): string {
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s;
}

function encodeCell(v: Cell): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'string') return escapeText(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  return escapeText(JSON.stringify(v));
}

export function encodeRows(rows: readonly Cell[][]): string {
  let out = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length; i++) line += (i ? '\t' : '') + encodeCell(row[i]);
    out += line + '\n';
  }
  return out;
}

function copyStatement(table: string, columns: readonly string[], source: string): string {
  return `COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM ${source}`;
}

export async function postgresSink(url: string): Promise<Sink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Generated rows carry their own times; the session's zone only matters for what we print.
  await client.query("SET TimeZone = 'UTC'");
  return {
    kind: 'postgres',
    async query<T>(text: string) {
      return (await client.query(text)).rows as T[];
    },
    async copy(table, columns, rows) {
      if (rows.length === 0) return;
      const stream = client.query(copyFrom(copyStatement(table, columns, 'STDIN')));
      const done = once(stream, 'finish');
      // One large write per batch: the stream buffers, and the batches are bounded by the caller.
      stream.end(encodeRows(rows));
      await done;
    },
    close: () => client.end(),
  };
}

export function pgliteSink(db: PGlite): Sink {
  return {
    kind: 'pglite',
    async query<T>(text: string) {
      const res = await db.exec(text);
      return (res.at(-1)?.rows ?? []) as T[];
    },
    async copy(table, columns, rows) {
      if (rows.length === 0) return;
      await db.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([encodeRows(rows)]) });
    },
    close: async () => {},
  };
}
