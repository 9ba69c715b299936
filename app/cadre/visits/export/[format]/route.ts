// Downloads the visits ledger of the cadre's places as CSV or .xlsx with Chinese headers: masked
// on GET, heads' names in clear on POST with a reason (server/ledger/route.ts). Audited by the use
// case before the first row.
import { getDb } from '@/db/client';
import { cstDate } from '@/lib/time';
import { byHouseholdId, ledgerRoute } from '@/server/ledger/route';
import { exportVisits } from '@/server/visits/export-visits';
import { visitLedgerColumns } from '../../columns';

export const { GET, POST } = ledgerRoute({
  capability: 'visit:record',
  personalData: true,
  load: async ({ actor, ip, format, reveal, t, now }) => ({
    rows: await exportVisits({ db: getDb(), actor, ip, format, reveal }),
    columns: visitLedgerColumns(),
    filename: `${t('cadreVisits.export.filename')}-${cstDate(now)}`,
    sheet: t('cadreVisits.export.sheet'),
    householdOf: byHouseholdId,
  }),
});
