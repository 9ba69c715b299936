// The decisions ledger on a phone (issue 11 item 2): the county official downloads it from the
// decisions page as .xlsx; it opens with Chinese headers, the head of each household masked, and
// a decision time and a decider on every row.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { ACCOUNTS, msg, phoneContext, signInAndOpen } from './fixtures';

test('the official downloads the decisions ledger as .xlsx with Chinese headers', async ({ browser, baseURL }) => {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  await signInAndOpen(page, ACCOUNTS.official.phone, '/county/decisions');
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: msg('zh', 'countyDecisionsLedger.xlsx') }).click()]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync((await file.path())!) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  expect((sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual(['申请编号', '户主', '村（社区）', '项目', '当前状态', '批准内容', '决定时间', '决定人']);
  const rows = sheet.getSheetValues().slice(2).map((r) => (r as ExcelJS.CellValue[]).slice(1));
  // The demo county has decided cases (its enrolment run among them).
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) {
    expect(String(r[1])).toMatch(/^[\u4e00-\u9fa5]\*[\u4e00-\u9fa5]*$/);
    expect(r[6]).toBeTruthy();
  }
  await context.close();
});

test('the official downloads the payments ledger as CSV: Chinese headers, names and ID numbers masked', async ({ browser, baseURL }) => {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  await signInAndOpen(page, ACCOUNTS.official.phone, '/county/payments');
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: msg('zh', 'countyPaymentsLedger.csv') }).click()]);
  const lines = readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(lines[0]).toBe('批次,批次状态,送银行日期,申请编号,项目,户主,身份证号,账号,金额（元）,发放结果,退回原因');
  // Other specs make batches on the shared demo database; whatever rows there are, none shows a whole ID number.
  for (const line of lines.slice(1)) expect(line.split(',')[6]).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
  await context.close();
});
