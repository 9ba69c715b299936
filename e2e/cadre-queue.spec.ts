// The cadre's work queue on a 360 px phone in Chinese: the cadre of 刁窝镇 opens the queue from
// the cadre navigation, sees cards (a table from 1024 px), loads more, filters by programme and state,
// finds a fresh resident's household by ID number (the number never appears in the address),
// downloads exactly that list, and opens the case. The cadre of 双塔街道 finds nothing with the
// same ID number. The case is made first by a fresh resident through their own forms, so the
// test stands alone and passes in any order. An ID number with a wrong last digit is not searched:
// the queue and the household list say beside the field that it is mistyped, in Chinese and English.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { idCheckChar } from '../lib/id-rules';
import { ACCOUNTS, documentsDuring, applyFor, diaowoHouse, expectAccessible, expectCardTable, expectNoSideways, freshResident, msg, phoneContext, signIn, type Lang } from './fixtures';

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
  await signIn(other, ACCOUNTS.cadre2.phone);
  await other.goto('/cadre/queue');
  await other.getByLabel(z('cadreQueue.search.label'), { exact: true }).fill(idNumber);
  await other.getByRole('button', { name: z('cadreQueue.search.submit'), exact: true }).click();
  await other.waitForURL((u) => u.searchParams.has('q'));
  await expect(other.getByText(z('cadreQueue.emptyFiltered'))).toBeVisible();
  await expect(other.locator('[data-queue-card]')).toHaveCount(0);
  await elsewhere.close();
});

test('an ID number typed with a wrong last digit is called mistyped beside the search, on the queue and the household list, in both languages, and stays out of the address', async ({ browser, baseURL }) => {
  // A real-looking number (born 1 March 1980 in 涿州市) with its check character, and the same
  // number with another last character: a one-key slip that no household can have.
  const first17 = '13068119800301231';
  const right = first17 + idCheckChar(first17);
  const typo = first17 + (idCheckChar(first17) === '7' ? '8' : '7');
  const mentions = (sentence: string) => new RegExp(sentence.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const outOfAddress = (page: Page) => {
    const url = decodeURIComponent(page.url());
    expect(url).not.toContain(typo);
    expect(url).not.toContain(first17.slice(6, 14));
    expect(new URL(page.url()).searchParams.has('q')).toBe(false);
  };

  for (const lang of ['zh', 'en'] as Lang[]) {
    const context = await phoneContext(browser, baseURL, lang);
    const page = await context.newPage();
    await signIn(page, ACCOUNTS.cadre.phone);

    // The queue: not searched, and the sentence stands under the field, which it describes.
    await page.goto('/cadre/queue');
    const field = page.getByLabel(msg(lang, 'cadreQueue.search.label'), { exact: true });
    await field.fill(typo);
    await page.getByRole('button', { name: msg(lang, 'cadreQueue.search.submit'), exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('idCheck') === 'checksum');
    outOfAddress(page);
    const said = msg(lang, 'cadreQueue.search.idCheck.checksum');
    await expect(page.getByText(said, { exact: true })).toBeVisible();
    await expect(field).toHaveAccessibleDescription(mentions(said));
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expectNoSideways(page);
    // Typed right, the number is searched (sealed in the address) and the sentence is gone.
    await field.fill(right);
    await page.getByRole('button', { name: msg(lang, 'cadreQueue.search.submit'), exact: true }).click();
    await page.waitForURL((u) => u.searchParams.has('q') && !u.searchParams.has('idCheck'));
    expect(page.url()).not.toContain(right);
    await expect(page.getByText(said, { exact: true })).toHaveCount(0);

    // The household list's search says the same.
    await page.goto('/cadre/households');
    const search = page.getByLabel(msg(lang, 'cadreHouseholds.filters.name'), { exact: true });
    await search.fill(typo);
    await page.getByRole('button', { name: msg(lang, 'cadreHouseholds.filters.apply'), exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('idCheck') === 'checksum');
    outOfAddress(page);
    const listSaid = msg(lang, 'cadreHouseholds.search.idCheck.checksum');
    await expect(page.getByText(listSaid, { exact: true })).toBeVisible();
    await expect(search).toHaveAttribute('aria-invalid', 'true');
    await expect(search).toHaveAccessibleDescription(mentions(listSaid));
    await context.close();
  }
});
