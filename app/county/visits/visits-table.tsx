'use client';
// The visits list's data table with its "load more" bound to the page's filters: the server
// action answers a result, the table wants a page or a throw (it then says loading failed).
import { DataTable, type DataTableBody, type DataTableName } from '@/components/data-table/data-table';
import type { ActionResult } from '@/lib/action-result';
import type { TablePage } from '@/lib/ledger/columns';

export function VisitsTable({ more, bound, ...table }: DataTableName & Omit<DataTableBody, 'loadMore'> & { more: (input: Record<string, string>) => Promise<ActionResult<TablePage>>; bound: Record<string, string> }) {
  async function loadMore(cursor: string): Promise<TablePage> {
    const result = await more({ ...bound, cursor });
    if (result.status !== 'ok') throw new Error(`load more: ${result.status}`);
    return result.data;
  }
  return <DataTable {...table} loadMore={loadMore} />;
}
