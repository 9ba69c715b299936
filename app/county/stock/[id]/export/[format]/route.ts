// Downloads one distribution point's whole ledger as CSV or .xlsx with Chinese headers, for a
// point inside the official's places (else 404). Movements and staff names only, no residents'
// personal data: GET only (server/ledger/route.ts). Audited by the use case before the first row.
import { getDb } from '@/db/client';
import { cstDate } from '@/lib/time';
import { ledgerRoute } from '@/server/ledger/route';
import { exportStockLedger } from '@/server/stock/export-stock-ledger';
import { stockLedgerColumns } from '../../columns';

export const { GET } = ledgerRoute({
  capability: 'stock:manage',
  personalData: false,
  validParams: ({ id }: { id: string; format: string }) => /^\d{1,9}$/.test(id),
  load: async ({ params, actor, ip, format, t, now }) => {
    const found = await exportStockLedger({ db: getDb(), actor, ip, format, pointId: Number(params.id) });
    if (!found) return new Response(null, { status: 404 });
    return { rows: found.rows, columns: stockLedgerColumns(t), filename: `${found.point.name}-${t('countyStock.export.filename')}-${cstDate(now)}`, sheet: t('countyStock.export.sheet'), householdOf: null };
  },
});
