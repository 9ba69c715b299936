import { cardTable } from '@/components/card-table';
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DataTable, type DataTableBody, type DataTableProps } from '@/components/data-table/data-table';
import { columnViews, type TablePage } from '@/lib/ledger/columns';
import { hrefWithQuery, nextSortQuery, parseTableSort, toTableQuery } from '@/lib/ledger/query';
import { toTableRows } from '@/lib/ledger/rows';
import { CLAIM_COLUMNS, CLAIM_LEDGER, claim } from './ledger-fixtures';

const columns = columnViews(CLAIM_LEDGER);
const rows = toTableRows(CLAIM_COLUMNS, [claim(1), claim(2, { town: '双塔街道', amount: 2500.5 })], { rowId: (r) => r.ref, href: (r) => `/cadre/cases/${r.ref}` });
const labels = { loadMore: '加载更多', loading: '正在加载…', loadFailed: '没有加载成功，请重试。', sortBy: '排序' };
const loadMore = async (): Promise<TablePage> => ({ rows: [], nextCursor: null });

function render(over: Partial<DataTableBody> = {}): string {
  const props: DataTableProps = {
    caption: '救助申请台账',
    columns,
    rows,
    locale: 'zh-CN',
    labels,
    empty: '没有符合条件的申请。',
    query: { town: '刁窝镇', sort: 'submittedAt', dir: 'asc' },
    sort: { id: 'submittedAt', desc: false },
    ...over,
  };
  return renderToString(h(DataTable, props));
}

function headerCells(html: string): string[] {
  const thead = /<thead[\s\S]*?<\/thead>/.exec(html)?.[0] ?? '';
  return [...thead.matchAll(/<th[\s>][^>]*>?/g)].map((m) => m[0]);
}

/** Text of an HTML fragment without its tags and comments. */
const textOf = (html: string) => html.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, '');

describe('data table', () => {
  it('renders a real table with a caption and a header per column', () => {
    const html = render();
    expect(html).toMatch(/<table[^>]*>.*<caption[^>]*>救助申请台账<\/caption>/s);
    const ths = headerCells(html);
    expect(ths).toHaveLength(CLAIM_LEDGER.length);
    expect(ths.every((th) => th.includes('scope="col"'))).toBe(true);
    const thead = textOf(/<thead[\s\S]*?<\/thead>/.exec(html)![0]);
    for (const c of CLAIM_LEDGER) expect(thead).toContain(c.label);
  });

  it('takes its name from the heading above when given its id, with no caption saying it again', () => {
    const html = renderToString(h(DataTable, { labelledBy: 'items-title', columns, rows, locale: 'zh-CN', labels, empty: '没有符合条件的申请。' }));
    expect(html).toMatch(/<table[^>]*aria-labelledby="items-title"/);
    expect(html).not.toContain('<caption');
  });

  it('marks the sorted column with aria-sort and only sortable columns as sortable', () => {
    const ths = headerCells(render());
    const byIndex = (id: string) => ths[CLAIM_LEDGER.findIndex((c) => c.id === id)]!;
    expect(byIndex('submittedAt')).toContain('aria-sort="ascending"');
    expect(byIndex('ref')).toContain('aria-sort="none"');
    expect(byIndex('amount')).toContain('aria-sort="none"');
    expect(byIndex('town')).not.toContain('aria-sort');
    expect(headerCells(render({ sort: { id: 'amount', desc: true } }))[CLAIM_LEDGER.findIndex((c) => c.id === 'amount')]).toContain('aria-sort="descending"');
  });

  it('sorts by links that keep the filters (works by keyboard and without JavaScript)', () => {
    const html = render();
    // The sorted column flips to descending; another column starts ascending; the town filter stays.
    expect(html).toContain(`href="?dir=desc&amp;sort=submittedAt&amp;town=${encodeURIComponent('刁窝镇')}"`);
    expect(html).toContain(`href="?dir=asc&amp;sort=amount&amp;town=${encodeURIComponent('刁窝镇')}"`);
    // Local mode: the rows are the whole list, sorted in place by buttons.
    const local = render({ sortMode: 'local', sort: null });
    expect(local).not.toContain('href="?dir=');
    expect(local).toMatch(/<th[^>]*aria-sort="none"[^>]*><button type="button"/);
  });

  it('sorts the given rows in place in local mode', () => {
    const many = toTableRows(CLAIM_COLUMNS, [claim(1, { amount: 300 }), claim(2, { amount: 5000 }), claim(3, { amount: 42 })], { rowId: (r) => r.ref });
    const order = (html: string) => [.../<tbody[\s\S]*?<\/tbody>/.exec(html)![0].matchAll(/ZZ-2023-00000(\d)/g)].map((m) => m[1]);
    expect(order(render({ rows: many, sortMode: 'local', sort: { id: 'amount', desc: true } }))).toEqual(['2', '1', '3']);
    expect(order(render({ rows: many, sortMode: 'local', sort: { id: 'amount', desc: false } }))).toEqual(['3', '1', '2']);
    // Link mode trusts the server's order.
    expect(order(render({ rows: many, sort: { id: 'amount', desc: true } }))).toEqual(['1', '2', '3']);
  });

  it('renders each row once: a card of label: value lines below 1024 px that is a table row from 1024 px', () => {
    const html = render();
    const tbody = /<tbody[\s\S]*?<\/tbody>/.exec(html)![0];
    const rows = tbody.match(/<tr[^>]*data-table-card=""[\s\S]*?<\/tr>/g) ?? [];
    expect(rows).toHaveLength(2);
    // Only one copy of the rows: no hidden second list.
    expect(html.match(/<tr/g)).toHaveLength(3);
    expect(html).not.toContain('<li');
    // Each cell: its column's label (shown on cards, where the header row is hidden), then its value.
    const cells = [...rows[0]!.matchAll(new RegExp(`<t[hd][^>]*><span class="${cardTable.pairLabel}">([^<]*)</span><span[^>]*>([\\s\\S]*?)</span></t[hd]>`, 'g'))].map((m) => [m[1], textOf(m[2]!)]);
    expect(cells).toContainEqual(['姓名', '张*明']);
    expect(cells).toContainEqual(['手机号', '138****0001']);
    expect(cells).toContainEqual(['金额（元）', '¥1,001']);
    expect(cells).toContainEqual(['提交时间', '2023年11月22日 01:05']);
    expect(cells).toContainEqual(['审批日期', '2023年11月21日']);
    expect(html).toContain(`<thead class="${cardTable.pairsHead}"`);
    // The first cell is the row's header and links to the record.
    expect(rows[0]).toMatch(/^<tr[^>]*><th scope="row"/);
    expect(rows[0]).toContain('href="/cadre/cases/ZZ-2023-000001"');
    expect(textOf(tbody)).toContain('¥2,500.50');
  });

  it('formats for the English page too', () => {
    const html = render({ locale: 'en' });
    expect(textOf(html)).toContain('22 Nov 2023, 01:05');
    expect(textOf(html)).toContain('21 Nov 2023');
  });

  it('offers "load more" only when there is a next cursor and an action to fetch it', () => {
    expect(render({ nextCursor: 'c2', loadMore })).toMatch(/<button type="button"[^>]*>加载更多<\/button>/);
    expect(render({ nextCursor: null, loadMore })).not.toContain('加载更多');
    expect(render({ nextCursor: 'c2' })).not.toContain('加载更多');
  });

  it('links each export to its route with the current filters and sort', () => {
    const html = render({ exports: [{ href: '/api/exports/claims.csv', label: '导出 CSV' }] });
    expect(html).toContain(`href="/api/exports/claims.csv?dir=asc&amp;sort=submittedAt&amp;town=${encodeURIComponent('刁窝镇')}"`);
    expect(textOf(html)).toContain('导出 CSV');
  });

  it('shows the empty state, and no table, when there are no rows', () => {
    const html = render({ rows: [], nextCursor: null, filters: h('form', { method: 'get' }, 'filters-here') });
    expect(html).toContain('data-table-empty');
    expect(textOf(html)).toContain('没有符合条件的申请。');
    expect(html).not.toContain('<table');
    expect(html).not.toContain('data-table-card');
    // The filters stay, so the person can widen the search.
    expect(html).toContain('filters-here');
  });
});

