// The audit log's ledger columns for its CSV and .xlsx exports (lib/ledger): Chinese headers, the
// person's name as the search gives it (staff by name: they act in office; residents masked),
// the action in words and its code beside it (auditors filter and match by the code, which
// never changes), the record and the details as stored (the record's id, details as compact
// JSON), for a spreadsheet to read back.
import { actionWords } from '@/lib/audit/words';
import { defineColumns } from '@/lib/ledger/columns';
import type { AuditRow } from '@/db/queries/audit-log';
import { ROLES } from '@/lib/domain';

type T = (key: string) => string;

/**
 * A role in words. 'system' is no person's role: the portal acting by itself (a notice period
 * opening, the demo data loading). Anything else unknown stays as written.
 */
export function roleWord(t: T, role: string): string {
  if (role === SYSTEM_ROLE) return t('countyAudit.rows.system');
  return (ROLES as readonly string[]).includes(role) ? t(`roles.${role}`) : role;
}

export const SYSTEM_ROLE = 'system';

export function auditLedgerColumns(t: T) {
  return defineColumns<AuditRow>([
    { id: 'id', header: 'countyAudit.columns.id', type: 'number', value: (r) => r.id, width: 10 },
    { id: 'at', header: 'countyAudit.columns.at', type: 'datetime', value: (r) => r.at, width: 20 },
    { id: 'person', header: 'countyAudit.columns.person', type: 'text', value: (r) => r.actorName ?? '', width: 12 },
    { id: 'role', header: 'countyAudit.columns.role', type: 'text', value: (r) => (r.actorRole ? roleWord(t, r.actorRole) : ''), width: 10 },
    { id: 'action', header: 'countyAudit.columns.action', type: 'text', value: (r) => actionWords(t, r.action), width: 24 },
    { id: 'actionCode', header: 'countyAudit.columns.actionCode', type: 'text', value: (r) => r.action, width: 24 },
    { id: 'entity', header: 'countyAudit.columns.entity', type: 'text', value: (r) => (r.entityId ? `${r.entity}:${r.entityId}` : r.entity), width: 44 },
    { id: 'outcome', header: 'countyAudit.columns.outcome', type: 'text', value: (r) => (r.success ? t('countyAudit.outcome.ok') : t('countyAudit.outcome.refused')), width: 8 },
    { id: 'ip', header: 'countyAudit.columns.ip', type: 'text', value: (r) => r.ip ?? '', width: 16 },
    { id: 'details', header: 'countyAudit.columns.details', type: 'text', value: (r) => (r.details == null ? '' : JSON.stringify(r.details)), width: 60 },
  ]);
}
