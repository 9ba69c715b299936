// The cadre's visits, grievances and objections on a 360 px phone in Chinese. A fresh resident
// of 刁窝镇 declares a house graded D; the 刁窝镇 cadre finds the household by name, records three
// rounds of visits (a round already recorded is refused beside the round field) and sees the
// village's coverage move with each; the third visit's needs become a grievance, which the
// cadre answers and solves before its deadline. Another fresh household's case goes on public
// notice, a fresh visitor objects, and the cadre finds the objection in the inbox and the
// objection list and answers it. Every test makes its own people and cases.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { demoAccount } from '../lib/demo-accounts';
import { ACCOUNTS, documentsDuring, applyFor, diaowoHouse, expectAccessible, expectCardTable, expectNoSideways, fmt, freshResident, msg, phoneContext, photoPng, registerResident, verifyFact, type NewResident, signInAndOpen, signInOverHttp } from './fixtures';

const CADRE_DIAOWO = ACCOUNTS.cadre.phone; // 13800000002, 刁窝镇
const VILLAGE = '东冯村';
const zh = (key: string, params: Record<string, string | number> = {}) => fmt('zh', key, params);

/** For rounds 1–3: how many grade-D households of 东冯村 have had it, and of how many, read from its coverage row (a card on a phone) on /cadre/visits. */
async function coverage(page: Page): Promise<{ done: number; total: number }[]> {
  await page.goto('/cadre/visits');
  await expect(page.getByRole('heading', { level: 1, name: zh('cadreVisits.title') })).toBeVisible();
  const card = page.getByRole('table', { name: zh('cadreVisits.coverage.title') }).locator('tbody > tr').filter({ hasText: VILLAGE });
  await expect(card).toHaveCount(1);
  const out: { done: number; total: number }[] = [];
  for (const round of [1, 2, 3]) {
    const pattern = new RegExp(zh('cadreVisits.coverage.cell', { done: '§', total: '¤' }).replace('§', '(\\d+)').replace('¤', '(\\d+)'));
    const cell = card.locator(`td[data-round="${round}"]`);
    // On the phone the card labels each round's figure (the header row is not shown there).
    await expect(cell).toContainText(zh('cadreVisits.round', { round }));
    const m = pattern.exec((await cell.innerText()).trim());
    expect(m, `coverage line of round ${round}`).not.toBeNull();
    out.push({ done: Number(m![1]), total: Number(m![2]) });
  }
  return out;
}

/** Records one visit on the form that is open: round, findings and optional needs. */
async function recordVisit(page: Page, round: number, findings: string, needs = '') {
  await page.getByLabel(zh('cadreVisits.form.round')).selectOption({ label: zh('cadreVisits.round', { round }) });
  await page.getByLabel(zh('cadreVisits.form.findings')).fill(findings);
  if (needs) await page.getByLabel(zh('cadreVisits.form.needs')).fill(needs);
  await page.getByRole('button', { name: zh('cadreVisits.form.submit') }).click();
}

