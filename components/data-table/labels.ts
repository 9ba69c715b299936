// The data table's own words (the dataTable message namespace), for the server components that
// render a DataTable: one place instead of the same four lookups on every page. A page whose
// button says something of its own passes it in `loadMore`.
import type { DataTableLabels } from './data-table';

type Translate = (key: 'dataTable.loadMore' | 'dataTable.loading' | 'dataTable.loadFailed' | 'dataTable.sortBy') => string;

export function dataTableLabels(t: Translate, own: Partial<DataTableLabels> = {}): DataTableLabels {
  return { loadMore: t('dataTable.loadMore'), loading: t('dataTable.loading'), loadFailed: t('dataTable.loadFailed'), sortBy: t('dataTable.sortBy'), ...own };
}
