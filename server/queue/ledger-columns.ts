// The applications ledger's (台账) columns, for the CSV and .xlsx exports of the cadre's work queue
// and of the cases behind an official's dashboard figure (lib/ledger): Chinese headers, masked
// name and phone, words instead of codes, so the file can be handed on as it is.
import { caseStatusLabel } from '@/lib/case-status';
import { defineColumns } from '@/lib/ledger/columns';
import type { QueueExportRow } from '@/server/queue/export-queue';

type T = (key: string) => string;

export function queueLedgerColumns(t: T) {
  return defineColumns<QueueExportRow>([
    { id: 'reference', header: 'cadreQueue.export.reference', type: 'text', value: (r) => r.reference, width: 18 },
    { id: 'head', header: 'cadreQueue.export.head', type: 'text', pii: 'name', value: (r) => r.headName },
    { id: 'phone', header: 'cadreQueue.export.phone', type: 'text', pii: 'phone', value: (r) => r.headPhone, width: 14 },
    { id: 'place', header: 'cadreQueue.export.place', type: 'text', value: (r) => r.placeName, width: 20 },
    { id: 'programme', header: 'cadreQueue.export.programme', type: 'text', value: (r) => t(`programmes.${r.programmeCode}.name`), width: 24 },
    // The word the queue's badge shows: an expired voucher or a repair closed with nothing repaired says so.
    { id: 'status', header: 'cadreQueue.export.status', type: 'text', value: (r) => t(`status.${caseStatusLabel(r.status, r.closing)}`) },
    { id: 'submitted', header: 'cadreQueue.export.submitted', type: 'date', value: (r) => r.submittedAt },
    { id: 'overdue', header: 'cadreQueue.export.overdue', type: 'text', value: (r) => (r.overdue ? t('cadreQueue.export.yes') : t('cadreQueue.export.no')) },
  ]);
}
