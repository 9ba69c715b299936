// Staff case work end to end, on a 360 px phone in Chinese (and the case page once on a desktop):
// a cadre verifies a resident's facts and returns the case with a reason; a cadre recommends a
// case and the official approves it from the decisions queue in a batch; the public notice board
// shows masked names only, a visitor signs in from it and objects, and the objection appears on
// the cadre's case page, where it is answered; the voucher page refuses another household's case.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { ACCOUNTS, msg, phoneContext, signIn, verifyFact } from './fixtures';

const RESIDENT = ACCOUNTS.resident.phone; // 13800000001, household in 永济秀园小区
const CADRE_DIAOWO = ACCOUNTS.cadre.phone; // 13800000002, 刁窝镇
const OFFICIAL = ACCOUNTS.official.phone; // 13800000003
const CADRE_SHUANGTA = ACCOUNTS.cadre2.phone; // 13800000005, 双塔街道

/** A Chinese message with its {placeholders} filled in. */
function zh(key: string, params: Record<string, string | number> = {}): string {
  return msg('zh', key).replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

async function expectNoSeriousViolations(page: Page, testInfo: TestInfo, label: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking.map((v) => `[${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`).join('\n');
  if (blocking.length) await testInfo.attach(`axe-${label.replace(/\W+/g, '_')}.txt`, { body: report });
  expect(blocking, `serious/critical axe violations on ${label}:\n${report}`).toEqual([]);
}

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(1);
}

/** Links, buttons, fields and disclosure summaries in the page body are at least 44 px tall. */
async function expectTallTargets(page: Page) {
  const controls = page.locator('main').locator('a[href], button, select, textarea, summary, input[type="text"], input[type="number"]');
  const tooSmall: string[] = [];
  for (let i = 0; i < (await controls.count()); i++) {
    const c = controls.nth(i);
    if (!(await c.isVisible())) continue;
    const box = await c.boundingBox();
    if (!box || box.height < 44) tooSmall.push(`${await c.evaluate((el) => el.outerHTML.slice(0, 100))} → ${box?.height.toFixed(1)}`);
  }
  expect(tooSmall, 'controls under 44 px').toEqual([]);
}

let demoCaseId = '';

test.describe.configure({ mode: 'serial' });

test('cadre2 verifies the demo resident\'s facts and returns the case with a reason', async ({ page }, testInfo) => {
  await signIn(page, CADRE_SHUANGTA);
  await expect(page).toHaveURL('/cadre');
  const row = page
    .getByRole('row')
    .filter({ hasText: '张*国' })
    .filter({ hasText: '永济秀园小区' })
    .filter({ hasText: msg('zh', 'programmes.appliance_repair.name') });
  await expect(row).toHaveCount(1);
  await row.getByRole('link').click();
  await expect(page).toHaveURL(/\/cadre\/cases\/[0-9a-f-]{36}$/);
  demoCaseId = page.url().split('/').pop()!;
  await expect(page.getByRole('heading', { level: 1 })).toContainText('ZZ-');
  await expect(page.getByText(msg('zh', 'cases.eligibility.unknown'))).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectTallTargets(page);
  await expectNoSeriousViolations(page, testInfo, 'cadre case page');

  // Declared: ground floor flooded, one damaged boiler. Both confirmed on a visit.
  await verifyFact(page, 'groundFloorFlooded');
  await verifyFact(page, 'damagedBoilers');
  const boilers = page.locator('[data-fact="damagedBoilers"]');
  await expect(boilers.getByText(msg('zh', 'facts.awaiting'))).toHaveCount(0);
  await expect(boilers.getByText(msg('zh', 'cases.facts.byYou'), { exact: false })).toBeVisible();

  // Returning needs a reason: an empty one is refused next to the field, in Chinese.
  const returnLabel = msg('zh', 'workflow.actions.return');
  const reason = page.getByLabel(zh('cases.reasonFor', { action: returnLabel }));
  await page.getByRole('button', { name: returnLabel, exact: true }).click();
  await expect(page.getByText(msg('zh', 'validation.reason.required')).first()).toBeVisible();
  await reason.fill('请补充上传壁挂炉铭牌和损坏部位的照片。');
  await page.getByRole('button', { name: returnLabel, exact: true }).click();
  await expect(page.getByText(msg('zh', 'cases.done.return'))).toBeVisible();
  await expect(page.getByText(msg('zh', 'status.returned')).first()).toBeVisible();
  await expect(page.getByText(zh('cases.returnedFor', { reason: '请补充上传壁挂炉铭牌和损坏部位的照片。' }))).toBeVisible();
  // Nothing left for the cadre to do until the resident resubmits.
  await expect(page.getByText(msg('zh', 'cases.actions.none'))).toBeVisible();
});

