// Downloads the repair ledger of the cadre's places as CSV or .xlsx with Chinese headers, for the
// repair teams: masked on GET, heads' names in clear on POST with a reason (server/ledger/route.ts).
// Audited by the use case before the first row.
import { getDb } from '@/db/client';
import { cstDate } from '@/lib/time';
import { exportWorkOrders } from '@/server/handouts/export-work-orders';
import { byHouseholdId, ledgerRoute } from '@/server/ledger/route';
import { workOrderLedgerColumns } from '../../work-order-columns';

export const { GET, POST } = ledgerRoute({
  capability: 'fulfilment:record',
  personalData: true,
  load: async ({ actor, ip, format, reveal, t, now }) => ({
    rows: await exportWorkOrders({ db: getDb(), actor, ip, format, reveal }),
    columns: workOrderLedgerColumns(t),
    filename: `${t('cadreHandouts.export.filename')}-${cstDate(now)}`,
    sheet: t('cadreHandouts.export.sheet'),
    householdOf: byHouseholdId,
  }),
});
