// The bank file of a payment batch as .xlsx (issue 10 item 6), Chinese headers whatever the
// reader's language (it goes to the bank). GET: masked (name, ID, ****1234). POST with a reason:
// the full account numbers and names for an official who may reveal personal data
// (server/ledger/route.ts). The use case checks the county-wide official and audits before the
// first row leaves.
import { z } from 'zod';
import { getDb } from '@/db/client';
import { defineColumns } from '@/lib/ledger/columns';
import { ledgerRoute } from '@/server/ledger/route';
import { exportBankFile, type BankFileRow } from '@/server/payments/export-batch';

type T = (key: string) => string;

function bankFileColumns(t: T) {
  // The rows arrive masked (or revealed) from the use case: no `pii` flag, so nothing re-masks or unmasks them here.
  return defineColumns<BankFileRow>([
    { id: 'n', header: 'countyPayments.export.n', type: 'number', value: (r) => r.n, width: 6 },
    { id: 'name', header: 'countyPayments.export.name', type: 'text', value: (r) => r.name, width: 12 },
    { id: 'idNumber', header: 'countyPayments.export.idNumber', type: 'text', value: (r) => r.idNumber, width: 20 },
    { id: 'kind', header: 'countyPayments.export.kind', type: 'text', value: (r) => (r.kind ? t(`payee.kind.${r.kind}`) : ''), width: 16 },
    { id: 'bank', header: 'countyPayments.export.bank', type: 'text', value: (r) => r.bankName, width: 24 },
    { id: 'account', header: 'countyPayments.export.account', type: 'text', value: (r) => r.account, width: 26 },
    { id: 'amount', header: 'countyPayments.export.amount', type: 'yuan', value: (r) => r.amountYuan, width: 12 },
  ]);
}

export const { GET, POST } = ledgerRoute({
  capability: 'payment:manage',
  personalData: true,
  formats: ['xlsx'],
  validParams: ({ id }: { id: string }) => z.uuid().safeParse(id).success,
  load: async ({ params, actor, ip, format, reveal, t }) => {
    const { batch, revealed, rows } = await exportBankFile({ db: getDb(), actor, batchId: params.id, revealReason: reveal?.reason ?? null, format, ip });
    return {
      rows,
      columns: bankFileColumns(t),
      filename: `${t('countyPayments.export.filename')}-${batch.reference}${revealed ? '' : '-masked'}`,
      sheet: t('countyPayments.export.sheet'),
      expectedRows: batch.itemCount,
      // A bank cannot pay a masked row: the use case refuses the clear copy of a batch that pays a household the official must step aside from.
      householdOf: null,
    };
  },
});
