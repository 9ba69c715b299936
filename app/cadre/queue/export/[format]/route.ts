// Downloads exactly the list the queue shows for the same URL parameters (filters and sealed
// search; the cursor is ignored: an export is the whole filtered list), as CSV or .xlsx with
// Chinese headers (docs/decisions/0005): masked on GET, names and phones in clear on POST with a
// reason (server/ledger/route.ts). Audited by the use case before the first row is sent.
import { getDb } from '@/db/client';
import { cstDate } from '@/lib/time';
import { byHouseholdId, ledgerRoute } from '@/server/ledger/route';
import { exportQueue } from '@/server/queue/export-queue';
import { queueLedgerColumns } from '@/server/queue/ledger-columns';
import { parseQueueParams, resolveQueue } from '../../params';

export const { GET, POST } = ledgerRoute({
  capability: 'application:verify',
  personalData: true,
  load: async ({ actor, ip, format, reveal, t, searchParams, now }) => {
    const db = getDb();
    const query = parseQueueParams(searchParams);
    const resolved = await resolveQueue({ db, scopePaths: actor.placePaths, params: query });
    const rows = await exportQueue({
      db,
      actor,
      ip,
      format,
      reveal,
      filters: resolved.filters,
      audit: {
        programme: query.programme,
        status: query.status,
        village: query.village,
        overdue: resolved.filters.overdue ?? false,
        needsVisit: resolved.filters.needsVisit ?? false,
        search: resolved.search?.search.kind ?? null,
      },
      now,
    });
    return { rows, columns: queueLedgerColumns(t), filename: `${t('cadreQueue.export.filename')}-${cstDate(now)}`, sheet: t('cadreQueue.export.sheet'), householdOf: byHouseholdId };
  },
});
