// Accessibility: axe on the public pages and on each role's home after sign-in. Serious and
// critical findings fail the test and are printed page by page, rule by rule, element by element.
import { expect, test } from '@playwright/test';
import { MAIN_ACCOUNTS, expectAccessible, forbiddenHeading, msg, signInAs } from './fixtures';

test('public home', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: msg('zh', 'home.title') })).toBeVisible();
  await expectAccessible(page, '/', testInfo);
});

test('sign-in page, also with an error shown', async ({ page }, testInfo) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: msg('zh', 'auth.signIn.title') })).toBeVisible();
  await expectAccessible(page, '/sign-in', testInfo);
  // Field errors (checked in the browser, no request is sent).
  await page.getByRole('button', { name: msg('zh', 'auth.signIn.submit'), exact: true }).click();
  await expect(page.getByText(msg('zh', 'auth.signIn.phoneInvalid'))).toBeVisible();
  await expectAccessible(page, '/sign-in with field errors', testInfo);
});

test('public home in English', async ({ page, context, baseURL }, testInfo) => {
  await context.addCookies([{ name: 'locale', value: 'en', url: baseURL! }]);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: msg('en', 'home.title') })).toBeVisible();
  await expectAccessible(page, '/ (en)', testInfo);
});

for (const account of MAIN_ACCOUNTS) {
  test(`${account.role} home`, async ({ page }, testInfo) => {
    await signInAs(page, account);
    await expectAccessible(page, account.home, testInfo);
  });
}

test('403 page', async ({ page }, testInfo) => {
  await signInAs(page, MAIN_ACCOUNTS[0]!);
  await page.goto(MAIN_ACCOUNTS[2]!.home);
  await expect(forbiddenHeading(page)).toBeVisible();
  await expectAccessible(page, `403 (${MAIN_ACCOUNTS[2]!.home})`, testInfo);
});

// Every county section, in English (the township table's scroll box once failed
// scrollable-region-focusable there): each opens from the county navigation with its own h1.
test('the county sections in English', async ({ page, context, baseURL }, testInfo) => {
  test.slow(); // ten pages, each checked by axe
  await context.addCookies([{ name: 'locale', value: 'en', url: baseURL! }]);
  await signInAs(page, { ...MAIN_ACCOUNTS[2]!, homeHeading: msg('en', 'county.title') });
  const nav = page.getByRole('navigation', { name: msg('en', 'countyNav.label') });
  for (const key of ['dashboard', 'decisions', 'programmes', 'enrolment', 'stock', 'budgets', 'payments', 'waivers', 'grievances', 'staff', 'audit', 'home']) {
    const path = key === 'home' ? '/county' : `/county/${key}`;
    await nav.getByRole('link', { name: msg('en', `countyNav.${key}`), exact: true }).click();
    await page.waitForURL((u) => u.pathname === path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // The section itself, not a 404 or 403 page in its place.
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(new RegExp(`^(${msg('en', 'errors.notFoundPage.title')}|${msg('en', 'errors.forbiddenPage.title')})$`));
    await expectAccessible(page, `${path} (en)`, testInfo);
  }
});
