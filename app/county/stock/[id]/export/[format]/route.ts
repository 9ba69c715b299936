// Downloads one distribution point's whole ledger as CSV or .xlsx with Chinese headers, for a
// point inside the official's places (else 404). Audited by the use case before the first row.
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { clientIp } from '@/lib/client-address';
import { loose } from '@/lib/i18n/loose';
import { labelColumns } from '@/lib/ledger/columns';
import { ledgerResponse } from '@/lib/ledger/export';
import { can } from '@/lib/permissions';
import { getCurrentUser } from '@/lib/session';
import { cstDate } from '@/lib/time';
import { exportStockLedger } from '@/server/stock/export-stock-ledger';
import { stockLedgerColumns } from '../../columns';

export async function GET(request: Request, { params }: { params: Promise<{ id: string; format: string }> }): Promise<Response> {
  const { id, format } = await params;
  if ((format !== 'csv' && format !== 'xlsx') || !/^\d{1,9}$/.test(id)) return new Response(null, { status: 404 });
  const user = await getCurrentUser();
  if (!user) return new Response(null, { status: 401 });
  if (!can(user.role, 'stock:manage')) return new Response(null, { status: 403 });
  const found = await exportStockLedger({ db: getDb(), actor: { id: user.id, role: user.role, placePaths: user.placePaths }, ip: clientIp(request.headers), format, pointId: Number(id) });
  if (!found) return new Response(null, { status: 404 });
  const t = loose(await getTranslations({ locale: 'zh-CN' }));
  return ledgerResponse({ columns: labelColumns(stockLedgerColumns(t), t), rows: found.rows, format, filename: `${found.point.name}-${t('countyStock.export.filename')}-${cstDate(new Date())}`, sheetName: t('countyStock.export.sheet') });
}
