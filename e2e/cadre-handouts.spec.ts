// Hand-outs on a 360 px phone in Chinese (issue 9 item 5). Each test makes its own resident of
// 刁窝镇 through the resident's forms and moves the case to approved through the real pages:
// materials have a 7-day public notice, so the official declines during the notice, the
// resident appeals and the official grants it (no waiting), which reserves the stock and gives
// the voucher its pickup code. The cadre of 刁窝镇 then opens 发放 from the cadre navigation,
// types a wrong code (refused beside the field), then the code from the voucher, checks the
// masked household and the materials, and confirms: the case is delivered and the voucher says
// so. A repair case gets one work order per unit; the cadre marks the heat pump repaired and
// the case is delivered.
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { APPEAL_WINDOW_DAYS } from '../lib/refusals';
import { ACCOUNTS, documentsDuring, YONGJI_FLAT, diaowoHouse, applyFor, expectAccessible, expectCardTable, expectNoSideways, fmt, freshResident, msg, phoneContext, verifyFact, signInAndOpen } from './fixtures';

const CADRE_DIAOWO = ACCOUNTS.cadre.phone; // 刁窝镇
const OFFICIAL = ACCOUNTS.official.phone;
const z = (key: string, params: Record<string, string | number> = {}) => fmt('zh', key, params);
const status = (p: Page, key: string) => p.getByText(msg('zh', `status.${key}`), { exact: true }).first();

/** The cadre's navigation link to the hand-outs, then the programme's tab. */
async function openHandouts(page: Page, programme: string) {
  await page.goto('/cadre');
  await page.getByRole('navigation', { name: msg('zh', 'cadreNav.label') }).getByRole('link', { name: msg('zh', 'cadreHandouts.nav'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: msg('zh', 'cadreHandouts.title') })).toBeVisible();
  await page.getByRole('navigation', { name: msg('zh', 'cadreHandouts.programmesLabel') }).getByRole('link', { name: new RegExp(msg('zh', `programmes.${programme}.name`)) }).click();
  await expect(page).toHaveURL(new RegExp(`programme=${programme}`));
}

/** The official decides on the county case page with the given action (and reason). */
async function officialActs(browser: Browser, baseURL: string | undefined, id: string, action: 'approve' | 'decline' | 'grant_appeal', reason?: string) {
  const ctx = await phoneContext(browser, baseURL);
  try {
    const off = await ctx.newPage();
    await signInAndOpen(off, OFFICIAL, `/county/cases/${id}`);
    const label = msg('zh', `workflow.actions.${action}`);
    if (reason) await off.getByLabel(z('cases.reasonFor', { action: label })).fill(reason);
    await off.getByRole('button', { name: label, exact: true }).click();
    await expect(off.getByText(z(`cases.done.${action}`, { appealDays: APPEAL_WINDOW_DAYS }))).toBeVisible();
    if (action !== 'decline') {
      // An approved case is delivered on other pages (hand-outs, payment batches, waiver lists):
      // its own page offers no button for those steps.
      await off.reload();
      await expect(off.getByText(msg('zh', 'status.approved')).first()).toBeVisible();
      for (const bulk of ['mark_paid', 'confirm_waiver'] as const) await expect(off.getByRole('button', { name: msg('zh', `workflow.actions.${bulk}`) })).toHaveCount(0);
    }
  } finally {
    await ctx.close();
  }
}

