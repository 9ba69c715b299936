// The decisions ledger's columns (CSV and .xlsx, lib/ledger): Chinese headers, the head masked,
// what was granted in words (money in yuan, materials in tonnes, units to repair, a fee waived).
import { caseStatusLabel } from '@/lib/case-status';
import { defineColumns } from '@/lib/ledger/columns';
import type { DecisionLedgerRow } from '@/db/queries/decisions-ledger';
import type { Entitlement } from '@/lib/programs';

type T = (key: string, params?: Record<string, string | number>) => string;

function granted(t: T, e: unknown): string {
  const ent = e as Entitlement | null;
  if (!ent) return '';
  switch (ent.kind) {
    case 'cash':
      return t('countyDecisionsLedger.granted.cash', { amount: ent.amountYuan });
    case 'materials':
      return ent.items.map((i) => t('countyDecisionsLedger.granted.materials', { material: t(`materials.${i.material}`), tonnes: i.tonnes })).join('，');
    case 'repair':
      return t('countyDecisionsLedger.granted.repair', { units: ent.units.boilers + ent.units.heatPumps });
    case 'waiver':
      return t('countyDecisionsLedger.granted.waiver');
    default:
      return '';
  }
}

export function decisionLedgerColumns(t: T) {
  return defineColumns<DecisionLedgerRow>([
    { id: 'reference', header: 'countyDecisionsLedger.columns.reference', type: 'text', value: (r) => r.reference, width: 18 },
    { id: 'head', header: 'countyDecisionsLedger.columns.head', type: 'text', pii: 'name', value: (r) => r.headName },
    { id: 'place', header: 'countyDecisionsLedger.columns.place', type: 'text', value: (r) => r.placeName, width: 16 },
    { id: 'programme', header: 'countyDecisionsLedger.columns.programme', type: 'text', value: (r) => t(`programmes.${r.programmeCode}.name`), width: 22 },
    { id: 'status', header: 'countyDecisionsLedger.columns.status', type: 'text', value: (r) => t(`status.${caseStatusLabel(r.status, r.closing)}`), width: 10 },
    { id: 'granted', header: 'countyDecisionsLedger.columns.granted', type: 'text', value: (r) => (r.status === 'rejected' ? '' : granted(t, r.entitlement)), width: 24 },
    { id: 'decidedAt', header: 'countyDecisionsLedger.columns.decidedAt', type: 'datetime', value: (r) => r.decidedAt, width: 18 },
    { id: 'decider', header: 'countyDecisionsLedger.columns.decider', type: 'text', value: (r) => r.deciderName ?? '', width: 10 },
  ]);
}
