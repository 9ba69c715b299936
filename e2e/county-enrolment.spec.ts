// 免申即享 enrolment on a 360 px phone in Chinese (issue 10 item 4): a fresh resident declares a
// rural house in 刁窝镇 as affected and reads that a cadre must verify it first; the county
// official's preview counts it among the households awaiting verification; the demo cadre
// verifies "affected"; the official's preview now has households to enrol, the official enrols
// them all after the confirmation step; the resident sees the approved warm-winter case without
// having applied; a second run leaves that household with its one case. Other specs share the
// demo database and run in parallel, so the assertions are on this resident's household and on
// figures that only grow (never on the county's totals).
import { expect, test, type Page } from '@playwright/test';
import { ACCOUNTS, diaowoHouse, expectAccessible, expectNoSideways, fmt, freshResident, msg, phoneContext, signInAndOpen, signInOverHttp } from './fixtures';

const z = (key: string, params: Record<string, string | number> = {}) => fmt('zh', key, params);

/** The whole number a preview tile shows (1,234 → 1234). */
async function tileNumber(page: Page, testId: string): Promise<number> {
  const text = await page.getByTestId(testId).innerText();
  const digits = /(\d[\d,]*)\s*$/.exec(text.trim())?.[1];
  expect(digits, `a number in ${testId}: ${text}`).toBeTruthy();
  return Number(digits!.replace(/,/g, ''));
}

async function openEnrolment(page: Page) {
  await page.goto('/county/enrolment');
  await expect(page.getByRole('heading', { level: 1, name: z('countyEnrolment.title') })).toBeVisible();
}

/** Enrol all, through the confirmation step; returns the result sentence. */
async function enrolAll(page: Page): Promise<string> {
  await page.getByRole('button', { name: z('countyEnrolment.enrolAll'), exact: true }).click();
  // The first button only asks: nothing happens until the official confirms.
  const yes = page.getByRole('button', { name: /^确认纳入/ });
  await expect(yes).toBeVisible();
  await expect(page.getByRole('button', { name: z('countyEnrolment.confirm.cancel'), exact: true })).toBeVisible();
  const box = await yes.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  await yes.click();
  const result = page.getByTestId('enrolment-result');
  await expect(result).toBeVisible({ timeout: 30_000 });
  return (await result.innerText()).trim();
}

test('the county enrols every verified affected household at once; the resident sees the approved payment; a second run never enrols it twice', async ({ browser, baseURL }) => {
  test.slow(); // a resident registers and declares, a cadre verifies, an official enrols twice

  // A fresh household in the demo cadre's township, declared affected.
  const resident = await freshResident(browser, baseURL, diaowoHouse('万全庄村'));
  const who = resident.who;
  const home = resident.page;
  const warm = home.locator('#programme-warm_winter');
  await home.goto('/resident/benefits');
  await expect(warm.getByText(z('benefits.automatic'))).toBeVisible();
  await expect(warm.getByTestId('automatic-state')).toHaveText(z('countyEnrolment.resident.verifyFirst'));

  const official = await phoneContext(browser, baseURL);
  const staff = await phoneContext(browser, baseURL);
  try {
    const county = await official.newPage();
    await signInOverHttp(county.context().request, ACCOUNTS.official.phone);
    await openEnrolment(county);
    // Declared, not verified: among the households waiting for a cadre (at least this one).
    await expect(county.getByTestId('preview-awaiting')).toBeVisible();
    const townships = county.getByRole('list', { name: z('countyEnrolment.awaiting.byTownship') });
    await expect(townships.getByRole('listitem').filter({ hasText: '刁窝镇' })).toBeVisible();
    await expectNoSideways(county);
    await expectAccessible(county, 'enrolment page');

    // The cadre verifies "affected" on the household's page.
    const cadre = await staff.newPage();
    await signInAndOpen(cadre, ACCOUNTS.cadre.phone, '/cadre/households');
    await cadre.getByLabel(z('cadreHouseholds.filters.name'), { exact: true }).fill(who.phone);
    await cadre.getByRole('button', { name: z('cadreHouseholds.filters.apply'), exact: true }).click();
    const card = cadre.locator('[data-household-card]').filter({ hasText: who.masked });
    await expect(card).toHaveCount(1);
    await card.getByRole('link').click();
    await cadre.waitForURL(/\/cadre\/households\/[0-9a-f-]{36}$/);
    const affected = msg('zh', 'facts.affected');
    const fact = cadre.locator('[data-fact="affected"]');
    await fact.getByText(z('cases.verify.open', { fact: affected }), { exact: true }).click();
    await fact.getByRole('button', { name: z('cases.verify.submit', { fact: affected }) }).click();
    await expect(fact.getByText(z('cases.verify.done', { fact: affected }))).toBeVisible();

    // Now the household qualifies: the preview has someone to enrol, the amount and the budget.
    await home.goto('/resident/benefits');
    await expect(warm.getByTestId('automatic-state')).toHaveText(z('countyEnrolment.resident.qualifies'));
    await openEnrolment(county);
    expect(await tileNumber(county, 'preview-eligible')).toBeGreaterThanOrEqual(1);
    expect(await tileNumber(county, 'preview-total')).toBeGreaterThanOrEqual(1000);

    const first = await enrolAll(county);
    const enrolled = Number(/已纳入 (\d+) 户/.exec(first)?.[1] ?? '0');
    expect(enrolled, first).toBeGreaterThanOrEqual(1);
    // The run is in the history.
    await county.reload();
    await expect(county.getByTestId('enrolment-runs').getByRole('listitem').first()).toContainText(`纳入 ${enrolled} 户`);

    // The resident never applied, and has an approved warm-winter case.
    await home.goto('/resident/benefits');
    await expect(warm.getByText(z('status.approved'), { exact: true })).toBeVisible();
    await expect(warm.getByTestId('automatic-state')).toHaveText(z('countyEnrolment.resident.enrolled'));
    await warm.getByRole('link', { name: z('benefits.seeStatus') }).click();
    await home.waitForURL(/\/resident\/applications\/[0-9a-f-]{36}$/);
    const caseUrl = home.url();
    const reference = (await home.getByText(/ZZ-\d{4}-\d{6}/).first().innerText()).match(/ZZ-\d{4}-\d{6}/)![0];

    // And was told so in their messages, without having applied.
    await home.goto('/resident/notifications');
    await expect(home.getByText(z('notifications.kinds.application.enrolled', { programme: msg('zh', 'programmes.warm_winter.name'), reference }))).toBeVisible();

    // A second run: this household is not enrolled again.
    await openEnrolment(county);
    await enrolAll(county);
    // Its list of cases still holds one warm-winter case, the same one.
    await home.goto('/resident/applications');
    await expect(home.getByText(reference)).toHaveCount(1);
    await expect(home.getByText(/ZZ-\d{4}-\d{6}/)).toHaveCount(1);
    await home.goto('/resident/benefits');
    await warm.getByRole('link', { name: z('benefits.seeStatus') }).click();
    await home.waitForURL(/\/resident\/applications\/[0-9a-f-]{36}$/);
    expect(home.url()).toBe(caseUrl);
    await expect(home.getByText(reference).first()).toBeVisible();
  } finally {
    await Promise.all([resident.context.close(), official.close(), staff.close()]);
  }
});
