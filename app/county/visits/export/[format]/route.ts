// Downloads the visits ledger of an official's places as CSV or .xlsx with Chinese headers,
// narrowed exactly as /county/visits is (place, round, days): masked on GET, heads' names in
// clear on POST with a reason (server/ledger/route.ts). Audited by the use case before the first
// row; a place outside the official's places is 404.
import { getDb } from '@/db/client';
import { cstDate } from '@/lib/time';
import { byHouseholdId, ledgerRoute } from '@/server/ledger/route';
import { exportVisits } from '@/server/visits/export-visits';
import { openVisitsPlace, parseVisitQuery } from '@/server/visits/county-visits';
import { visitLedgerColumns } from '@/server/visits/ledger-columns';

export const { GET, POST } = ledgerRoute({
  capability: 'visit:read',
  personalData: true,
  load: async ({ actor, ip, format, reveal, t, now, searchParams }) => {
    const db = getDb();
    const opened = await openVisitsPlace({ db, actor, query: parseVisitQuery(Object.fromEntries(searchParams)) });
    if (!opened) return new Response(null, { status: 404, headers: { 'Cache-Control': 'private, no-store' } });
    return {
      rows: await exportVisits({ db, actor, ip, format, reveal, filters: opened.filters }),
      columns: visitLedgerColumns(),
      filename: `${t('cadreVisits.export.filename')}-${cstDate(now)}`,
      sheet: t('cadreVisits.export.sheet'),
      householdOf: byHouseholdId,
    };
  },
});
