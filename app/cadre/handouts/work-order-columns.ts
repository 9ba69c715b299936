// The repair ledger's columns (CSV and .xlsx, lib/ledger): Chinese headers, the head masked,
// words instead of codes.
import { defineColumns } from '@/lib/ledger/columns';
import type { WorkOrderLedgerRow } from '@/db/queries/handouts';

type T = (key: string) => string;

export function workOrderLedgerColumns(t: T) {
  return defineColumns<WorkOrderLedgerRow>([
    { id: 'reference', header: 'cadreHandouts.export.reference', type: 'text', value: (r) => r.reference, width: 18 },
    { id: 'head', header: 'cadreHandouts.export.head', type: 'text', pii: 'name', value: (r) => r.headName },
    { id: 'place', header: 'cadreHandouts.export.place', type: 'text', value: (r) => r.placeName, width: 16 },
    { id: 'appliance', header: 'cadreHandouts.export.appliance', type: 'text', value: (r) => t(`cadreHandouts.export.appliances.${r.appliance}`), width: 12 },
    { id: 'unit', header: 'cadreHandouts.export.unit', type: 'number', value: (r) => r.unitNo, width: 6 },
    { id: 'status', header: 'cadreHandouts.export.status', type: 'text', value: (r) => t(`cadreHandouts.export.statuses.${r.impossibleReason ? 'impossible' : r.status}`), width: 10 },
    { id: 'scheduled', header: 'cadreHandouts.export.scheduled', type: 'date', value: (r) => r.scheduledFor },
    { id: 'closed', header: 'cadreHandouts.export.closed', type: 'date', value: (r) => r.closedAt },
    { id: 'reason', header: 'cadreHandouts.export.reason', type: 'text', value: (r) => r.impossibleReason ?? r.note ?? '', width: 30 },
  ]);
}
