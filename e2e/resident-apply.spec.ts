// The resident's journey from "what may I receive" to a submitted application and its
// timeline, on a 360 px phone in Chinese. Every test registers its own resident first, with a
// household like the demo resident's (a ground-floor flat in 永济秀园小区, flooded, one boiler
// declared, nothing verified yet), so the tests need no order and change nobody else's data.
// Only the "not found" test uses the demo resident, and only to read.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { APPEAL_WINDOW_DAYS } from '../lib/refusals';
import { ACCOUNTS, applyFor, expectAccessible, fmt, msg, signInAs, signIn, signUpWithHousehold, signInAndOpen } from './fixtures';

const zh = (key: string, params: Record<string, string | number> = {}) => msg('zh', key).replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
// English messages carry ICU plurals: formatted the way the app does.
const en = (key: string, params: Record<string, string | number> = {}) => fmt('en', key, params);
const REFERENCE = /ZZ-\d{4}-\d{6}/;
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const CADRE_OF_YONGJI = '13800000005'; // cadre2, assigned to 双塔街道, which covers 永济秀园小区
const FIRST_NOTE = '家里一楼进水一米多深，暖气片也泡了。';

/** A cadre, in a browser of their own, fires one workflow action with a reason on a case (helper h8's case page). */
async function cadreActs(browser: Browser, baseURL: string, applicationId: string, action: 'return' | 'reject', reason: string) {
  const ctx = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await ctx.newPage();
  try {
    await signInAndOpen(page, CADRE_OF_YONGJI, `/cadre/cases/${applicationId}`);
    const label = zh(`workflow.actions.${action}`);
    await page.getByLabel(zh('cases.reasonFor', { action: label })).fill(reason);
    await page.getByRole('button', { name: label, exact: true }).click();
    await expect(page.getByText(zh(`cases.done.${action}`, { appealDays: APPEAL_WINDOW_DAYS }))).toBeVisible();
  } finally {
    await ctx.close();
  }
}

/** The id of the resident's application for a programme, from its page address. */
async function openMyApplication(page: Page, programmeName: string): Promise<string> {
  await page.goto('/resident/applications');
  await page.getByRole('listitem').filter({ hasText: programmeName }).getByRole('link').click();
  await page.waitForURL(/\/resident\/applications\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split('/').pop()!;
}

/** No serious or critical axe finding on the page once it has arrived (fixtures.ts). */
const axe = expectAccessible;

async function h1(page: Page, name: string) {
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('benefits: the heating fee waiver may qualify once a cadre verifies the flooding', async ({ page }) => {
  test.slow(); // registers a resident and their household first
  await signUpWithHousehold(page);
  // Like the demo resident: the boiler repair already applied for.
  await applyFor(page, 'appliance_repair', { fields: { 'apply.fields.boilers': '1', 'apply.fields.heatPumps': '0' } });
  await page.goto('/resident');
  await page.getByRole('navigation', { name: zh('nav.residentLabel') }).getByRole('link', { name: zh('nav.benefits') }).click();
  await h1(page, zh('benefits.title'));

  const heating = page.locator('#programme-heating_fee_waiver');
  await expect(heating.getByRole('heading', { level: 2, name: zh('programmes.heating_fee_waiver.name') })).toBeVisible();
  await expect(heating.getByText(zh('rules.preview.may_qualify'), { exact: true })).toBeVisible();
  await expect(heating.getByText(zh('benefits.outcome.mayQualify'))).toBeVisible();
  await expect(heating.getByText(zh('rules.unknown.groundFloorFlooded')).first()).toBeVisible();
  await expect(heating.getByText(zh('rules.entitlement.waiverSeason'))).toBeVisible();
  await expect(heating.getByRole('link', { name: zh('benefits.applyFor', { programme: zh('programmes.heating_fee_waiver.name') }) })).toBeVisible();

  // Paid without application (免申即享): nothing to apply for.
  const warm = page.locator('#programme-warm_winter');
  await expect(warm.getByText(zh('benefits.automatic'))).toBeVisible();
  await expect(warm.getByRole('link', { name: /申请/ })).toHaveCount(0);

  // Already applied for the repair: its status, not a second form.
  const repair = page.locator('#programme-appliance_repair');
  await expect(repair.getByText(zh('status.submitted'), { exact: true })).toBeVisible();
  await expect(repair.getByRole('link', { name: zh('benefits.applyFor', { programme: zh('programmes.appliance_repair.name') }) })).toHaveCount(0);

  // Building materials are for rural houses: not eligible, with the reason.
  const materials = page.locator('#programme-building_materials');
  await expect(materials.getByText(zh('benefits.outcome.notQualified'))).toBeVisible();
  await expect(materials.getByText(zh('rules.rural'))).toBeVisible();

  const overflow = await page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const res: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.right > w + 1) res.push(`${el.tagName}.${(el.className || '').toString().slice(0, 80)} right=${Math.round(r.right)} text=${(el.textContent || '').slice(0, 40)}`);
    }
    return [document.documentElement.scrollWidth - w, ...res.slice(0, 20)];
  });
  await axe(page, 'benefits');
  expect(overflow[0] as number, `no sideways scrolling at 360 px; too wide: ${JSON.stringify(overflow.slice(1), null, 1)}`).toBeLessThanOrEqual(0);
});

