// The header's language switch: Chinese by default, English after one tap, Chinese again
// after another. The choice is a cookie, so it also holds on the next page.
import { expect, test, type Page } from '@playwright/test';
import { ACCOUNTS, header, msg, signInAs } from './fixtures';

function languageButton(page: Page, label: string) {
  return header(page).getByRole('button', { name: label, exact: true });
}

test('the language switch turns the public home to English and back to Chinese', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('zh', 'home.title'));

  await languageButton(page, msg('zh', 'header.switchLanguage')).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'home.title'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(languageButton(page, msg('en', 'header.switchLanguage'))).toBeVisible();
  expect((await context.cookies()).find((c) => c.name === 'locale')?.value).toBe('en');

  // The choice holds on a full page load of another page.
  await page.goto('/sign-in');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'auth.signIn.title'));
  await expect(page.getByLabel(msg('en', 'auth.signIn.phone'), { exact: true })).toBeVisible();

  await languageButton(page, msg('en', 'header.switchLanguage')).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('zh', 'auth.signIn.title'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(languageButton(page, msg('zh', 'header.switchLanguage'))).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('zh', 'home.title'));
});

test('a signed-in resident can switch language on their home page', async ({ page }) => {
  await signInAs(page, ACCOUNTS.resident);
  await languageButton(page, msg('zh', 'header.switchLanguage')).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'resident.title'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('signed-in-as')).toContainText(msg('en', 'roles.resident'));
  await expect(header(page).getByRole('button', { name: msg('en', 'header.signOut') })).toBeVisible();
});
