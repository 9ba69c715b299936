// The state of a staff list lives in its URL (filters and sort as search parameters), so a
// list can be bookmarked, shared, reloaded, exported with the same filters, and sorted without
// JavaScript. These helpers read and write that state; client-safe and pure.
import type { ColumnView } from './columns';

/** Current filters and sort of a list, as the page read them from its search parameters. */
export type TableQuery = Readonly<Record<string, string>>;

export interface TableSort {
  id: string;
  desc: boolean;
}

export const SORT_PARAM = 'sort';
export const DIR_PARAM = 'dir';
/** Parameters that belong to one rendering of a list, not to its filters. */
const PAGE_PARAMS = new Set(['cursor']);

type SearchParams = Readonly<Record<string, string | string[] | undefined>>;

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** The sort asked for, if it names a sortable column; otherwise the list's default order. */
export function parseTableSort(params: SearchParams, columns: readonly Pick<ColumnView, 'id' | 'sortable'>[], fallback: TableSort | null = null): TableSort | null {
  const id = first(params[SORT_PARAM]);
  const column = columns.find((c) => c.id === id && c.sortable);
  if (!column) return fallback;
  return { id: column.id, desc: first(params[DIR_PARAM]) === 'desc' };
}

/** Search parameters (as Next hands them to a page) as a flat query, dropping empty values and the cursor. */
export function toTableQuery(params: SearchParams): TableQuery {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const v = first(value);
    if (v !== undefined && v !== '' && !PAGE_PARAMS.has(key)) out[key] = v;
  }
  return out;
}

/** `href` with the query appended (replacing any query it had); keys in a stable order. */
export function hrefWithQuery(href: string, query: TableQuery): string {
  const base = href.split('?')[0] ?? href;
  const search = new URLSearchParams(Object.entries(query).sort(([a], [b]) => a.localeCompare(b))).toString();
  return search ? `${base}?${search}` : base;
}

/** The query after clicking a column header: ascending first, then descending, then ascending again. */
export function nextSortQuery(query: TableQuery, current: TableSort | null, columnId: string): TableQuery {
  const desc = current?.id === columnId ? !current.desc : false;
  return { ...query, [SORT_PARAM]: columnId, [DIR_PARAM]: desc ? 'desc' : 'asc' };
}