test('apply for the heating fee waiver in five screens; a double click still makes one application', async ({ page }) => {
  const screens: string[] = [];
  const name = zh('programmes.heating_fee_waiver.name');
  test.slow(); // registers a resident and their household first
  const who = await signUpWithHousehold(page);
  await page.context().clearCookies();

  // 1: sign in.
  await page.goto('/sign-in');
  screens.push('sign-in');
  await signIn(page, who.phone, who.password);
  // 2: home, with a direct "apply" link.
  await h1(page, zh('resident.title'));
  screens.push('home');
  await page.getByRole('link', { name: zh('benefits.applyFor', { programme: name }) }).click();
  // 3: the form.
  await h1(page, zh('apply.title', { programme: name }));
  screens.push('form');
  await expect(page.getByText(zh('common.stepOf', { n: 1, total: 3 }), { exact: false })).toBeVisible();
  await page.getByLabel(zh('apply.fields.note')).fill(FIRST_NOTE);
  await page.getByRole('button', { name: zh('apply.fill.next') }).click();
  // 4: review, with the answers and what the household would receive.
  await expect(page.getByRole('heading', { level: 2, name: zh('apply.review.title') })).toBeVisible();
  screens.push('review');
  await expect(page.getByRole('definition').filter({ hasText: FIRST_NOTE })).toBeVisible();
  await expect(page.getByText(zh('rules.entitlement.waiverSeason'))).toBeVisible();
  await axe(page, 'review');
  await page.getByRole('button', { name: zh('apply.submit') }).dblclick();
  // 5: confirmation with the reference number.
  await page.waitForURL('**/resident/apply/heating_fee_waiver/done');
  await h1(page, zh('apply.done.title'));
  screens.push('confirmation');
  await expect(page.getByTestId('reference')).toHaveText(REFERENCE);
  const reference = (await page.getByTestId('reference').textContent())!.trim();
  await expect(page.getByRole('heading', { level: 2, name: zh('track.next.title') })).toBeVisible();
  expect(screens, 'sign-in → submitted').toHaveLength(5);
  await axe(page, 'confirmation');

  // One application in the list, whatever the double click did.
  await page.getByRole('navigation', { name: zh('nav.residentLabel') }).getByRole('link', { name: zh('nav.applications') }).click();
  await h1(page, zh('track.list.title'));
  const items = page.getByRole('listitem').filter({ hasText: name });
  await expect(items).toHaveCount(1);
  await expect(items).toContainText(reference);
  await expect(items).toContainText(zh('status.submitted'));

  // Its page: status, what happens next, the timeline with role (never a staff name) and date.
  await items.getByRole('link').click();
  await h1(page, name);
  await expect(page.getByText(zh('track.detail.reference', { reference }))).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: zh('track.next.title') })).toBeVisible();
  const timeline = page.getByRole('list', { name: zh('track.detail.timeline') });
  await expect(timeline.getByRole('listitem')).toHaveCount(1);
  await expect(timeline).toContainText(zh('track.events.submit'));
  await expect(timeline).toContainText(zh('track.who.resident'));
  await expect(timeline).toContainText(/\d{4}年\d{1,2}月\d{1,2}日/);
  // It can be withdrawn (the English test withdraws one).
  await expect(page.getByRole('button', { name: zh('track.withdraw.button') })).toBeVisible();
  await axe(page, 'application page');

  // Going back to the form address now shows the case, not a second form.
  await page.goto('/resident/apply/heating_fee_waiver');
  await h1(page, name);
  await expect(page.getByText(zh('track.detail.reference', { reference }))).toBeVisible();
});

