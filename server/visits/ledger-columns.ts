// The visits ledger's columns (CSV and .xlsx, lib/ledger), shared by the cadres' and the
// officials' ledgers and the officials' list on screen: the head masked, headers by message key
// (Chinese in files). On an English screen the place is named in English. On a screen (`round`
// given) the day is a date as people write it (the table formats a `date` column: 2026年12月1日 /
// 1 Dec 2026) and the round reads 第2轮 / Round 2; files keep `2026-12-01` and a bare number.
import { defineColumns } from '@/lib/ledger/columns';
import type { VisitLedgerRow } from '@/db/queries/visits';

export function visitLedgerColumns({ english = false, round }: { english?: boolean; round?: (n: number) => string } = {}) {
  return defineColumns<VisitLedgerRow>([
    round
      ? { id: 'visitedOn', header: 'cadreVisits.export.visitedOn', type: 'date', value: (r) => r.visitedOn, width: 12 }
      : { id: 'visitedOn', header: 'cadreVisits.export.visitedOn', type: 'text', value: (r) => r.visitedOn, width: 12 },
    round
      ? { id: 'round', header: 'cadreVisits.export.round', type: 'text', value: (r) => round(r.round), width: 6 }
      : { id: 'round', header: 'cadreVisits.export.round', type: 'number', value: (r) => r.round, width: 6 },
    { id: 'head', header: 'cadreVisits.export.head', type: 'text', pii: 'name', value: (r) => r.headName },
    { id: 'place', header: 'cadreVisits.export.place', type: 'text', value: (r) => (english ? r.placeNameEn : r.placeName), width: 16 },
    { id: 'cadre', header: 'cadreVisits.export.cadre', type: 'text', value: (r) => r.cadreName, width: 10 },
    { id: 'findings', header: 'cadreVisits.export.findings', type: 'text', value: (r) => r.findings, width: 40 },
    { id: 'needs', header: 'cadreVisits.export.needs', type: 'text', value: (r) => r.needs, width: 30 },
  ]);
}
