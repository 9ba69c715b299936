// The cadre's work queue on a 360 px phone in Chinese: the cadre of 刁窝镇 opens the queue from
// the cadre navigation, sees cards (a table from 1024 px), loads more, filters by programme and state,
// finds a fresh resident's household by ID number (the number never appears in the address),
// downloads exactly that list, and opens the case. The cadre of 双塔街道 finds nothing with the
// same ID number. The case is made first by a fresh resident through their own forms, so the
// test stands alone and passes in any order. A number that can find no one (an ID number with a
// wrong last digit or date of birth, digits that are neither a mobile nor an ID number) is not
// searched: every staff search (queue, household list, the visit's household search, the county's
// staff list) says so beside the field before sending and keeps what was typed; without
// JavaScript its search route says the same.
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { idCheckChar } from '../lib/id-rules';
import { demoAccount } from '../lib/demo-accounts';
import { ACCOUNTS, documentsDuring, applyFor, diaowoHouse, expectAccessible, expectCardTable, expectNoSideways, freshResident, msg, phoneContext, signIn, type Lang, signInAndOpen } from './fixtures';

const z = (key: string) => msg('zh', key);

test('a cadre on a phone filters the queue, loads more, finds a household by ID number, exports it and opens the case', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const applicant = await freshResident(browser, baseURL, diaowoHouse('东冯村'));
  const submitted = await applyFor(applicant.page, 'building_materials');
  const idNumber = applicant.who.idNumber;
  await applicant.context.close();

  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, ACCOUNTS.cadre.phone);
  const nav = page.getByRole('navigation', { name: z('cadreNav.label') });
  for (const key of ['home', 'queue', 'households', 'visits', 'grievances']) await expect(nav.getByRole('link', { name: z(`cadreNav.${key}`), exact: true })).toBeVisible();
  await expect(nav.getByRole('link', { name: new RegExp(`^${z('cadreNav.inbox')}`) })).toBeVisible();
  await nav.getByRole('link', { name: z('cadreNav.queue'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: z('cadreQueue.title') })).toBeVisible();

  // Cards at 360 px (the list's one markup, a table, drawn as cards: components/card-table.tsx),
  // reference and status on a card's top line; a table from 1024 px; nothing scrolls sideways.
  const cards = page.locator('[data-queue-card]');
  await expect(cards.first()).toBeVisible();
  await expectCardTable(page, page.getByRole('table', { name: z('cadreQueue.caption') }));
  const reference = (await cards.first().getByRole('rowheader').boundingBox())!;
  const status = (await cards.first().getByRole('cell').last().boundingBox())!;
  expect(Math.abs(status.y + status.height / 2 - (reference.y + reference.height / 2))).toBeLessThan(8);
  await expectNoSideways(page);
  await expectAccessible(page, 'cadre queue');

  // A page is 20 cases; "load more" adds the next ones below.
  await expect(cards).toHaveCount(20);
  const more = page.getByRole('link', { name: z('cadreQueue.loadMore'), exact: true });
  await expect(more).toHaveAttribute('href', /after=/);
  await more.click();
  await expect.poll(() => cards.count()).toBeGreaterThan(20);
  await expect(page).toHaveURL(/\/cadre\/queue$/);

  // A count chip opens the queue in that state (client navigation): the list starts again, and
  // the filter form says which state is shown, as it would after a full page load.
  const chips = page.getByRole('region', { name: z('cadreQueue.counts.title') });
  await chips.getByRole('link', { name: new RegExp(`^${z('status.returned')}`) }).click();
  await page.waitForURL((u) => u.searchParams.get('status') === 'returned');
  await expect(chips.getByRole('link', { name: new RegExp(`^${z('status.returned')}`) })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByLabel(z('cadreQueue.filters.status'), { exact: true })).toHaveValue('returned');
  await expect(cards.first()).toContainText(z('status.returned'));
  expect(await cards.count()).toBeLessThanOrEqual(20);

  // Filter by programme and state: every card then shows both.
  const programme = msg('zh', 'programmes.building_materials.name');
  const state = z('status.submitted');
  await page.getByLabel(z('cadreQueue.filters.programme'), { exact: true }).selectOption({ label: programme });
  await page.getByLabel(z('cadreQueue.filters.status'), { exact: true }).selectOption({ label: state });
  await page.getByRole('button', { name: z('cadreQueue.filters.apply'), exact: true }).click();
  await page.waitForURL((u) => u.searchParams.get('programme') === 'building_materials' && u.searchParams.get('status') === 'submitted');
  await expect(cards.first()).toBeVisible();
  const texts = await cards.allInnerTexts();
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) {
    expect(text).toContain(programme);
    expect(text).toContain(state);
  }

  // Search by ID number: the form POSTs, the address carries a sealed token, never the number.
  await page.getByLabel(z('cadreQueue.search.label'), { exact: true }).fill(idNumber);
  await page.getByRole('button', { name: z('cadreQueue.search.submit'), exact: true }).click();
  await page.waitForURL((u) => u.searchParams.has('q'));
  expect(page.url()).not.toContain(idNumber);
  expect(page.url()).not.toContain(idNumber.slice(6, 14));
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText(submitted.reference);
  await expect(page.getByText(`${idNumber.slice(0, 6)}********${idNumber.slice(14)}`)).toBeVisible();
  // The filters were kept by the search.
  expect(new URL(page.url()).searchParams.get('programme')).toBe('building_materials');

  // The field shows what was searched, masked; sent again unchanged (a cadre tapping 搜索 twice),
  // it is the same search: the same token comes back, the same one case is listed.
  const queueField = page.getByLabel(z('cadreQueue.search.label'), { exact: true });
  const masked = `${idNumber.slice(0, 6)}********${idNumber.slice(14)}`;
  await expect(queueField).toHaveValue(masked);
  await expect(queueField).toHaveAttribute('data-search-check', 'on');
  const searchedUrl = page.url();
  await resendEcho(page, page.getByRole('button', { name: z('cadreQueue.search.submit'), exact: true }), '/cadre/queue/search', new URL(searchedUrl).searchParams.get('q')!);
  expect(page.url()).toBe(searchedUrl);
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText(submitted.reference);
  await expect(queueField).toHaveValue(masked);
  // Edited but still masked, it could find no one: said beside the field, nothing sent.
  await refusedInPlace(page, queueField, page.getByRole('button', { name: z('cadreQueue.search.submit'), exact: true }), `${masked.slice(0, -1)}${masked.endsWith('1') ? '2' : '1'}`, z('searchCheck.masked'));

  // The export holds exactly that case, with Chinese headers.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: z('cadreQueue.export.csv') }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0]).toContain(z('cadreQueue.export.reference'));
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(submitted.reference);
  expect(csv).not.toContain(idNumber);

  // The card opens the case page by client navigation: no new document for a phone to load.
  const documents = await documentsDuring(page, async () => {
    await cards.first().getByRole('link', { name: submitted.reference }).click();
    await page.waitForURL((u) => u.pathname === `/cadre/cases/${submitted.id}`);
    await expect(page.getByText(submitted.reference).first()).toBeVisible();
  });
  expect(documents).toEqual([]);
  await context.close();

  // The cadre of 双塔街道 searches the same ID number: nothing.
  const elsewhere = await phoneContext(browser, baseURL);
  const other = await elsewhere.newPage();
  await signInAndOpen(other, ACCOUNTS.cadre2.phone, '/cadre/queue');
  await other.getByLabel(z('cadreQueue.search.label'), { exact: true }).fill(idNumber);
  await other.getByRole('button', { name: z('cadreQueue.search.submit'), exact: true }).click();
  await other.waitForURL((u) => u.searchParams.has('q'));
  await expect(other.getByText(z('cadreQueue.emptyFiltered'))).toBeVisible();
  await expect(other.locator('[data-queue-card]')).toHaveCount(0);
  await elsewhere.close();
});

