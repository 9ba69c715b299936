// Downloads the cases behind a dashboard figure (a place inside the official's places, optionally
// one programme and one status) as CSV or .xlsx with Chinese headers: the applications ledger an
// official hands on. Masked on GET, names and phones in clear on POST with a reason
// (server/ledger/route.ts). Audited by the use case (server/queue/export-queue.ts) before the first row.
import { getDb } from '@/db/client';
import { APPLICATION_STATUSES, PROGRAMME_CODES, type ApplicationStatus, type ProgrammeCode } from '@/lib/domain';
import { cstDate } from '@/lib/time';
import { dashboardPlace } from '@/server/dashboard/dashboard-place';
import { byHouseholdId, ledgerRoute } from '@/server/ledger/route';
import { exportQueue } from '@/server/queue/export-queue';
import { queueLedgerColumns } from '@/server/queue/ledger-columns';

export const { GET, POST } = ledgerRoute({
  capability: 'dashboard:county',
  personalData: true,
  load: async ({ actor, ip, format, reveal, t, searchParams: q, now }) => {
    const db = getDb();
    const place = await dashboardPlace({ db, placePaths: actor.placePaths, asked: q.get('place') ?? '' });
    if (!place) return new Response(null, { status: 404 });
    const programme = (PROGRAMME_CODES as readonly string[]).includes(q.get('programme') ?? '') ? (q.get('programme') as ProgrammeCode) : undefined;
    const status = (APPLICATION_STATUSES as readonly string[]).includes(q.get('status') ?? '') ? (q.get('status') as ApplicationStatus) : undefined;
    const rows = await exportQueue({
      db,
      actor,
      ip,
      format,
      reveal,
      filters: { programme, status, villagePath: place.path, overdue: q.get('overdue') === '1' },
      audit: { programme, status, village: place.id, overdue: q.get('overdue') === '1', needsVisit: false, search: null },
    });
    return { rows, columns: queueLedgerColumns(t), filename: `${place.name}-${t('cadreQueue.export.filename')}-${cstDate(now)}`, sheet: t('cadreQueue.export.sheet'), householdOf: byHouseholdId };
  },
});
