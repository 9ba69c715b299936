// Downloads the audit log as the page's filters choose it (the paging cursor is ignored: an export
// is the whole filtered log), as CSV or .xlsx with Chinese headers, streamed in keyset batches.
// Audited by the use case before the first row is sent. Route handlers do not pass through the
// county layout: the role and capability are checked here, county-wide in the use case.
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
import { exportAuditLog, parseAuditSearch } from '@/server/audit/audit-search';
import { auditLedgerColumns } from '../../columns';

export async function GET(request: Request, { params }: { params: Promise<{ format: string }> }): Promise<Response> {
  const { format } = await params;
  if (format !== 'csv' && format !== 'xlsx') return new Response(null, { status: 404 });
  const user = await getCurrentUser();
  if (!user) return new Response(null, { status: 401 });
  if (!can(user.role, 'audit:read')) return new Response(null, { status: 403 });
  const { input, errors } = parseAuditSearch(new URL(request.url).searchParams);
  if (Object.keys(errors).length > 0) return new Response(null, { status: 400 });
  const db = getDb();
  let rows;
  try {
    rows = await exportAuditLog({ db, actor: { id: user.id, role: user.role, placePaths: user.placePaths }, ip: clientIp(request.headers), input, format });
  } catch (err) {
    if (err instanceof AppError && err.kind === 'forbidden') return new Response(null, { status: 403 });
    throw err;
  }
  const t = loose(await getTranslations({ locale: 'zh-CN' }));
  return ledgerResponse({ columns: labelColumns(auditLedgerColumns(t), t), rows, format, filename: `${t('countyAudit.export.filename')}-${cstDate(new Date())}`, sheetName: t('countyAudit.export.sheet') });
}
