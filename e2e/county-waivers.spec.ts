// A heating company's fee-waiver list end to end, on a 360 px phone in Chinese (issue 10 item 7):
// a fresh resident in 华阳小区 applies for the heating fee waiver, the 双塔街道 cadre verifies and
// recommends it, the official approves it; the official adds a heating company of this run and
// gives it 华阳小区 (no other spec has households there), makes the company's list, downloads the
// .xlsx (Chinese headers, this case's row with its address and a masked phone and name), records
// the company's confirmation, and the case is fulfilled for the resident. Assertions are on this
// run's own company and case: other rows on the list (the demo seed's, an earlier run's) are not
// counted, only that the file holds exactly the list's rows.
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { ACCOUNTS, applyFor, expectCardTable, expectNoSideways, fmt, freshResident, msg, phoneContext, verifyFact, type HouseholdPlan, signInAndOpen } from './fixtures';

const zh = (key: string, params: Record<string, string | number> = {}) => fmt('zh', key, params);

const HUAYANG_FLAT: HouseholdPlan = {
  township: '双塔街道',
  village: '范阳路社区',
  compound: '华阳小区',
  home: { kind: 'urban', building: '3', unit: '1', floor: '1' },
  damage: { flooded: true, affected: true },
};

const HEADERS = ['index', 'place', 'address', 'building', 'unit', 'floor', 'head', 'phone', 'programme', 'reference'].map((k) => msg('zh', `countyWaivers.export.${k}`));

