// The drill-down dashboard on a phone (issue 11 item 1): the county official goes from the county
// to 刁窝镇 to 万全庄村 by the places below, then from a figure of the village's programme ×
// status table to the cases behind it, and counts them (following "load more"): as many as the
// figure said. Other specs add cases to the demo county while this runs, so the count is compared
// with the figure read just before and just after.
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ACCOUNTS, expectAccessible, expectNoSideways, fmt, msg, phoneContext, signIn, signInAndOpen } from './fixtures';

const z = (key: string, params: Record<string, string | number> = {}) => fmt('zh', key, params);

/** The figure of a programme × status cell (on a phone the cell also carries its status word before it). */
async function cellFigure(page: Page, cell: string): Promise<number> {
  const text = (await page.locator(`[data-cell="${cell}"] > span`).last().innerText()).replace(/[,，\s]/g, '');
  return Number(text);
}

/** The programme × status cell a figure's link sits in. */
const cellOf = (link: Locator) => link.locator('xpath=ancestor::*[@data-cell][1]').getAttribute('data-cell');

test('from the county to a township, a village and the cases behind a figure', async ({ browser, baseURL }) => {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  await signInAndOpen(page, ACCOUNTS.official.phone, '/county');
  await page.getByRole('navigation', { name: msg('zh', 'countyNav.label') }).getByRole('link', { name: msg('zh', 'countyNav.dashboard'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: z('countyDashboard.heading', { place: '涿州市' }) })).toBeVisible();
  await expectNoSideways(page);
  await expectAccessible(page, '/county/dashboard');

  // Overdue work of every kind, each counted.
  await expect(page.getByTestId('overdue').locator('[data-overdue-kind]')).toHaveCount(3);
  // How long decisions take, and the weekly trend with its numbers beneath.
  await expect(page.getByRole('figure').filter({ hasText: z('countyDashboard.timing.trend') }).getByRole('table')).toBeAttached();
  // The county's budget lines, against what was approved; the township below has its distribution point's materials.
  const money = z('countyDashboard.money.title', { programme: msg('zh', 'programmes.warm_winter.name') });
  await expect(page.getByRole('figure').filter({ hasText: money })).toBeVisible();
  await page.getByTestId('child-places').getByRole('link', { name: '刁窝镇', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: z('countyDashboard.heading', { place: '刁窝镇' }) })).toBeVisible();
  await expect(page.getByRole('figure').filter({ hasText: z('countyDashboard.materials.title', { material: msg('zh', 'materials.sand') }) })).toBeVisible();
  await expect(page.getByRole('figure').filter({ hasText: money })).toHaveCount(0);
  await page.getByTestId('child-places').getByRole('link', { name: '万全庄村', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: z('countyDashboard.heading', { place: '万全庄村' }) })).toBeVisible();
  // The trail leads back up.
  await expect(page.getByRole('navigation', { name: z('countyDashboard.trail') }).getByRole('link', { name: '刁窝镇' })).toBeVisible();

  // A figure of the village: the first non-zero cell of its table.
  const link = page.getByTestId('case-matrix').locator('[data-cell] a').first();
  const cell = (await cellOf(link))!;
  const before = await cellFigure(page, cell);
  expect(before).toBeGreaterThan(0);
  const dashboardUrl = page.url();
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name: z('countyDashboard.cases.title') })).toBeVisible();
  const [programme, status] = cell.split(':') as [string, string];
  await expect(page.getByText(`万全庄村 · ${msg('zh', `programmes.${programme}.name`)} · ${msg('zh', `status.${status}`)}`)).toBeVisible();
  let rows = 0;
  for (;;) {
    const list = page.getByTestId('dashboard-cases').getByRole('listitem');
    await expect(list.first()).toBeVisible();
    rows += await list.count();
    const more = page.getByRole('link', { name: z('countyDashboard.cases.more') });
    if ((await more.count()) === 0) break;
    const from = page.url();
    await more.click();
    await page.waitForURL((u) => u.toString() !== from);
  }
  // The same cases as the applications ledger, in CSV with Chinese headers.
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: msg('zh', 'cadreQueue.export.csv') }).click()]);
  const lines = readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(lines[0]!.split(',').slice(0, 3)).toEqual(['编号', '户主', '户主手机号']);
  await page.goto(dashboardUrl);
  const after = await cellFigure(page, cell);
  for (const n of [rows, lines.length - 1]) {
    expect(n).toBeGreaterThanOrEqual(Math.min(before, after));
    expect(n).toBeLessThanOrEqual(Math.max(before, after));
  }
  await context.close();
});

