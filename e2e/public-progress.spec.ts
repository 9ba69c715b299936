// The public progress page (issue 11 item 5) on a phone, signed out, in both languages: the
// county's figures per township with a chart and the numbers beneath it, and no personal data —
// the whole page (HTML included) is scanned for mobile numbers, ID numbers, masked names and the
// names of the demo people.
import { expect, test } from '@playwright/test';
import { DEMO_ACCOUNTS } from '../lib/demo-accounts';
import { expectAccessible, expectNoSideways, msg, phoneContext } from './fixtures';

for (const lang of ['zh', 'en'] as const) {
  test(`/progress in ${lang}: figures per township, open to anyone, with no personal data`, async ({ browser, baseURL }) => {
    const context = await phoneContext(browser, baseURL, lang);
    const page = await context.newPage();
    const response = await page.goto('/progress');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'progress.title') })).toBeVisible();
    // The demo county's townships, each with its figures; the chart's numbers are in a table too.
    const townships = page.getByTestId('progress-townships').getByRole('listitem');
    await expect(townships.first()).toBeVisible();
    expect(await townships.count()).toBeGreaterThan(1);
    await expect(page.getByRole('figure').filter({ hasText: msg(lang, 'progress.charts.helped') }).getByRole('table')).toBeAttached();
    await expectNoSideways(page);
    await expectAccessible(page, `/progress (${lang})`);

    const html = (await response!.text()) + (await page.content());
    const text = await page.locator('body').innerText();
    expect(html).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/); // a mobile number
    expect(html).not.toMatch(/(?<!\d)1[3-9]\d\*{4}\d{4}/); // a masked one
    expect(html).not.toMatch(/(?<![\dA-Za-z])\d{6}(19|20)\d{2}[01]\d[0-3]\d{4}[\dXx](?![\dA-Za-z])/); // an ID number
    expect(html).not.toMatch(/\d{6}\*{8}\d{3}[\dX]/); // a masked one
    expect(text).not.toMatch(/[\u4e00-\u9fa5]\*[\u4e00-\u9fa5]?/); // a masked name (张*明)
    for (const a of DEMO_ACCOUNTS) expect(text).not.toContain(a.name);
    await context.close();
  });
}
