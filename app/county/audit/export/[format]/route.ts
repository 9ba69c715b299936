// Downloads the audit log as the page's filters choose it (the paging cursor is ignored: an export
// is the whole filtered log), as CSV or .xlsx with Chinese headers, streamed in keyset batches.
// No residents' personal data (staff names and the search's kind only), so nothing to reveal:
// GET only (server/ledger/route.ts). County-wide and audited in the use case.
import { getDb } from '@/db/client';
import { cstDate } from '@/lib/time';
import { exportAuditLog, parseAuditSearch } from '@/server/audit/audit-search';
import { ledgerRoute } from '@/server/ledger/route';
import { auditLedgerColumns } from '../../columns';

export const { GET } = ledgerRoute({
  capability: 'audit:read',
  personalData: false,
  load: async ({ actor, ip, format, t, searchParams, now }) => {
    const { input, errors } = parseAuditSearch(searchParams);
    if (Object.keys(errors).length > 0) return new Response(null, { status: 400 });
    return {
      rows: await exportAuditLog({ db: getDb(), actor, ip, input, format }),
      columns: auditLedgerColumns(t),
      filename: `${t('countyAudit.export.filename')}-${cstDate(now)}`,
      sheet: t('countyAudit.export.sheet'),
      householdOf: null,
    };
  },
});
