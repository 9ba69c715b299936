// Shared pieces of the end-to-end tests: the demo accounts, the texts the tests look for
// (read from the same catalogues the app uses, so a reworded message needs no test edit),
// sign-in through the real form, and fresh residents of a test's own (registered through
// /register, household and damage entered through the resident's own forms) so that no spec
// depends on what another spec did to the shared database. Selectors go by role and label,
// as a person would.
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Browser, type BrowserContext, type Locator, type Page, type Request, type TestInfo } from '@playwright/test';
import sharp from 'sharp';
import { IntlMessageFormat } from 'intl-messageformat';
import { createRng, fakeIdNumber, maskName } from '../lib/pii';
import { DEMO_PASSWORD, demoAccount } from '../lib/demo-accounts';

type Catalogue = { [key: string]: string | Catalogue };

function loadCatalogue(file: string): Catalogue {
  return JSON.parse(readFileSync(path.join(process.cwd(), 'messages', file), 'utf8')) as Catalogue;
}

const catalogues = { zh: loadCatalogue('zh-CN.json'), en: loadCatalogue('en.json') };

/** A message by dotted key, e.g. msg('zh', 'auth.signIn.failed'); throws on a missing key. */
export function msg(lang: keyof typeof catalogues, key: string): string {
  let node: string | Catalogue | undefined = catalogues[lang];
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`e2e: no message "${key}" in ${lang}`);
  return node;
}

/** The catalogue keys the tests use for the two languages. */
export type Lang = keyof typeof catalogues;

/** A message formatted as the app does (ICU: plurals too), e.g. fmt('en', 'appeal.daysLeft', { days: 15 }). */
export function fmt(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  return String(new IntlMessageFormat(msg(lang, key), lang === 'zh' ? 'zh-CN' : 'en').format(params));
}

export { DEMO_PASSWORD };

export type Role = 'resident' | 'cadre' | 'official';

export interface Account {
  phone: string;
  role: Role;
  home: string;
  /** The h1 of the role's home page, in Chinese. */
  homeHeading: string;
}

export const ACCOUNTS = {
  resident: { phone: demoAccount('resident').phone, role: 'resident', home: '/resident', homeHeading: msg('zh', 'resident.title') },
  cadre: { phone: demoAccount('cadre').phone, role: 'cadre', home: '/cadre', homeHeading: msg('zh', 'cadre.title') },
  official: { phone: demoAccount('official').phone, role: 'official', home: '/county', homeHeading: msg('zh', 'county.title') },
  /** A second demo resident (no test changes it; the lockout test locks a person of its own). */
  resident2: { phone: demoAccount('resident2').phone, role: 'resident', home: '/resident', homeHeading: msg('zh', 'resident.title') },
  /** The cadre of 双塔街道, which covers 永济秀园小区 (YONGJI_FLAT below). */
  cadre2: { phone: demoAccount('cadre2').phone, role: 'cadre', home: '/cadre', homeHeading: msg('zh', 'cadre.title') },
} as const satisfies Record<string, Account>;

/** The three role homes, for the "everyone else is refused" checks. */
export const MAIN_ACCOUNTS: Account[] = [ACCOUNTS.resident, ACCOUNTS.cadre, ACCOUNTS.official];

/** The page's language as the catalogue key ('zh' or 'en'), from <html lang>. */
export async function pageLang(page: Page): Promise<'zh' | 'en'> {
  return (await page.locator('html').getAttribute('lang')) === 'en' ? 'en' : 'zh';
}

/** Fills and submits the sign-in form (opening /sign-in first unless the page is on it). */
export async function fillSignIn(page: Page, phone: string, password: string = DEMO_PASSWORD): Promise<void> {
  if (!new URL(page.url(), 'http://x').pathname.startsWith('/sign-in')) await page.goto('/sign-in');
  const lang = await pageLang(page);
  await page.getByLabel(msg(lang, 'auth.signIn.phone'), { exact: true }).fill(phone);
  await page.getByLabel(msg(lang, 'auth.signIn.password'), { exact: true }).fill(password);
  await page.getByRole('button', { name: msg(lang, 'auth.signIn.submit'), exact: true }).click();
}

