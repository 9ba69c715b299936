// Downloads the payments ledger across batches as CSV or .xlsx with Chinese headers, for
// county-wide officials (checked by the use case, which audits before the first row): heads and ID
// numbers masked on GET, in clear on POST with a reason (server/ledger/route.ts).
import { getDb } from '@/db/client';
import { cstDate } from '@/lib/time';
import { byHouseholdId, ledgerRoute } from '@/server/ledger/route';
import { exportPayments } from '@/server/payments/export-payments';
import { paymentLedgerColumns } from '../../ledger-columns';

export const { GET, POST } = ledgerRoute({
  capability: 'payment:manage',
  personalData: true,
  load: async ({ actor, ip, format, reveal, t, now }) => ({
    rows: await exportPayments({ db: getDb(), actor, ip, format, reveal }),
    columns: paymentLedgerColumns(t),
    filename: `${t('countyPaymentsLedger.filename')}-${cstDate(now)}`,
    sheet: t('countyPaymentsLedger.sheet'),
    householdOf: byHouseholdId,
  }),
});