test('the case page is usable on a desktop too, and a case outside the cadre\'s places is not found', async ({ browser, baseURL }) => {
  test.skip(!demoCaseId, 'needs the case from the previous test');
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await signIn(page, CADRE_SHUANGTA);
  await page.goto(`/cadre/cases/${demoCaseId}`);
  await expect(page.getByRole('heading', { level: 2, name: msg('zh', 'cases.facts.title'), exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: msg('zh', 'cases.actions.title'), exact: true })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await context.close();

  // The 刁窝镇 cadre does not cover 永济秀园小区: the case does not exist for them.
  const other = await phoneContext(browser, baseURL);
  const p2 = await other.newPage();
  await signIn(p2, CADRE_DIAOWO);
  const res = await p2.goto(`/cadre/cases/${demoCaseId}`);
  expect(res?.status()).toBe(404);
  await expect(p2.getByText('ZZ-')).toHaveCount(0);
  await other.close();
});

test('a cadre recommends a case and the official approves it from the decisions queue', async ({ page, browser, baseURL }, testInfo) => {
  await signIn(page, CADRE_SHUANGTA);
  // Open cases of programmes without public notice until one qualifies on verified facts.
  const candidates = await page
    .getByRole('row')
    .filter({ hasNotText: msg('zh', 'programmes.appliance_subsidy.name') })
    .filter({ hasNotText: msg('zh', 'programmes.building_materials.name') })
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
  let reference = '';
  for (const href of candidates.slice(0, 12)) {
    await page.goto(href);
    if ((await page.getByText(msg('zh', 'cases.eligibility.eligible')).count()) === 0) continue;
    const recommend = page.getByRole('button', { name: msg('zh', 'workflow.actions.recommend'), exact: true });
    if ((await recommend.count()) === 0) continue;
    reference = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').match(/ZZ-\d{4}-\d{6}/)?.[0] ?? '';
    await recommend.click();
    await expect(page.getByText(msg('zh', 'cases.done.recommend'))).toBeVisible();
    await expect(page.getByText(msg('zh', 'status.recommended')).first()).toBeVisible();
    break;
  }
  expect(reference, 'no case in the queue qualified on verified facts').not.toBe('');

  const context = await phoneContext(browser, baseURL);
  const off = await context.newPage();
  await signIn(off, OFFICIAL);
  await expect(off).toHaveURL('/county');
  await off.getByRole('link', { name: msg('zh', 'cases.decisions.link') }).click();
  await expect(off.getByRole('heading', { level: 1, name: msg('zh', 'cases.decisions.title') })).toBeVisible();
  await expectNoSeriousViolations(off, testInfo, '/county/decisions');
  await expectTallTargets(off);
  await off.getByRole('checkbox', { name: zh('cases.batch.selectOne', { reference }) }).check();
  await off.getByRole('button', { name: zh('cases.batch.approveSelected', { count: 1 }) }).click();
  await expect(off.getByText(zh('cases.batch.report', { ok: 1, failed: 0 }))).toBeVisible();
  await expect(off.getByRole('checkbox', { name: zh('cases.batch.selectOne', { reference }) })).toHaveCount(0);
  await context.close();
});

test('the notice board shows masked names only; a visitor signs in from it and objects; the cadre sees and answers it', async ({ page, browser, baseURL }, testInfo) => {
  await page.goto('/');
  await page.getByRole('link', { name: msg('zh', 'notice.homeLink') }).click();
  await expect(page.getByRole('heading', { level: 1, name: msg('zh', 'notice.title') })).toBeVisible();
  await expectNoSeriousViolations(page, testInfo, '/notice');
  await expectNoHorizontalScroll(page);
  await expectTallTargets(page);

  // Filter to 刁窝镇.
  await page.getByLabel(msg('zh', 'notice.filters.township')).selectOption({ label: '刁窝镇' });
  await page.getByRole('button', { name: msg('zh', 'notice.filters.apply') }).click();
  await expect(page).toHaveURL(/township=\d+/);
  const entries = page.getByTestId('notice-entry');
  await expect(entries.first()).toBeVisible();
  const body = await page.locator('main').innerText();
  expect(body).not.toMatch(/\d{17}[\dX]/); // no ID number
  expect(body).not.toMatch(/1[3-9]\d{9}/); // no phone number
  expect(body).not.toMatch(/ZZ-\d{4}-\d{6}/); // no case reference
  const names = await entries.locator('p.text-lg').allInnerTexts();
  for (const n of names) expect(n).toMatch(/\*/);
  // Every group is a village of 刁窝镇.
  const groupTitles = await page.locator('main section h2').allInnerTexts();
  expect(groupTitles.length).toBeGreaterThan(0);
  for (const g of groupTitles) expect(g).toContain('刁窝镇');

  // Anonymous: "sign in to object" brings them back to the same filtered board.
  const township = new URL(page.url()).searchParams.get('township');
  await page.getByRole('link', { name: msg('zh', 'notice.signInLink') }).click();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fnotice/);
  await signIn(page, RESIDENT);
  await expect(page).toHaveURL(`/notice?township=${township}`);

  const all = page.getByTestId('notice-entry');
  const idx = await all.evaluateAll((els) => els.findIndex((el) => el.querySelector('details') !== null));
  expect(idx).toBeGreaterThanOrEqual(0);
  const entry = all.nth(idx);
  const who = (await entry.locator('p.text-lg').innerText()).replace(msg('zh', 'notice.household').replace('{name}', ''), '').trim();
  const applicationId = await entry.locator('input[name="applicationId"]').getAttribute('value');
  expect(applicationId).toMatch(/^[0-9a-f-]{36}$/);
  await entry.getByText(zh('notice.object.open', { name: who })).click();
  const reason = entry.getByLabel(zh('notice.object.reason', { who }));
  await entry.getByRole('button', { name: msg('zh', 'notice.object.submit') }).click();
  await expect(entry.getByText(msg('zh', 'validation.reason.required')).first()).toBeVisible();
  await reason.fill('这户的房子我见过，只是院墙倒了，主体没有问题。');
  await entry.getByRole('button', { name: msg('zh', 'notice.object.submit') }).click();
  await expect(entry.getByText(msg('zh', 'notice.object.done'))).toBeVisible();
  await page.reload();
  await expect(page.getByText(msg('zh', 'notice.object.alreadyLodged')).first()).toBeVisible();

  // The voucher of a household that is not the resident's own: not found.
  const res = await page.goto(`/resident/applications/${applicationId}/voucher`);
  expect(res?.status()).toBe(404);
  if (demoCaseId) {
    // Their own appliance-repair case has no voucher: a plain explanation.
    await page.goto(`/resident/applications/${demoCaseId}/voucher`);
    await expect(page.getByText(msg('zh', 'voucher.states.not_materials'))).toBeVisible();
  }

  // The 刁窝镇 cadre sees the objection on the case page and answers it.
  const context = await phoneContext(browser, baseURL);
  const cadre = await context.newPage();
  await signIn(cadre, CADRE_DIAOWO);
  // The cadre's home lists the case among those with an objection to answer.
  const objected = cadre.locator('section').filter({ has: cadre.getByRole('heading', { name: zh('cases.home.objectionsTitle', { count: 1 }) }) });
  await objected.getByRole('link').first().click();
  await expect(cadre).toHaveURL(`/cadre/cases/${applicationId}`);
  await expect(cadre.getByText('这户的房子我见过，只是院墙倒了，主体没有问题。')).toBeVisible();
  await expect(cadre.getByText(msg('zh', 'cases.objections.status.open'))).toBeVisible();
  await expectNoSeriousViolations(cadre, testInfo, 'cadre case page with an objection');
  await cadre.getByLabel(msg('zh', 'cases.objections.decisions.dismissed')).check();
  await cadre.getByLabel(msg('zh', 'cases.objections.answer')).fill('已入户核实，房屋主体为D级危房，情况属实。');
  await cadre.getByRole('button', { name: msg('zh', 'cases.objections.submit') }).click();
  // The page now shows the objection as answered, with the answer.
  await expect(cadre.getByText(msg('zh', 'cases.objections.status.dismissed'))).toBeVisible();
  await expect(cadre.getByText('已入户核实，房屋主体为D级危房，情况属实。', { exact: false })).toBeVisible();
  await expect(cadre.getByText(msg('zh', 'cases.objections.status.open'))).toHaveCount(0);
  await context.close();
});

