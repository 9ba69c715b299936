// Staff case work end to end, on a 360 px phone in Chinese (and the case page once on a desktop):
// a cadre verifies a resident's facts and returns the case with a reason; a cadre recommends a
// case and the official approves it from the decisions queue in a batch; the public notice board
// shows masked names only, a visitor signs in from it and objects, and the objection appears on
// the cadre's case page, where it is answered; the voucher page refuses another household's case.
// Every case here is made first by a fresh resident through their own forms (e2e/fixtures.ts),
// so each test stands alone: no order, no demo household changed, a retry starts clean.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ACCOUNTS, YONGJI_FLAT, applyFor, holdScripts, diaowoHouse, expectAccessible, expectCardTable, expectNoSideways, freshResident, msg, phoneContext, registerResident, signIn, verifyFact, type HouseholdPlan, type NewResident, type Submitted, signInAndOpen, signInOverHttp } from './fixtures';

const CADRE_DIAOWO = ACCOUNTS.cadre.phone; // 13800000002, 刁窝镇
const OFFICIAL = ACCOUNTS.official.phone; // 13800000003
const CADRE_SHUANGTA = ACCOUNTS.cadre2.phone; // 13800000005, 双塔街道

/** A Chinese message with its {placeholders} filled in. */
function zh(key: string, params: Record<string, string | number> = {}): string {
  return msg('zh', key).replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** Links, buttons, fields and disclosure summaries in the page body are at least 44 px tall. */
async function expectTallTargets(page: Page) {
  const controls = page.locator('main').locator('a[href], button, select, textarea, summary, input[type="text"], input[type="number"]');
  const tooSmall: string[] = [];
  let measured = 0;
  for (let i = 0; i < (await controls.count()); i++) {
    const c = controls.nth(i);
    if (!(await c.isVisible())) continue;
    measured++;
    const box = await c.boundingBox();
    if (!box || box.height < 44) tooSmall.push(`${await c.evaluate((el) => el.outerHTML.slice(0, 100))} → ${box?.height.toFixed(1)}`);
  }
  expect(measured, 'visible controls measured').toBeGreaterThan(0);
  expect(tooSmall, 'controls under 44 px').toEqual([]);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const REPAIR_FIELDS = { 'apply.fields.boilers': '1', 'apply.fields.heatPumps': '0' };

/** A fresh resident applies through their own forms; their phone is closed unless `keep`. */
async function residentCase(browser: Browser, baseURL: string | undefined, programme: string, opts: { fields?: Record<string, string>; note?: string } = {}, plan: HouseholdPlan = YONGJI_FLAT) {
  const r = await freshResident(browser, baseURL, plan);
  const submitted: Submitted = await applyFor(r.page, programme, opts);
  return { ...r, ...submitted };
}

/** A cadre returns a case with a reason on its page (the page is open). */
async function returnCase(page: Page, reason: string) {
  const returnLabel = msg('zh', 'workflow.actions.return');
  await page.getByLabel(zh('cases.reasonFor', { action: returnLabel })).fill(reason);
  await page.getByRole('button', { name: returnLabel, exact: true }).click();
  await expect(page.getByText(msg('zh', 'cases.done.return'))).toBeVisible();
}

test('cadre2 verifies a resident\'s facts and returns the case with a reason', async ({ page, browser, baseURL }, testInfo) => {
  test.slow(); // a resident registers and applies first
  const resident = await residentCase(browser, baseURL, 'appliance_repair', { fields: REPAIR_FIELDS });
  try {
    await signIn(page, CADRE_SHUANGTA);
    await expect(page).toHaveURL('/cadre');
    // (The home queue lists the 20 oldest cases; the case is opened by its address, as from a message.)
    await page.goto(`/cadre/cases/${resident.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(resident.reference);
    await expect(page.getByText(msg('zh', 'cases.eligibility.unknown'))).toBeVisible();
    await expectNoSideways(page);
    await expectTallTargets(page);
    await expectAccessible(page, 'cadre case page', testInfo);

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

    // The resident's own repair case has no pickup voucher: a plain explanation.
    await resident.page.goto(`/resident/applications/${resident.id}/voucher`);
    await expect(resident.page.getByText(msg('zh', 'voucher.states.not_materials'))).toBeVisible();
  } finally {
    await resident.context.close();
  }
});

test('the case page is usable on a desktop too, and a case outside the cadre\'s places is not found', async ({ browser, baseURL }) => {
  test.slow();
  const resident = await residentCase(browser, baseURL, 'appliance_repair', { fields: REPAIR_FIELDS });
  await resident.context.close();
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    const page = await context.newPage();
    await signInAndOpen(page, CADRE_SHUANGTA, `/cadre/cases/${resident.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(resident.reference);
    await expect(page.getByRole('heading', { level: 2, name: msg('zh', 'cases.facts.title'), exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: msg('zh', 'cases.actions.title'), exact: true })).toBeVisible();
    await expectNoSideways(page);
  } finally {
    await context.close();
  }

  // The 刁窝镇 cadre does not cover 永济秀园小区: the case does not exist for them.
  const other = await phoneContext(browser, baseURL);
  try {
    const p2 = await other.newPage();
    await signInOverHttp(p2.context().request, CADRE_DIAOWO);
    const res = await p2.goto(`/cadre/cases/${resident.id}`);
    expect(res?.status()).toBe(404);
    await expect(p2.getByRole('heading', { level: 1, name: msg('zh', 'errors.notFoundPage.title') })).toBeVisible();
    await expect(p2.getByText(resident.reference)).toHaveCount(0);
  } finally {
    await other.close();
  }
});

test('a cadre recommends a case and the official approves it from the decisions queue', async ({ page, browser, baseURL }, testInfo) => {
  test.slow();
  // The heating fee waiver has no public notice: urban, ground floor flooded (verified below).
  const resident = await residentCase(browser, baseURL, 'heating_fee_waiver');
  await resident.context.close();
  const { reference } = resident;

  await signInAndOpen(page, CADRE_SHUANGTA, `/cadre/cases/${resident.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);
  await expect(page.getByText(msg('zh', 'cases.eligibility.unknown'))).toBeVisible();
  await verifyFact(page, 'groundFloorFlooded');
  await expect(page.getByText(msg('zh', 'cases.eligibility.eligible'))).toBeVisible();
  // The reasons speak to the cadre about this household (该户一楼进了水), not to the resident (家里…, 您家).
  const eligibility = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: msg('zh', 'cases.eligibility.title'), exact: true }) });
  await expect(eligibility.getByText(msg('zh', 'rulesHousehold.groundFloorFlooded'))).toBeVisible();
  await expect(eligibility.getByText(msg('zh', 'rules.groundFloorFlooded'))).toHaveCount(0);
  await expect(eligibility).not.toContainText('您');
  await page.getByRole('button', { name: msg('zh', 'workflow.actions.recommend'), exact: true }).click();
  await expect(page.getByText(msg('zh', 'cases.done.recommend'))).toBeVisible();
  await expect(page.getByText(msg('zh', 'status.recommended')).first()).toBeVisible();

  const context = await phoneContext(browser, baseURL);
  try {
    const off = await context.newPage();
    await signIn(off, OFFICIAL);
    await expect(off).toHaveURL('/county');
    await off.getByRole('link', { name: msg('zh', 'cases.decisions.link') }).click();
    await expect(off.getByRole('heading', { level: 1, name: msg('zh', 'cases.decisions.title') })).toBeVisible();
    await expectAccessible(off, '/county/decisions', testInfo);
    await expectTallTargets(off);
    // The queue holds tens of thousands at county scale, in pages: the official finds the case by its reference.
    await off.getByLabel(msg('zh', 'cases.decisions.reference'), { exact: true }).fill(reference.toLowerCase());
    // On a slow phone the official may tick the case before the page has come alive: the page's
    // scripts are held back until the tick is given, and the selection must still count it.
    const release = await holdScripts(off);
    await off.getByRole('button', { name: msg('zh', 'cases.decisions.submit'), exact: true }).click();
    await expect(off.getByRole('heading', { name: zh('cases.decisions.searchResult', { reference }) })).toBeVisible();
    await expect(off.getByRole('link', { name: reference, exact: true })).toHaveCount(1);
    const early = off.getByRole('checkbox', { name: zh('cases.batch.selectOne', { reference }) });
    await early.check();
    await expect(off.getByRole('button', { name: zh('cases.batch.approveSelected', { count: 0 }) })).toBeVisible();
    await release();
    await expect(off.getByRole('button', { name: zh('cases.batch.approveSelected', { count: 1 }) })).toBeEnabled();
    await early.uncheck();
    await expect(off.getByRole('button', { name: zh('cases.batch.approveSelected', { count: 0 }) })).toBeDisabled();
    // The case is drawn once: a table whose row is a card on the phone, its tick box beside the reference.
    const queue = off.getByRole('table', { name: msg('zh', 'cases.decisions.queue') });
    await expectCardTable(off, queue);
    await expect(queue.getByRole('rowheader').getByRole('checkbox', { name: zh('cases.batch.selectOne', { reference }) })).toBeVisible();
    await expectNoSideways(off);
    // A submit the server refuses whole (here the session ran out while the official was
    // choosing) keeps the choices: the box and the select-all box stay ticked, as the button's
    // count says, and once signed in again (another tab) the same button sends them.
    const box = off.getByRole('checkbox', { name: zh('cases.batch.selectOne', { reference }) });
    const approve = off.getByRole('button', { name: zh('cases.batch.approveSelected', { count: 1 }) });
    await box.check();
    await context.clearCookies();
    await approve.click();
    await expect(off.getByRole('alert').filter({ hasText: msg('zh', 'errors.unauthenticated') })).toBeVisible();
    await expect(box).toBeChecked();
    await expect(off.getByRole('checkbox', { name: msg('zh', 'cases.batch.selectAll'), exact: true })).toBeChecked();
    await expect(approve).toBeEnabled();
    const again = await context.newPage();
    await signIn(again, OFFICIAL);
    await again.close();
    await approve.click();
    await expect(off.getByText(zh('cases.batch.report', { ok: 1, failed: 0 }))).toBeVisible();
    await expect(off.getByRole('checkbox', { name: zh('cases.batch.selectOne', { reference }) })).toHaveCount(0);
    // Decided, it no longer waits: the same search finds nothing, and says so.
    await expect(off.getByText(zh('cases.decisions.notFound', { reference }))).toBeVisible();
  } finally {
    await context.close();
  }
  // The case is approved for the cadre too.
  await page.reload();
  await expect(page.getByText(msg('zh', 'status.approved')).first()).toBeVisible();
});

test('the notice board shows masked names only; a visitor signs in from it and objects; the cadre sees and answers it', async ({ page, browser, baseURL }, testInfo) => {
  test.slow(); // two people register, a case goes on notice, then the board, the objection and the answer
  // A rural household in 刁窝镇 applies for building materials; the 刁窝镇 cadre verifies the
  // facts and recommends it, which puts it on the public notice board.
  const applicant = await residentCase(browser, baseURL, 'building_materials', {}, diaowoHouse('东冯村'));
  await applicant.context.close();
  const staff = await phoneContext(browser, baseURL);
  try {
    const cadre = await staff.newPage();
    await signInAndOpen(cadre, CADRE_DIAOWO, `/cadre/cases/${applicant.id}`);
    await expect(cadre.getByRole('heading', { level: 1 })).toContainText(applicant.reference);
    for (const fact of ['safetyGrade', 'damagedHeatPumps', 'affected']) await verifyFact(cadre, fact);
    await cadre.getByRole('button', { name: msg('zh', 'workflow.actions.recommend'), exact: true }).click();
    await expect(cadre.getByText(msg('zh', 'cases.done.recommend'))).toBeVisible();
    await expect(cadre.getByText(msg('zh', 'status.in_public_notice')).first()).toBeVisible();
  } finally {
    await staff.close();
  }
  // The visitor who will object has an account of their own (made on another phone).
  const objectorPhone = await phoneContext(browser, baseURL);
  let objector: NewResident;
  try {
    objector = await registerResident(await objectorPhone.newPage());
  } finally {
    await objectorPhone.close();
  }

  await page.goto('/');
  await page.getByRole('link', { name: msg('zh', 'notice.homeLink') }).click();
  await expect(page.getByRole('heading', { level: 1, name: msg('zh', 'notice.title') })).toBeVisible();
  await expectAccessible(page, '/notice', testInfo);
  await expectNoSideways(page);
  await expectTallTargets(page);

  // Filter to 刁窝镇.
  await page.getByLabel(msg('zh', 'notice.filters.township')).selectOption({ label: '刁窝镇' });
  await page.getByRole('button', { name: msg('zh', 'notice.filters.apply') }).click();
  await expect(page).toHaveURL(/township=\d+/);
  const entries = page.getByTestId('notice-entry');
  const ours = entries.filter({ hasText: zh('notice.household', { name: applicant.who.masked }) });
  await expect(ours.first()).toBeVisible();
  const body = await page.getByRole('main').innerText();
  expect(body).not.toContain(applicant.who.name); // the full name never
  expect(body).not.toMatch(/\d{17}[\dX]/); // no ID number
  expect(body).not.toMatch(/1[3-9]\d{9}/); // no phone number
  expect(body).not.toMatch(/ZZ-\d{4}-\d{6}/); // no case reference
  // Every household line shows a masked name (counted first: an empty board proves nothing).
  const householdLine = new RegExp(`^${escape(zh('notice.household', { name: '' }))}`);
  const names = await entries.getByText(householdLine).allInnerTexts();
  expect(names.length).toBe(await entries.count());
  expect(names.length).toBeGreaterThan(0);
  for (const n of names) expect(n).toMatch(/\*/);
  // Every group is a village of 刁窝镇.
  const groupTitles = await page.getByRole('main').getByRole('heading', { level: 2 }).allInnerTexts();
  expect(groupTitles.length).toBeGreaterThan(0);
  for (const g of groupTitles) expect(g).toContain('刁窝镇');

  // Anonymous: "sign in to object" brings them back to the same filtered board.
  const township = new URL(page.url()).searchParams.get('township');
  await page.getByRole('link', { name: msg('zh', 'notice.signInLink') }).click();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fnotice/);
  await signIn(page, objector!.phone, objector!.password);
  await expect(page).toHaveURL(`/notice?township=${township}`);

  // The applicant's entry (its objection form names the case); by position, as the form is
  // replaced by the confirmation once sent.
  const all = page.getByTestId('notice-entry');
  await expect(all.filter({ has: page.locator(`input[name="applicationId"][value="${applicant.id}"]`) })).toHaveCount(1);
  const idx = await all.evaluateAll((els, id) => els.findIndex((el) => el.querySelector(`input[name="applicationId"][value="${id}"]`) !== null), applicant.id);
  const entry = all.nth(idx);
  const who = applicant.who.masked;
  await expect(entry).toContainText(zh('notice.household', { name: who }));
  await entry.getByText(zh('notice.object.open', { name: who })).click();
  const reason = entry.getByLabel(zh('notice.object.reason', { who }));
  await entry.getByRole('button', { name: msg('zh', 'notice.object.submit') }).click();
  await expect(entry.getByText(msg('zh', 'validation.reason.required')).first()).toBeVisible();
  await reason.fill('这户的房子我见过，只是院墙倒了，主体没有问题。');
  await entry.getByRole('button', { name: msg('zh', 'notice.object.submit') }).click();
  await expect(entry.getByText(msg('zh', 'notice.object.done'))).toBeVisible();
  await page.reload();
  const again = page.getByTestId('notice-entry').filter({ hasText: zh('notice.household', { name: who }) }).filter({ hasText: msg('zh', 'notice.object.alreadyLodged') });
  await expect(again).toHaveCount(1);

  // The voucher of a household that is not the visitor's own: not found.
  const res = await page.goto(`/resident/applications/${applicant.id}/voucher`);
  expect(res?.status()).toBe(404);

  // The 刁窝镇 cadre sees the objection on the case page and answers it.
  const context = await phoneContext(browser, baseURL);
  try {
    const cadre = await context.newPage();
    await signIn(cadre, CADRE_DIAOWO);
    // The cadre's home lists the case among those with an objection to answer.
    const objected = cadre.locator('section').filter({ has: cadre.getByRole('heading', { name: new RegExp(escape(zh('cases.home.objectionsTitle', { count: '§' })).replace('§', '\\d+')) }) });
    await objected.getByRole('link', { name: applicant.reference }).click();
    await expect(cadre).toHaveURL(`/cadre/cases/${applicant.id}`);
    await expect(cadre.getByText('这户的房子我见过，只是院墙倒了，主体没有问题。')).toBeVisible();
    await expect(cadre.getByText(msg('zh', 'cases.objections.status.open'))).toBeVisible();
    await expectAccessible(cadre, 'cadre case page with an objection', testInfo);
    await cadre.getByLabel(msg('zh', 'cases.objections.decisions.dismissed')).check();
    await cadre.getByLabel(msg('zh', 'cases.objections.answer')).fill('已入户核实，房屋主体为D级危房，情况属实。');
    await cadre.getByRole('button', { name: msg('zh', 'cases.objections.submit') }).click();
    // The page now shows the objection as answered, with the answer.
    await expect(cadre.getByText(msg('zh', 'cases.objections.status.dismissed'))).toBeVisible();
    await expect(cadre.getByText('已入户核实，房屋主体为D级危房，情况属实。', { exact: false })).toBeVisible();
    await expect(cadre.getByText(msg('zh', 'cases.objections.status.open'))).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test('bad filters on the notice board are ignored, never an error page', async ({ page }) => {
  for (const q of ['?programme=bogus&township=abc', '?township=-1', '?township=99999999999', '?programme=building_materials&programme=x', '?township=%00']) {
    const res = await page.goto(`/notice${q}`);
    expect(res?.status(), q).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: msg('zh', 'notice.title') })).toBeVisible();
  }
});

test('in English: the notice board and the cadre case page', async ({ page, context, browser, baseURL }) => {
  test.slow();
  const resident = await residentCase(browser, baseURL, 'appliance_repair', { fields: REPAIR_FIELDS });
  await resident.context.close();
  // cadre2 returns it (in Chinese, on their own phone), so the page has a status and a reason to show.
  const staff = await phoneContext(browser, baseURL);
  try {
    const cadre = await staff.newPage();
    await signInAndOpen(cadre, CADRE_SHUANGTA, `/cadre/cases/${resident.id}`);
    await returnCase(cadre, '请补充上传壁挂炉铭牌的照片。');
  } finally {
    await staff.close();
  }

  await context.addCookies([{ name: 'locale', value: 'en', url: baseURL! }]);
  await page.goto('/notice');
  await expect(page.getByRole('heading', { level: 1, name: msg('en', 'notice.title') })).toBeVisible();
  await expect(page.getByLabel(msg('en', 'notice.filters.township'))).toBeVisible();
  await expect(page.getByText(msg('en', 'notice.privacy'))).toBeVisible();
  await signInAndOpen(page, CADRE_SHUANGTA, `/cadre/cases/${resident.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Case ${resident.reference}`);
  await expect(page.getByRole('heading', { level: 2, name: msg('en', 'cases.facts.title'), exact: true })).toBeVisible();
  await expect(page.getByText(msg('en', 'status.returned')).first()).toBeVisible();
  // No Chinese left in the case page's own words (place names and the reason typed in Chinese aside).
  await expect(page.getByText(msg('zh', 'cases.facts.title'))).toHaveCount(0);
});
