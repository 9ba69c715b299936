// On a cheap phone the page is on screen, and can be typed into, seconds before its scripts
// have run (hydration). What a person types or ticks in that time must count: it must not be
// wiped by the page coming alive. A form that only its script can send waits for it: sent by the
// browser it would reload the page empty, or (as a GET) put a password or an ID number into the
// address bar (history, proxy and server logs).
import { expect, test, type Locator } from '@playwright/test';
import { ACCOUNTS, DEMO_PASSWORD, holdScripts, msg, newResident, signInAs } from './fixtures';

/** Waits until React has taken over the element (hydrated it): it then carries React's own fiber key. */
async function expectAlive(field: Locator) {
  await expect.poll(() => field.evaluate((el) => Object.keys(el).some((k) => k.startsWith('__reactFiber$'))), { timeout: 30_000 }).toBe(true);
}

test('a phone number typed before the sign-in page came alive still signs in', async ({ page }) => {
  const release = await holdScripts(page);
  await page.goto('/sign-in', { waitUntil: 'commit' });
  const phone = page.getByLabel(msg('zh', 'auth.signIn.phone'), { exact: true });
  await phone.fill(ACCOUNTS.cadre.phone);
  await expect(page.getByRole('button', { name: msg('zh', 'auth.signIn.submit'), exact: true })).toBeDisabled();
  await release();
  const password = page.getByLabel(msg('zh', 'auth.signIn.password'), { exact: true });
  await expectAlive(password);
  // Typing the password re-renders the form: the number typed earlier must still be there.
  await password.fill(DEMO_PASSWORD);
  await expect(phone).toHaveValue(ACCOUNTS.cadre.phone);
  await page.getByRole('button', { name: msg('zh', 'auth.signIn.submit'), exact: true }).click();
  await expect(page).toHaveURL(ACCOUNTS.cadre.home);
});

test('a cadre who starts the assisted-household form before it came alive keeps the name, the choice of house and the township', async ({ page }) => {
  await signInAs(page, ACCOUNTS.cadre);
  const release = await holdScripts(page);
  await page.goto('/cadre/assist/new', { waitUntil: 'commit' });
  const name = page.getByLabel(msg('zh', 'cadreAssist.create.headName'), { exact: true });
  await name.fill('柏秀英');
  // The kind of home decides which address fields the form shows.
  await page.getByLabel(msg('zh', 'household.kind.rural'), { exact: true }).check();
  // The place picker's township too: once alive, its villages open up.
  const township = page.getByLabel(msg('zh', 'household.place.township'), { exact: true });
  await township.selectOption({ index: 1 });
  await release();
  const idNumber = page.getByLabel(msg('zh', 'cadreAssist.create.idNumber'), { exact: true });
  await expectAlive(idNumber);
  await expect(page.getByLabel(msg('zh', 'household.fields.addressRural'), { exact: true })).toBeVisible();
  await idNumber.fill(newResident().idNumber);
  await expect(name).toHaveValue('柏秀英');
  await expect(page.getByLabel(msg('zh', 'household.kind.rural'), { exact: true })).toBeChecked();
  await expect(township).not.toHaveValue('');
  await expect(page.getByLabel(msg('zh', 'household.place.village'), { exact: true }).locator('option')).not.toHaveCount(1);
});

test.describe('before the scripts run at all', () => {
  test.use({ javaScriptEnabled: false });

  test('the registration and sign-in forms wait for the page: nothing typed is lost, nothing can go into the address', async ({ page }) => {
    const who = newResident();
    await page.goto('/register');
    await page.getByLabel(msg('zh', 'register.fields.idNumber'), { exact: true }).fill(who.idNumber);
    await page.getByLabel(msg('zh', 'register.fields.password'), { exact: true }).fill(who.password);
    // Their send button stays disabled until the page is alive (a tap, or Enter, sends nothing and
    // clears nothing), and the form would post, never put its fields into the address.
    await expect(page.getByRole('button', { name: msg('zh', 'register.submit'), exact: true })).toBeDisabled();
    await expect(page.locator('form', { has: page.getByLabel(msg('zh', 'register.fields.idNumber'), { exact: true }) })).toHaveAttribute('method', 'post');
    await expect(page.getByLabel(msg('zh', 'register.fields.idNumber'), { exact: true })).toHaveValue(who.idNumber);

    await page.goto('/sign-in');
    await page.getByLabel(msg('zh', 'auth.signIn.phone'), { exact: true }).fill(who.phone);
    await expect(page.getByRole('button', { name: msg('zh', 'auth.signIn.submit'), exact: true })).toBeDisabled();
    await expect(page.locator('form', { has: page.getByLabel(msg('zh', 'auth.signIn.phone'), { exact: true }) })).toHaveAttribute('method', 'post');
  });
});
