// Holes found from outside (issue 6): a callbackUrl that a browser reads as another host
// (TRUST S4), a session cookie that outlives sign-out (S5), and demo mode that must be
// impossible to miss. Each test arranges its own sessions and changes no shared data.
import { expect, test, type BrowserContext } from '@playwright/test';
import { ACCOUNTS, header, msg, phoneContext, signIn, signInAs } from './fixtures';

// Raw query values: the browser sends them as written, the server decodes them once.
const HOSTILE = ['/%09/evil.example/', '/%0A/evil.example/', '/%0D/evil.example/', '/%09%5Cevil.example/', '/%5C%5Cevil.example/', '/%2509/evil.example/', '/.//evil.example/', '%2F%2Fevil.example%2F'];

/** Records any attempt to reach evil.example (request or script dialog) in this context. */
function watchOffsite(context: BrowserContext): string[] {
  const offsite: string[] = [];
  void context.route(
    (url) => url.hostname.includes('evil.example'),
    (route) => {
      offsite.push(route.request().url());
      return route.abort();
    },
  );
  context.on('page', (p) => p.on('dialog', (d) => void d.dismiss().then(() => offsite.push(`dialog: ${d.message()}`))));
  return offsite;
}

test.describe('a callbackUrl that a browser would read as another host', () => {
  for (const raw of HOSTILE) {
    test(`after signing in through the form: ${raw}`, async ({ browser, baseURL }) => {
      const context = await phoneContext(browser, baseURL);
      const offsite = watchOffsite(context);
      const page = await context.newPage();
      await page.goto(`/sign-in?callbackUrl=${raw}`);
      await signIn(page, ACCOUNTS.official.phone);
      await expect(page).toHaveURL(ACCOUNTS.official.home);
      await expect(page.getByRole('heading', { level: 1, name: ACCOUNTS.official.homeHeading })).toBeVisible();
      expect(offsite).toEqual([]);
      await context.close();
    });
  }

  test('for someone already signed in, the sign-in page redirects home, never off-site and never with a 500', async ({ page, baseURL }) => {
    await signInAs(page, ACCOUNTS.official);
    for (const raw of HOSTILE) {
      const res = await page.request.get(`/sign-in?callbackUrl=${raw}`, { maxRedirects: 0 });
      expect(res.status(), raw).toBe(307);
      const location = res.headers()['location'] ?? '';
      expect(location, raw).not.toMatch(/[\t\r\n\\]/);
      expect(new URL(location, baseURL).origin, raw).toBe(new URL(baseURL!).origin);
      expect(new URL(location, baseURL).pathname, raw).toBe(ACCOUNTS.official.home);
    }
    // A local callback still works.
    const ok = await page.request.get(`/sign-in?callbackUrl=${encodeURIComponent('/county/decisions')}`, { maxRedirects: 0 });
    expect(new URL(ok.headers()['location'] ?? '', baseURL).pathname).toBe('/county/decisions');
  });
});

test('a session cookie copied before sign-out is refused after it (TRUST S5)', async ({ browser, baseURL }) => {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  await signInAs(page, ACCOUNTS.official);
  const copied = await context.cookies();
  expect(copied.some((c) => c.name.includes('session-token'))).toBe(true);

  // The same cookie in a second browser works before sign-out …
  const thief = await phoneContext(browser, baseURL);
  await thief.addCookies(copied);
  const thiefPage = await thief.newPage();
  await thiefPage.goto(ACCOUNTS.official.home);
  await expect(thiefPage.getByRole('heading', { level: 1, name: ACCOUNTS.official.homeHeading })).toBeVisible();

  await header(page).getByRole('button', { name: msg('zh', 'header.signOut') }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);

  // … and not after.
  await thiefPage.goto(ACCOUNTS.official.home);
  await expect(thiefPage).toHaveURL(/\/sign-in\?callbackUrl=/);
  await context.close();
  await thief.close();
});

test('demo mode says so on every page, in both languages', async ({ browser, baseURL }) => {
  for (const lang of ['zh', 'en'] as const) {
    const context = await phoneContext(browser, baseURL, lang);
    const page = await context.newPage();
    for (const path of ['/', '/sign-in', '/register', '/notice', '/no-such-page']) {
      await page.goto(path);
      await expect(page.getByTestId('demo-banner'), `${lang} ${path}`).toHaveText(msg(lang, 'common.demoBanner'));
    }
    await signIn(page, ACCOUNTS.cadre.phone);
    await expect(page).toHaveURL(ACCOUNTS.cadre.home);
    await expect(page.getByTestId('demo-banner')).toHaveText(msg(lang, 'common.demoBanner'));
    await context.close();
  }
});
