// The audit log on a phone (issue 11 item 3): a cadre reveals a household's phone number with a
// reason and exports the work queue; the county official finds both in /county/audit by the
// cadre's phone number and the kind of action, downloads the filtered log, and checks the chain.
// The reason carries a random word, so the search finds this run's reveal among any others.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { demoAccount } from '../lib/demo-accounts';
import { ACCOUNTS, expectAccessible, expectNoSideways, fmt, msg, phoneContext, signIn } from './fixtures';

const z = (key: string, params: Record<string, string | number> = {}) => fmt('zh', key, params);

test('a reveal and an export by a cadre are found in the audit log, which exports and verifies its chain', async ({ browser, baseURL }) => {
  const reason = `联系核实${randomBytes(3).toString('hex')}`;

  // The cadre reveals the phone of the first household of their list, then exports the queue.
  const cadreContext = await phoneContext(browser, baseURL);
  const cadre = await cadreContext.newPage();
  await signIn(cadre, ACCOUNTS.cadre.phone);
  await cadre.goto('/cadre/households');
  await cadre.locator('[data-household-card]').first().getByRole('link').click();
  await cadre.waitForURL(/\/cadre\/households\/[0-9a-f-]{36}$/);
  const field = msg('zh', 'cadreHouseholds.reveal.field.phone');
  const reveal = cadre.locator('details').filter({ has: cadre.getByText(z('cadreHouseholds.reveal.open', { field }), { exact: true }) });
  await reveal.getByText(z('cadreHouseholds.reveal.open', { field }), { exact: true }).first().click();
  await reveal.getByLabel(z('cadreHouseholds.reveal.reason'), { exact: true }).fill(reason);
  await reveal.getByRole('button', { name: z('cadreHouseholds.reveal.submit', { field }) }).click();
  await expect(cadre.locator('[data-revealed="phone"]')).toBeVisible();
  await cadre.goto('/cadre/queue');
  const [queueFile] = await Promise.all([cadre.waitForEvent('download'), cadre.getByRole('link', { name: msg('zh', 'cadreQueue.export.csv') }).click()]);
  expect(queueFile.suggestedFilename()).toMatch(/\.csv$/);
  await cadreContext.close();

  // The official searches the log by the cadre's phone number and "personal data revealed".
  const officialContext = await phoneContext(browser, baseURL);
  const page = await officialContext.newPage();
  await signIn(page, ACCOUNTS.official.phone);
  await page.goto('/county');
  await page.getByRole('navigation', { name: msg('zh', 'countyNav.label') }).getByRole('link', { name: msg('zh', 'countyNav.audit') }).click();
  await expect(page.getByRole('heading', { level: 1, name: msg('zh', 'countyAudit.title') })).toBeVisible();
  await page.getByLabel(msg('zh', 'countyAudit.filters.person'), { exact: true }).fill(ACCOUNTS.cadre.phone);
  await page.getByLabel(msg('zh', 'countyAudit.filters.family'), { exact: true }).selectOption({ label: msg('zh', 'countyAudit.families.pii') });
  await page.getByRole('button', { name: msg('zh', 'countyAudit.filters.submit'), exact: true }).click();
  await page.waitForURL((u) => u.searchParams.has('person'));
  // The phone number is in no URL: the form posts, the log gets a sealed token.
  expect(page.url()).not.toContain(ACCOUNTS.cadre.phone);
  const revealRow = page.getByTestId('audit-row').filter({ hasText: reason });
  await expect(revealRow).toHaveCount(1);
  await expect(revealRow).toContainText('pii.reveal');
  const revealId = Number(/#(\d+)/.exec((await revealRow.textContent()) ?? '')?.[1]);
  expect(revealId).toBeGreaterThan(0);
  await expectNoSideways(page);
  await expectAccessible(page, '/county/audit');

  // The same person's exports: the queue export made after the reveal is there (the person filter is kept).
  await page.getByLabel(msg('zh', 'countyAudit.filters.family'), { exact: true }).selectOption({ label: msg('zh', 'countyAudit.families.export') });
  await page.getByRole('button', { name: msg('zh', 'countyAudit.filters.submit'), exact: true }).click();
  await page.waitForURL((u) => u.searchParams.get('family') === 'export.');
  const exportRows = page.getByTestId('audit-row').filter({ hasText: 'export.queue' });
  await expect(exportRows.first()).toBeVisible();
  const newestExportId = Number(/#(\d+)/.exec((await exportRows.first().textContent()) ?? '')?.[1]);
  expect(newestExportId).toBeGreaterThan(revealId);

  // The filtered log downloads as .xlsx with Chinese headers and only this person's exports.
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: msg('zh', 'countyAudit.export.xlsx') }).click()]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync((await file.path())!) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1);
  expect(header).toEqual(['序号', '时间', '操作人', '身份', '操作', '对象', '结果', 'IP 地址', '详情']);
  const actions = sheet.getSheetValues().slice(2).map((r) => String((r as ExcelJS.CellValue[])[5]));
  expect(actions.length).toBeGreaterThan(0);
  expect(actions.every((a) => a.startsWith('export.'))).toBe(true);
  const people = sheet.getSheetValues().slice(2).map((r) => String((r as ExcelJS.CellValue[])[3]));
  expect(new Set(people)).toEqual(new Set([demoAccount('cadre').name]));

  // The chain check: the demo database's log is intact.
  await page.getByRole('button', { name: msg('zh', 'countyAudit.verify.submit'), exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: msg('zh', 'countyAudit.verify.intact') })).toBeVisible();
  await officialContext.close();
});