test('returned: the resident sees exactly what the cadre asked, edits and resubmits', async ({ page, browser, baseURL }) => {
  const name = zh('programmes.heating_fee_waiver.name');
  const asked = '请补充说明进水时间，并上传一楼进水的照片。';
  test.slow(); // registers a resident and their household first
  await signUpWithHousehold(page);
  const { id } = await applyFor(page, 'heating_fee_waiver', { note: FIRST_NOTE });
  await cadreActs(browser, baseURL!, id, 'return', asked);

  // The list says something is needed; the case page says exactly what.
  await page.goto('/resident/applications');
  await expect(page.getByRole('listitem').filter({ hasText: name })).toContainText(zh('track.list.returnedHint'));
  await page.goto(`/resident/applications/${id}`);
  await expect(page.getByText(zh('status.returned'), { exact: true })).toBeVisible();
  const returned = page.getByRole('region', { name: zh('apply.returned.title') });
  await expect(returned).toContainText(asked);
  const timeline = page.getByRole('list', { name: zh('track.detail.timeline') });
  await expect(timeline).toContainText(zh('track.events.return'));
  await expect(timeline).toContainText(zh('track.who.cadre'));
  await expect(timeline).toContainText(asked);

  // Edit the same generated form, with the earlier answers filled in, and send it again.
  await returned.getByRole('link', { name: zh('track.detail.editAndResubmit') }).click();
  await h1(page, zh('apply.title', { programme: name }));
  await expect(page.getByText(asked)).toBeVisible();
  const note = page.getByLabel(zh('apply.fields.note'));
  await expect(note).toHaveValue(FIRST_NOTE);
  await note.fill('7月31日夜里一楼进水，深约1.2米，照片已交给网格员。');
  await page.getByRole('button', { name: zh('apply.fill.next') }).click();
  await page.getByRole('button', { name: zh('apply.resubmit') }).click();
  await h1(page, zh('apply.done.title'));
  await page.getByRole('link', { name: zh('apply.done.track') }).click();
  await expect(page.getByText(zh('status.submitted'), { exact: true })).toBeVisible();
  await expect(timeline.getByRole('listitem')).toHaveCount(3);
  await expect(timeline).toContainText(zh('track.events.resubmit'));
  await expect(page.getByRole('definition').filter({ hasText: '7月31日夜里一楼进水' })).toBeVisible();
});

test('refused: a countdown shows the days left to appeal, and the appeal is sent with a reason', async ({ page, browser, baseURL }) => {
  const name = zh('programmes.building_materials.name');
  test.slow(); // registers a resident and their household first
  await signUpWithHousehold(page);
  // The household does not qualify (a city flat), but may still apply; the form says so.
  await page.goto('/resident/apply/building_materials');
  await h1(page, zh('apply.title', { programme: name }));
  await expect(page.getByText(zh('apply.notQualifiedNote'))).toBeVisible();
  await page.getByLabel(zh('apply.fields.note')).fill('老家农村的房子也塌了。');
  await page.getByRole('button', { name: zh('apply.fill.next') }).click();
  await expect(page.getByText(zh('apply.review.notOnDeclared'))).toBeVisible();
  await page.getByRole('button', { name: zh('apply.submit') }).click();
  await h1(page, zh('apply.done.title'));

  const id = await openMyApplication(page, name);
  const why = '您家登记的是城区楼房，建材补助只发给农村危房户。';
  await cadreActs(browser, baseURL!, id, 'reject', why);

  await page.goto(`/resident/applications/${id}`);
  await expect(page.getByText(zh('status.rejected'), { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: zh('appeal.refused.title') })).toContainText(why);
  await expect(page.getByText(zh('appeal.daysLeft', { days: 15 }))).toBeVisible();
  // While it can still be appealed, the way forward is the appeal, not a new application (lib/reapply.ts).
  await expect(page.getByRole('link', { name: zh('benefits.applyAgain') })).toHaveCount(0);
  await axe(page, 'refused application with the appeal form');

  // A reason is required; what was typed survives a refused attempt.
  await page.getByRole('button', { name: zh('appeal.form.submit') }).click();
  await expect(page.getByText(zh('validation.reason.required')).first()).toBeVisible();
  const reason = page.getByLabel(zh('appeal.form.reason'));
  await reason.fill('我');
  await page.getByRole('button', { name: zh('appeal.form.submit') }).click();
  await expect(page.getByText(zh('validation.reason.tooShort')).first()).toBeVisible();
  await expect(reason).toHaveValue('我');
  await reason.fill('我在村里还有一处自建房，也被洪水冲坏了，请再核实。');
  await page.getByRole('button', { name: zh('appeal.form.submit') }).click();
  await expect(page.getByText(zh('appeal.done'))).toBeVisible();
  await expect(page.getByText(zh('status.appealed'), { exact: true })).toBeVisible();
  const timeline = page.getByRole('list', { name: zh('track.detail.timeline') });
  await expect(timeline).toContainText(zh('track.events.appeal'));
  await expect(timeline).toContainText('我在村里还有一处自建房');
  await expect(page.getByRole('button', { name: zh('appeal.form.submit') })).toHaveCount(0);
});

