// Assisted service (代办) on a phone: the demo cadre of 刁窝镇 registers a household for an
// elderly resident without an account, declares the damage and applies on their behalf through
// the resident's own forms; the case says it was made on the household's behalf. Later that
// person registers with the same ID number, asks to take the household over, the cadre confirms,
// and the resident sees the case in their own list.
import { test, expect } from '@playwright/test';
import { FLOOR_MAX, FLOOR_MIN } from '../lib/validators';
import { ACCOUNTS, expectNoSideways, fmt, msg, newResident, phoneContext, registerResident, signInAs } from './fixtures';

const z = (key: string, params: Record<string, string | number> = {}) => fmt('zh', key, params);

test('a cadre keeps a household for an elderly resident, applies for them, and hands it over when they register', async ({ page, browser, baseURL }) => {
  const elder = newResident();

  // The cadre registers the household.
  await signInAs(page, ACCOUNTS.cadre);
  await page.getByRole('link', { name: msg('zh', 'cadreAssist.nav') }).click();
  await expect(page.getByRole('heading', { level: 1, name: z('cadreAssist.create.title') })).toBeVisible();
  await expectNoSideways(page);
  await page.getByLabel(z('cadreAssist.create.headName'), { exact: true }).fill(elder.name);
  await page.getByLabel(z('cadreAssist.create.idNumber'), { exact: true }).fill(elder.idNumber);
  await page.getByLabel(z('household.place.township'), { exact: true }).selectOption({ label: '刁窝镇' });
  await page.getByLabel(z('household.place.village'), { exact: true }).selectOption({ label: '东冯村' });
  await page.getByRole('radio', { name: z('household.kind.rural') }).check();
  await page.getByLabel(z('household.fields.addressRural'), { exact: true }).fill('北街3号');
  await page.getByRole('button', { name: z('cadreAssist.create.submit'), exact: true }).click();
  await page.waitForURL(/\/cadre\/assist\/[0-9a-f-]{36}\?saved=created$/);
  await expect(page.getByRole('status').filter({ hasText: z('cadreAssist.household.created') })).toBeVisible();
  const householdId = new URL(page.url()).pathname.split('/').pop()!;
  await expect(page.getByText(z('cadreAssist.household.kept'))).toBeVisible();

  // The same head twice is refused next to the ID number, with what was typed kept.
  await page.goto('/cadre/assist/new');
  await page.getByLabel(z('cadreAssist.create.headName'), { exact: true }).fill(elder.name);
  await page.getByLabel(z('cadreAssist.create.idNumber'), { exact: true }).fill(elder.idNumber);
  await page.getByLabel(z('household.place.township'), { exact: true }).selectOption({ label: '刁窝镇' });
  await page.getByLabel(z('household.place.village'), { exact: true }).selectOption({ label: '东冯村' });
  await page.getByRole('radio', { name: z('household.kind.rural') }).check();
  await page.getByLabel(z('household.fields.addressRural'), { exact: true }).fill('北街3号');
  await page.getByRole('button', { name: z('cadreAssist.create.submit'), exact: true }).click();
  await expect(page.getByRole('link', { name: z('cadreAssist.errors.headTaken') })).toBeVisible();
  await expect(page.getByLabel(z('cadreAssist.create.idNumber'), { exact: true })).toHaveValue(elder.idNumber);
  // A flat on floor 0 is refused with the sentence that states the floors there are.
  await page.getByRole('radio', { name: z('household.kind.urban') }).check();
  await page.getByLabel(z('household.fields.building'), { exact: true }).fill('3');
  await page.getByLabel(z('household.fields.floor'), { exact: true }).fill('0');
  await page.getByRole('button', { name: z('cadreAssist.create.submit'), exact: true }).click();
  // The sentence, not its key: the page hands the form the household.errors messages it needs.
  const floorRange = z('household.errors.floorRange', { min: FLOOR_MIN, max: FLOOR_MAX });
  await expect(page.getByLabel(z('household.fields.floor'), { exact: true })).toHaveAccessibleDescription(floorRange);
  await expect(page.getByRole('link', { name: floorRange })).toBeVisible();
  await expect(page.getByLabel(z('household.fields.floor'), { exact: true })).toHaveValue('0');

  // Damage, declared on the household's behalf through the resident's damage form.
  await page.goto(`/cadre/assist/${householdId}`);
  await page.getByRole('link', { name: z('cadreAssist.household.details') }).click();
  await expect(page.getByRole('heading', { level: 1, name: z('cadreAssist.details.title') })).toBeVisible();
  await page.getByLabel(z('household.damage.grade'), { exact: true }).selectOption({ label: z('household.damage.grades.D') });
  await page.getByLabel(z('household.damage.heatPumps'), { exact: true }).fill('1');
  // The questions speak about the household, not to the cadre reading them.
  await expect(page.getByText(z('household.damage.affected'))).toHaveCount(0);
  await page.getByRole('group', { name: z('household.damageOnBehalf.affected') }).getByRole('radio', { name: z('household.damage.yes') }).check();
  await page.getByRole('button', { name: z('household.damage.save'), exact: true }).click();
  await page.waitForURL((u) => u.pathname === `/cadre/assist/${householdId}` && u.searchParams.get('saved') === 'damage');
  await expect(page.getByRole('status').filter({ hasText: z('cadreAssist.household.savedDamage') })).toBeVisible();

  // Apply on their behalf with the generated form; the case says so.
  await page.getByRole('link', { name: z('cadreAssist.household.apply') }).click();
  await expect(page.getByRole('heading', { level: 1, name: z('cadreAssist.apply.title') })).toBeVisible();
  // A village house does not qualify for a flat's heating-fee waiver: the card says so and offers no form.
  const heating = page.locator('li').filter({ has: page.getByRole('heading', { level: 2, name: z('programmes.heating_fee_waiver.name') }) });
  await expect(heating).toContainText(z('cadreAssist.apply.notQualified'));
  await expect(heating.getByRole('link', { name: z('cadreAssist.apply.start') })).toHaveCount(0);
  const repair = page.locator('li').filter({ has: page.getByRole('heading', { level: 2, name: /免费检修/ }) });
  await expect(repair.getByRole('link', { name: z('cadreAssist.apply.start') })).toBeVisible();
  await page.goto(`/cadre/assist/${householdId}/apply/appliance_repair`);
  await expect(page.getByRole('heading', { level: 2, name: z('apply.fill.title') })).toBeVisible();
  await expectNoSideways(page);
  await page.getByLabel(z('apply.fields.boilers')).fill('0');
  await page.getByLabel(z('apply.fields.heatPumps')).fill('1');
  await page.getByRole('button', { name: z('apply.fill.next') }).click();
  await expect(page.getByRole('heading', { level: 2, name: z('apply.review.title') })).toBeVisible();
  await page.getByRole('button', { name: z('apply.submit') }).click();
  await page.waitForURL(/\/cadre\/cases\/[0-9a-f-]{36}$/);
  const caseId = new URL(page.url()).pathname.split('/').pop()!;
  await expect(page.getByText(z('cases.answers.onBehalf'))).toBeVisible();
  await expect(page.getByText(z('cadreAssist.timeline.onBehalf')).first()).toBeVisible();
  const heading = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
  const reference = /ZZ-\d{4}-\d{6}/.exec(heading)?.[0];
  expect(reference, 'the case page names its reference').toBeTruthy();

  // The elder registers later on a phone of their own, with the same ID number, and asks.
  const context = await phoneContext(browser, baseURL);
  try {
    const resident = await context.newPage();
    await registerResident(resident, elder);
    await expect(resident.getByRole('heading', { name: z('cadreAssist.claim.title') })).toBeVisible();
    await resident.getByRole('button', { name: z('cadreAssist.claim.ask') }).click();
    await expect(resident.getByRole('status').filter({ hasText: z('cadreAssist.claim.waiting') })).toBeVisible();
    // Not theirs yet: the case is not in their list until a cadre confirms.
    await resident.goto(`/resident/applications/${caseId}`);
    await expect(resident.getByText(reference!)).toHaveCount(0);

    // The cadre confirms on the household's assisted-service page.
    await page.goto(`/cadre/assist/${householdId}`);
    await expect(page.getByRole('heading', { name: z('cadreAssist.claim.pendingTitle') })).toBeVisible();
    await page.getByRole('button', { name: z('cadreAssist.claim.confirm') }).click();
    await expect(page.getByRole('status').filter({ hasText: z('cadreAssist.claim.confirmed') })).toBeVisible();

    // The resident now manages the household and sees the case made for them.
    await resident.goto('/resident/applications');
    await expect(resident.getByText(reference!)).toBeVisible();
    await resident.goto(`/resident/applications/${caseId}`);
    await expect(resident.getByText(z('cadreAssist.timeline.onBehalf')).first()).toBeVisible();
    await expectNoSideways(resident);
  } finally {
    await context.close();
  }
});
