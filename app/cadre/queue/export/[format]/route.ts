// Downloads exactly the list the queue shows for the same URL parameters (filters and sealed
// search; the cursor is ignored: an export is the whole filtered list), as CSV or .xlsx with
// Chinese headers (docs/decisions/0005). Audited by the use case before the first row is sent.
// Route handlers do not pass through app/cadre/layout.tsx: the capability is checked here.
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { clientIp } from '@/lib/client-address';
import { loose } from '@/lib/i18n/loose';
import { labelColumns } from '@/lib/ledger/columns';
import { ledgerResponse } from '@/lib/ledger/export';
import { can } from '@/lib/permissions';
import { getCurrentUser } from '@/lib/session';
import { cstDate } from '@/lib/time';
import { exportQueue } from '@/server/queue/export-queue';
import { queueLedgerColumns } from '@/server/queue/ledger-columns';
import { parseQueueParams, resolveQueue } from '../../params';

export async function GET(request: Request, { params }: { params: Promise<{ format: string }> }): Promise<Response> {
  const { format } = await params;
  if (format !== 'csv' && format !== 'xlsx') return new Response(null, { status: 404 });
  const user = await getCurrentUser();
  if (!user) return new Response(null, { status: 401 });
  if (!can(user.role, 'application:verify')) return new Response(null, { status: 403 });
  const db = getDb();
  const query = parseQueueParams(new URL(request.url).searchParams);
  const resolved = await resolveQueue({ db, scopePaths: user.placePaths, params: query });
  const now = new Date();
  const rows = await exportQueue({
    db,
    actor: { id: user.id, role: user.role, placePaths: user.placePaths },
    ip: clientIp(request.headers),
    format,
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
  // Ledgers are written in Chinese whatever the reader's language: they go to companies and banks.
  const t = await getTranslations({ locale: 'zh-CN' });
  const tt = loose(t);
  const columns = labelColumns(queueLedgerColumns(tt), tt);
  return ledgerResponse({ columns, rows, format, filename: `${tt('cadreQueue.export.filename')}-${cstDate(now)}`, sheetName: tt('cadreQueue.export.sheet') });
}