test('a cadre has the same dashboard for their own places; a figure opens their queue, another township is not found', async ({ browser, baseURL }) => {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  await signInAndOpen(page, ACCOUNTS.cadre.phone, '/cadre');
  await page.getByRole('navigation', { name: msg('zh', 'cadreNav.label') }).getByRole('link', { name: msg('zh', 'cadreNav.dashboard'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: z('countyDashboard.heading', { place: '刁窝镇' }) })).toBeVisible();
  await expect(page.getByRole('figure').filter({ hasText: z('countyDashboard.visits.title') })).toBeVisible();
  await expectNoSideways(page);
  await expectAccessible(page, '/cadre/dashboard');
  // The county above is on the trail, but not a link: it is not the cadre's.
  const trail = page.getByRole('navigation', { name: z('countyDashboard.trail') });
  await expect(trail.getByText('涿州市')).toBeVisible();
  await expect(trail.getByRole('link', { name: '涿州市' })).toHaveCount(0);

  await page.getByTestId('child-places').getByRole('link', { name: '万全庄村', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: z('countyDashboard.heading', { place: '万全庄村' }) })).toBeVisible();
  const link = page.getByTestId('case-matrix').locator('[data-cell] a').first();
  const [, status] = ((await cellOf(link)) ?? '').split(':');
  await link.click();
  await page.waitForURL((u) => u.pathname === '/cadre/queue' && u.searchParams.get('status') === status && u.searchParams.has('village'));
  await expect(page.getByRole('heading', { level: 1, name: msg('zh', 'cadreQueue.title') })).toBeVisible();

  // Another township's dashboard (双塔街道, by its id from the official's view) does not exist for this cadre.
  const officialContext = await phoneContext(browser, baseURL);
  const official = await officialContext.newPage();
  await signInAndOpen(official, ACCOUNTS.official.phone, '/county/dashboard');
  const other = await official.getByTestId('child-places').getByRole('link', { name: '双塔街道', exact: true }).getAttribute('href');
  await officialContext.close();
  const response = await page.goto(`/cadre/dashboard?place=${new URL(other!, 'http://x').searchParams.get('place')}`);
  expect(response?.status()).toBe(404);
  await context.close();
});

test('an official scoped to one township sees only it: the county above is not theirs to open', async ({ browser, baseURL }) => {
  test.slow(); // the account is made here and chooses its own password first
  // The county official makes a township official for 刁窝镇.
  const adminContext = await phoneContext(browser, baseURL);
  const admin = await adminContext.newPage();
  // The county's own dashboard address, as the trail of a township links to it.
  await signInAndOpen(admin, ACCOUNTS.official.phone, '/county/dashboard');
  await admin.getByTestId('child-places').getByRole('link', { name: '刁窝镇', exact: true }).click();
  const countyHref = (await admin.getByRole('navigation', { name: z('countyDashboard.trail') }).getByRole('link', { name: '涿州市' }).getAttribute('href'))!;
  expect(countyHref).toMatch(/place=\d+/);
  await admin.goto('/county/staff/new');
  const phone = `171${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  await admin.getByLabel(msg('zh', 'staff.fields.name'), { exact: true }).fill('钱立新');
  await admin.getByLabel(msg('zh', 'staff.fields.phone'), { exact: true }).fill(phone);
  await admin.getByLabel(msg('zh', 'staff.fields.role'), { exact: true }).selectOption('official');
  const select = admin.getByLabel(msg('zh', 'staff.fields.place'), { exact: true });
  await select.selectOption((await select.locator('option').filter({ hasText: /^\s*刁窝镇$/ }).first().getAttribute('value'))!);
  await admin.getByRole('button', { name: msg('zh', 'staff.new.submit') }).click();
  const otp = (await admin.getByTestId('one-time-password').textContent())!.trim();
  await adminContext.close();

  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, phone, otp);
  await expect(page).toHaveURL(/\/account\/password/);
  const own = `Lixin-${Math.floor(Math.random() * 1e6)}-town`;
  await page.getByLabel(msg('zh', 'account.password.current'), { exact: true }).fill(otp);
  await page.getByLabel(msg('zh', 'account.password.new'), { exact: true }).fill(own);
  await page.getByLabel(msg('zh', 'account.password.confirm'), { exact: true }).fill(own);
  await page.getByRole('button', { name: msg('zh', 'account.password.submit') }).click();
  await page.waitForURL(/\/sign-in/);
  await signIn(page, phone, own);

  await page.goto('/county/dashboard');
  await expect(page.getByRole('heading', { level: 1, name: z('countyDashboard.heading', { place: '刁窝镇' }) })).toBeVisible();
  await expect(page.getByTestId('child-places').getByRole('link', { name: '万全庄村', exact: true })).toBeVisible();
  const trail = page.getByRole('navigation', { name: z('countyDashboard.trail') });
  await expect(trail.getByRole('link', { name: '涿州市' })).toHaveCount(0);
  // The county's own dashboard is not found for them.
  expect((await page.goto(countyHref))?.status()).toBe(404);
  await context.close();
});