test('bad filters on the notice board are ignored, never an error page', async ({ page }) => {
  for (const q of ['?programme=bogus&township=abc', '?township=-1', '?township=99999999999', '?programme=building_materials&programme=x', '?township=%00']) {
    const res = await page.goto(`/notice${q}`);
    expect(res?.status(), q).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: msg('zh', 'notice.title') })).toBeVisible();
  }
});

test('in English: the notice board and the cadre case page', async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: 'locale', value: 'en', url: baseURL! }]);
  await page.goto('/notice');
  await expect(page.getByRole('heading', { level: 1, name: msg('en', 'notice.title') })).toBeVisible();
  await expect(page.getByLabel(msg('en', 'notice.filters.township'))).toBeVisible();
  await expect(page.getByText(msg('en', 'notice.privacy'))).toBeVisible();
  test.skip(!demoCaseId, 'needs the case from the first test');
  await signIn(page, CADRE_SHUANGTA);
  await page.goto(`/cadre/cases/${demoCaseId}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Case ZZ-');
  await expect(page.getByRole('heading', { level: 2, name: msg('en', 'cases.facts.title'), exact: true })).toBeVisible();
  await expect(page.getByText(msg('en', 'status.returned')).first()).toBeVisible();
  // No Chinese left in the case page's own words (place names and the reason typed in Chinese aside).
  await expect(page.getByText(msg('zh', 'cases.facts.title'))).toHaveCount(0);
});
