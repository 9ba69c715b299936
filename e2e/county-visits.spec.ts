// The officials' visits (/county/visits, issue 11 items 1 and 2). The demo cadre of 刁窝镇 keeps a
// fresh household of 东冯村 (代办) and records its first visit; the county official opens the
// visits from the navigation, drills from the county's townships to 刁窝镇's villages, narrows the
// list to 东冯村 and round 1, finds the visit with the head masked, and downloads the CSV of
// exactly that filter: Chinese headers, the visit's row, every row of 东冯村 and round 1. The page
// passes axe in Chinese and English, on a phone and on a laptop. Assertions are on this test's
// own household and visit, never on totals other specs change.
import { readFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { ACCOUNTS, documentsDuring, expectAccessible, expectCardTable, expectNoSideways, fmt, msg, newResident, phoneContext, signInAndOpen, signInOverHttp } from './fixtures';

const z = (key: string, params: Record<string, string | number> = {}) => fmt('zh', key, params);
const TOWNSHIP = '刁窝镇';
const VILLAGE = '东冯村';

/** The cadre keeps a new household in 东冯村 for someone without an account; returns its id. */
async function keepHousehold(page: Page, name: string, idNumber: string): Promise<string> {
  await page.goto('/cadre/assist/new');
  await page.getByLabel(z('cadreAssist.create.headName'), { exact: true }).fill(name);
  await page.getByLabel(z('cadreAssist.create.idNumber'), { exact: true }).fill(idNumber);
  await page.getByLabel(z('household.place.township'), { exact: true }).selectOption({ label: TOWNSHIP });
  await page.getByLabel(z('household.place.village'), { exact: true }).selectOption({ label: VILLAGE });
  await page.getByRole('radio', { name: z('household.kind.rural') }).check();
  await page.getByLabel(z('household.fields.addressRural'), { exact: true }).fill('南街12号');
  await page.getByRole('button', { name: z('cadreAssist.create.submit'), exact: true }).click();
  await page.waitForURL(/\/cadre\/assist\/[0-9a-f-]{36}\?saved=created$/);
  return new URL(page.url()).pathname.split('/').pop()!;
}

test('a cadre records a visit; the county official finds it on /county/visits filtered to the village and exports exactly that filter as CSV', async ({ page, browser, baseURL }) => {
  test.slow(); // a household, a visit, then the official's drill-down and download
  const head = newResident();
  const findings = `院墙倒塌，需要加固。核查编号${randomInt(1_000_000)}`;

  await signInOverHttp(page.context().request, ACCOUNTS.cadre.phone);
  const householdId = await keepHousehold(page, head.name, head.idNumber);
  await page.goto(`/cadre/visits/new?household=${householdId}`);
  await page.getByLabel(z('cadreVisits.form.round')).selectOption({ label: z('cadreVisits.round', { round: 1 }) });
  await page.getByLabel(z('cadreVisits.form.findings')).fill(findings);
  await page.getByRole('button', { name: z('cadreVisits.form.submit') }).click();
  await page.waitForURL(/\/cadre\/visits\/[0-9a-f-]{36}\?done=recorded$/);

  const context = await phoneContext(browser, baseURL);
  try {
    const official = await context.newPage();
    await signInAndOpen(official, ACCOUNTS.official.phone, '/county');
    // The county navigation leads to the visits.
    await official.getByRole('link', { name: msg('zh', 'countyNav.visits') }).first().click();
    await expect(official.getByRole('heading', { level: 1, name: z('countyVisits.heading', { place: '涿州市' }) })).toBeVisible();
    await expectNoSideways(official);
    // The county's coverage is by township, one table whose rows are cards on the phone; 刁窝镇 opens its villages.
    const coverage = official.getByRole('table', { name: z('countyVisits.coverage.title') });
    await expectCardTable(official, coverage);
    // By client navigation: no new document for the phone.
    const documents = await documentsDuring(official, async () => {
      await coverage.getByRole('link', { name: TOWNSHIP, exact: true }).click();
      await expect(official.getByRole('heading', { level: 1, name: z('countyVisits.heading', { place: TOWNSHIP }) })).toBeVisible();
    });
    expect(documents).toEqual([]);
    const villageCard = official.getByRole('table', { name: z('countyVisits.coverage.title') }).locator('tbody > tr').filter({ hasText: VILLAGE });
    await expect(villageCard).toHaveCount(1);
    // Each figure carries its label on the card (the header row is not shown on a phone).
    await expect(villageCard.locator('td[data-round="1"][data-figure="visited"]')).toHaveText(new RegExp(`^${z('countyVisits.coverage.visitedHead', { round: 1 })}\\s*\\d`));
    await expect(villageCard.locator('td[data-round="1"][data-figure="owed"]')).toHaveText(new RegExp(`^${z('countyVisits.coverage.owedHead', { round: 1 })}\\s*\\d`));

    // Narrow the list to 东冯村, round 1.
    await official.getByLabel(z('countyVisits.list.place'), { exact: true }).selectOption({ label: VILLAGE });
    await official.getByLabel(z('countyVisits.list.round'), { exact: true }).selectOption({ label: z('countyVisits.round', { round: 1 }) });
    await official.getByRole('button', { name: z('countyVisits.list.submit') }).click();
    await official.waitForURL((u) => u.pathname === '/county/visits' && u.searchParams.get('round') === '1' && /^\d+$/.test(u.searchParams.get('place') ?? ''));
    await expect(official.getByRole('heading', { level: 1, name: z('countyVisits.heading', { place: VILLAGE }) })).toBeVisible();
    const card = official.getByRole('table', { name: z('countyVisits.list.caption') }).locator('tbody > tr').filter({ hasText: findings });
    await expect(card).toHaveCount(1);
    await expect(card).toContainText(head.masked);
    await expect(card).not.toContainText(head.name);
    await expectNoSideways(official);

    // The CSV of exactly this filter.
    const [file] = await Promise.all([official.waitForEvent('download'), official.getByRole('link', { name: z('countyVisits.export.csv') }).click()]);
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    const lines = readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('走访日期,轮次,户主,村（社区）,走访干部,发现的情况,群众需求');
    const mine = lines.filter((l) => l.includes(findings));
    expect(mine).toHaveLength(1);
    const cells = mine[0]!.split(',');
    expect(cells[1]).toBe('1');
    expect(cells[2]).toBe(head.masked);
    expect(cells[3]).toBe(VILLAGE);
    for (const line of lines.slice(1)) {
      const [, round, , place] = line.split(',');
      expect({ round, place }).toEqual({ round: '1', place: VILLAGE });
    }
  } finally {
    await context.close();
  }
});

test('the visits page passes axe in Chinese and English, on a phone and on a laptop', async ({ page, browser, baseURL }) => {
  test.slow(); // five axe runs on three sign-ins
  await signInAndOpen(page, ACCOUNTS.official.phone, '/county/visits');
  await expect(page.getByRole('heading', { level: 1, name: z('countyVisits.heading', { place: '涿州市' }) })).toBeVisible();
  await expectNoSideways(page);
  await expectAccessible(page, '/county/visits (zh, phone)');
  // "Load more" adds the next page of the county's visits below the first (the demo county has more than one page).
  const cards = page.getByRole('table', { name: z('countyVisits.list.caption') }).locator('tbody > tr');
  await expect(cards).toHaveCount(50);
  await expectCardTable(page, page.getByRole('table', { name: z('countyVisits.list.caption') }));
  await page.getByRole('button', { name: z('countyVisits.list.more') }).click();
  await expect.poll(() => cards.count()).toBeGreaterThan(50);
  await page.getByRole('table', { name: z('countyVisits.coverage.title') }).getByRole('link', { name: TOWNSHIP, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: z('countyVisits.heading', { place: TOWNSHIP }) })).toBeVisible();
  await expectAccessible(page, `/county/visits ${TOWNSHIP} (zh, phone)`);

  const english = await phoneContext(browser, baseURL, 'en');
  try {
    const en = await english.newPage();
    await signInAndOpen(en, ACCOUNTS.official.phone, '/county/visits');
    await expect(en.getByRole('heading', { level: 2, name: fmt('en', 'countyVisits.coverage.title') })).toBeVisible();
    await expect(en.getByRole('button', { name: fmt('en', 'countyVisits.list.submit') })).toBeVisible();
    await expectNoSideways(en);
    await expectAccessible(en, '/county/visits (en, phone)');
  } finally {
    await english.close();
  }

  // On a laptop the coverage and the visits are tables.
  const laptop = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    const wide = await laptop.newPage();
    await signInAndOpen(wide, ACCOUNTS.official.phone, '/county/visits');
    const table = wide.getByRole('table', { name: z('countyVisits.coverage.title') });
    await expect(table).toBeVisible();
    await expect(table.getByRole('rowheader', { name: TOWNSHIP })).toBeVisible();
    await expect(wide.getByRole('table', { name: z('countyVisits.list.caption') })).toBeVisible();
    await expectAccessible(wide, '/county/visits (zh, laptop)');
    await laptop.addCookies([{ name: 'locale', value: 'en', url: baseURL! }]);
    await wide.goto('/county/visits');
    await expect(wide.getByRole('table', { name: fmt('en', 'countyVisits.coverage.title') })).toBeVisible();
    await expectAccessible(wide, '/county/visits (en, laptop)');
  } finally {
    await laptop.close();
  }
});
