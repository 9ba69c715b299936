// Downloads the decisions ledger of the official's places as CSV or .xlsx with Chinese headers.
// Audited by the use case before the first row. Route handlers skip the county layout: checked here.
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { clientIp } from '@/lib/client-address';
import { loose } from '@/lib/i18n/loose';
import { labelColumns } from '@/lib/ledger/columns';
import { ledgerResponse } from '@/lib/ledger/export';
import { can } from '@/lib/permissions';
import { getCurrentUser } from '@/lib/session';
import { cstDate } from '@/lib/time';
import { exportDecisions } from '@/server/decisions/export-decisions';
import { decisionLedgerColumns } from '../../columns';

export async function GET(request: Request, { params }: { params: Promise<{ format: string }> }): Promise<Response> {
  const { format } = await params;
  if (format !== 'csv' && format !== 'xlsx') return new Response(null, { status: 404 });
  const user = await getCurrentUser();
  if (!user) return new Response(null, { status: 401 });
  if (!can(user.role, 'application:decide')) return new Response(null, { status: 403 });
  const rows = await exportDecisions({ db: getDb(), actor: { id: user.id, role: user.role, placePaths: user.placePaths }, ip: clientIp(request.headers), format });
  const t = loose(await getTranslations({ locale: 'zh-CN' }));
  return ledgerResponse({ columns: labelColumns(decisionLedgerColumns(t), t), rows, format, filename: `${t('countyDecisionsLedger.filename')}-${cstDate(new Date())}`, sheetName: t('countyDecisionsLedger.sheet') });
}