test('the form keeps what was typed, explains a wrong answer next to the field, and takes an invoice photo', async ({ page }) => {
  test.slow(); // registers a resident and their household first
  await signUpWithHousehold(page);
  // The appliance subsidy asks for unit counts (capped at the one boiler declared) and an invoice.
  await page.goto('/resident/apply/appliance_subsidy');
  await h1(page, zh('apply.title', { programme: zh('programmes.appliance_subsidy.name') }));
  const boilers = page.getByLabel(zh('apply.fields.boilers'));
  await boilers.fill('3');
  await page.getByLabel(zh('apply.fields.heatPumps')).fill('0');
  await page.getByRole('button', { name: zh('apply.fill.next') }).click();
  const summary = page.getByRole('alert').filter({ hasText: zh('common.errorSummary') });
  await expect(summary).toBeVisible();
  // Each line of the summary names its field by the label it has on the page.
  await expect(summary.getByRole('link', { name: zh('common.errorSummaryItem', { label: zh('apply.fields.boilers'), message: zh('apply.validation.max', { max: 1 }) }), exact: true })).toBeVisible();
  await expect(summary.getByRole('link', { name: zh('common.errorSummaryItem', { label: zh('apply.fields.invoice'), message: zh('apply.validation.uploadRequired') }), exact: true })).toHaveAttribute('href', '#answer-invoice');
  await expect(page.getByText(zh('apply.validation.uploadRequired')).first()).toBeVisible();
  await expect(boilers).toHaveValue('3');
  await expect(boilers).toHaveAttribute('aria-invalid', 'true');
  await axe(page, 'form with errors');

  // Fixed, with the invoice photo uploaded (attached to the household until the application exists).
  await boilers.fill('1');
  await page.locator('input[type="file"]:not([capture])').setInputFiles({ name: 'invoice.png', mimeType: 'image/png', buffer: Buffer.from(PNG_1PX, 'base64') });
  await expect(page.locator('input[type="hidden"][name="answer.invoice"]')).toHaveCount(1);
  await page.getByRole('button', { name: zh('apply.fill.next') }).click();
  await expect(page.getByRole('heading', { level: 2, name: zh('apply.review.title') })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: zh('apply.review.photoAttached') })).toBeVisible();
  await page.getByRole('button', { name: zh('apply.submit') }).click();
  await h1(page, zh('apply.done.title'));
  await page.getByRole('link', { name: zh('apply.done.track') }).click();
  await expect(page.getByText(zh('track.detail.photoCount', { count: 1 }))).toBeVisible();
});

test('another household’s or a made-up application address is not found', async ({ page }) => {
  await signInAs(page, ACCOUNTS.resident);
  for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
    const res = await page.goto(`/resident/applications/${id}`);
    expect(res?.status()).toBe(404);
    await h1(page, zh('errors.notFoundPage.title'));
  }
});

