// The header's language switch: Chinese by default, English after one tap, Chinese again
// after another. The choice is a cookie, so it also holds on the next page.
import { expect, test, type Page } from '@playwright/test';
import { ACCOUNTS, header, msg, signInAs } from './fixtures';

function languageButton(page: Page, label: string) {
  return header(page).getByRole('button', { name: label, exact: true });
}

test('the language switch turns the public home to English and back to Chinese', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('zh', 'home.title'));

  await languageButton(page, msg('zh', 'header.switchLanguage')).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'home.title'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(languageButton(page, msg('en', 'header.switchLanguage'))).toBeVisible();
  expect((await context.cookies()).find((c) => c.name === 'locale')?.value).toBe('en');

  // The choice holds on a full page load of another page.
  await page.goto('/sign-in');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'auth.signIn.title'));
  await expect(page.getByLabel(msg('en', 'auth.signIn.phone'), { exact: true })).toBeVisible();

  await languageButton(page, msg('en', 'header.switchLanguage')).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('zh', 'auth.signIn.title'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(languageButton(page, msg('zh', 'header.switchLanguage'))).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('zh', 'home.title'));
});

test('a signed-in resident can switch language on their home page', async ({ page }) => {
  await signInAs(page, ACCOUNTS.resident);
  await languageButton(page, msg('zh', 'header.switchLanguage')).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'resident.title'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('signed-in-as')).toContainText(msg('en', 'roles.resident'));
  await expect(header(page).getByRole('button', { name: msg('en', 'header.signOut') })).toBeVisible();
});

/** Top-level namespaces of every `messages` object a page hands to its client providers (RSC payload). */
function clientNamespaces(html: string): string[] {
  let flight = '';
  for (const m of html.matchAll(/self\.__next_f\.push\(\[1,("(?:[^"\\]|\\.)*")\]\)/g)) flight += JSON.parse(m[1]!) as string;
  const found = new Set<string>();
  const marker = '"messages":{';
  for (let at = flight.indexOf(marker); at >= 0; at = flight.indexOf(marker, at + 1)) {
    let depth = 0;
    let inString = false;
    let i = at + marker.length - 1;
    for (; i < flight.length; i++) {
      const c = flight[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    for (const k of Object.keys(JSON.parse(flight.slice(at + marker.length - 1, i + 1)) as object)) found.add(k);
  }
  return [...found].sort();
}

test('a page hands its client components only the messages they use', async ({ request }) => {
  for (const [lang, cookie] of [['zh', 'zh-CN'], ['en', 'en']] as const) {
    const res = await request.get('/sign-in', { headers: { cookie: `locale=${cookie}` } });
    const html = await res.text();
    // The sign-in form, the header switches and the error page: nothing of the other 25 namespaces.
    expect(clientNamespaces(html)).toEqual(['auth', 'errors', 'header']);
    expect(html).toContain(msg(lang, 'auth.signIn.locked'));
    expect(html).not.toContain(msg(lang, 'register.fields.consent'));
    expect(html).not.toContain(msg(lang, 'cases.eligibility.unknown'));
    // It was 57 KB when every page carried every client namespace.
    expect(Buffer.byteLength(html)).toBeLessThan(35_000);
  }
  const register = await (await request.get('/register')).text();
  expect(clientNamespaces(register)).toEqual(['common', 'errors', 'header', 'register', 'validation']);
});
