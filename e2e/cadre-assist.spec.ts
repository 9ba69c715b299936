// Assisted service (代办) on a phone: the demo cadre of 刁窝镇 registers a household for an
// elderly resident without an account, declares the damage and applies on their behalf through
// the resident's own forms; the case says it was made on the household's behalf. Later that
// person registers with the same ID number and asks to take the household over; the cadre
// calls them (revealing their number with a reason), refuses until the ID card is checked in
// person, then confirms, and the resident sees the case in their own list while the cadre no
// longer keeps the household's records.
import { test, expect, type Page } from '@playwright/test';
import { FLOOR_MAX, FLOOR_MIN } from '../lib/field-limits';
import { maskName } from '../lib/pii';
import { ACCOUNTS, expectNoSideways, fmt, msg, newResident, phoneContext, registerResident, signInAs, signInAndOpen } from './fixtures';

const z = (key: string, params: Record<string, string | number> = {}) => fmt('zh', key, params);

test('a cadre keeps a household for an elderly resident, applies for them, and hands it over when they register', async ({ page, browser, baseURL }) => {
  const elder = newResident();

  // The cadre registers the household.
  await signInAs(page, ACCOUNTS.cadre);
  await page.getByRole('link', { name: msg('zh', 'cadreAssist.nav') }).click();
  await expect(page.getByRole('heading', { level: 1, name: z('cadreAssist.create.title') })).toBeVisible();
  await expectNoSideways(page);
  await fillAssistForm(page, elder, '北街3号');
  await page.waitForURL(/\/cadre\/assist\/[0-9a-f-]{36}\?saved=created$/);
  await expect(page.getByRole('status').filter({ hasText: z('cadreAssist.household.created') })).toBeVisible();
  const householdId = new URL(page.url()).pathname.split('/').pop()!;
  await expect(page.getByText(z('cadreAssist.household.kept'))).toBeVisible();

  // The same head twice is refused next to the ID number, with what was typed kept.
  await page.goto('/cadre/assist/new');
  await fillAssistForm(page, elder, '北街3号');
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
    // A household kept for them is claimed, not registered a second time: no register form.
    await expect(resident.getByRole('heading', { name: z('household.create.title') })).toHaveCount(0);
    await resident.getByRole('button', { name: z('cadreAssist.claim.ask') }).click();
    await expect(resident.getByRole('status').filter({ hasText: z('cadreAssist.claim.waiting', { place: '东冯村' }) })).toBeVisible();
    // Not theirs yet: the case is not in their list until a cadre confirms.
    await resident.goto(`/resident/applications/${caseId}`);
    await expect(resident.getByText(reference!)).toHaveCount(0);

    // The cadre sees who asked (masked, as on every staff page) and cannot confirm without
    // ticking that the ID card was checked in person. The person has not come yet: refused.
    await page.goto(`/cadre/assist/${householdId}`);
    await expect(page.getByRole('heading', { name: z('cadreAssist.claim.pendingTitle') })).toBeVisible();
    await expect(page.getByText(maskName(elder.name), { exact: true })).toBeVisible();
    // To ask them in with the ID card the cadre calls them: the full number, shown for a reason.
    const claimantPhone = z('cadreHouseholds.reveal.field.claimantPhone');
    const reveal = page.locator('details').filter({ has: page.getByText(z('cadreHouseholds.reveal.open', { field: claimantPhone }), { exact: true }) });
    await reveal.locator('summary').click();
    await reveal.getByLabel(z('cadreHouseholds.reveal.reason'), { exact: true }).fill('请本人带身份证来核对');
    await reveal.getByRole('button', { name: z('cadreHouseholds.reveal.submit', { field: claimantPhone }) }).click();
    await expect(page.locator('[data-revealed="claimantPhone"]')).toHaveText(elder.phone);
    await page.getByRole('button', { name: z('cadreAssist.claim.confirm') }).click();
    await expect(page.getByText(z('cadreAssist.claim.errors.idCheckRequired'))).toBeVisible();
    await expect(page.getByRole('checkbox', { name: z('cadreAssist.claim.idChecked') })).toHaveAttribute('aria-invalid', 'true');
    await page.getByText(z('cadreAssist.claim.declineTitle')).click();
    await page.getByRole('radio', { name: z('cadreAssist.claim.reasons.not_verified') }).check();
    await page.getByRole('button', { name: z('cadreAssist.claim.decline') }).click();
    await expect(page.getByRole('status').filter({ hasText: z('cadreAssist.claim.declined') })).toBeVisible();
    await expect(page.getByRole('heading', { name: z('cadreAssist.claim.pendingTitle') })).toHaveCount(0);
    await expectNoSideways(page);

    // The resident reads why, brings the ID card, and asks again.
    await resident.goto('/resident/household');
    await expect(resident.getByRole('note').filter({ hasText: z('cadreAssist.claim.residentReasons.not_verified') })).toBeVisible();
    await resident.getByRole('button', { name: z('cadreAssist.claim.askAgain') }).click();
    await expect(resident.getByRole('status').filter({ hasText: z('cadreAssist.claim.waiting', { place: '东冯村' }) })).toBeVisible();

    // The cadre checks the card in person, ticks, and confirms.
    await page.goto(`/cadre/assist/${householdId}`);
    await page.getByRole('checkbox', { name: z('cadreAssist.claim.idChecked') }).check();
    await page.getByRole('button', { name: z('cadreAssist.claim.confirm') }).click();
    await expect(page.getByRole('status').filter({ hasText: z('cadreAssist.claim.confirmed') })).toBeVisible();
    // From now on the household keeps its own records: only a grievance is left to file for it.
    await expect(page.getByText(z('cadreAssist.household.claimedStop'))).toBeVisible();
    await expect(page.getByRole('link', { name: z('cadreAssist.household.apply') })).toHaveCount(0);
    await expect(page.getByRole('link', { name: z('cadreAssist.household.grievance') })).toBeVisible();
    await page.goto(`/cadre/assist/${householdId}/household`);
    await expect(page.getByText(z('cadreAssist.household.claimedStop'))).toBeVisible();
    await expect(page.getByRole('button', { name: z('household.members.add') })).toHaveCount(0);

    // Their household page says what the cadre declared for them.
    await resident.goto('/resident/household');
    await expect(resident.getByRole('heading', { name: z('household.damage.title') })).toBeVisible();
    await expect(resident.getByText(z('facts.declaredForHousehold')).first()).toBeVisible();

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

test('on the 代办 pages the forms speak about the household, and the household page, the case and the grievance say what a cadre did for it', async ({ page, browser, baseURL }) => {
  const elder = newResident();
  const relative = newResident();
  await signInAndOpen(page, ACCOUNTS.cadre.phone, '/cadre/assist/new');
  await fillAssistForm(page, elder, '南街7号');
  await page.waitForURL(/\/cadre\/assist\/[0-9a-f-]{36}\?saved=created$/);
  const householdId = new URL(page.url()).pathname.split('/').pop()!;

  // A member and the damage, recorded by the cadre for the household.
  await page.goto(`/cadre/assist/${householdId}/household`);
  await page.getByLabel(z('household.members.name'), { exact: true }).fill(relative.name);
  await page.getByLabel(z('household.members.relation'), { exact: true }).selectOption({ label: z('household.relation.spouse') });
  await page.getByRole('button', { name: z('household.members.add'), exact: true }).click();
  await expect(page.getByRole('button', { name: z('household.members.remove', { name: maskName(relative.name) }) })).toBeVisible();
  await page.getByLabel(z('household.damage.grade'), { exact: true }).selectOption({ label: z('household.damage.grades.D') });
  await page.getByLabel(z('household.damage.heatPumps'), { exact: true }).fill('1');
  await page.getByRole('group', { name: z('household.damageOnBehalf.affected') }).getByRole('radio', { name: z('household.damage.yes') }).check();
  await page.getByRole('button', { name: z('household.damage.save'), exact: true }).click();
  await page.waitForURL((u) => u.pathname === `/cadre/assist/${householdId}` && u.searchParams.get('saved') === 'damage');

  // The application form's note asks about this household's situation, not "您家".
  await page.goto(`/cadre/assist/${householdId}/apply/building_materials`);
  await expect(page.getByLabel(z('apply.fields.note'))).toBeVisible();
  await expect(page.getByText(z('apply.onBehalf.fields.noteHint'), { exact: true })).toBeVisible();
  await expect(page.getByText(z('apply.fields.noteHint'), { exact: true })).toHaveCount(0);

  // The repair form asks when suits the household, and its check step says what the household would receive.
  await page.goto(`/cadre/assist/${householdId}/apply/appliance_repair`);
  await page.getByLabel(z('apply.fields.boilers')).fill('0');
  await page.getByLabel(z('apply.fields.heatPumps')).fill('1');
  await expect(page.getByLabel(z('apply.onBehalf.fields.preferredTime'))).toBeVisible();
  await page.getByRole('button', { name: z('apply.fill.next') }).click();
  await expect(page.getByRole('heading', { level: 2, name: z('apply.onBehalf.review.title') })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: z('apply.onBehalf.review.receive') })).toBeVisible();
  await expect(page.getByText(z('apply.review.receive'), { exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: z('apply.submit') }).click();
  await page.waitForURL(/\/cadre\/cases\/[0-9a-f-]{36}$/);

  // The case's fact lines say the cadre declared them for the household, not the resident.
  const grade = page.locator('[data-fact="safetyGrade"]');
  await expect(grade.getByText(z('cases.facts.declaredForHousehold'), { exact: true })).toBeVisible();
  await expect(grade.getByText(z('cases.facts.declared'), { exact: true })).toHaveCount(0);

  // So does the household page, for the member and the facts.
  await page.goto(`/cadre/households/${householdId}`);
  const members = page.getByRole('listitem').filter({ hasText: maskName(relative.name) });
  await expect(members).toContainText(z('cadreHouseholds.members.forHousehold'));
  const gradeBox = page.locator('[data-fact="safetyGrade"]');
  await expect(gradeBox.getByText(z('cases.facts.declaredForHousehold'), { exact: true })).toBeVisible();
  await expect(gradeBox.getByText(z('cases.facts.declared'), { exact: true })).toHaveCount(0);

  // A grievance filed for the household: the place hint speaks about the household, and its history says a cadre filed it for them.
  await page.goto(`/cadre/assist/${householdId}/grievance`);
  await expect(page.getByText(z('grievances.formOnBehalf.placeHint'), { exact: true })).toBeVisible();
  await expect(page.getByText(z('grievances.form.placeHint'), { exact: true })).toHaveCount(0);
  await page.getByRole('radio', { name: z('grievances.category.other') }).check();
  await page.getByLabel(z('grievances.form.description'), { exact: true }).fill('老人一个人住，院墙被水泡塌了一段，想请村里帮忙看看。');
  await page.getByRole('button', { name: z('grievances.form.submit'), exact: true }).click();
  await page.waitForURL(/\/cadre\/grievances\/[0-9a-f-]{36}/);
  const history = page.getByRole('list', { name: z('grievances.detail.timeline') });
  await expect(history.getByRole('listitem').first()).toContainText(z('cadreAssist.timeline.onBehalf'));

  // In English the household page names no reader: "May qualify", not "You may qualify".
  const english = await phoneContext(browser, baseURL, 'en');
  try {
    const en = await english.newPage();
    await signInAndOpen(en, ACCOUNTS.cadre.phone, `/cadre/households/${householdId}`);
    await expect(en.locator('[data-programme]').filter({ hasText: fmt('en', 'rules.previewHousehold.may_qualify') }).first()).toBeVisible();
    await expect(en.getByText(fmt('en', 'rules.preview.may_qualify'))).toHaveCount(0);
    await expect(en.locator('[data-fact="safetyGrade"]').getByText(fmt('en', 'cases.facts.declaredForHousehold'), { exact: true })).toBeVisible();
  } finally {
    await english.close();
  }
});

/** The 代办 registration form filled for `elder`, a rural house in 刁窝镇 东冯村, and sent. */
async function fillAssistForm(page: Page, elder: { name: string; idNumber: string }, address: string) {
  await page.getByLabel(z('cadreAssist.create.headName'), { exact: true }).fill(elder.name);
  await page.getByLabel(z('cadreAssist.create.idNumber'), { exact: true }).fill(elder.idNumber);
  await page.getByLabel(z('household.place.township'), { exact: true }).selectOption({ label: '刁窝镇' });
  await page.getByLabel(z('household.place.village'), { exact: true }).selectOption({ label: '东冯村' });
  await page.getByRole('radio', { name: z('household.kind.rural') }).check();
  await page.getByLabel(z('household.fields.addressRural'), { exact: true }).fill(address);
  await page.getByRole('button', { name: z('cadreAssist.create.submit'), exact: true }).click();
}