describe('list query in the URL', () => {
  it('accepts a sort only on a sortable column', () => {
    expect(parseTableSort({ sort: 'amount', dir: 'desc' }, columns)).toEqual({ id: 'amount', desc: true });
    expect(parseTableSort({ sort: 'amount' }, columns)).toEqual({ id: 'amount', desc: false });
    expect(parseTableSort({ sort: 'name', dir: 'desc' }, columns)).toBeNull();
    expect(parseTableSort({ sort: 'nope' }, columns, { id: 'submittedAt', desc: true })).toEqual({ id: 'submittedAt', desc: true });
  });

  it('keeps filters, drops empty values and the cursor', () => {
    expect(toTableQuery({ town: '刁窝镇', status: ['submitted', 'returned'], q: '', cursor: 'abc', page: undefined })).toEqual({ town: '刁窝镇', status: 'submitted' });
    expect(hrefWithQuery('/x?old=1', { b: '2', a: '1' })).toBe('/x?a=1&b=2');
    expect(hrefWithQuery('/x', {})).toBe('/x');
    expect(nextSortQuery({ town: 'a' }, { id: 'amount', desc: false }, 'amount')).toEqual({ town: 'a', sort: 'amount', dir: 'desc' });
    expect(nextSortQuery({}, { id: 'amount', desc: true }, 'amount')).toEqual({ sort: 'amount', dir: 'asc' });
    expect(nextSortQuery({}, { id: 'amount', desc: true }, 'ref')).toEqual({ sort: 'ref', dir: 'asc' });
  });

  it('turns records into plain rows with PII masked and dates as ISO strings', () => {
    expect(rows[0]).toEqual({
      id: 'ZZ-2023-000001',
      href: '/cadre/cases/ZZ-2023-000001',
      cells: {
        ref: 'ZZ-2023-000001',
        name: '张*明',
        phone: '138****0001',
        town: '刁窝镇',
        households: 1,
        amount: 1001,
        decidedOn: '2023-11-21',
        submittedAt: '2023-11-21T17:05:00.000Z',
        note: '一楼进水，锅炉损坏',
      },
    });
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
  });
});