// A real-looking number (born 1 March 1980 in 涿州市) with its check character, and the same
// number with another last character: a one-key slip that no household can have.
const FIRST17 = '13068119800301231';
const RIGHT = FIRST17 + idCheckChar(FIRST17);
const TYPO = FIRST17 + (idCheckChar(FIRST17) === '7' ? '8' : '7');
/** A date of birth that cannot be (month 13), with a check character that fits it. */
const NO_DATE17 = '13068119801301231';
const NO_DATE = NO_DATE17 + idCheckChar(NO_DATE17);
const mentions = (sentence: string) => new RegExp(sentence.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/** The number typed is not sent: the sentence stands under the field, which it describes, and the field still holds what was typed. */
async function refusedInPlace(page: Page, field: Locator, submit: Locator, typed: string, said: string) {
  await expect(field).toHaveAttribute('data-search-check', 'on'); // the page is alive: the field checks before sending
  const before = page.url();
  await field.fill(typed);
  await submit.click();
  await expect(page.getByText(said, { exact: true })).toBeVisible();
  await expect(field).toHaveValue(typed);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(mentions(said));
  await expect(field).toBeFocused();
  expect(page.url()).toBe(before);
}

/** Sends the search form with its field unchanged (the current search's echo): the route answers with the same sealed token, and the page loads again. */
async function resendEcho(page: Page, submit: Locator, route: string, token: string) {
  const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === route), submit.click()]);
  expect(answer.status()).toBe(303);
  expect(new URL(answer.headers().location!, page.url()).searchParams.get('q')).toBe(token);
  await page.waitForLoadState();
}

