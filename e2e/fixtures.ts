// Shared pieces of the end-to-end tests: the demo accounts, the texts the tests look for
// (read from the same catalogues the app uses, so a reworded message needs no test edit),
// and sign-in through the real form. Selectors go by role and label, as a person would.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

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

/** A message with its {placeholders} filled in, e.g. fmt('en', 'appeal.daysLeft', { days: 15 }). */
export function fmt(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  return msg(lang, key).replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export const DEMO_PASSWORD = 'demo1234';

export type Role = 'resident' | 'cadre' | 'official';

export interface Account {
  phone: string;
  role: Role;
  home: string;
  /** The h1 of the role's home page, in Chinese. */
  homeHeading: string;
}

export const ACCOUNTS = {
  resident: { phone: '13800000001', role: 'resident', home: '/resident', homeHeading: msg('zh', 'resident.title') },
  cadre: { phone: '13800000002', role: 'cadre', home: '/cadre', homeHeading: msg('zh', 'cadre.title') },
  official: { phone: '13800000003', role: 'official', home: '/county', homeHeading: msg('zh', 'county.title') },
  /** Only the lockout test may use this one: it ends the run locked for 15 minutes. */
  resident2: { phone: '13800000004', role: 'resident', home: '/resident', homeHeading: msg('zh', 'resident.title') },
  /** Only the wrong-password test uses this one (one failure, far from the lock). */
  cadre2: { phone: '13800000005', role: 'cadre', home: '/cadre', homeHeading: msg('zh', 'cadre.title') },
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

/** No serious or critical axe finding (WCAG 2.2 AA + best practice) on the page as it is now. */
export async function expectAccessible(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(blocking.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `axe on ${label}`).toEqual([]);
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
