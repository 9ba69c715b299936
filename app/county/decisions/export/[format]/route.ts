// Downloads the decisions ledger of the official's places as CSV or .xlsx with Chinese headers:
// masked on GET, heads' names in clear on POST with a reason (server/ledger/route.ts). Audited by
// the use case before the first row.
import { getDb } from '@/db/client';
import { cstDate } from '@/lib/time';
import { exportDecisions } from '@/server/decisions/export-decisions';
import { byHouseholdId, ledgerRoute } from '@/server/ledger/route';
import { decisionLedgerColumns } from '../../columns';

export const { GET, POST } = ledgerRoute({
  capability: 'application:decide',
  personalData: true,
  load: async ({ actor, ip, format, reveal, t, now }) => ({
    rows: await exportDecisions({ db: getDb(), actor, ip, format, reveal }),
    columns: decisionLedgerColumns(t),
    filename: `${t('countyDecisionsLedger.filename')}-${cstDate(now)}`,
    sheet: t('countyDecisionsLedger.sheet'),
    householdOf: byHouseholdId,
  }),
});
