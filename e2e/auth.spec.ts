// Sign-in, role homes, refusals, lockout, sign-out and open-redirect safety, through the
// real form on a 360 px phone in Chinese.
import { expect, test, type Browser } from '@playwright/test';
import { ACCOUNTS, MAIN_ACCOUNTS, fillSignIn, forbiddenHeading, header, msg, phoneContext, registerResident, signIn, signInAlert, signInAs, type NewResident } from './fixtures';

/** Registers a new resident on a phone of their own, then puts that phone away (signed out here). */
async function registeredElsewhere(browser: Browser, baseURL: string | undefined): Promise<NewResident> {
  const context = await phoneContext(browser, baseURL);
  try {
    return await registerResident(await context.newPage());
  } finally {
    await context.close();
  }
}

test.describe('each role signs in and reaches only its own home', () => {
  for (const account of MAIN_ACCOUNTS) {
    test(`${account.role} signs in through the form and reaches ${account.home}`, async ({ page }) => {
      await page.goto('/sign-in');
      await expect(page.getByRole('heading', { level: 1, name: msg('zh', 'auth.signIn.title') })).toBeVisible();
      await signInAs(page, account);
      await expect(page.getByTestId('signed-in-as')).toContainText(msg('zh', `roles.${account.role}`));
      await expect(header(page).getByRole('button', { name: msg('zh', 'header.signOut') })).toBeVisible();
    });

    test(`${account.role} is refused the other two homes`, async ({ page }) => {
      await signInAs(page, account);
      for (const other of MAIN_ACCOUNTS.filter((a) => a.home !== account.home)) {
        const res = await page.goto(other.home);
        expect(res?.status(), `${account.role} opening ${other.home}`).toBe(403);
        await expect(page).toHaveURL(other.home);
        await expect(forbiddenHeading(page)).toBeVisible();
        await expect(page.getByRole('heading', { level: 1, name: other.homeHeading })).toHaveCount(0);
      }
      // And still reaches their own.
      await page.goto(account.home);
      await expect(page.getByRole('heading', { level: 1, name: account.homeHeading })).toBeVisible();
    });
  }

  for (const account of MAIN_ACCOUNTS) {
    test(`an anonymous visitor to ${account.home} is sent to sign in, then back`, async ({ page }) => {
      await page.goto(account.home);
      await expect(page).toHaveURL(`/sign-in?callbackUrl=${encodeURIComponent(account.home)}`);
      await expect(page.getByRole('button', { name: msg('zh', 'auth.signIn.submit'), exact: true })).toBeVisible();
      await expect(page.getByRole('heading', { level: 1, name: account.homeHeading })).toHaveCount(0);
      // The callback is a local path: after signing in the visitor lands where they were going.
      await signIn(page, account.phone);
      await expect(page).toHaveURL(account.home);
      await expect(page.getByRole('heading', { level: 1, name: account.homeHeading })).toBeVisible();
    });
  }
});

test('a wrong password shows a clear message and stays on the sign-in page', async ({ page, browser, baseURL }) => {
  // A person of this test's own (registered on another phone): no demo account's failure count moves.
  test.slow(); // registers a person first
  const who = await registeredElsewhere(browser, baseURL);
  await fillSignIn(page, who.phone, 'not-the-password');
  await expect(signInAlert(page)).toHaveText(msg('zh', 'auth.signIn.failed'));
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
  // The password box is emptied for the next try; the number is kept.
  await expect(page.getByLabel(msg('zh', 'auth.signIn.password'), { exact: true })).toHaveValue('');
  await expect(page.getByLabel(msg('zh', 'auth.signIn.phone'), { exact: true })).toHaveValue(who.phone);
});

test.describe('lockout', () => {
  test('after 5 wrong passwords the 6th attempt, even the right one, is refused as locked', async ({ page, browser, baseURL }) => {
    // A person registered for this test (a retry registers another): it ends locked for 15 minutes.
    test.slow(); // registers a person, then six password checks (argon2id) on busy cores
    const who = await registeredElsewhere(browser, baseURL);
    const phone = who.phone;
    const password = page.getByLabel(msg('zh', 'auth.signIn.password'), { exact: true });
    const submit = page.getByRole('button', { name: msg('zh', 'auth.signIn.submit'), exact: true });
    for (let attempt = 1; attempt <= 5; attempt++) {
      await fillSignIn(page, phone, `wrong-${attempt}`);
      // The form empties the password once the answer came back: that is the sync point.
      await expect(password).toHaveValue('');
      await expect(submit).toBeEnabled();
      await expect(signInAlert(page), `attempt ${attempt}`).toHaveText(msg('zh', 'auth.signIn.failed'));
    }
    await fillSignIn(page, phone, who.password);
    await expect(signInAlert(page)).toHaveText(msg('zh', 'auth.signIn.locked'));
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
    const res = await page.goto('/resident');
    expect(res?.ok()).toBe(true);
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  });
});

test('sign-out returns to the public home, and the role home then asks to sign in', async ({ page }) => {
  await signInAs(page, ACCOUNTS.resident);
  await header(page).getByRole('button', { name: msg('zh', 'header.signOut') }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('heading', { level: 1, name: msg('zh', 'home.title') })).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
  await page.goto(ACCOUNTS.resident.home);
  await expect(page).toHaveURL(`/sign-in?callbackUrl=${encodeURIComponent(ACCOUNTS.resident.home)}`);
  await page.goto('/home');
  await expect(page).toHaveURL(/\/sign-in/);
});

test.describe('a callbackUrl never leads off the site', () => {
  const hostile = ['https://evil.example/', '//evil.example/', '/\\evil.example/', 'javascript:alert(1)'];
  for (const target of hostile) {
    test(`callbackUrl=${target}`, async ({ page, context, baseURL }) => {
      const offsite: string[] = [];
      await context.route((url) => url.hostname.endsWith('evil.example'), (route) => {
        offsite.push(route.request().url());
        return route.abort();
      });
      page.on('dialog', (d) => {
        offsite.push(`dialog: ${d.message()}`);
        return d.dismiss();
      });
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(target)}`);
      await signIn(page, ACCOUNTS.official.phone);
      await expect(page).toHaveURL(ACCOUNTS.official.home);
      expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
      await expect(page.getByRole('heading', { level: 1, name: ACCOUNTS.official.homeHeading })).toBeVisible();
      expect(offsite).toEqual([]);
    });
  }
});