test.describe('in English', () => {
  test.use({ locale: 'en-GB' });

  test('draft saved and reloaded, sent, then withdrawn', async ({ page, context, baseURL }) => {
    test.slow(); // registers a resident and their household first
  await signUpWithHousehold(page);
    await context.addCookies([{ name: 'locale', value: 'en', url: baseURL! }]);
    const name = en('programmes.property_fee_waiver.name');
    await page.goto('/resident');
    await h1(page, en('resident.title'));
    await page.getByRole('link', { name: en('benefits.applyFor', { programme: name }) }).click();
    await h1(page, en('apply.title', { programme: name }));

    // Save a draft, leave, come back: what was typed is still there.
    await page.getByLabel(en('apply.fields.note')).fill('Ground floor flooded to 1.2 m.');
    await page.getByRole('button', { name: en('apply.saveDraft') }).first().click();
    await expect(page.getByRole('status').filter({ hasText: 'Draft saved' })).toBeVisible();
    await page.getByRole('navigation', { name: en('nav.residentLabel') }).getByRole('link', { name: en('nav.benefits') }).click();
    await h1(page, en('benefits.title'));
    const card = page.locator('#programme-property_fee_waiver');
    await expect(card.getByText(en('status.draft'), { exact: true })).toBeVisible();
    await card.getByRole('link', { name: en('benefits.continueDraft') }).click();
    await h1(page, en('apply.title', { programme: name }));
    await expect(page.getByLabel(en('apply.fields.note'))).toHaveValue('Ground floor flooded to 1.2 m.');
    await expect(page.getByText(/We opened the draft you saved last time/)).toBeVisible();

    // Review and send.
    await page.getByRole('button', { name: en('apply.fill.next') }).click();
    await expect(page.getByRole('heading', { level: 2, name: en('apply.review.title') })).toBeVisible();
    // However many years an official has set the waiver to (county-programmes.spec changes it while this runs).
    const yearsWords = [1, 2].map((years) => en('rules.entitlement.waiverYears', { years }).replace(/\d+/, '\\d+'));
    await expect(page.getByText(new RegExp(yearsWords.join('|')))).toBeVisible();
    await page.getByRole('button', { name: en('apply.submit') }).click();
    await h1(page, en('apply.done.title'));
    const reference = (await page.getByTestId('reference').textContent())!.trim();
    expect(reference).toMatch(REFERENCE);

    // Track it, then withdraw it (with a confirmation step).
    await page.getByRole('link', { name: en('apply.done.track') }).click();
    await h1(page, name);
    await expect(page.getByText(en('status.submitted'), { exact: true })).toBeVisible();
    await page.getByRole('button', { name: en('track.withdraw.button') }).click();
    await expect(page.getByRole('heading', { name: en('track.withdraw.confirmTitle') })).toBeVisible();
    await page.getByRole('button', { name: en('track.withdraw.confirm') }).click();
    await expect(page.getByText(en('track.withdraw.done'))).toBeVisible();
    await expect(page.getByText(en('status.withdrawn'), { exact: true })).toBeVisible();
    const timeline = page.getByRole('list', { name: en('track.detail.timeline') });
    await expect(timeline.getByRole('listitem')).toHaveCount(2);
    await expect(timeline).toContainText(en('track.events.withdraw'));
    await expect(timeline).toContainText(en('track.who.resident'));
    await expect(page.getByRole('button', { name: en('track.withdraw.button') })).toHaveCount(0);
    await expect(page.getByText(en('track.next.withdrawn'))).toBeVisible();
    // Withdrawn is history: the case page, "help I may receive" and home each offer applying again (issue 9 item 8).
    const casePath = new URL(page.url()).pathname;
    await expect(page.getByRole('link', { name: en('benefits.applyAgain'), exact: true })).toBeVisible();
    await axe(page, 'withdrawn application (en)');
    await page.goto('/resident/benefits');
    const again = page.locator('#programme-property_fee_waiver');
    await expect(again.getByText(en('status.withdrawn'), { exact: true })).toBeVisible();
    await expect(again.getByRole('link', { name: en('benefits.applyAgainFor', { programme: name }) })).toBeVisible();
    // The old case stays reachable as history.
    await again.getByRole('link', { name: /Applied on/ }).click();
    await expect(page).toHaveURL(new RegExp(`${casePath}$`));
    await page.goto('/resident');
    await h1(page, en('resident.title'));
    const applyAgain = page.getByRole('link', { name: en('benefits.applyAgainFor', { programme: name }) });
    const box = await applyAgain.boundingBox();
    expect(box!.height, 'touch target').toBeGreaterThanOrEqual(44);
    await applyAgain.click();
    await h1(page, en('apply.title', { programme: name }));
    await expect(page.getByTestId('reapply-note')).toHaveText(en('apply.reapply.afterWithdrawal', { reference }));
    await expect(page.getByLabel(en('apply.fields.note'))).toHaveValue('');
    await page.goto('/resident/applications');
    await axe(page, 'my applications (en)');
  });
});
