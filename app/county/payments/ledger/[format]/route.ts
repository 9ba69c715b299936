// Downloads the payments ledger across batches as CSV or .xlsx with Chinese headers, for
// county-wide officials (checked by the use case, which audits before the first row).
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { clientIp } from '@/lib/client-address';
import { AppError } from '@/lib/errors';
import { loose } from '@/lib/i18n/loose';
import { labelColumns } from '@/lib/ledger/columns';
import { ledgerResponse } from '@/lib/ledger/export';
import { can } from '@/lib/permissions';
import { getCurrentUser } from '@/lib/session';
import { cstDate } from '@/lib/time';
import { exportPayments } from '@/server/payments/export-payments';
import { paymentLedgerColumns } from '../../ledger-columns';

export async function GET(request: Request, { params }: { params: Promise<{ format: string }> }): Promise<Response> {
  const { format } = await params;
  if (format !== 'csv' && format !== 'xlsx') return new Response(null, { status: 404 });
  const user = await getCurrentUser();
  if (!user) return new Response(null, { status: 401 });
  if (!can(user.role, 'payment:manage')) return new Response(null, { status: 403 });
  let rows;
  try {
    rows = await exportPayments({ db: getDb(), actor: { id: user.id, role: user.role, placePaths: user.placePaths }, ip: clientIp(request.headers), format });
  } catch (err) {
    if (err instanceof AppError && err.kind === 'forbidden') return new Response(null, { status: 403 });
    throw err;
  }
  const t = loose(await getTranslations({ locale: 'zh-CN' }));
  return ledgerResponse({ columns: labelColumns(paymentLedgerColumns(t), t), rows, format, filename: `${t('countyPaymentsLedger.filename')}-${cstDate(new Date())}`, sheetName: t('countyPaymentsLedger.sheet') });
}
