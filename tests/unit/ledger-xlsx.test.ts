import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ledgerResponse } from '@/lib/ledger/export';
import { contentDisposition } from '@/lib/ledger/response';
import { writeXlsx } from '@/lib/ledger/xlsx';
import { CLAIM_LEDGER, claim, type Claim } from './ledger-fixtures';

async function workbookOf(rows: Iterable<Claim> | AsyncIterable<Claim>, options: { reveal?: boolean; sheetName?: string } = {}) {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  await writeXlsx(CLAIM_LEDGER, rows, out, options);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return wb;
}

describe('.xlsx ledger', () => {
  it('writes Chinese headers, a frozen header row and an autofilter', async () => {
    const wb = await workbookOf([claim(1)], { sheetName: '救助台账' });
    const sheet = wb.getWorksheet('救助台账');
    expect(sheet).toBeDefined();
    expect(sheet!.getRow(1).values).toEqual([undefined, '申请编号', '姓名', '手机号', '乡镇（街道）', '户数', '金额（元）', '审批日期', '提交时间', '备注']);
    expect(sheet!.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet!.autoFilter).toBe('A1:I1');
  });

  it('keeps numbers as numbers and dates as dates shown in China time', async () => {
    const wb = await workbookOf([claim(1), claim(2, { amount: 2500.5, decidedOn: null })]);
    const row = wb.worksheets[0]!.getRow(2);
    expect(row.getCell(1).value).toBe('ZZ-2023-000001');
    expect(row.getCell(5).value).toBe(1);
    expect(row.getCell(5).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(6).value).toBe(1001);
    expect(row.getCell(6).numFmt).toBe('#,##0.00');
    const day = row.getCell(7).value;
    expect(day).toBeInstanceOf(Date);
    expect((day as Date).toISOString()).toBe('2023-11-21T00:00:00.000Z');
    expect(row.getCell(7).numFmt).toBe('yyyy-mm-dd');
    // Submitted 17:05 UTC = 01:05 on 22 November in China: Excel shows the China wall clock.
    expect((row.getCell(8).value as Date).toISOString()).toBe('2023-11-22T01:05:00.000Z');
    expect(row.getCell(8).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(row.getCell(9).value).toBe('一楼进水，锅炉损坏');
    const second = wb.worksheets[0]!.getRow(3);
    expect(second.getCell(6).value).toBe(2500.5);
    expect(second.getCell(7).value).toBeNull();
  });

  it('masks personal data by default and writes formula-like text as text', async () => {
    const masked = await workbookOf([claim(1, { note: '=HYPERLINK("http://x","y")' })]);
    const row = masked.worksheets[0]!.getRow(2);
    expect(row.getCell(2).value).toBe('张*明');
    expect(row.getCell(3).value).toBe('138****0001');
    expect(row.getCell(9).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(9).value).toBe('=HYPERLINK("http://x","y")');
    const clear = await workbookOf([claim(1)], { reveal: true });
    expect(clear.worksheets[0]!.getRow(2).getCell(2).value).toBe('张三明');
  });

  it('streams rows from an async generator', async () => {
    async function* rows() {
      for (let i = 0; i < 3_000; i++) yield claim(i);
    }
    const wb = await workbookOf(rows());
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(3_001);
    expect(sheet.getRow(3_001).getCell(1).value).toBe('ZZ-2023-002999');
  });
});

describe('.xlsx memory', () => {
  it('hands the sheet on while it writes, instead of piling the XML up in front of the zip', async () => {
    // exceljs ignores backpressure between a sheet and the zip; writeXlsx waits for the zip. If it
    // did not, the compressed output would lag far behind (measured: 12% out at half the rows).
    const total = 60_000;
    let written = 0;
    let atHalf = 0;
    const out = new Writable({
      write(chunk: Buffer, _enc, done) {
        written += chunk.length;
        done();
      },
    });
    async function* rows() {
      for (let i = 0; i < total; i++) {
        if (i === total / 2) atHalf = written;
        yield claim(i);
      }
    }
    await writeXlsx(CLAIM_LEDGER, rows(), out);
    expect(atHalf / written).toBeGreaterThan(0.3);
  }, 60_000);
});

describe('ledger download', () => {
  it('names the file in UTF-8 with an ASCII fallback', () => {
    expect(contentDisposition('救助台账-2023-11-21.csv')).toBe(
      `attachment; filename="2023-11-21.csv"; filename*=UTF-8''%E6%95%91%E5%8A%A9%E5%8F%B0%E8%B4%A6-2023-11-21.csv`,
    );
    expect(contentDisposition('台账.xlsx')).toBe(`attachment; filename="export.xlsx"; filename*=UTF-8''%E5%8F%B0%E8%B4%A6.xlsx`);
    expect(contentDisposition(`a"b'(c).csv`)).toContain(`filename="a_b'(c).csv"; filename*=UTF-8''a%22b%27%28c%29.csv`);
  });

  it('returns a CSV or .xlsx Response that is never cached', async () => {
    const csv = ledgerResponse({ columns: CLAIM_LEDGER, rows: [claim(1)], format: 'csv', filename: '救助台账' });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('cache-control')).toBe('private, no-store');
    expect(csv.headers.get('content-disposition')).toContain(`filename*=UTF-8''%E6%95%91%E5%8A%A9%E5%8F%B0%E8%B4%A6.csv`);
    expect(await csv.text()).toContain('刁窝镇');

    const xlsx = ledgerResponse({ columns: CLAIM_LEDGER, rows: [claim(1), claim(2)], format: 'xlsx', filename: '救助台账' });
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    expect(wb.getWorksheet('救助台账')?.rowCount).toBe(3);
  });
});