/** The same page without JavaScript (signed in as the same person): the search route refuses the number and says only what is wrong. */
async function withoutScript(browser: Browser, signedIn: BrowserContext, lang: Lang): Promise<BrowserContext> {
  return browser.newContext({
    storageState: await signedIn.storageState(),
    javaScriptEnabled: false,
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    locale: lang === 'en' ? 'en-GB' : 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
}

/** After the route's answer: nothing of the number in the address, nothing searched. */
function outOfAddress(page: Page, typed: string) {
  const url = decodeURIComponent(page.url());
  expect(url).not.toContain(typed);
  expect(url).not.toContain(typed.slice(6, 14));
  expect(new URL(page.url()).searchParams.has('q')).toBe(false);
}

test('a number that can find no one is called out beside the search before it is sent, on the queue and the household list, in both languages; what was typed stays, and stays out of the address', async ({ browser, baseURL }) => {
  for (const lang of ['zh', 'en'] as Lang[]) {
    const context = await phoneContext(browser, baseURL, lang);
    const page = await context.newPage();
    // The queue: a wrong last character, then digits that are neither a mobile nor an ID number.
    await signInAndOpen(page, ACCOUNTS.cadre.phone, '/cadre/queue');
    const field = page.getByLabel(msg(lang, 'cadreQueue.search.label'), { exact: true });
    const submit = page.getByRole('button', { name: msg(lang, 'cadreQueue.search.submit'), exact: true });
    await refusedInPlace(page, field, submit, TYPO, msg(lang, 'searchCheck.checksum'));
    await expectNoSideways(page);
    if (lang === 'zh') await expectAccessible(page, 'queue search with a mistyped ID number');
    await refusedInPlace(page, field, submit, RIGHT.slice(0, 17), msg(lang, 'searchCheck.length'));
    // Typed right, the number is searched (sealed in the address) and the sentence is gone.
    await field.fill(RIGHT);
    await submit.click();
    await page.waitForURL((u) => u.searchParams.has('q') && !u.searchParams.has('idCheck'));
    expect(page.url()).not.toContain(RIGHT);
    await expect(page.getByText(msg(lang, 'searchCheck.length'), { exact: true })).toHaveCount(0);
    await expect(field).not.toHaveAttribute('aria-invalid', 'true');

    // The household list's search says the same, and keeps the number too.
    await page.goto('/cadre/households');
    const search = page.getByLabel(msg(lang, 'cadreHouseholds.filters.name'), { exact: true });
    await refusedInPlace(page, search, page.getByRole('button', { name: msg(lang, 'cadreHouseholds.filters.apply'), exact: true }), NO_DATE, msg(lang, 'searchCheck.birthdate'));

    // Without JavaScript the search routes refuse the same numbers: the page is told only what is
    // wrong (the field comes back empty, since the number never travels back).
    const plain = await withoutScript(browser, context, lang);
    const bare = await plain.newPage();
    await bare.goto('/cadre/queue');
    const bareField = bare.getByLabel(msg(lang, 'cadreQueue.search.label'), { exact: true });
    await bareField.fill(TYPO);
    await bare.getByRole('button', { name: msg(lang, 'cadreQueue.search.submit'), exact: true }).click();
    await bare.waitForURL((u) => u.searchParams.get('idCheck') === 'checksum');
    outOfAddress(bare, TYPO);
    const said = msg(lang, 'searchCheck.checksum');
    await expect(bare.getByText(said, { exact: true })).toBeVisible();
    await expect(bareField).toHaveAccessibleDescription(mentions(said));
    await expect(bareField).toHaveAttribute('aria-invalid', 'true');

    await bare.goto('/cadre/households');
    const bareSearch = bare.getByLabel(msg(lang, 'cadreHouseholds.filters.name'), { exact: true });
    await bareSearch.fill(TYPO);
    await bare.getByRole('button', { name: msg(lang, 'cadreHouseholds.filters.apply'), exact: true }).click();
    await bare.waitForURL((u) => u.searchParams.get('idCheck') === 'checksum');
    outOfAddress(bare, TYPO);
    await expect(bare.getByText(said, { exact: true })).toBeVisible();
    await expect(bareSearch).toHaveAttribute('aria-invalid', 'true');
    await expect(bareSearch).toHaveAccessibleDescription(mentions(said));

    // Digits of neither length, without JavaScript: the same sentence as in the browser.
    await bare.goto('/cadre/queue');
    await bareField.fill('1380000000');
    await bare.getByRole('button', { name: msg(lang, 'cadreQueue.search.submit'), exact: true }).click();
    await bare.waitForURL((u) => u.searchParams.get('idCheck') === 'length');
    await expect(bare.getByText(msg(lang, 'searchCheck.length'), { exact: true })).toBeVisible();
    await plain.close();
    await context.close();
  }
});

test('the visit\'s household search and the county\'s staff search call out a mistyped number the same way, with and without JavaScript', async ({ browser, baseURL }) => {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  await signInAndOpen(page, ACCOUNTS.cadre.phone, '/cadre/visits/new');
  const visitField = page.getByLabel(z('cadreVisits.find.label'), { exact: true });
  const visitSubmit = page.getByRole('button', { name: z('cadreVisits.find.submit'), exact: true });
  await refusedInPlace(page, visitField, visitSubmit, TYPO, z('searchCheck.checksum'));
  await expectNoSideways(page);
  const plain = await withoutScript(browser, context, 'zh');
  const bare = await plain.newPage();
  await bare.goto('/cadre/visits/new');
  await bare.getByLabel(z('cadreVisits.find.label'), { exact: true }).fill('1234567');
  await bare.getByRole('button', { name: z('cadreVisits.find.submit'), exact: true }).click();
  await bare.waitForURL((u) => u.searchParams.get('idCheck') === 'length');
  await expect(bare.getByText(z('searchCheck.length'), { exact: true })).toBeVisible();
  await expect(bare.getByLabel(z('cadreVisits.find.label'), { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await plain.close();
  await context.close();

  for (const lang of ['zh', 'en'] as Lang[]) {
    const official = await phoneContext(browser, baseURL, lang);
    const staffPage = await official.newPage();
    await signInAndOpen(staffPage, ACCOUNTS.official.phone, '/county/staff');
    const staffField = staffPage.getByLabel(msg(lang, 'staff.search.label'), { exact: true });
    const staffSubmit = staffPage.getByRole('button', { name: msg(lang, 'staff.search.submit'), exact: true });
    await refusedInPlace(staffPage, staffField, staffSubmit, NO_DATE, msg(lang, 'searchCheck.birthdate'));
    await refusedInPlace(staffPage, staffField, staffSubmit, '138 0000 000', msg(lang, 'searchCheck.length'));
    // 11 digits that no mobile number starts with.
    await refusedInPlace(staffPage, staffField, staffSubmit, '120 0000 0002', msg(lang, 'searchCheck.prefix'));
    // By mobile number: the field shows it masked; sent again unchanged, the same search, the same person.
    await staffField.fill(ACCOUNTS.cadre.phone);
    await staffSubmit.click();
    await staffPage.waitForURL((u) => u.searchParams.has('q'));
    const cadreName = demoAccount('cadre').name;
    const staffTable = staffPage.getByRole('table', { name: msg(lang, 'staff.list.title') });
    await expect(staffTable).toContainText(cadreName);
    await expect(staffField).toHaveValue(`${ACCOUNTS.cadre.phone.slice(0, 3)}****${ACCOUNTS.cadre.phone.slice(7)}`);
    await expect(staffField).toHaveAttribute('data-search-check', 'on');
    const staffSearched = staffPage.url();
    await resendEcho(staffPage, staffSubmit, '/county/staff/search', new URL(staffSearched).searchParams.get('q')!);
    expect(staffPage.url()).toBe(staffSearched);
    await expect(staffTable).toContainText(cadreName);
    await expect(staffPage.getByText(msg(lang, 'staff.list.noMatch'), { exact: true })).toHaveCount(0);
    await expectNoSideways(staffPage);
    const plainStaff = await withoutScript(browser, official, lang);
    const bareStaff = await plainStaff.newPage();
    await bareStaff.goto('/county/staff');
    await bareStaff.getByLabel(msg(lang, 'staff.search.label'), { exact: true }).fill(TYPO);
    await bareStaff.getByRole('button', { name: msg(lang, 'staff.search.submit'), exact: true }).click();
    await bareStaff.waitForURL((u) => u.searchParams.get('idCheck') === 'checksum');
    outOfAddress(bareStaff, TYPO);
    await expect(bareStaff.getByText(msg(lang, 'searchCheck.checksum'), { exact: true })).toBeVisible();
    await plainStaff.close();
    await official.close();
  }
});
