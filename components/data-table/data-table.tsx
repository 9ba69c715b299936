'use client';
// The staff data table (UI.md "Data table for staff"): filters above, sortable headers, keyset
// "load more", export links, an empty state and a caption. Phone-first: cards under 1024 px (one
// column under 640 px, two from 640 px), a table from 1024 px — one <table> styled both ways.
// It takes translated words as props and plain rows (lib/ledger/rows.ts `toTableRows`), so a
// server page can render it directly and a `loadMore` server action can feed it more rows.
import { useId, useMemo, useState, useTransition, type ReactNode } from 'react';
import { ArrowDown, ArrowUp, ArrowUpDown, Download } from 'lucide-react';
import { createColumnHelper, createSortedRowModel, rowSortingFeature, tableFeatures, useTable, type SortingState } from '@tanstack/react-table';
import type { ColumnView, TablePage, TableRow } from '@/lib/ledger/columns';
import { formatForScreen } from '@/lib/ledger/format';
import { hrefWithQuery, nextSortQuery, type TableQuery, type TableSort } from '@/lib/ledger/query';
import { cardTable } from '@/components/card-table';

export interface DataTableLabels {
  /** Button under the rows, e.g. 加载更多 / Show more. */
  loadMore: string;
  /** The same button while it waits, e.g. 正在加载… / Loading… */
  loading: string;
  /** Shown when `loadMore` failed, e.g. 没有加载成功，请重试。 */
  loadFailed: string;
  /** Name of the sort controls above the cards, e.g. 排序 / Sort by. */
  sortBy: string;
}

export interface DataTableExport {
  /** Route that streams the file; the current filters and sort are appended to it. */
  href: string;
  label: string;
}

/**
 * The table's name: a visible caption above the cards and the table, or, when a heading right
 * above already says it, that heading's id (a caption would show the same words twice).
 */
export type DataTableName = { caption: ReactNode; labelledBy?: never } | { labelledBy: string; caption?: never };

/** Everything but the name. */
export interface DataTableBody {
  columns: readonly ColumnView[];
  rows: readonly TableRow[];
  /** UI language of the page, for numbers and dates (`zh-CN` or `en`). */
  locale: string;
  labels: DataTableLabels;
  /** What to show when there are no rows at all: say what to do next (UI.md "Empty states"). */
  empty: ReactNode;
  /** Filter form (a GET form whose fields become the query), rendered above the rows. */
  filters?: ReactNode;
  /** A line such as "1,203 households, 50 shown", above the rows; announced when it changes. */
  summary?: ReactNode;
  /** Current filters and sort, as search parameters: kept by sort links and export links. */
  query?: TableQuery;
  /**
   * `link` (default): the server sorts; headers are links that change `sort`/`dir` in the URL.
   * `local`: the rows given are the whole list (no `loadMore`); headers sort them in place.
   */
  sortMode?: 'link' | 'local';
  /** The order the server applied (`link` mode), shown with aria-sort; the starting order in `local` mode. */
  sort?: TableSort | null;
  /** Opaque keyset cursor of the next page; null when the rows given are the last ones. */
  nextCursor?: string | null;
  /** Server action that returns the page after `cursor` (filters already bound by the page). */
  loadMore?: (cursor: string) => Promise<TablePage>;
  exports?: readonly DataTableExport[];
}

export type DataTableProps = DataTableName & DataTableBody;

type Value = string | number | undefined;

const features = tableFeatures({ rowSortingFeature, sortedRowModel: createSortedRowModel() });
const helper = createColumnHelper<typeof features, TableRow>();

const NUMERIC = new Set<ColumnView['type']>(['number', 'yuan']);

function ariaSort(sorted: false | 'asc' | 'desc'): 'ascending' | 'descending' | 'none' {
  return sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none';
}

function SortIcon({ sorted }: { sorted: false | 'asc' | 'desc' }) {
  const Icon = sorted === 'asc' ? ArrowUp : sorted === 'desc' ? ArrowDown : ArrowUpDown;
  return <Icon aria-hidden="true" className={`h-4 w-4 shrink-0 ${sorted ? 'text-brand-700' : 'text-slate-400'}`} />;
}

const sortControlClass =
  'inline-flex min-h-11 items-center gap-1 rounded-md px-1 font-semibold text-slate-800 underline-offset-4 hover:text-brand-700 hover:underline';