/** Signs in through the form and waits until the browser has left the sign-in page. */
export async function signIn(page: Page, phone: string, password: string = DEMO_PASSWORD): Promise<void> {
  await fillSignIn(page, phone, password);
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** Signs in as a demo account and checks the role's home page is showing. */
export async function signInAs(page: Page, account: Account): Promise<void> {
  await signIn(page, account.phone);
  await expect(page).toHaveURL(account.home);
  await expect(page.getByRole('heading', { level: 1, name: account.homeHeading })).toBeVisible();
}

/**
 * Signs in over HTTP with the two requests the sign-in form itself sends (next-auth's CSRF
 * token, then the credentials to its callback) and checks that a session came back. The
 * session cookie lands in `request`'s own jar: a browser context's `request` shares its cookies.
 */
export async function signInOverHttp(request: APIRequestContext, phone: string, password: string = DEMO_PASSWORD): Promise<void> {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const res = await request.post('/api/auth/callback/credentials', { form: { csrfToken, phone, password, json: 'true' } });
  expect(res.status(), `signing in as ${phone}`).toBe(200);
  const session = (await (await request.get('/api/auth/session')).json()) as { user?: { id?: string } };
  expect(session.user?.id, `signed in as ${phone}`).toBeTruthy();
}

/**
 * Signs in over HTTP in the page's browser context (signInOverHttp) and opens `path`. For
 * journeys about something else: it skips drawing the sign-in page and the role's home, about a
 * second of the browser's time each, on two busy cores. The form is walked by auth.spec.ts,
 * sign-in-redirect.spec.ts, the accessibility checks and every journey that still starts at it.
 */
export async function signInAndOpen(page: Page, phone: string, path: string, password: string = DEMO_PASSWORD): Promise<void> {
  await signInOverHttp(page.context().request, phone, password);
  await page.goto(path);
}

/** The sign-in form's alert (wrong password, locked, service unavailable). Scoped to the
 * form: Next's route announcer is also role=alert, inside a shadow root Playwright sees. */
export function signInAlert(page: Page) {
  return page.locator('form').getByRole('alert');
}

export function forbiddenHeading(page: Page) {
  return page.getByRole('heading', { level: 1, name: msg('zh', 'errors.forbiddenPage.title') });
}

export function header(page: Page) {
  return page.getByRole('banner');
}

/** The page is usable at 360 px: nothing wider than the screen (no sideways scrolling). */
export async function expectNoSideways(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/**
 * Runs `act` (a click and a wait for the page it opens) and returns the whole documents the
 * browser asked for meanwhile: [] when the page opened by client navigation, so a phone loaded
 * only the new page's data, not everything again (docs/decisions/0012-client-navigation.md).
 */
export async function documentsDuring(page: Page, act: () => Promise<void>): Promise<string[]> {
  const documents: string[] = [];
  const seen = (r: Request) => {
    if (r.resourceType() === 'document') documents.push(r.url());
  };
  page.on('request', seen);
  try {
    await act();
  } finally {
    page.off('request', seen);
  }
  return documents;
}

/**
 * A list drawn with components/card-table.tsx shows cards on a phone and a table from 1024 px:
 * at the current (phone) width the header row is out of sight and the first row is a
 * card across the screen with its first cell on the top line; at 1280 px the header row is
 * visible and the first row's cells sit side by side. The viewport is put back as it was.
 */
export async function expectCardTable(page: Page, table: Locator) {
  const head = table.locator('thead');
  const row = table.locator('tbody > tr').first();
  const cells = row.locator(':scope > th, :scope > td');
  await expect(row).toBeVisible();
  // Hidden for sight (screen readers only: a 1 px box) or altogether (cards that label each value: no box).
  expect((await head.boundingBox())?.width ?? 0, 'header row hidden on a phone').toBeLessThanOrEqual(1);
  const viewport = page.viewportSize()!;
  const card = (await row.boundingBox())!;
  expect(card.width, 'a card spans the screen').toBeGreaterThan(viewport.width * 0.4);
  const top = (await cells.nth(0).boundingBox())!;
  expect(Math.abs(top.x - card.x), 'the card starts with its first cell').toBeLessThan(40);
  await page.setViewportSize({ width: 1280, height: 800 });
  try {
    await expect.poll(async () => (await head.boundingBox())?.width ?? 0, { message: 'header row visible from 1024 px' }).toBeGreaterThan(600);
    const a = (await cells.nth(0).boundingBox())!;
    const b = (await cells.nth(1).boundingBox())!;
    expect(Math.abs(a.y - b.y), 'cells side by side in the table').toBeLessThan(30);
    expect(b.x).toBeGreaterThan(a.x + a.width - 1);
  } finally {
    await page.setViewportSize(viewport);
  }
}

/**
 * No serious or critical axe finding (WCAG 2.2 AA + best practice) on the page as it is now.
 * With `testInfo`, the findings that block are attached to the test's report and the minor ones
 * printed, so the accessibility spec shows everything axe said.
 *
 * Legacy mode: axe runs in the page itself and its results come back from there. The default
 * opens a blank page for every scan to merge the results of cross-origin frames: the portal has
 * no frames, and its content security policy (default-src 'self') would allow only same-origin
 * ones, which legacy mode scans too. On these two cores the default made each scan about 7 s
 * instead of 2.5 s. Only violations are collected: the passes are not
 * read.
 */
export async function expectAccessible(page: Page, label: string, testInfo?: TestInfo) {
  // Next streams a page's metadata after its first bytes (generateMetadata is async): on a busy
  // machine axe could run before the <title> arrived and report a page without one. Wait for the
  // page as the person gets it, then check it.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .options({ resultTypes: ['violations'] })
    .setLegacyMode(true)
    .analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking.map((v) => `[${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.html}`).join('\n')}`).join('\n');
  if (testInfo) {
    if (blocking.length) await testInfo.attach(`axe-${label.replace(/\W+/g, '_')}.json`, { body: JSON.stringify(blocking, null, 2), contentType: 'application/json' });
    const minor = results.violations.filter((v) => !blocking.includes(v));
    if (minor.length) console.log(`axe on ${label} (${testInfo.project.name}), not blocking: ${minor.map((v) => `${v.id} [${v.impact}]`).join(', ')}`);
  }
  expect(blocking, `serious/critical axe findings on ${label}:\n${report}`).toEqual([]);
}

/**
 * A second person on another phone: a fresh browser context (nobody signed in), 360 px wide, in
 * Chinese, or in English with the `locale` cookie set before the first page is opened.
 */
export async function phoneContext(browser: Browser, baseURL: string | undefined, lang: Lang = 'zh'): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: lang === 'en' ? 'en-GB' : 'zh-CN', timezoneId: 'Asia/Shanghai' });
  if (lang === 'en') await context.addCookies([{ name: 'locale', value: 'en', url: baseURL! }]);
  return context;
}

/** A cadre verifies one fact on the case page with the value already filled in (the declared one). */
export async function verifyFact(page: Page, factKey: string, lang: Lang = 'zh') {
  const fact = msg(lang, `facts.${factKey}`);
  await page.getByText(fmt(lang, 'cases.verify.open', { fact }), { exact: true }).click();
  await page.getByRole('button', { name: fmt(lang, 'cases.verify.submit', { fact }) }).click();
  await expect(page.getByText(fmt(lang, 'cases.verify.done', { fact }))).toBeVisible();
}

// ---------------------------------------------------------------------------------------------
// Fresh people. Every spec that changes a resident's data makes its own resident here: the
// demo accounts are for read-only checks and for staff, who only act on the fresh cases.
// ---------------------------------------------------------------------------------------------

/** Surnames outside the seed's list (db/seed), so a masked name is almost certainly a test's own. */
const RARE_SURNAMES = Array.from('禹奚邰冀郜滑訾阚濮暨郦蔺靖羿');
const GIVEN_FIRST = Array.from('秀振春桂淑玉志德永海');
const GIVEN_LAST = Array.from('英明华兰珍芳强军平霞杰涛斌辉刚勇磊洋艳娟敏静丽燕玲萍红梅琴云莲璐鹏飞鑫波宁浩亮');

export interface NewResident {
  name: string;
  /** The name as the public notice board shows it (张*明). */
  masked: string;
  idNumber: string;
  phone: string;
  password: string;
}

/** A person nobody has registered yet: a valid ID number (GB 11643 check digit) and a fresh mobile number. */
export function newResident(): NewResident {
  const pick = (chars: string[]) => chars[randomInt(chars.length)]!;
  const name = pick(RARE_SURNAMES) + pick(GIVEN_FIRST) + pick(GIVEN_LAST);
  const idNumber = fakeIdNumber(createRng(randomInt(2 ** 31 - 1)), { regionCode: '130681', minYear: 1950, maxYear: 1990 });
  // 170/171: mobile-virtual-operator numbers, never real subscribers (lib/pii fakeMobile).
  const phone = `170${String(randomInt(100_000_000)).padStart(8, '0')}`;
  return { name, masked: maskName(name), idNumber, phone, password: `Flood-${randomInt(1e9)}-relief` };
}

/** An ID number with a wrong check digit (the same 17 digits). */
export function withWrongCheckDigit(idNumber: string): string {
  return idNumber.slice(0, 17) + ('0123456789X'.split('').find((c) => c !== idNumber[17]) ?? '0');
}

/**
 * Registers through the real /register form; the browser is then signed in as that person and on
 * the household form (or, when a cadre keeps a household with their ID number, on its claim).
 */
export async function registerResident(page: Page, who: NewResident = newResident()): Promise<NewResident> {
  await page.goto('/register');
  const lang = await pageLang(page);
  await page.getByLabel(msg(lang, 'register.fields.realName'), { exact: true }).fill(who.name);
  await page.getByLabel(msg(lang, 'register.fields.idNumber'), { exact: true }).fill(who.idNumber);
  await page.getByLabel(msg(lang, 'register.fields.phone'), { exact: true }).fill(who.phone);
  await page.getByLabel(msg(lang, 'register.fields.password'), { exact: true }).fill(who.password);
  await page.getByLabel(msg(lang, 'register.fields.passwordConfirm'), { exact: true }).fill(who.password);
  await page.getByLabel(msg(lang, 'register.fields.consent')).check();
  await page.getByRole('button', { name: msg(lang, 'register.submit'), exact: true }).click();
  // Either the household form or the claim (registered and signed in), or the form's refusal, said at once:
  // e.g. the per-address registration limit (TRUST S6) after several runs against one server
  // that Playwright reused (E2E_PORT with a server already running); a fresh server starts at 0.
  const arrived = page.getByRole('heading', { level: 1, name: msg(lang, 'household.create.title') }).or(page.getByRole('heading', { name: msg(lang, 'cadreAssist.claim.title') }));
  const refused = page.locator('form').getByRole('alert').filter({ hasText: /\S/ });
  await expect(arrived.or(refused).first()).toBeVisible({ timeout: 30_000 });
  expect(await refused.allInnerTexts(), 'the registration was refused').toEqual([]);
  await expect(page).toHaveURL(/\/resident\/household$/);
  return who;
}

/** Where a fresh household lives and what it declares. */
export interface HouseholdPlan {
  township: string;
  village: string;
  compound?: string;
  home: { kind: 'urban'; building: string; unit?: string; floor: string } | { kind: 'rural'; address: string };
  damage: { flooded?: boolean; grade?: 'A' | 'B' | 'C' | 'D'; boilers?: number; heatPumps?: number; affected: boolean };
}

/** Like the demo resident: a flat on the ground floor in 永济秀园小区 (双塔街道, cadre2's streets), flooded, one boiler. */
export const YONGJI_FLAT: HouseholdPlan = {
  township: '双塔街道',
  village: '天桥街社区',
  compound: '永济秀园小区',
  home: { kind: 'urban', building: '7', unit: '2', floor: '1' },
  damage: { flooded: true, boilers: 1, affected: true },
};

/** A rural house in 刁窝镇 (the demo cadre's township), appraised D, one heat pump. */
export function diaowoHouse(village: '万全庄村' | '东冯村' = '东冯村'): HouseholdPlan {
  return { township: '刁窝镇', village, home: { kind: 'rural', address: '西街8号' }, damage: { grade: 'D', heatPumps: 1, affected: true } };
}

/** On the household form (right after registering): registers the household, then declares the damage. Chinese pages. */
export async function createHousehold(page: Page, plan: HouseholdPlan): Promise<void> {
  const z = (key: string) => msg('zh', key);
  await page.getByLabel(z('household.place.township'), { exact: true }).selectOption({ label: plan.township });
  await page.getByLabel(z('household.place.village'), { exact: true }).selectOption({ label: plan.village });
  if (plan.compound) await page.getByLabel(z('household.place.compound'), { exact: true }).selectOption({ label: plan.compound });
  if (plan.home.kind === 'urban') {
    await page.getByRole('radio', { name: z('household.kind.urban') }).check();
    await page.getByLabel(z('household.fields.building'), { exact: true }).fill(plan.home.building);
    if (plan.home.unit) await page.getByLabel(z('household.fields.unitNo'), { exact: true }).fill(plan.home.unit);
    await page.getByLabel(z('household.fields.floor'), { exact: true }).fill(plan.home.floor);
  } else {
    await page.getByRole('radio', { name: z('household.kind.rural') }).check();
    await page.getByLabel(z('household.fields.addressRural'), { exact: true }).fill(plan.home.address);
  }
  await page.getByRole('button', { name: z('household.create.submit'), exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: z('household.saved.created') })).toBeVisible();

  await page.getByRole('link', { name: z('household.damage.declare') }).click();
  await expect(page.getByRole('heading', { level: 1, name: z('household.damage.formTitle') })).toBeVisible();
  const { damage } = plan;
  const yesNo = (b: boolean) => z(b ? 'household.damage.yes' : 'household.damage.no');
  if (damage.flooded !== undefined) await page.getByRole('group', { name: z('household.damage.flooded') }).getByRole('radio', { name: yesNo(damage.flooded) }).check();
  if (damage.grade) await page.getByLabel(z('household.damage.grade'), { exact: true }).selectOption({ label: z(`household.damage.grades.${damage.grade}`) });
  if (damage.boilers !== undefined) await page.getByLabel(z('household.damage.boilers'), { exact: true }).fill(String(damage.boilers));
  if (damage.heatPumps !== undefined) await page.getByLabel(z('household.damage.heatPumps'), { exact: true }).fill(String(damage.heatPumps));
  await page.getByRole('group', { name: z('household.damage.affected') }).getByRole('radio', { name: yesNo(damage.affected) }).check();
  await page.getByRole('button', { name: z('household.damage.save'), exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/resident/household' && u.searchParams.get('saved') === 'damage');
  await expect(page.getByRole('status').filter({ hasText: z('household.saved.damage') })).toBeVisible();
}

/** Registers a new person in this browser and their household (YONGJI_FLAT unless told); stays signed in as them. */
export async function signUpWithHousehold(page: Page, plan: HouseholdPlan = YONGJI_FLAT): Promise<NewResident> {
  const who = await registerResident(page);
  await createHousehold(page, plan);
  return who;
}

/** A fresh resident with a household on a phone of their own (Chinese), signed in. Close `context` when done. */
export async function freshResident(browser: Browser, baseURL: string | undefined, plan: HouseholdPlan = YONGJI_FLAT): Promise<{ who: NewResident; context: BrowserContext; page: Page }> {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  const who = await signUpWithHousehold(page, plan);
  return { who, context, page };
}

/** A submitted application: its id (from the page address) and reference. */
export interface Submitted {
  id: string;
  reference: string;
}

/**
 * Applies through the resident's own form (Chinese pages): the programme's fields by label
 * (message key → value), an optional note, review, submit; then opens the case page.
 */
export async function applyFor(page: Page, programme: string, opts: { note?: string; fields?: Record<string, string> } = {}): Promise<Submitted> {
  const z = (key: string, params: Record<string, string | number> = {}) => fmt('zh', key, params);
  await page.goto(`/resident/apply/${programme}`);
  // (The h1 carries the programme's name as the database has it; officials may edit it.)
  await expect(page.getByRole('heading', { level: 2, name: z('apply.fill.title') })).toBeVisible();
  for (const [key, value] of Object.entries(opts.fields ?? {})) await page.getByLabel(z(key)).fill(value);
  if (opts.note) await page.getByLabel(z('apply.fields.note')).fill(opts.note);
  await page.getByRole('button', { name: z('apply.fill.next') }).click();
  await expect(page.getByRole('heading', { level: 2, name: z('apply.review.title') })).toBeVisible();
  await page.getByRole('button', { name: z('apply.submit') }).click();
  await page.waitForURL((u) => u.pathname === `/resident/apply/${programme}/done`);
  const ref = page.getByTestId('reference');
  await expect(ref).toHaveText(/ZZ-\d{4}-\d{6}/);
  const reference = (await ref.textContent())!.trim();
  await page.getByRole('link', { name: z('apply.done.track') }).click();
  await page.waitForURL(/\/resident\/applications\/[0-9a-f-]{36}$/);
  return { id: new URL(page.url()).pathname.split('/').pop()!, reference };
}

/** The unread count the resident's navigation shows (0 when there is no badge). */
export async function unreadBadge(page: Page): Promise<number> {
  const lang = await pageLang(page);
  const link = page.getByRole('navigation', { name: msg(lang, 'nav.residentLabel') }).getByRole('link', { name: new RegExp(`^${msg(lang, 'nav.notifications')}`) });
  await expect(link).toBeVisible();
  // The words for screen readers ("3 条未读"); the red number beside them is hidden from them.
  const pattern = new RegExp(`^${msg(lang, 'nav.unreadBadge').replace('{count}', '(\\d+)')}$`);
  const words = link.getByText(pattern);
  if ((await words.count()) === 0) return 0;
  return Number(pattern.exec(((await words.textContent()) ?? '').trim())?.[1]);
}

/** A small PNG "from the phone's camera", made now. */
export function photoPng(width = 640, height = 480): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 90, g: 120, b: 160 } } }).png().toBuffer();
}

/** Holds back the page's scripts until the returned `release` is called: the page is shown, but not alive (hydrated), as on a slow phone. */
export async function holdScripts(page: Page): Promise<() => Promise<void>> {
  let open!: () => void;
  const held = new Promise<void>((resolve) => (open = resolve));
  await page.route('**/_next/static/chunks/*.js', async (route) => {
    await held;
    await route.continue();
  });
  return async () => {
    open();
    await page.unrouteAll({ behavior: 'wait' });
  };
}
