// Every link, button and field in the header is at least 44 px tall on a 360 px phone
// (WCAG 2.5.5 target size; older residents, gloves, a cracked screen).
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ACCOUNTS, expectCardTable, expectNoSideways, header, msg, signInAs, signInAndOpen } from './fixtures';

const MIN_PX = 44;

async function expectTallEnough(page: Page) {
  expect(page.viewportSize()?.width).toBe(360);
  const controls = header(page).locator('a[href], button, input, select, textarea, [role="button"], [role="link"], [tabindex]:not([tabindex="-1"])');
  await expectTargets(page, controls, 'header controls');
  // Nothing in the header may push the page sideways at 360 px.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'horizontal overflow at 360 px').toBeLessThanOrEqual(0);
}

test('header controls are ≥ 44 px for a visitor', async ({ page }) => {
  await page.goto('/');
  await expectTallEnough(page);
});

test('header controls are ≥ 44 px when signed in', async ({ page }) => {
  await signInAs(page, ACCOUNTS.cadre);
  await expectTallEnough(page);
});

test('header controls are ≥ 44 px in large-text mode, in English', async ({ page, context, baseURL }) => {
  await context.addCookies([
    { name: 'textsize', value: 'large', url: baseURL! },
    { name: 'locale', value: 'en', url: baseURL! },
  ]);
  await signInAs(page, { ...ACCOUNTS.official, homeHeading: msg('en', 'county.title') });
  await expectTallEnough(page);
});

// Inside pages too: the links a phone taps in lists, dashboards and error summaries, and the wide
// English tables (cards on a phone: nothing pushes the page sideways).
async function expectTargets(page: Page, controls: Locator, what: string, atLeast = 1) {
  await expect(controls.first(), `${what}: at least one shown`).toBeVisible();
  const count = await controls.count();
  const tooSmall: string[] = [];
  let measured = 0;
  for (let i = 0; i < count; i++) {
    const c = controls.nth(i);
    if (!(await c.isVisible())) continue;
    measured++;
    const box = await c.boundingBox();
    if (!box || box.height < MIN_PX - 0.5 || box.width < MIN_PX - 0.5) {
      tooSmall.push(`${await c.evaluate((el) => el.outerHTML.slice(0, 120))} → ${box ? `${box.width.toFixed(1)}×${box.height.toFixed(1)}` : 'no box'}`);
    }
  }
  expect(measured, `${what}: measured`).toBeGreaterThanOrEqual(atLeast);
  expect(tooSmall, `${what} smaller than ${MIN_PX} px`).toEqual([]);
}

test('an official in English: the township table and the case matrix are cards; staff names, dashboard figures and visit rows read right', async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: 'locale', value: 'en', url: baseURL! }]);
  await signInAs(page, { ...ACCOUNTS.official, homeHeading: msg('en', 'county.title') });
  await expectCardTable(page, page.getByTestId('county-townships'));
  await expectNoSideways(page);

  await page.goto('/county/dashboard');
  await expectCardTable(page, page.getByTestId('case-matrix'));
  await expectNoSideways(page);
  await expectTargets(page, page.locator('main a[data-figure], [data-testid="case-matrix"] a, [data-testid="overdue"] a'), 'dashboard figures');

  await page.goto('/county/staff');
  await expect(page.locator('main').getByText(msg('en', 'staff.list.title'), { exact: true })).toHaveCount(1);
  await expectTargets(page, page.locator('main tbody a[href^="/county/staff/"]'), 'staff names');
  await expectNoSideways(page);

  await page.goto('/county/visits');
  await expect(page.getByRole('heading', { level: 2, name: msg('en', 'countyVisits.list.title') })).toBeVisible();
  const body = await page.locator('main').innerText();
  // Visits are dates as people write them and rounds as words, never 2026-12-01 or a bare figure.
  expect(body).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  await expectNoSideways(page);
});

test('a cadre: household names, dashboard figures and the error summary are ≥ 44 px', async ({ page }) => {
  await signInAndOpen(page, ACCOUNTS.cadre.phone, '/cadre/households');
  await expectTargets(page, page.locator('[data-household-card] a'), 'household names');
  await expectNoSideways(page);

  await page.goto('/cadre/dashboard');
  await expectCardTable(page, page.getByTestId('case-matrix'));
  await expectTargets(page, page.locator('main a[data-figure], [data-testid="case-matrix"] a, [data-testid="overdue"] a'), 'dashboard figures');
  await expectNoSideways(page);
});

test('a resident: the error summary links are ≥ 44 px', async ({ page }) => {
  await signInAndOpen(page, ACCOUNTS.resident2.phone, '/resident/grievances/new');
  await page.getByRole('button', { name: msg('zh', 'grievances.form.submit') }).click();
  await expectTargets(page, page.locator('[aria-labelledby="error-summary-title"] a'), 'error summary links');
});