test('the official makes a heating company\'s list, downloads it, records the confirmation, and the case is fulfilled', async ({ page, browser, baseURL }) => {
  test.slow(); // a resident registers and applies, a cadre and an official act, then the list
  const resident = await freshResident(browser, baseURL, HUAYANG_FLAT);
  const { id, reference } = await applyFor(resident.page, 'heating_fee_waiver');

  // The 双塔街道 cadre verifies the flooding and recommends; the waiver has no public notice.
  const staff = await phoneContext(browser, baseURL);
  try {
    const cadre = await staff.newPage();
    await signInAndOpen(cadre, ACCOUNTS.cadre2.phone, `/cadre/cases/${id}`);
    await expect(cadre.getByRole('heading', { level: 1 })).toContainText(reference);
    await verifyFact(cadre, 'groundFloorFlooded');
    await cadre.getByRole('button', { name: msg('zh', 'workflow.actions.recommend'), exact: true }).click();
    await expect(cadre.getByText(msg('zh', 'cases.done.recommend'))).toBeVisible();
  } finally {
    await staff.close();
  }

  // By its reference: the queue shows 50 cases a page, and other specs add theirs.
  await signInAndOpen(page, ACCOUNTS.official.phone, `/county/decisions?q=${encodeURIComponent(reference)}`);
  await page.getByRole('checkbox', { name: zh('cases.batch.selectOne', { reference }) }).check();
  await page.getByRole('button', { name: zh('cases.batch.approveSelected', { count: 1 }) }).click();
  await expect(page.getByText(zh('cases.batch.report', { ok: 1, failed: 0 }))).toBeVisible();

  // A heating company of this run, serving 华阳小区 (over the county's company there).
  const company = `测试供热站-${randomInt(1e9)}`;
  await page.goto('/county/waivers/companies');
  await expect(page.getByRole('heading', { level: 1, name: msg('zh', 'countyWaivers.companies.title') })).toBeVisible();
  await page.getByLabel(msg('zh', 'countyWaivers.companies.kind'), { exact: true }).selectOption({ label: msg('zh', 'countyWaivers.kinds.heating') });
  await page.getByLabel(msg('zh', 'countyWaivers.companies.name'), { exact: true }).fill(company);
  await page.getByRole('button', { name: msg('zh', 'countyWaivers.companies.add'), exact: true }).click();
  await expect(page.getByText(zh('countyWaivers.companies.added', { name: company }))).toBeVisible();
  await page.reload();
  await page.getByLabel(msg('zh', 'countyWaivers.companies.company'), { exact: true }).selectOption({ label: `${company}（${msg('zh', 'countyWaivers.kinds.heating')}）` });
  // Options are indented by depth with ideographic spaces.
  const place = page.getByLabel(msg('zh', 'countyWaivers.companies.place'), { exact: true });
  const huayang = await place.locator('option', { hasText: '华阳小区' }).getAttribute('value');
  await place.selectOption(huayang!);
  await page.getByRole('button', { name: msg('zh', 'countyWaivers.companies.assign'), exact: true }).click();
  await expect(page.getByText(msg('zh', 'countyWaivers.companies.assigned'))).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('company').filter({ hasText: company })).toContainText('华阳小区');

  // The list for this company: at least this run's case waits for it.
  await page.goto('/county/waivers');
  const row = page.getByTestId('waiver-company').filter({ hasText: company });
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: zh('countyWaivers.make.submitFor', { company }) }).click();
  await expect(row.getByRole('status')).toContainText(/WL-\d{8}-[0-9A-F]{6}/);
  await row.getByRole('link', { name: msg('zh', 'countyWaivers.make.open') }).click();
  await page.waitForURL(/\/county\/waivers\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/WL-\d{8}-[0-9A-F]{6}/);
  await expect(page.getByTestId('waiver-list-status')).toHaveText(msg('zh', 'countyWaivers.status.exported'));
  await expect(page.getByTestId('waiver-item').filter({ hasText: reference })).toBeVisible();
  // The households are one table: a card per row on the phone, a table from 1024 px.
  await expectCardTable(page, page.getByRole('table', { name: msg('zh', 'countyWaivers.items.title') }));
  await expectNoSideways(page);
  const count = Number(await page.getByText(msg('zh', 'countyWaivers.list.count'), { exact: true }).locator('xpath=following-sibling::dd').textContent());
  expect(count).toBeGreaterThanOrEqual(1);

  // The file the company receives: Chinese headers, one row per household on the list.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: msg('zh', 'countyWaivers.list.xlsx') }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
  const values = wb.worksheets[0]!.getSheetValues().slice(1).map((r) => (r as ExcelJS.CellValue[]).slice(1).map((c) => (c === null || c === undefined ? '' : String(c))));
  expect(values[0]).toEqual(HEADERS);
  const body = values.slice(1).filter((r) => r.some((c) => c !== ''));
  expect(body).toHaveLength(count);
  expect(body.map((r) => r[0])).toEqual(body.map((_, i) => String(i + 1)));
  const mine = body.find((r) => r[9] === reference);
  expect(mine).toBeDefined();
  expect(mine![1]).toBe('华阳小区');
  expect(mine!.slice(3, 9)).toEqual(['3', '1', '1', resident.who.masked, `${resident.who.phone.slice(0, 3)}****${resident.who.phone.slice(-4)}`, msg('zh', 'programmes.heating_fee_waiver.name')]);
  expect(values.flat().join('|')).not.toContain(resident.who.phone);

  // The company confirmed: every approved case on the list is fulfilled.
  await page.getByLabel(msg('zh', 'countyWaivers.confirm.note')).fill('供热站回函确认减免');
  await page.getByRole('button', { name: msg('zh', 'countyWaivers.confirm.submit'), exact: true }).click();
  // The page is drawn again with the list confirmed (the forms are gone: a confirmed list is final).
  await expect(page.getByTestId('waiver-list-status')).toHaveText(msg('zh', 'countyWaivers.status.confirmed'));
  await expect(page.getByRole('button', { name: msg('zh', 'countyWaivers.confirm.submit'), exact: true })).toHaveCount(0);
  await expect(page.getByText('供热站回函确认减免')).toBeVisible();
  await expect(page.getByTestId('waiver-item').filter({ hasText: reference })).toContainText(msg('zh', 'status.fulfilled'));

  // The resident sees the case fulfilled.
  try {
    await resident.page.goto(`/resident/applications/${id}`);
    await expect(resident.page.getByText(msg('zh', 'status.fulfilled')).first()).toBeVisible();
  } finally {
    await resident.context.close();
  }
});
