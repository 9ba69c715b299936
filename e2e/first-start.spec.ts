// First start (issue 10 items 1 and 2), on the phone: an official created with a one-time
// password (here by the demo official on /county/staff/new, the same use case flag the
// create-official script sets) is held on "choose a new password" whatever page it opens, and
// reaches /county once it has chosen one; and anyone changes their own password from the
// header, which signs out their other devices.
import { randomInt } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { ACCOUNTS, header, msg, newResident, phoneContext, registerResident, signIn, signInAs } from './fixtures';

async function changePassword(page: Page, current: string, next: string, confirm = next) {
  await page.getByLabel(msg('zh', 'account.password.current'), { exact: true }).fill(current);
  await page.getByLabel(msg('zh', 'account.password.new'), { exact: true }).fill(next);
  await page.getByLabel(msg('zh', 'account.password.confirm'), { exact: true }).fill(confirm);
  await page.getByRole('button', { name: msg('zh', 'account.password.submit'), exact: true }).click();
}

test('an official with a one-time password must choose a new one before anything else, then reaches /county', async ({ browser, baseURL }) => {
  // Arrange: the demo official creates the account and reads its one-time password.
  const adminContext = await phoneContext(browser, baseURL);
  const admin = await adminContext.newPage();
  await signInAs(admin, ACCOUNTS.official);
  await admin.goto('/county/staff/new');
  const phone = `170${String(randomInt(100_000_000)).padStart(8, '0')}`;
  await admin.getByLabel(msg('zh', 'staff.fields.name'), { exact: true }).fill('禹春明');
  await admin.getByLabel(msg('zh', 'staff.fields.phone'), { exact: true }).fill(phone);
  await admin.getByLabel(msg('zh', 'staff.fields.role'), { exact: true }).selectOption('official');
  await admin.getByLabel(msg('zh', 'staff.fields.place'), { exact: true }).selectOption({ index: 1 });
  await admin.getByRole('button', { name: msg('zh', 'staff.new.submit'), exact: true }).click();
  const otpBox = admin.getByTestId('one-time-password');
  await expect(otpBox).toBeVisible();
  const oneTime = (await otpBox.innerText()).trim();
  await adminContext.close();

  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, phone, oneTime);
  await expect(page).toHaveURL(/\/account\/password$/);
  await expect(page.getByTestId('must-change-password')).toBeVisible();

  // Any other page sends it back here.
  await page.goto('/county');
  await expect(page).toHaveURL(/\/account\/password$/);
  await page.goto('/county/staff');
  await expect(page).toHaveURL(/\/account\/password$/);

  // The registration rules apply; nothing changes on a refusal.
  const chosen = `Harbour-${randomInt(1e9)}-lantern`;
  await changePassword(page, oneTime, chosen, `${chosen}x`);
  await expect(page.getByText(msg('zh', 'account.password.errors.mismatch')).first()).toBeVisible();
  await expect(page).toHaveURL(/\/account\/password$/);

  await changePassword(page, oneTime, chosen);
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, phone, chosen);
  await expect(page).toHaveURL('/county');
  await expect(page.getByRole('heading', { level: 1, name: msg('zh', 'county.title') })).toBeVisible();
  await context.close();
});

test('a resident changes their password from the header; their other phone is signed out', async ({ browser, baseURL }) => {
  const first = await phoneContext(browser, baseURL);
  const page = await first.newPage();
  const who = await registerResident(page, newResident());

  // The same person on a second phone.
  const second = await phoneContext(browser, baseURL);
  const other = await second.newPage();
  await signIn(other, who.phone, who.password);
  await expect(other).toHaveURL(/\/resident/);

  await header(page).getByRole('link', { name: msg('zh', 'account.headerLink'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: msg('zh', 'account.password.title') })).toBeVisible();
  await changePassword(page, 'not-my-password', 'Meadow-violin-harbour-7');
  await expect(page.getByText(msg('zh', 'account.password.errors.wrongCurrent')).first()).toBeVisible();

  const chosen = `Meadow-${randomInt(1e9)}-violin`;
  await changePassword(page, who.password, chosen);
  await expect(page).toHaveURL(/\/sign-in/);

  // The second phone's next request finds its session ended.
  await other.goto('/resident');
  await expect(other).toHaveURL(/\/sign-in/);

  // The new password signs in.
  await signIn(page, who.phone, chosen);
  await expect(page).toHaveURL(/\/resident/);
  await first.close();
  await second.close();
});
