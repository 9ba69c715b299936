// The waiver list's ledger columns, as the company receives them (lib/ledger): Chinese headers,
// the household's address down to the floor, the head's name and phone masked, words instead
// of codes. The page and the file read the same rows; the file numbers them (序号).
import { defineColumns } from '@/lib/ledger/columns';
import type { WaiverExportRow } from '@/server/waivers/export-waiver-list';

type T = (key: string) => string;

export function waiverLedgerColumns(t: T) {
  return defineColumns<WaiverExportRow>([
    { id: 'index', header: 'countyWaivers.export.index', type: 'number', value: (r) => r.index, width: 6 },
    { id: 'place', header: 'countyWaivers.export.place', type: 'text', value: (r) => r.placeName, width: 20 },
    { id: 'address', header: 'countyWaivers.export.address', type: 'text', value: (r) => r.addressDetail, width: 24 },
    { id: 'building', header: 'countyWaivers.export.building', type: 'text', value: (r) => r.building ?? '', width: 8 },
    { id: 'unit', header: 'countyWaivers.export.unit', type: 'text', value: (r) => r.unitNo ?? '', width: 8 },
    { id: 'floor', header: 'countyWaivers.export.floor', type: 'text', value: (r) => (r.floor === null ? '' : String(r.floor)), width: 8 },
    { id: 'head', header: 'countyWaivers.export.head', type: 'text', pii: 'name', value: (r) => r.headName, width: 12 },
    { id: 'phone', header: 'countyWaivers.export.phone', type: 'text', pii: 'phone', value: (r) => r.headPhone, width: 14 },
    { id: 'programme', header: 'countyWaivers.export.programme', type: 'text', value: (r) => t(`programmes.${r.programmeCode}.name`), width: 16 },
    { id: 'reference', header: 'countyWaivers.export.reference', type: 'text', value: (r) => r.reference, width: 18 },
  ]);
}
