'use server';
// "Load more" on /county/visits: the next keyset page of visits with the page's filters, as rows
// for the data table (head masked). Read-only; the place is checked like the page's.
import { createTranslator } from 'next-intl';
import { CATALOGUES } from '@/lib/i18n/request';
import { intlLocale } from '@/lib/i18n/locale';
import { z } from 'zod';
import { allowFound, defineAction } from '@/lib/actions';
import type { TablePage } from '@/lib/ledger/columns';
import { toTableRows } from '@/lib/ledger/rows';
import { encodeVisitCursor, openVisitsPlace, parseVisitQuery, readVisitsAfter, VISIT_CURSOR_TEXT } from '@/server/visits/county-visits';
import { visitLedgerColumns } from '@/server/visits/ledger-columns';

const field = (max: number) => z.string().max(max).optional();

export const moreVisitsAction = defineAction({
  name: 'visit.list_more',
  capability: 'visit:read',
  input: z.object({
    cursor: z.string().regex(VISIT_CURSOR_TEXT, 'validation.invalidType'),
    place: field(12),
    round: field(2),
    from: field(10),
    to: field(10),
    // Only which name of a place the rows carry (the round's word follows the request's language).
    lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
  }),
  authorize: async ({ db, user, input }) => allowFound(await openVisitsPlace({ db, actor: user, query: parseVisitQuery(input) })),
  run: async ({ db, user, input, record }) => {
    const after = parseVisitQuery(input).cursor;
    if (!after) return { status: 'invalid', fieldErrors: { cursor: ['validation.invalidType'] } };
    const page = await readVisitsAfter({ db, actor: user, filters: record.filters, after });
    // The round's words (第2轮 / Round 2, as on the page) in the language the page sent: the
    // request's own next-intl context is not needed for one sentence.
    const t = createTranslator({ locale: intlLocale(input.lang), messages: CATALOGUES[input.lang] });
    const columns = visitLedgerColumns({ english: input.lang === 'en', round: (round) => t('cadreVisits.round', { round }) });
    const data: TablePage = { rows: toTableRows(columns, page.rows, { rowId: (r) => r.id }), nextCursor: page.next ? encodeVisitCursor(page.next) : null };
    return { status: 'ok', data };
  },
});
