// Downloads a waiver list for its company as .xlsx or CSV (lib/ledger, Chinese headers, masked
// name and phone), the same rows every time; audited by the use case before the first row.
// Route handlers do not pass through app/county/layout.tsx: the capability is checked here and
// the county-wide rule in the use case.
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { clientIp } from '@/lib/client-address';
import { AppError } from '@/lib/errors';
import { loose } from '@/lib/i18n/loose';
import { labelColumns } from '@/lib/ledger/columns';
import { ledgerResponse } from '@/lib/ledger/export';
import { can } from '@/lib/permissions';
import { getCurrentUser } from '@/lib/session';
import { exportWaiverList } from '@/server/waivers/export-waiver-list';
import { waiverLedgerColumns } from '../../columns';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function GET(request: Request, { params }: { params: Promise<{ id: string; format: string }> }): Promise<Response> {
  const { id, format } = await params;
  if ((format !== 'csv' && format !== 'xlsx') || !UUID.test(id)) return new Response(null, { status: 404 });
  const user = await getCurrentUser();
  if (!user) return new Response(null, { status: 401 });
  if (!can(user.role, 'waiver:manage')) return new Response(null, { status: 403 });
  try {
    const { list, rows } = await exportWaiverList({ db: getDb(), actor: { id: user.id, role: user.role, placePaths: user.placePaths }, listId: id, format, ip: clientIp(request.headers) });
    // Ledgers are written in Chinese whatever the reader's language: they go to the company.
    const tt = loose(await getTranslations({ locale: 'zh-CN' }));
    const columns = labelColumns(waiverLedgerColumns(tt), tt);
    return ledgerResponse({ columns, rows, format, filename: `${tt('countyWaivers.export.filename')}-${list.reference}`, sheetName: tt('countyWaivers.export.sheet') });
  } catch (err) {
    if (err instanceof AppError && err.kind === 'forbidden') return new Response(null, { status: 403 });
    if (err instanceof AppError && err.kind === 'not_found') return new Response(null, { status: 404 });
    throw err;
  }
}
