// Downloads the grievance ledger of the official's places with the list's filter (the cursor is
// ignored: an export is the whole list), as CSV or .xlsx with Chinese headers. Audited by the use
// case before the first row is sent. Route handlers skip the county layout: checked here.
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { CADRE_GRIEVANCE_FILTERS, type CadreGrievanceFilter } from '@/db/queries/grievances';
import { clientIp } from '@/lib/client-address';
import { loose } from '@/lib/i18n/loose';
import { labelColumns } from '@/lib/ledger/columns';
import { ledgerResponse } from '@/lib/ledger/export';
import { can } from '@/lib/permissions';
import { getCurrentUser } from '@/lib/session';
import { cstDate } from '@/lib/time';
import { exportGrievances } from '@/server/grievances/export-grievances';
import { grievanceLedgerColumns } from '../../columns';

export async function GET(request: Request, { params }: { params: Promise<{ format: string }> }): Promise<Response> {
  const { format } = await params;
  if (format !== 'csv' && format !== 'xlsx') return new Response(null, { status: 404 });
  const user = await getCurrentUser();
  if (!user) return new Response(null, { status: 401 });
  if (!can(user.role, 'grievance:supervise')) return new Response(null, { status: 403 });
  const asked = new URL(request.url).searchParams.get('filter') ?? 'open';
  const filter: CadreGrievanceFilter = (CADRE_GRIEVANCE_FILTERS as readonly string[]).includes(asked) ? (asked as CadreGrievanceFilter) : 'open';
  const rows = await exportGrievances({ db: getDb(), actor: { id: user.id, role: user.role, placePaths: user.placePaths }, ip: clientIp(request.headers), format, filter });
  const t = loose(await getTranslations({ locale: 'zh-CN' }));
  return ledgerResponse({ columns: labelColumns(grievanceLedgerColumns(t), t), rows, format, filename: `${t('countyGrievances.export.filename')}-${cstDate(new Date())}`, sheetName: t('countyGrievances.export.sheet') });
}
