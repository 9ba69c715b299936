// The bank file of a payment batch as .xlsx (issue 10 item 6), Chinese headers whatever the
// reader's language (it goes to the bank). GET: masked (name, ID, ****1234). POST with a reason:
// the full account numbers and names for an official who may reveal personal data. The use case
// checks the county-wide official and audits before the first row leaves. Route handlers do not
// pass through app/county/layout.tsx: the capability is checked here.
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { clientIp } from '@/lib/client-address';
import { AppError } from '@/lib/errors';
import { loose } from '@/lib/i18n/loose';
import { defineColumns, labelColumns } from '@/lib/ledger/columns';
import { ledgerResponse } from '@/lib/ledger/export';
import { can } from '@/lib/permissions';
import { getCurrentUser } from '@/lib/session';
import { exportBankFile, type BankFileRow } from '@/server/payments/export-batch';

type T = (key: string) => string;

function bankFileColumns(t: T) {
  // The rows arrive masked (or revealed) from the use case: no `pii` flag, so nothing re-masks or unmasks them here.
  return defineColumns<BankFileRow>([
    { id: 'n', header: 'countyPayments.export.n', type: 'number', value: (r) => r.n, width: 6 },
    { id: 'name', header: 'countyPayments.export.name', type: 'text', value: (r) => r.name, width: 12 },
    { id: 'idNumber', header: 'countyPayments.export.idNumber', type: 'text', value: (r) => r.idNumber, width: 20 },
    { id: 'kind', header: 'countyPayments.export.kind', type: 'text', value: (r) => (r.kind ? t(`payee.kind.${r.kind}`) : ''), width: 16 },
    { id: 'bank', header: 'countyPayments.export.bank', type: 'text', value: (r) => r.bankName, width: 24 },
    { id: 'account', header: 'countyPayments.export.account', type: 'text', value: (r) => r.account, width: 26 },
    { id: 'amount', header: 'countyPayments.export.amount', type: 'yuan', value: (r) => r.amountYuan, width: 12 },
  ]);
}

async function download(request: Request, id: string, revealReason: string | null): Promise<Response> {
  if (!z.uuid().safeParse(id).success) return new Response(null, { status: 404 });
  const user = await getCurrentUser();
  if (!user) return new Response(null, { status: 401 });
  if (!can(user.role, 'payment:manage')) return new Response(null, { status: 403 });
  try {
    const { batch, revealed, rows } = await exportBankFile({ db: getDb(), actor: user, batchId: id, revealReason, format: 'xlsx', ip: clientIp(request.headers) });
    const t = await getTranslations({ locale: 'zh-CN' });
    const tt = loose(t);
    const columns = labelColumns(bankFileColumns(tt), tt);
    return ledgerResponse({ columns, rows, format: 'xlsx', filename: `${tt('countyPayments.export.filename')}-${batch.reference}${revealed ? '' : '-masked'}`, sheetName: tt('countyPayments.export.sheet') });
  } catch (err) {
    if (err instanceof AppError) return new Response(null, { status: err.kind === 'forbidden' ? 403 : err.kind === 'not_found' ? 404 : 400 });
    throw err;
  }
}

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return download(request, id, null);
}

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const form = await request.formData().catch(() => null);
  const reason = form?.get('reason');
  if (typeof reason !== 'string' || reason.trim() === '') return new Response(null, { status: 400 });
  return download(request, id, reason);
}