test('a cadre records three rounds of visits for a grade-D household, sees the coverage move, and solves the needs as a grievance before its deadline', async ({ page, browser, baseURL }) => {
  test.slow(); // a resident registers first, then three visits and a grievance
  const resident = await freshResident(browser, baseURL, diaowoHouse(VILLAGE));
  const who: NewResident = resident.who;
  await resident.context.close();

  await signInAndOpen(page, CADRE_DIAOWO, '/cadre');
  // The section navigation leads to the visits.
  await page.getByRole('link', { name: msg('zh', 'cadreNav.visits') }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: zh('cadreVisits.title') })).toBeVisible();
  await expectNoSideways(page);
  const before = await coverage(page);
  // One table: on the phone each village is a card of labelled lines, from 1024 px a table row.
  await expectCardTable(page, page.getByRole('table', { name: zh('cadreVisits.coverage.title') }));
  // The fresh household is one of the village's grade-D households still owed round 1.
  expect(before[0]!.total).toBeGreaterThan(before[0]!.done);
  // The village's round-1 line opens the households still owed it by client navigation (no new
  // document for the phone), and back again.
  const villageCard = page.getByRole('table', { name: zh('cadreVisits.coverage.title') }).locator('tbody > tr').filter({ hasText: VILLAGE });
  const documents = await documentsDuring(page, async () => {
    await villageCard.locator('td[data-round="1"]').getByRole('link', { name: zh('cadreVisits.coverage.owed', { count: before[0]!.total - before[0]!.done }) }).click();
    await page.waitForURL(/\/cadre\/visits\/owed\?village=\d+&round=1$/);
    await expect(page.getByRole('heading', { level: 1, name: zh('cadreVisits.owed.heading', { village: VILLAGE, round: 1 }) })).toBeVisible();
    await expect(page.getByRole('list', { name: zh('cadreVisits.owed.listLabel') })).toBeVisible();
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: zh('cadreVisits.title') })).toBeVisible();
  });
  expect(documents).toEqual([]);

  // Find the household by the head's name.
  await page.getByLabel(zh('cadreVisits.find.label')).fill(who.name);
  await page.getByRole('button', { name: zh('cadreVisits.find.submit') }).click();
  const results = page.getByRole('list', { name: zh('cadreVisits.find.results') }).getByRole('link');
  await expect(results).toHaveCount(1);
  await expect(page.getByText(zh('cadreVisits.find.active.name', { value: who.name }))).toBeVisible();
  // The name was POSTed and came back sealed: it is nowhere in the address.
  expect(page.url()).toMatch(/\/cadre\/visits\/new\?q=/);
  expect(decodeURIComponent(page.url())).not.toContain(who.name);
  await expect(results).toContainText(who.masked);
  await expect(results).not.toContainText(who.name);
  await results.click();
  await page.waitForURL(/\/cadre\/visits\/new\?household=[0-9a-f-]{36}$/);
  const formUrl = page.url();
  await expect(page.getByText(zh('cadreVisits.new.grade', { grade: 'D' }))).toBeVisible();
  await expectNoSideways(page);

  // Round 1, with a photo from the phone.
  await page.getByLabel(msg('zh', 'upload.choose')).setInputFiles({ name: 'wall.png', mimeType: 'image/png', buffer: await photoPng() });
  await expect(page.getByText(zh('upload.uploaded', { n: 1 }))).toBeVisible();
  await recordVisit(page, 1, '东墙有两道裂缝，屋顶完好，老人身体尚可。');
  await page.waitForURL(/\/cadre\/visits\/[0-9a-f-]{36}\?done=recorded$/);
  await expect(page.getByRole('status').filter({ hasText: zh('cadreVisits.detail.recorded') })).toBeVisible();
  await expect(page.getByRole('img', { name: zh('grievances.detail.photo', { n: 1 }) })).toBeVisible();
  // Who visited is named in full, as staff are on the household page and the county ledgers.
  await expect(page.getByRole('definition').filter({ hasText: demoAccount('cadre').name })).toHaveText(demoAccount('cadre').name);
  expect((await coverage(page))[0]!.done).toBe(before[0]!.done + 1);

  // Round 1 again is refused beside the round field; round 2 then goes through.
  await page.goto(formUrl);
  await expect(page.getByText(zh('cadreVisits.form.roundTaken', { rounds: '1' }))).toBeVisible();
  await recordVisit(page, 1, '再次查看裂缝。');
  await expect(page.getByText(zh('cadreVisits.errors.roundTaken')).first()).toBeVisible();
  await expect(page.getByLabel(zh('cadreVisits.form.findings'))).toHaveValue('再次查看裂缝。');
  await recordVisit(page, 2, '裂缝没有扩大，已联系镇里安排鉴定。');
  await page.waitForURL(/\?done=recorded$/);
  expect((await coverage(page))[1]!.done).toBe(before[1]!.done + 1);

  // Round 3 with a need, which becomes a grievance in one step.
  await page.goto(formUrl);
  await recordVisit(page, 3, '冬季取暖困难，空气源热泵不制热。', '请帮忙联系维修空气源热泵。');
  await page.waitForURL(/\?done=recorded$/);
  const visitUrl = page.url().replace(/\?.*$/, '');
  expect((await coverage(page))[2]!.done).toBe(before[2]!.done + 1);
  // Every round done: the form says so instead of offering a fourth.
  await page.goto(formUrl);
  await expect(page.getByText(zh('cadreVisits.new.allRounds'))).toBeVisible();

  // The cadre of another township (双塔街道) finds neither the visit nor the household by their addresses.
  const elsewhere = await phoneContext(browser, baseURL);
  try {
    const other = await elsewhere.newPage();
    await signInOverHttp(other.context().request, ACCOUNTS.cadre2.phone);
    for (const url of [visitUrl, formUrl]) expect((await other.goto(url))?.status(), url).toBe(404);
    await other.goto('/cadre/visits/new');
    await other.getByLabel(zh('cadreVisits.find.label')).fill(who.name);
    await other.getByRole('button', { name: zh('cadreVisits.find.submit') }).click();
    await expect(other.getByText(zh('cadreVisits.find.empty'))).toBeVisible();
  } finally {
    await elsewhere.close();
  }

  await page.goto(visitUrl);
  await page.getByLabel(zh('cadreVisits.needs.category')).selectOption({ label: msg('zh', 'grievances.category.heating') });
  await page.getByRole('button', { name: zh('cadreVisits.needs.submit') }).click();
  await page.waitForURL(/\?done=filed$/);
  const filed = page.getByRole('status').filter({ hasText: /SQ-\d{4}-\d{6}/ });
  await expect(filed).toBeVisible();
  const reference = /SQ-\d{4}-\d{6}/.exec((await filed.textContent()) ?? '')![0];

  // The grievance list: open, with its 3-day answer and 15-day solution countdowns; then answered and solved in time.
  await page.getByRole('link', { name: msg('zh', 'cadreNav.grievances') }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: zh('cadreGrievances.title') })).toBeVisible();
  // One table: on the phone each row is a full-width card and the header row is for screen
  // readers only, from 1024 px a table. The reference and the status share the card's first
  // line, the problem is below.
  const list = page.getByRole('table', { name: zh('cadreGrievances.listLabel') });
  const card = list.getByRole('row').filter({ hasText: reference });
  await expect(card).toHaveCount(1);
  await expect(list.getByRole('columnheader', { name: zh('cadreGrievances.list.reference'), exact: true })).toBeAttached();
  await expectCardTable(page, list);
  expect((await card.boundingBox())!.width, 'the card fills the list').toBeGreaterThanOrEqual((await list.boundingBox())!.width - 1);
  const refBox = (await card.getByRole('rowheader').boundingBox())!;
  const statusBox = (await card.getByText(zh('cadreGrievances.status.open'), { exact: true }).boundingBox())!;
  const problemBox = (await card.getByRole('cell').first().boundingBox())!;
  expect(Math.abs(statusBox.y + statusBox.height / 2 - (refBox.y + refBox.height / 2))).toBeLessThan(8);
  expect(problemBox.y).toBeGreaterThanOrEqual(refBox.y + refBox.height - 1);
  await expect(card.getByText(zh('grievances.deadline.respondIn', { days: 3 }))).toBeVisible();
  await expect(card.getByText(zh('grievances.deadline.resolveIn', { days: 15 }))).toBeVisible();
  await expect(card).not.toHaveAttribute('data-overdue', 'true');
  // The card's link is a full touch target, and a tap anywhere on the card opens the grievance.
  expect((await card.getByRole('link', { name: reference }).boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await expectNoSideways(page);
  await card.click();
  await page.waitForURL(/\/cadre\/grievances\/[0-9a-f-]{36}/);
  await expect(page.getByText('请帮忙联系维修空气源热泵。', { exact: false })).toBeVisible();
  // It says where it came from: a link back to the visit.
  await expect(page.getByRole('link', { name: zh('cadreVisits.detail.title'), exact: true })).toHaveAttribute('href', new URL(visitUrl).pathname);
  await page.getByLabel(zh('cadreGrievances.respond.note')).fill('已联系热泵售后，明天上门。');
  await page.getByRole('button', { name: zh('cadreGrievances.respond.submit') }).click();
  await expect(page.getByRole('status').filter({ hasText: zh('cadreGrievances.respond.done') })).toBeVisible();
  await page.getByLabel(zh('cadreGrievances.resolve.note')).fill('热泵已修好，室温恢复到18度。');
  await page.getByRole('button', { name: zh('cadreGrievances.resolve.submit') }).click();
  await expect(page.getByRole('status').filter({ hasText: zh('cadreGrievances.resolve.done') })).toBeVisible();
  // Now among the solved ones, and no longer among those to deal with.
  await page.goto('/cadre/grievances?filter=resolved');
  await expect(page.getByRole('table', { name: zh('cadreGrievances.listLabel') }).getByRole('row').filter({ hasText: reference })).toHaveCount(1);
  await page.goto('/cadre/grievances?filter=open');
  await expect(page.getByText(reference)).toHaveCount(0);
});

