// Grievances for officials on a phone (issue 11 item 4): a resident of 东冯村 reports a heating
// problem; the county official finds the list with overdue ones first, opens the grievance,
// escalates it (督办) — refused beside the field without a note — and hands it to 万全庄村; the
// cadre of 刁窝镇 sees the grievance now at 万全庄村 with the county's note on it.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { ACCOUNTS, diaowoHouse, expectAccessible, expectNoSideways, fmt, freshResident, msg, phoneContext, signInAndOpen } from './fixtures';

const z = (key: string, params: Record<string, string | number> = {}) => fmt('zh', key, params);

test('an official escalates a grievance and hands it to another village; the cadre sees both', async ({ browser, baseURL }) => {
  test.slow(); // a resident registers and files first
  const resident = await freshResident(browser, baseURL, diaowoHouse('东冯村'));
  const page = resident.page;
  await page.goto('/resident/grievances/new');
  await page.getByRole('radio', { name: z('grievances.category.heating') }).check();
  const description = `暖气片一直不热，室温只有13度（${randomBytes(3).toString('hex')}）`;
  await page.getByLabel(z('grievances.form.description')).fill(description);
  await page.getByRole('button', { name: z('grievances.form.submit') }).click();
  await page.waitForURL(/\/resident\/grievances\/[0-9a-f-]{36}\?filed=1$/);
  const id = /grievances\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  await resident.context.close();

  const officialContext = await phoneContext(browser, baseURL);
  const official = await officialContext.newPage();
  await signInAndOpen(official, ACCOUNTS.official.phone, '/county');
  await official.getByRole('navigation', { name: msg('zh', 'countyNav.label') }).getByRole('link', { name: msg('zh', 'countyNav.grievances') }).click();
  await expect(official.getByRole('heading', { level: 1, name: z('countyGrievances.title') })).toBeVisible();
  // Overdue ones first: once a card is not overdue, no later card is.
  const flags = await official.getByRole('list', { name: z('countyGrievances.listLabel') }).getByRole('listitem').evaluateAll((items) => items.map((i) => i.getAttribute('data-overdue') === 'true'));
  expect(flags.length).toBeGreaterThan(0);
  expect(flags.indexOf(false) === -1 || flags.slice(flags.indexOf(false)).every((f) => !f)).toBe(true);
  await expectNoSideways(official);
  await expectAccessible(official, '/county/grievances');

  // The ledger of open grievances, as .xlsx with Chinese headers: this one is in it, its head masked.
  const [file] = await Promise.all([official.waitForEvent('download'), official.getByRole('link', { name: z('countyGrievances.export.xlsx') }).click()]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync((await file.path())!) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  expect((sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1, 4)).toEqual(['编号', '类别', '地点']);
  const mine = sheet.getSheetValues().slice(2).map((r) => (r as ExcelJS.CellValue[]).slice(1).map(String)).find((r) => r[4]?.includes(description));
  expect(mine, 'the new grievance is a row of the ledger').toBeTruthy();
  expect(mine![3]).toBe(resident.who.masked);

  await official.goto(`/county/grievances/${id}`);
  await expect(official.getByRole('heading', { level: 1 })).toContainText('东冯村');
  const escalate = official.getByRole('button', { name: z('countyGrievances.escalate.submit'), exact: true });
  await escalate.click();
  await expect(official.locator('#escalate-note-error')).toBeVisible();
  const note = '请两日内上门检修并回复群众。';
  await official.getByLabel(z('countyGrievances.escalate.note'), { exact: true }).fill(note);
  await escalate.click();
  await expect(official.getByRole('status').filter({ hasText: z('countyGrievances.escalate.done') })).toBeVisible();
  await expect(official.getByTestId('escalation')).toContainText(note);
  await expectNoSideways(official);
  await expectAccessible(official, '/county/grievances/[id]');

  const target = official.getByLabel(z('countyGrievances.reassign.place'), { exact: true });
  const value = await target.locator('option').filter({ hasText: /^\s*万全庄村$/ }).first().getAttribute('value');
  await target.selectOption(value!);
  await official.getByLabel(z('countyGrievances.reassign.note'), { exact: true }).fill('暖气管网归万全庄村管理。');
  await official.getByRole('button', { name: z('countyGrievances.reassign.submit'), exact: true }).click();
  await expect(official.getByRole('status').filter({ hasText: z('countyGrievances.reassign.done', { place: '万全庄村' }) })).toBeVisible();
  await officialContext.close();

  const cadreContext = await phoneContext(browser, baseURL);
  const cadre = await cadreContext.newPage();
  await signInAndOpen(cadre, ACCOUNTS.cadre.phone, `/cadre/grievances/${id}`);
  await expect(cadre.getByRole('heading', { level: 1 })).toContainText('万全庄村');
  await expect(cadre.getByTestId('escalation')).toContainText(note);
  await expect(cadre.getByRole('list', { name: z('grievances.detail.timeline') })).toContainText(z('grievances.events.reassign'));
  await cadreContext.close();
});
