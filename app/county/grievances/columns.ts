// The grievance ledger's columns (CSV and .xlsx, lib/ledger): Chinese headers, the household's
// head masked, words instead of codes, so the file can be handed on as it is.
import { defineColumns } from '@/lib/ledger/columns';

type T = (key: string) => string;

export interface GrievanceLedgerRow {
  reference: string;
  category: string;
  status: string;
  placeName: string;
  description: string;
  createdAt: Date;
  respondBy: Date;
  resolveBy: Date;
  overdue: unknown;
  escalatedAt: Date | null;
  rating: number | null;
  householdHeadName: string | null;
}

export function grievanceLedgerColumns(t: T) {
  return defineColumns<GrievanceLedgerRow>([
    { id: 'reference', header: 'countyGrievances.export.reference', type: 'text', value: (r) => r.reference, width: 18 },
    { id: 'category', header: 'countyGrievances.export.category', type: 'text', value: (r) => t(`grievances.category.${r.category}`), width: 14 },
    { id: 'place', header: 'countyGrievances.export.place', type: 'text', value: (r) => r.placeName, width: 18 },
    { id: 'head', header: 'countyGrievances.export.head', type: 'text', pii: 'name', value: (r) => r.householdHeadName },
    { id: 'description', header: 'countyGrievances.export.description', type: 'text', value: (r) => r.description, width: 40 },
    { id: 'status', header: 'countyGrievances.export.status', type: 'text', value: (r) => t(`cadreGrievances.status.${r.status}`) },
    { id: 'filed', header: 'countyGrievances.export.filed', type: 'datetime', value: (r) => r.createdAt, width: 18 },
    { id: 'respondBy', header: 'countyGrievances.export.respondBy', type: 'datetime', value: (r) => r.respondBy, width: 18 },
    { id: 'resolveBy', header: 'countyGrievances.export.resolveBy', type: 'datetime', value: (r) => r.resolveBy, width: 18 },
    { id: 'overdue', header: 'countyGrievances.export.overdue', type: 'text', value: (r) => (r.overdue ? t('countyGrievances.export.yes') : t('countyGrievances.export.no')) },
    { id: 'escalated', header: 'countyGrievances.export.escalated', type: 'text', value: (r) => (r.escalatedAt ? t('countyGrievances.export.yes') : t('countyGrievances.export.no')) },
    { id: 'rating', header: 'countyGrievances.export.rating', type: 'number', value: (r) => r.rating },
  ]);
}