test('a cadre finds an objection to a notice in the inbox and the objection list, and answers it on the case', async ({ page, browser, baseURL }) => {
  test.slow(); // two people register, a case goes on notice, an objection, then the answer
  // A rural household of 刁窝镇 applies for building materials; the cadre verifies and recommends: on notice.
  const applicant = await freshResident(browser, baseURL, diaowoHouse(VILLAGE));
  const submitted = await applyFor(applicant.page, 'building_materials');
  await applicant.context.close();
  const staff = await phoneContext(browser, baseURL);
  try {
    const cadre = await staff.newPage();
    await signInAndOpen(cadre, CADRE_DIAOWO, `/cadre/cases/${submitted.id}`);
    for (const fact of ['safetyGrade', 'damagedHeatPumps', 'affected']) await verifyFact(cadre, fact);
    await cadre.getByRole('button', { name: msg('zh', 'workflow.actions.recommend'), exact: true }).click();
    await expect(cadre.getByText(msg('zh', 'status.in_public_notice')).first()).toBeVisible();
  } finally {
    await staff.close();
  }

  // A fresh visitor objects on the public notice board.
  const reason = `这户的院墙是旧的，房子没有问题。${Date.now() % 10_000}`;
  const visitor = await phoneContext(browser, baseURL);
  try {
    const v = await visitor.newPage();
    await registerResident(v);
    await v.goto('/notice');
    const entries = v.getByTestId('notice-entry');
    const idx = await entries.evaluateAll((els, id) => els.findIndex((el) => el.querySelector(`input[name="applicationId"][value="${id}"]`) !== null), submitted.id);
    if (idx < 0) {
      // Not on the first page of the whole county: filter to 刁窝镇.
      await v.getByLabel(msg('zh', 'notice.filters.township')).selectOption({ label: '刁窝镇' });
      await v.getByRole('button', { name: msg('zh', 'notice.filters.apply') }).click();
    }
    const entry = v.getByTestId('notice-entry').filter({ has: v.locator(`input[name="applicationId"][value="${submitted.id}"]`) });
    await expect(entry).toHaveCount(1);
    await entry.locator('summary').first().click();
    await entry.getByRole('textbox').fill(reason);
    await entry.getByRole('button', { name: msg('zh', 'notice.object.submit') }).click();
    await expect(v.getByText(msg('zh', 'notice.object.done'))).toBeVisible();
  } finally {
    await visitor.close();
  }

  // The cadre: the inbox has an unread notice about it; the objection list has it; the answer is on the case.
  await signInAndOpen(page, CADRE_DIAOWO, '/cadre');
  await page.getByRole('link', { name: msg('zh', 'cadreNav.inbox') }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: zh('cadreInbox.title') })).toBeVisible();
  const notice = page
    .getByRole('list', { name: zh('cadreInbox.listLabel') })
    .locator(':scope > li')
    .filter({ hasText: zh('cadreInbox.kinds.objectionLodged', { programme: msg('zh', 'programmes.building_materials.name'), reference: submitted.reference }) });
  await expect(notice).toHaveCount(1);
  await expect(notice).toHaveAttribute('data-unread', 'true');
  await expectNoSideways(page);

  await page.getByRole('link', { name: zh('cadreInbox.objections.all') }).click();
  await expect(page.getByRole('heading', { level: 1, name: zh('cadreInbox.objections.title') })).toBeVisible();
  await expect(page.getByRole('list', { name: zh('cadreInbox.objections.title') }).getByRole('link').filter({ hasText: submitted.reference })).toHaveCount(1);
  await page.goBack();

  await notice.getByRole('button', { name: zh('cadreInbox.open') }).click();
  await page.waitForURL(`/cadre/cases/${submitted.id}`);
  await expect(page.getByText(reason)).toBeVisible();
  await page.getByLabel(msg('zh', 'cases.objections.decisions.dismissed')).check();
  await page.getByLabel(msg('zh', 'cases.objections.answer')).fill('已入户核实，房屋主体为D级危房，情况属实。');
  await page.getByRole('button', { name: msg('zh', 'cases.objections.submit') }).click();
  await expect(page.getByText(msg('zh', 'cases.objections.status.dismissed'))).toBeVisible();

  // Answered: off the objection list; the notice is read.
  await page.goto('/cadre/objections');
  await expect(page.getByText(submitted.reference)).toHaveCount(0);
  await page.goto('/cadre/inbox');
  await expect(
    page
      .getByRole('list', { name: zh('cadreInbox.listLabel') })
      .locator(':scope > li')
      .filter({ hasText: submitted.reference })
      .first(),
  ).toHaveAttribute('data-unread', 'false');
});

