// Downloads the cases behind a dashboard figure (a place inside the official's places, optionally
// one programme and one status) as CSV or .xlsx with Chinese headers: the applications ledger an
// official hands on. Audited by the use case (server/queue/export-queue.ts) before the first row.
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { APPLICATION_STATUSES, PROGRAMME_CODES, type ApplicationStatus, type ProgrammeCode } from '@/lib/domain';
import { clientIp } from '@/lib/client-address';
import { loose } from '@/lib/i18n/loose';
import { labelColumns } from '@/lib/ledger/columns';
import { ledgerResponse } from '@/lib/ledger/export';
import { can } from '@/lib/permissions';
import { getCurrentUser } from '@/lib/session';
import { cstDate } from '@/lib/time';
import { dashboardPlace } from '@/server/dashboard/dashboard-place';
import { exportQueue } from '@/server/queue/export-queue';
import { queueLedgerColumns } from '@/server/queue/ledger-columns';

export async function GET(request: Request, { params }: { params: Promise<{ format: string }> }): Promise<Response> {
  const { format } = await params;
  if (format !== 'csv' && format !== 'xlsx') return new Response(null, { status: 404 });
  const user = await getCurrentUser();
  if (!user) return new Response(null, { status: 401 });
  if (!can(user.role, 'dashboard:county')) return new Response(null, { status: 403 });
  const q = new URL(request.url).searchParams;
  const db = getDb();
  const place = await dashboardPlace({ db, placePaths: user.placePaths, asked: q.get('place') ?? '' });
  if (!place) return new Response(null, { status: 404 });
  const programme = (PROGRAMME_CODES as readonly string[]).includes(q.get('programme') ?? '') ? (q.get('programme') as ProgrammeCode) : undefined;
  const status = (APPLICATION_STATUSES as readonly string[]).includes(q.get('status') ?? '') ? (q.get('status') as ApplicationStatus) : undefined;
  const rows = await exportQueue({
    db,
    actor: { id: user.id, role: user.role, placePaths: user.placePaths },
    ip: clientIp(request.headers),
    format,
    filters: { programme, status, villagePath: place.path, overdue: q.get('overdue') === '1' },
    audit: { programme, status, village: place.id, overdue: q.get('overdue') === '1', needsVisit: false, search: null },
  });
  const t = loose(await getTranslations({ locale: 'zh-CN' }));
  return ledgerResponse({ columns: labelColumns(queueLedgerColumns(t), t), rows, format, filename: `${place.name}-${t('cadreQueue.export.filename')}-${cstDate(new Date())}`, sheetName: t('cadreQueue.export.sheet') });
}