export function DataTable({
  caption,
  labelledBy,
  columns,
  rows,
  locale,
  labels,
  empty,
  filters,
  summary,
  query = {},
  sortMode = 'link',
  sort = null,
  nextCursor = null,
  loadMore,
  exports = [],
}: DataTableProps) {
  const sortLabelId = useId();

  // Rows fetched with "load more" belong to the rows the page gave; new page rows (after a
  // filter or sort change) start the list again.
  const [more, setMore] = useState<{ source: readonly TableRow[]; rows: TableRow[]; cursor: string | null }>({ source: rows, rows: [], cursor: nextCursor });
  if (more.source !== rows) setMore({ source: rows, rows: [], cursor: nextCursor });
  const cursor = more.source === rows ? more.cursor : nextCursor;
  const extra = more.source === rows ? more.rows : [];

  const [failed, setFailed] = useState(false);
  const [pending, startTransition] = useTransition();

  const data = useMemo(() => {
    if (extra.length === 0) return rows as TableRow[];
    const seen = new Set(rows.map((r) => r.id));
    return [...rows, ...extra.filter((r) => !seen.has(r.id))];
  }, [rows, extra]);

  const collator = useMemo(() => new Intl.Collator(locale.startsWith('zh') ? 'zh-CN' : 'en-GB', { numeric: true }), [locale]);
  const tableColumns = useMemo(
    () =>
      helper.columns(
        columns.map((c) =>
          helper.accessor((row): Value => row.cells[c.id] ?? undefined, {
            id: c.id,
            header: c.label,
            enableSorting: c.sortable,
            sortUndefined: 'last',
            sortFn: (a, b, id) => {
              const x = a.getValue<Value>(id);
              const y = b.getValue<Value>(id);
              if (typeof x === 'number' && typeof y === 'number') return x - y;
              return collator.compare(String(x), String(y));
            },
          }),
        ),
      ),
    [columns, collator],
  );

  // In `local` mode `sort` is only the starting order; the headers change it in place.
  const [localSorting, setLocalSorting] = useState<SortingState>(() => (sort ? [{ id: sort.id, desc: sort.desc }] : []));
  const linkSorting = useMemo<SortingState>(() => (sort ? [{ id: sort.id, desc: sort.desc }] : []), [sort]);
  const table = useTable({
    features,
    columns: tableColumns,
    data,
    getRowId: (row) => row.id,
    manualSorting: sortMode === 'link',
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { sorting: sortMode === 'link' ? linkSorting : localSorting },
    onSortingChange: sortMode === 'local' ? setLocalSorting : () => undefined,
  });

  const viewById = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  const currentSort: TableSort | null = (() => {
    const s = table.state.sorting[0];
    return s ? { id: s.id, desc: s.desc } : null;
  })();

  function sortControl(columnId: string, label: string, sorted: false | 'asc' | 'desc') {
    const content = (
      <>
        <span>{label}</span>
        <SortIcon sorted={sorted} />
      </>
    );
    if (sortMode === 'link') {
      return (
        <a className={sortControlClass} href={hrefWithQuery('', nextSortQuery(query, currentSort, columnId))}>
          {content}
        </a>
      );
    }
    const column = table.getColumn(columnId);
    return (
      <button type="button" className={sortControlClass} onClick={() => column?.toggleSorting(sorted === 'asc')}>
        {content}
      </button>
    );
  }

  function onLoadMore() {
    if (!loadMore || !cursor || pending) return;
    setFailed(false);
    const source = rows;
    startTransition(async () => {
      try {
        const page = await loadMore(cursor);
        setMore((m) => (m.source === source ? { source, rows: [...m.rows, ...page.rows], cursor: page.nextCursor } : m));
      } catch {
        setFailed(true);
      }
    });
  }

  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const modelRows = table.getRowModel().rows;
  const sortable = headers.filter((h) => h.column.getCanSort());

  function cellContent(row: TableRow, column: ColumnView, index: number): ReactNode {
    const text = formatForScreen(column.type, row.cells[column.id], locale);
    if (index === 0 && row.href) {
      return (
        // A touch target of 44 px each way, even for a short name (UI.md).
        <a href={row.href} className="inline-flex min-h-11 min-w-11 items-center font-medium text-brand-700 underline underline-offset-4">
          {text || '—'}
        </a>
      );
    }
    return text || <span className="text-slate-500">—</span>;
  }

  return (
    <div className="space-y-4">
      {filters ? <div>{filters}</div> : null}

      <div className="flex flex-wrap items-center justify-between gap-3">
        <div aria-live="polite" className="text-slate-700">
          {summary}
        </div>
        {exports.length > 0 ? (
          <div className="flex flex-wrap gap-2">
            {exports.map((e) => (
              <a
                key={e.href}
                href={hrefWithQuery(e.href, query)}
                className="inline-flex min-h-11 items-center gap-2 rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold text-slate-800 hover:bg-slate-50"
              >
                <Download aria-hidden="true" className="h-4 w-4" />
                {e.label}
              </a>
            ))}
          </div>
        ) : null}
      </div>

      {modelRows.length === 0 ? (
        <div data-table-empty="" className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-700">
          {empty}
        </div>
      ) : (
        <>
          {/* Phones and tablets: the header row is hidden, so its sort controls are offered above the cards. */}
          {sortable.length > 0 ? (
            <div role="group" aria-labelledby={sortLabelId} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm lg:hidden">
              <span id={sortLabelId} className="text-slate-600">
                {labels.sortBy}
              </span>
              {sortable.map((h) => {
                const view = viewById.get(h.column.id);
                return view ? <span key={h.id}>{sortControl(view.id, view.label, h.column.getIsSorted())}</span> : null;
              })}
            </div>
          ) : null}

          {/* One markup for every width (components/card-table.tsx): below 1024 px each row is a
              card of "label value" lines (the labels stand in for the hidden header row), from
              1024 px a table. */}
          <div className={cardTable.frame}>
            <table className={cardTable.table} aria-labelledby={labelledBy}>
              {labelledBy ? null : <caption className="text-left font-semibold text-slate-900 max-lg:mb-2 max-lg:block lg:px-4 lg:py-3">{caption}</caption>}
              <thead className={cardTable.pairsHead}>
                <tr>
                  {headers.map((h) => {
                    const view = viewById.get(h.column.id);
                    if (!view) return null;
                    const canSort = h.column.getCanSort();
                    const sorted = h.column.getIsSorted();
                    return (
                      <th
                        key={h.id}
                        scope="col"
                        aria-sort={canSort ? ariaSort(sorted) : undefined}
                        className={`border-b border-slate-200 px-4 py-2 font-semibold text-slate-800 ${NUMERIC.has(view.type) ? 'text-right' : ''}`}
                      >
                        {canSort ? sortControl(view.id, view.label, sorted) : view.label}
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody className={cardTable.body}>
                {modelRows.map((row) => (
                  <tr key={row.id} data-table-card="" className={cardTable.pairs}>
                    {columns.map((c, i) => {
                      const numeric = NUMERIC.has(c.type);
                      const inner = (
                        <>
                          <span className={cardTable.pairLabel}>{c.label}</span>
                          <span className={`min-w-0 break-words ${numeric ? 'tabular-nums' : ''}`}>{cellContent(row.original, c, i)}</span>
                        </>
                      );
                      return i === 0 ? (
                        <th key={c.id} scope="row" className={`${cardTable.pair} text-left font-normal`}>
                          {inner}
                        </th>
                      ) : (
                        <td key={c.id} className={`${cardTable.pair} ${numeric ? 'lg:text-right' : ''}`}>
                          {inner}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      {failed ? (
        <p role="alert" className="text-red-800">
          {labels.loadFailed}
        </p>
      ) : null}
      {loadMore && cursor ? (
        <div className="flex justify-center">
          <button
            type="button"
            onClick={onLoadMore}
            // aria-disabled, not disabled: a disabled button drops keyboard focus while it loads.
            aria-disabled={pending || undefined}
            aria-busy={pending || undefined}
            className="inline-flex min-h-11 items-center justify-center gap-2 rounded-lg border border-slate-300 bg-white px-5 py-2 text-base font-semibold text-slate-800 hover:bg-slate-50 aria-disabled:cursor-wait aria-disabled:opacity-60"
          >
            {pending ? labels.loading : labels.loadMore}
          </button>
        </div>
      ) : null}
    </div>
  );
}