test('the visit, grievance, inbox and objection pages pass axe and fit 360 px on the phone, and show tables on a laptop', async ({ page, browser, baseURL }, testInfo) => {
  await signInOverHttp(page.context().request, CADRE_DIAOWO);
  for (const path of ['/cadre/visits', '/cadre/visits/new?search=王', '/cadre/grievances', '/cadre/grievances?filter=resolved', '/cadre/inbox', '/cadre/objections']) {
    const [address, typed] = path.split('?search=');
    await page.goto(address!);
    if (typed) {
      // The visit search with its results (the words are POSTed, never put in the address).
      await page.getByLabel(zh('cadreVisits.find.label')).fill(typed);
      await page.getByRole('button', { name: zh('cadreVisits.find.submit') }).click();
      await page.waitForURL(/\?q=/);
    }
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoSideways(page);
    await expectAccessible(page, path, testInfo);
  }
  // The first "still to visit" list linked from the coverage.
  await page.goto('/cadre/visits');
  const owed = page.getByRole('table', { name: zh('cadreVisits.coverage.title') }).getByRole('link').first();
  if ((await owed.count()) > 0) {
    await owed.click();
    await page.waitForURL(/\/cadre\/visits\/owed\?village=\d+&round=[123]$/);
    await expect(page.getByRole('list', { name: zh('cadreVisits.owed.listLabel') })).toBeVisible();
    await expectNoSideways(page);
  }

  // In English too: the same pages read as English (headings, coverage lines, filters).
  const english = await phoneContext(browser, baseURL, 'en');
  try {
    const en = await english.newPage();
    await signInAndOpen(en, CADRE_DIAOWO, '/cadre/visits');
    await expect(en.getByRole('heading', { level: 1, name: fmt('en', 'cadreVisits.title') })).toBeVisible();
    await expect(en.getByRole('heading', { level: 2, name: fmt('en', 'cadreVisits.coverage.title') })).toBeVisible();
    await en.goto('/cadre/grievances');
    await expect(en.getByRole('link', { name: fmt('en', 'cadreGrievances.list.filter.overdue'), exact: true })).toBeVisible();
    await en.goto('/cadre/inbox');
    await expect(en.getByRole('heading', { level: 1, name: fmt('en', 'cadreInbox.title') })).toBeVisible();
    expect(await en.getByRole('main').innerText()).not.toMatch(/[、：]/);
  } finally {
    await english.close();
  }

  // On a laptop the same figures and lists are tables.
  const laptop = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    const wide = await laptop.newPage();
    await signInAndOpen(wide, CADRE_DIAOWO, '/cadre/visits');
    const table = wide.getByRole('table', { name: zh('cadreVisits.coverage.title') });
    await expect(table).toBeVisible();
    await expect(table.getByRole('columnheader', { name: zh('cadreVisits.round', { round: 3 }) })).toBeVisible();
    await wide.goto('/cadre/grievances');
    await expect(wide.getByRole('table', { name: zh('cadreGrievances.listLabel') })).toBeVisible();
  } finally {
    await laptop.close();
  }
});

test('the cadre downloads the visits ledger of their places as CSV with Chinese headers, in either language of the page, heads masked', async ({ browser, baseURL }) => {
  // The file goes to the township or a company as it is: its headers are Chinese even when the cadre reads the portal in English.
  for (const lang of ['zh', 'en'] as const) {
    const context = await phoneContext(browser, baseURL, lang);
    const page = await context.newPage();
    await signInAndOpen(page, ACCOUNTS.cadre.phone, '/cadre/visits');
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: msg(lang, 'cadreVisits.export.csv') }).click()]);
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    const lines = readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0], lang).toBe('走访日期,轮次,户主,村（社区）,走访干部,发现的情况,群众需求');
    // The demo county's 刁窝镇 has visits; each head of household is masked (张*明).
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) expect(line.split(',')[2]).toMatch(/^[\u4e00-\u9fa5]\*[\u4e00-\u9fa5]*$/);
    await context.close();
  }
});
