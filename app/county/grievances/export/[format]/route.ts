// Downloads the grievance ledger of the official's places with the list's filter (the cursor is
// ignored: an export is the whole list), as CSV or .xlsx with Chinese headers: masked on GET,
// heads' names in clear on POST with a reason (server/ledger/route.ts). Audited by the use case
// before the first row is sent.
import { getDb } from '@/db/client';
import { CADRE_GRIEVANCE_FILTERS, type CadreGrievanceFilter } from '@/db/queries/grievances';
import { cstDate } from '@/lib/time';
import { exportGrievances } from '@/server/grievances/export-grievances';
import { byHouseholdId, ledgerRoute } from '@/server/ledger/route';
import { grievanceLedgerColumns } from '../../columns';

export const { GET, POST } = ledgerRoute({
  capability: 'grievance:supervise',
  personalData: true,
  load: async ({ actor, ip, format, reveal, t, searchParams, now }) => {
    const asked = searchParams.get('filter') ?? 'open';
    const filter: CadreGrievanceFilter = (CADRE_GRIEVANCE_FILTERS as readonly string[]).includes(asked) ? (asked as CadreGrievanceFilter) : 'open';
    return {
      rows: await exportGrievances({ db: getDb(), actor, ip, format, filter, reveal }),
      columns: grievanceLedgerColumns(t),
      filename: `${t('countyGrievances.export.filename')}-${cstDate(now)}`,
      sheet: t('countyGrievances.export.sheet'),
      householdOf: byHouseholdId,
    };
  },
});
