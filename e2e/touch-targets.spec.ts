// Every link, button and field in the header is at least 44 px tall on a 360 px phone
// (WCAG 2.5.5 target size; older residents, gloves, a cracked screen).
import { expect, test, type Page } from '@playwright/test';
import { ACCOUNTS, header, msg, signInAs } from './fixtures';

const MIN_PX = 44;

async function expectTallEnough(page: Page) {
  expect(page.viewportSize()?.width).toBe(360);
  const controls = header(page).locator('a[href], button, input, select, textarea, [role="button"], [role="link"], [tabindex]:not([tabindex="-1"])');
  const count = await controls.count();
  expect(count, 'the header has controls').toBeGreaterThan(0);
  const tooSmall: string[] = [];
  let measured = 0;
  for (let i = 0; i < count; i++) {
    const c = controls.nth(i);
    if (!(await c.isVisible())) continue;
    measured++;
    const box = await c.boundingBox();
    if (!box || box.height < MIN_PX || box.width < MIN_PX) {
      tooSmall.push(`${(await c.evaluate((el) => el.outerHTML.slice(0, 120)))} → ${box ? `${box.width.toFixed(1)}×${box.height.toFixed(1)}` : 'no box'}`);
    }
  }
  expect(measured, 'visible header controls measured').toBeGreaterThan(0);
  expect(tooSmall, `header controls smaller than ${MIN_PX} px`).toEqual([]);
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
