// A small ledger used by the ledger, export and data-table tests: one column of each type and
// two personal-data columns.
import { defineColumns, labelColumns } from '@/lib/ledger/columns';

export interface Claim {
  ref: string;
  name: string;
  phone: string;
  town: string;
  households: number;
  amount: number;
  decidedOn: string | null;
  submittedAt: Date;
  note: string;
}

export const CLAIM_COLUMNS = defineColumns<Claim, `ledger.${string}`>([
  { id: 'ref', header: 'ledger.ref', type: 'text', value: (r) => r.ref, sortable: true },
  { id: 'name', header: 'ledger.name', type: 'text', value: (r) => r.name, pii: 'name' },
  { id: 'phone', header: 'ledger.phone', type: 'text', value: (r) => r.phone, pii: 'phone' },
  { id: 'town', header: 'ledger.town', type: 'text', value: (r) => r.town },
  { id: 'households', header: 'ledger.households', type: 'number', value: (r) => r.households },
  { id: 'amount', header: 'ledger.amount', type: 'yuan', value: (r) => r.amount, sortable: true },
  { id: 'decidedOn', header: 'ledger.decidedOn', type: 'date', value: (r) => r.decidedOn },
  { id: 'submittedAt', header: 'ledger.submittedAt', type: 'datetime', value: (r) => r.submittedAt, sortable: true },
  { id: 'note', header: 'ledger.note', type: 'text', value: (r) => r.note },
]);

const ZH: Record<string, string> = {
  'ledger.ref': '申请编号',
  'ledger.name': '姓名',
  'ledger.phone': '手机号',
  'ledger.town': '乡镇（街道）',
  'ledger.households': '户数',
  'ledger.amount': '金额（元）',
  'ledger.decidedOn': '审批日期',
  'ledger.submittedAt': '提交时间',
  'ledger.note': '备注',
};

export const zh = (key: string) => ZH[key] ?? key;
export const CLAIM_LEDGER = labelColumns(CLAIM_COLUMNS, zh);

export function claim(i: number, over: Partial<Claim> = {}): Claim {
  return {
    ref: `ZZ-2023-${String(i).padStart(6, '0')}`,
    name: '张三明',
    phone: '13800000001',
    town: '刁窝镇',
    households: 1,
    amount: 1000 + i,
    decidedOn: '2023-11-21',
    // 17:05 UTC is 01:05 the next day in China.
    submittedAt: new Date(Date.UTC(2023, 10, 21, 17, 5)),
    note: '一楼进水，锅炉损坏',
    ...over,
  };
}