test('a cadre hands out building materials by pickup code; a wrong code is refused', async ({ page, browser, baseURL }) => {
  test.slow(); // a resident registers and applies, a cadre, the official and the resident again act first
  const r = await freshResident(browser, baseURL, diaowoHouse('东冯村'));
  try {
    const { id, reference } = await applyFor(r.page, 'building_materials');

    // The cadre verifies the grade and recommends: the case goes on public notice.
    await signInAndOpen(page, CADRE_DIAOWO, `/cadre/cases/${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);
    await verifyFact(page, 'safetyGrade');
    await page.getByRole('button', { name: msg('zh', 'workflow.actions.recommend'), exact: true }).click();
    await expect(page.getByText(msg('zh', 'cases.done.recommend'))).toBeVisible();
    await expect(status(page, 'in_public_notice')).toBeVisible();

    // Declined during the notice, appealed, granted: approved without waiting out the notice.
    await officialActs(browser, baseURL, id, 'decline', '公示期间有群众反映该房屋已修复。');
    await r.page.goto(`/resident/applications/${id}`);
    await r.page.getByLabel(msg('zh', 'appeal.form.reason')).fill('房屋只是临时支撑，鉴定报告仍为D级，请再核实。');
    await r.page.getByRole('button', { name: msg('zh', 'appeal.form.submit') }).click();
    await expect(r.page.getByText(msg('zh', 'appeal.done'))).toBeVisible();
    await officialActs(browser, baseURL, id, 'grant_appeal');

    // The resident's voucher: the code (grouped as printed) that the QR also encodes.
    await r.page.goto(`/resident/applications/${id}/voucher`);
    const printed = (await r.page.getByTestId('pickup-code').textContent())!.trim();
    expect(printed).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    // Good for 30 days after the approval (today, in China's time), that day included.
    const lastDay = new Date(Date.now() + 30 * 86_400_000).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' });
    await expect(r.page.getByText(z('voucher.validUntil', { date: lastDay }))).toBeVisible();

    // At the distribution point, on the cadre's phone: the case is on the list (one table, its
    // rows drawn as cards), with the masked household and no code.
    await openHandouts(page, 'building_materials');
    const title = z('cadreHandouts.list', { programme: msg('zh', 'programmes.building_materials.name') });
    const list = page.getByRole('table', { name: title });
    // The list's heading names the table: its words are on the page once (no hidden caption saying them again).
    await expect(page.getByRole('heading', { level: 2, name: title, exact: true })).toBeVisible();
    await expect(page.getByText(title, { exact: true })).toHaveCount(1);
    const row = list.getByRole('row').filter({ has: page.getByRole('link', { name: reference, exact: true }) });
    await expect(row).toContainText(r.who.masked);
    await expect(row).toContainText(z('cadreHandouts.approvedOn', { date: '' }).trim());
    // The voucher's last day, the same as the resident's; a month to go, so no warning chip.
    await expect(row).toContainText(z('cadreHandouts.collectBy', { date: lastDay }));
    await expect(row).not.toContainText(z('cadreHandouts.lapsed'));
    await expect(row).not.toContainText(printed);
    await expectCardTable(page, list);
    // In English too: the list is named once, and what is due is joined with an English comma.
    const english = await phoneContext(browser, baseURL, 'en');
    try {
      const en = await english.newPage();
      await signInAndOpen(en, CADRE_DIAOWO, '/cadre/handouts?programme=building_materials');
      const enTitle = fmt('en', 'cadreHandouts.list', { programme: msg('en', 'programmes.building_materials.name') });
      await expect(en.getByRole('heading', { level: 2, name: enTitle, exact: true })).toBeVisible();
      await expect(en.getByText(enTitle, { exact: true })).toHaveCount(1);
      const enRow = en.getByRole('table', { name: enTitle }).getByRole('row').filter({ has: en.getByRole('link', { name: reference, exact: true }) });
      const item = (material: string, tonnes: number) => fmt('en', 'cadreHandouts.item', { material: msg('en', `materials.${material}`), tonnes });
      await expect(enRow).toContainText(`${item('rebar', 2)}, ${item('sand', 20)}`);
    } finally {
      await english.close();
    }
    // The case opens by client navigation (no new document for the phone), and back again.
    const documents = await documentsDuring(page, async () => {
      await row.getByRole('link', { name: reference, exact: true }).click();
      await page.waitForURL((u) => u.pathname === `/cadre/cases/${id}`);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);
      await page.goBack();
      await expect(list.getByRole('link', { name: reference, exact: true })).toBeVisible();
    });
    expect(documents).toEqual([]);
    const field = page.getByLabel(msg('zh', 'cadreHandouts.pickup.code'), { exact: true });
    const check = page.getByRole('button', { name: msg('zh', 'cadreHandouts.pickup.check'), exact: true });
    // One character off: a wrong code, refused beside the field, what was typed kept.
    const last = printed.at(-1) === 'A' ? 'B' : 'A';
    const wrong = `${printed.slice(0, -1)}${last}`;
    await field.fill(wrong);
    await check.click();
    await expect(page.getByText(msg('zh', 'cadreHandouts.pickup.wrongCode'))).toBeVisible();
    await expect(field).toHaveValue(wrong);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('button', { name: msg('zh', 'cadreHandouts.pickup.confirm') })).toHaveCount(0);

    // The right code, typed in lower case with a space: the masked household and what is due.
    await field.fill(printed.toLowerCase().replace('-', ' '));
    await check.click();
    const found = page.getByRole('region', { name: msg('zh', 'cadreHandouts.pickup.foundTitle') });
    await expect(found).toBeVisible();
    await expect(found).toContainText(reference);
    await expect(found).toContainText(r.who.masked);
    await expect(found).not.toContainText(r.who.name);
    await expect(found).toContainText(z('cadreHandouts.item', { material: msg('zh', 'materials.rebar'), tonnes: 2 }));
    await expect(found).toContainText(z('cadreHandouts.item', { material: msg('zh', 'materials.sand'), tonnes: 20 }));
    await expectNoSideways(page);
    await expectAccessible(page, '/cadre/handouts with a code checked');

    await found.getByRole('button', { name: msg('zh', 'cadreHandouts.pickup.confirm'), exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: z('cadreHandouts.pickup.issued', { reference, name: r.who.masked }) })).toBeVisible();

    // Delivered: the resident's case says so and the voucher no longer shows a code.
    await r.page.goto(`/resident/applications/${id}`);
    await expect(status(r.page, 'fulfilled')).toBeVisible();
    await r.page.goto(`/resident/applications/${id}/voucher`);
    await expect(r.page.getByTestId('pickup-code')).toHaveCount(0);
    // And the same code again is a wrong code.
    await page.reload();
    await field.fill(printed);
    await check.click();
    await expect(page.getByText(msg('zh', 'cadreHandouts.pickup.wrongCode'))).toBeVisible();
  } finally {
    await r.context.close();
  }
});

/**
 * The fresh resident applies for the repair of one heat pump; the cadre verifies and recommends,
 * an official approves; the cadre opens the repair hand-outs. Returns the case and its one order.
 */
async function approvedHeatPumpRepair(page: Page, browser: Browser, baseURL: string | undefined, r: { page: Page }) {
  const { id, reference } = await applyFor(r.page, 'appliance_repair', { fields: { 'apply.fields.boilers': '0', 'apply.fields.heatPumps': '1' } });
  await signInAndOpen(page, CADRE_DIAOWO, `/cadre/cases/${id}`);
  await verifyFact(page, 'damagedHeatPumps');
  await page.getByRole('button', { name: msg('zh', 'workflow.actions.recommend'), exact: true }).click();
  await expect(page.getByText(msg('zh', 'cases.done.recommend'))).toBeVisible();
  await officialActs(browser, baseURL, id, 'approve');
  await openHandouts(page, 'appliance_repair');
  const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: reference }) });
  const unit = z('cadreHandouts.repair.unit', { appliance: 'heatPump', n: 1 });
  const order = card.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: unit }) });
  return { id, reference, unit, order };
}

test('a cadre closes a repair work order and the repair case is delivered', async ({ page, browser, baseURL }) => {
  test.slow();
  const r = await freshResident(browser, baseURL, diaowoHouse('万全庄村'));
  try {
    const { id, reference, unit, order } = await approvedHeatPumpRepair(page, browser, baseURL, r);
    await expect(order).toContainText(msg('zh', 'cadreHandouts.repair.status.open'));
    await expectNoSideways(page);
    await expectAccessible(page, '/cadre/handouts?programme=appliance_repair');

    // Book it for tomorrow, then mark it repaired.
    const tomorrow = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
    await order.getByLabel(z('cadreHandouts.repair.date', { unit })).fill(tomorrow);
    await order.getByRole('button', { name: msg('zh', 'cadreHandouts.repair.schedule'), exact: true }).click();
    await expect(order).toContainText(msg('zh', 'cadreHandouts.repair.status.scheduled').split('{')[0]!.trim());
    await order.getByRole('button', { name: z('cadreHandouts.repair.done', { unit }), exact: true }).click();
    // The last open order closed: the case is delivered and leaves the list.
    await expect(page.getByRole('link', { name: reference })).toHaveCount(0);
    await r.page.goto(`/resident/applications/${id}`);
    await expect(status(r.page, 'fulfilled')).toBeVisible();
  } finally {
    await r.context.close();
  }
});

test('a repair the team cannot do is closed as "could not be repaired", not as delivered, on the resident\'s and the staff\'s badges', async ({ page, browser, baseURL }) => {
  test.slow();
  const r = await freshResident(browser, baseURL, diaowoHouse('万全庄村'));
  try {
    const { id, reference, unit, order } = await approvedHeatPumpRepair(page, browser, baseURL, r);
    // The only unit cannot be repaired: the last order closes and the case with it.
    await order.getByRole('button', { name: z('cadreHandouts.repair.impossible', { unit }), exact: true }).click();
    await order.getByLabel(z('cadreHandouts.repair.reason', { unit })).fill('压缩机烧毁，厂家已停产配件');
    await order.getByRole('button', { name: z('cadreHandouts.repair.confirmImpossible', { unit }), exact: true }).click();
    await expect(page.getByRole('link', { name: reference })).toHaveCount(0);

    // Staff case page, the resident's case page and list: the same true word, never "delivered".
    await page.goto(`/cadre/cases/${id}`);
    await expect(status(page, 'closed_unrepairable')).toBeVisible();
    await expect(page.getByText(msg('zh', 'status.fulfilled'), { exact: true })).toHaveCount(0);
    await r.page.goto(`/resident/applications/${id}`);
    await expect(status(r.page, 'closed_unrepairable')).toBeVisible();
    await r.page.goto('/resident/applications');
    const row = r.page.getByRole('listitem').filter({ hasText: reference });
    await expect(row.getByText(msg('zh', 'status.closed_unrepairable'), { exact: true })).toBeVisible();
    await expect(row.getByText(msg('zh', 'status.fulfilled'), { exact: true })).toHaveCount(0);
  } finally {
    await r.context.close();
  }
});

test('a cadre marks a heating fee waiver as applied from the waiver list', async ({ page, browser, baseURL }) => {
  test.slow(); // a resident registers and applies, the cadre and the official act first
  const r = await freshResident(browser, baseURL, YONGJI_FLAT);
  try {
    const { id, reference } = await applyFor(r.page, 'heating_fee_waiver');
    // 永济秀园小区 is in 双塔街道, the second cadre's streets; the waiver has no public notice.
    await signInAndOpen(page, ACCOUNTS.cadre2.phone, `/cadre/cases/${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);
    await verifyFact(page, 'groundFloorFlooded');
    await page.getByRole('button', { name: msg('zh', 'workflow.actions.recommend'), exact: true }).click();
    await expect(page.getByText(msg('zh', 'cases.done.recommend'))).toBeVisible();
    await officialActs(browser, baseURL, id, 'approve');

    await openHandouts(page, 'heating_fee_waiver');
    const title = z('cadreHandouts.list', { programme: msg('zh', 'programmes.heating_fee_waiver.name') });
    const list = page.getByRole('table', { name: title });
    await expect(page.getByText(title, { exact: true })).toHaveCount(1);
    const select = z('cadreHandouts.waiver.select', { reference });
    const row = list.getByRole('row').filter({ has: page.getByRole('checkbox', { name: select }) });
    const tick = row.getByRole('checkbox', { name: select });
    // The row is named once by its tick box: a screen reader does not read the reference twice.
    await expect(row.getByRole('rowheader', { name: select, exact: true })).toBeVisible();
    await expect(row).toContainText(r.who.masked);
    await expect(row.getByRole('button', { name: z('cadreHandouts.waiver.applyOne', { company: 'heating', reference }) })).toBeVisible();
    await expectCardTable(page, list);
    await expectNoSideways(page);
    await expectAccessible(page, '/cadre/handouts?programme=heating_fee_waiver');

    // A tick does not follow the cadre to another list: to the property fee waivers and back (client
    // navigations), the heating list starts with nothing ticked and the other list's button counts none.
    await tick.check();
    const tabs = page.getByRole('navigation', { name: z('cadreHandouts.programmesLabel') });
    await tabs.getByRole('link', { name: new RegExp(msg('zh', 'programmes.property_fee_waiver.name')) }).click();
    await expect(page).toHaveURL(/programme=property_fee_waiver/);
    await expect(page.getByRole('button', { name: z('cadreHandouts.waiver.applySelected', { company: 'property', count: 1 }), exact: true })).toHaveCount(0);
    await tabs.getByRole('link', { name: new RegExp(msg('zh', 'programmes.heating_fee_waiver.name')) }).click();
    await expect(page).toHaveURL(/programme=heating_fee_waiver/);
    await expect(tick).not.toBeChecked();

    // Ticked on its card, then marked with the one button for the selection.
    await tick.check();
    await page.getByRole('button', { name: z('cadreHandouts.waiver.applySelected', { company: 'heating', count: 1 }), exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: z('cadreHandouts.waiver.done', { applied: 1, skipped: 0 }) })).toBeVisible();
    await expect(tick).toHaveCount(0);
    await r.page.goto(`/resident/applications/${id}`);
    await expect(status(r.page, 'fulfilled')).toBeVisible();
  } finally {
    await r.context.close();
  }
});

test('the cadre downloads the repair ledger of their places as .xlsx with Chinese headers', async ({ browser, baseURL }) => {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  await signInAndOpen(page, ACCOUNTS.cadre.phone, '/cadre/handouts');
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: msg('zh', 'cadreHandouts.export.xlsx') }).click()]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync((await file.path())!) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  expect((sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual(['申请编号', '户主', '村（社区）', '设备', '第几台', '状态', '预约日期', '完成日期', '说明']);
  // The demo county's 刁窝镇 has repair cases; each row names its appliance in words.
  const rows = sheet.getSheetValues().slice(2).map((r) => (r as ExcelJS.CellValue[]).slice(1));
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) expect(['壁挂炉', '空气能热泵']).toContain(String(r[3]));
  await context.close();
});
