// On a cheap phone the page is on screen, and can be typed into, seconds before its scripts
// have run (hydration). What a person types or ticks in that time must count: it must not be
// wiped by the page coming alive, and a form sent before then must not put a password or an
// ID number into the address bar (history, proxy and server logs).
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ACCOUNTS, DEMO_PASSWORD, msg, newResident, signInAs } from './fixtures';

/** Holds back the page's scripts until `release` is called: the page is shown but not alive. */
async function holdScripts(page: Page): Promise<() => Promise<void>> {
  let open!: () => void;
  const held = new Promise<void>((resolve) => (open = resolve));
  await page.route('**/_next/static/chunks/*.js', async (route) => {
    await held;
    await route.continue();
  });
  return async () => {
    open();
    await page.unrouteAll({ behavior: 'wait' });
  };
}

/** Waits until React has taken over the element (hydrated it): it then carries React's own fiber key. */
async function expectAlive(field: Locator) {
  await expect.poll(() => field.evaluate((el) => Object.keys(el).some((k) => k.startsWith('__reactFiber$'))), { timeout: 30_000 }).toBe(true);
}

test('a phone number typed before the sign-in page came alive still signs in', async ({ page }) => {
  const release = await holdScripts(page);
  await page.goto('/sign-in', { waitUntil: 'commit' });
  const phone = page.getByLabel(msg('zh', 'auth.signIn.phone'), { exact: true });
  await phone.fill(ACCOUNTS.cadre.phone);
  await release();
  const password = page.getByLabel(msg('zh', 'auth.signIn.password'), { exact: true });
  await expectAlive(password);
  // Typing the password re-renders the form: the number typed earlier must still be there.
  await password.fill(DEMO_PASSWORD);
  await expect(phone).toHaveValue(ACCOUNTS.cadre.phone);
  await page.getByRole('button', { name: msg('zh', 'auth.signIn.submit'), exact: true }).click();
  await expect(page).toHaveURL(ACCOUNTS.cadre.home);
});

test('a cadre who starts the assisted-household form before it came alive keeps the name and the choice of house', async ({ page }) => {
  await signInAs(page, ACCOUNTS.cadre);
  const release = await holdScripts(page);
  await page.goto('/cadre/assist/new', { waitUntil: 'commit' });
  const name = page.getByLabel(msg('zh', 'cadreAssist.create.headName'), { exact: true });
  await name.fill('柏秀英');
  // The kind of home decides which address fields the form shows.
  await page.getByLabel(msg('zh', 'household.kind.rural'), { exact: true }).check();
  await release();
  const idNumber = page.getByLabel(msg('zh', 'cadreAssist.create.idNumber'), { exact: true });
  await expectAlive(idNumber);
  await expect(page.getByLabel(msg('zh', 'household.fields.addressRural'), { exact: true })).toBeVisible();
  await idNumber.fill(newResident().idNumber);
  await expect(name).toHaveValue('柏秀英');
  await expect(page.getByLabel(msg('zh', 'household.kind.rural'), { exact: true })).toBeChecked();
});

/** Sends the form with its button: the browser posts it to an address without a query, and a page comes back (no error). */
async function expectSentByPost(page: Page, button: string) {
  const sent = page.waitForRequest((r) => r.isNavigationRequest() && r.frame() === page.mainFrame());
  await page.getByRole('button', { name: button, exact: true }).click();
  const request = await sent;
  expect(request.method()).toBe('POST');
  expect(new URL(request.url()).search).toBe('');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(new URL(page.url()).search).toBe('');
}

test.describe('before the scripts run at all', () => {
  test.use({ javaScriptEnabled: false });

  test('sending the sign-in or the registration form puts no password or ID number into the address', async ({ page }) => {
    const who = newResident();
    await page.goto('/register');
    await page.getByLabel(msg('zh', 'register.fields.realName'), { exact: true }).fill(who.name);
    await page.getByLabel(msg('zh', 'register.fields.idNumber'), { exact: true }).fill(who.idNumber);
    await page.getByLabel(msg('zh', 'register.fields.phone'), { exact: true }).fill(who.phone);
    await page.getByLabel(msg('zh', 'register.fields.password'), { exact: true }).fill(who.password);
    await page.getByLabel(msg('zh', 'register.fields.passwordConfirm'), { exact: true }).fill(who.password);
    await expectSentByPost(page, msg('zh', 'register.submit'));

    await page.goto('/sign-in');
    await page.getByLabel(msg('zh', 'auth.signIn.phone'), { exact: true }).fill(who.phone);
    await page.getByLabel(msg('zh', 'auth.signIn.password'), { exact: true }).fill(who.password);
    await expectSentByPost(page, msg('zh', 'auth.signIn.submit'));
  });
});
