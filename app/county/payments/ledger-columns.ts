// The payments ledger's columns (CSV and .xlsx, lib/ledger): Chinese headers, the head's name and
// ID number masked, the account by its last four digits, words instead of codes.
import { defineColumns } from '@/lib/ledger/columns';
import type { PaymentLedgerExportRow } from '@/server/payments/export-payments';

type T = (key: string) => string;

export function paymentLedgerColumns(t: T) {
  return defineColumns<PaymentLedgerExportRow>([
    { id: 'batch', header: 'countyPaymentsLedger.columns.batch', type: 'text', value: (r) => r.batchReference, width: 20 },
    { id: 'batchStatus', header: 'countyPaymentsLedger.columns.batchStatus', type: 'text', value: (r) => t(`countyPaymentsLedger.batchStatus.${r.batchStatus}`), width: 10 },
    { id: 'sentAt', header: 'countyPaymentsLedger.columns.sentAt', type: 'date', value: (r) => r.sentAt },
    { id: 'reference', header: 'countyPaymentsLedger.columns.reference', type: 'text', value: (r) => r.reference, width: 18 },
    { id: 'programme', header: 'countyPaymentsLedger.columns.programme', type: 'text', value: (r) => t(`programmes.${r.programmeCode}.name`), width: 20 },
    { id: 'head', header: 'countyPaymentsLedger.columns.head', type: 'text', pii: 'name', value: (r) => r.headName },
    { id: 'idNumber', header: 'countyPaymentsLedger.columns.idNumber', type: 'text', pii: 'idNumber', value: (r) => r.headIdNumber, width: 20 },
    { id: 'account', header: 'countyPaymentsLedger.columns.account', type: 'text', value: (r) => (r.accountLast4 ? `****${r.accountLast4}` : ''), width: 10 },
    { id: 'amount', header: 'countyPaymentsLedger.columns.amount', type: 'yuan', value: (r) => r.amountYuan },
    { id: 'status', header: 'countyPaymentsLedger.columns.status', type: 'text', value: (r) => t(`countyPaymentsLedger.itemStatus.${r.status}`), width: 8 },
    { id: 'reason', header: 'countyPaymentsLedger.columns.reason', type: 'text', value: (r) => r.failureReason ?? '', width: 24 },
  ]);
}
