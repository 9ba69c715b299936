// A point's ledger columns (CSV and .xlsx, lib/ledger): Chinese headers, tonnes with three
// decimals, words instead of codes.
import { defineColumns } from '@/lib/ledger/columns';
import type { LedgerRow } from '@/db/queries/stock';

type T = (key: string) => string;

export function stockLedgerColumns(t: T) {
  const tonnes = (kg: number) => Math.round(kg) / 1000;
  return defineColumns<LedgerRow>([
    { id: 'id', header: 'countyStock.export.id', type: 'number', value: (r) => r.id, width: 10 },
    { id: 'at', header: 'countyStock.export.at', type: 'datetime', value: (r) => r.at, width: 18 },
    { id: 'material', header: 'countyStock.export.material', type: 'text', value: (r) => t(`countyStock.material.${r.material}`), width: 8 },
    { id: 'kind', header: 'countyStock.export.kind', type: 'text', value: (r) => t(`countyStock.kind.${r.kind}`), width: 10 },
    { id: 'onHand', header: 'countyStock.export.onHand', type: 'number', value: (r) => tonnes(r.onHandDeltaKg), width: 12 },
    { id: 'available', header: 'countyStock.export.available', type: 'number', value: (r) => tonnes(r.availableDeltaKg), width: 12 },
    { id: 'reference', header: 'countyStock.export.reference', type: 'text', value: (r) => r.reference ?? '', width: 18 },
    { id: 'who', header: 'countyStock.export.who', type: 'text', value: (r) => r.actorName ?? '', width: 10 },
    { id: 'note', header: 'countyStock.export.note', type: 'text', value: (r) => r.note ?? '', width: 30 },
  ]);
}
