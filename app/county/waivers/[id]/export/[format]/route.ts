// Downloads a waiver list for its company as .xlsx or CSV (lib/ledger, Chinese headers), the same
// rows every time: name and phone masked on GET, in clear on POST with a reason
// (server/ledger/route.ts). The county-wide rule and the audit row are the use case's.
import { z } from 'zod';
import { getDb } from '@/db/client';
import { ledgerRoute } from '@/server/ledger/route';
import { exportWaiverList } from '@/server/waivers/export-waiver-list';
import { waiverLedgerColumns } from '../../columns';

export const { GET, POST } = ledgerRoute({
  capability: 'waiver:manage',
  personalData: true,
  validParams: ({ id }: { id: string; format: string }) => z.uuid().safeParse(id).success,
  load: async ({ params, actor, ip, format, reveal, t }) => {
    const { list, rows } = await exportWaiverList({ db: getDb(), actor, listId: params.id, format, ip, reveal });
    return { rows, columns: waiverLedgerColumns(t), filename: `${t('countyWaivers.export.filename')}-${list.reference}`, sheet: t('countyWaivers.export.sheet'), expectedRows: list.itemCount,
      // The company cannot apply a masked row: the use case refuses the clear copy of a list holding a household the official must step aside from.
      householdOf: null,
    };
  },
});
