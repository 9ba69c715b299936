// Staff administration end to end on the 360 px phone (issue 10 item 2): the county official
// creates a cadre for one village, then assigns a second village on the cadre's page; the
// cadre signs in with the one-time password, must choose their own first, and sees both
// villages; the official deactivates the cadre and the cadre's very next request is signed out.
// The cadre is made here with a fresh phone number, so the spec stands alone and repeats.
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { ACCOUNTS, expectAccessible, expectNoSideways, fmt, msg, phoneContext, signIn, signInAndOpen } from './fixtures';

const FIRST_VILLAGE = '万全庄村';
const SECOND_VILLAGE = '东冯村';

const freshPhone = () => `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;

async function sheet(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('staff');
  ws.addRow(['姓名', '手机', '角色', '地点']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Picks the option of the place select whose name is `name` (options are indented by depth). */
async function choosePlace(page: Page, label: string, name: string) {
  const select = page.getByLabel(label, { exact: true });
  const value = await select.locator('option').filter({ hasText: new RegExp(`^\\s*${name}$`) }).first().getAttribute('value');
  expect(value, `a place option named ${name}`).toBeTruthy();
  await select.selectOption(value!);
}

test('an official creates a cadre and assigns a village; the cadre sees it; deactivation signs the cadre out at once', async ({ page, browser, baseURL }) => {
  const phone = freshPhone();
  const name = '韩立新';

  // The official adds the cadre with one village.
  await signInAndOpen(page, ACCOUNTS.official.phone, '/county/staff');
  await expect(page.getByRole('heading', { level: 1, name: msg('zh', 'staff.title') })).toBeVisible();
  await expectNoSideways(page);
  await expectAccessible(page, '/county/staff');
  await page.getByRole('link', { name: msg('zh', 'staff.new.link') }).click();
  await expectAccessible(page, '/county/staff/new');
  await page.getByLabel(msg('zh', 'staff.fields.name'), { exact: true }).fill(name);
  await page.getByLabel(msg('zh', 'staff.fields.phone'), { exact: true }).fill(phone);
  await page.getByLabel(msg('zh', 'staff.fields.role'), { exact: true }).selectOption('cadre');
  await choosePlace(page, msg('zh', 'staff.fields.place'), FIRST_VILLAGE);
  await page.getByRole('button', { name: msg('zh', 'staff.new.submit') }).click();
  const otp = (await page.getByTestId('one-time-password').textContent())!.trim();
  expect(otp).toMatch(/^[A-Za-z0-9]{12}$/);
  await expectNoSideways(page);

  // ...and assigns a second village on the cadre's page.
  await page.getByRole('link', { name: msg('zh', 'staff.new.open') }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await choosePlace(page, msg('zh', 'staff.places.assign'), SECOND_VILLAGE);
  await page.getByRole('button', { name: msg('zh', 'staff.places.assignSubmit') }).click();
  await expect(page.getByText(msg('zh', 'staff.places.assigned'))).toBeVisible();
  await expect(page.getByTestId('staff-places')).toContainText(SECOND_VILLAGE);
  const personUrl = page.url();

  // The cadre, on their own phone: the one-time password leads to choosing their own first.
  const cadreContext = await phoneContext(browser, baseURL);
  const cadre = await cadreContext.newPage();
  await signIn(cadre, phone, otp);
  await expect(cadre).toHaveURL(/\/account\/password/);
  const own = `Lixin-${randomInt(100_000, 999_999)}-flood`;
  await cadre.getByLabel(msg('zh', 'account.password.current'), { exact: true }).fill(otp);
  await cadre.getByLabel(msg('zh', 'account.password.new'), { exact: true }).fill(own);
  await cadre.getByLabel(msg('zh', 'account.password.confirm'), { exact: true }).fill(own);
  await cadre.getByRole('button', { name: msg('zh', 'account.password.submit') }).click();
  await cadre.waitForURL(/\/sign-in/);
  await signIn(cadre, phone, own);
  await expect(cadre).toHaveURL('/cadre');
  // The home page's lead names the cadre's places, read from the database on this request.
  const lead = cadre.getByText(msg('zh', 'cadre.lead').replace('{places}', ''), { exact: false }).first();
  await expect(lead).toContainText(FIRST_VILLAGE);
  await expect(lead).toContainText(SECOND_VILLAGE);

  // The official deactivates the cadre; the cadre's next request finds them signed out.
  await page.goto(personUrl);
  await page.getByRole('button', { name: msg('zh', 'staff.active.deactivate') }).click();
  await expect(page.getByTestId('staff-status')).toContainText(msg('zh', 'staff.active.no'));
  await cadre.goto('/cadre/households');
  await expect(cadre).toHaveURL(/\/sign-in/);
  await cadreContext.close();
});

test('an import with a bad row imports nobody and names the row; the corrected file creates both and hands back their passwords once', async ({ page }) => {
  const [a, b] = [freshPhone(), freshPhone()];
  await signInAndOpen(page, ACCOUNTS.official.phone, '/county/staff/new');
  const file = page.getByLabel(msg('zh', 'staff.import.file'), { exact: true });
  const bad = await sheet([
    ['冯志远', a, 'cadre', FIRST_VILLAGE],
    ['高秀兰', b, '村干部', '没有这个村'],
  ]);
  await file.setInputFiles({ name: 'staff.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bad });
  await page.getByRole('button', { name: msg('zh', 'staff.import.submit') }).click();
  await expect(page.getByTestId('import-errors')).toHaveText(fmt('zh', 'staff.import.rowError', { row: 3, problem: msg('zh', 'staff.import.problems.place_unknown') }));
  await expectNoSideways(page);

  const good = await sheet([
    ['冯志远', a, 'cadre', FIRST_VILLAGE],
    ['高秀兰', b, '村干部', SECOND_VILLAGE],
  ]);
  await file.setInputFiles({ name: 'staff.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: good });
  await page.getByRole('button', { name: msg('zh', 'staff.import.submit') }).click();
  await expect(page.getByText(fmt('zh', 'staff.import.done', { count: 2 }))).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: msg('zh', 'staff.import.download') }).click()]);
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
  const rows = back.worksheets[0]!.getSheetValues().slice(2).map((r) => (r as ExcelJS.CellValue[]).slice(1));
  expect(rows.map((r) => r[1])).toEqual(['冯志远', '高秀兰']);
  for (const r of rows) expect(String(r[3])).toMatch(/^[A-Za-z0-9]{12}$/);
});
