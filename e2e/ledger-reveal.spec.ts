// A ledger masked unless revealed with a reason (issue 11 item 2), on a 360 px phone in Chinese:
// a fresh resident of 刁窝镇 applies; the township's cadre finds the case in the queue, downloads
// the CSV (the phone starred, the progress line ends in "done"), is stopped beside the reason
// field when the reason is missing or too short, then downloads the same list in clear with a
// reason (the full phone, a file name that says 明文). The county-wide official finds that export
// with its reason in /county/audit by the cadre's phone number. The reason carries a random word,
// so the search finds this run's export among any others.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ACCOUNTS, applyFor, diaowoHouse, expectNoSideways, fmt, freshResident, msg, phoneContext, signInAndOpen } from './fixtures';

const z = (key: string, params: Record<string, string | number> = {}) => fmt('zh', key, params);

/** A downloaded CSV's lines, the byte-order mark dropped. */
function csvLines(path: string | null) {
  return readFileSync(path!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
}

test('a cadre exports the queue in clear with a reason, and the official finds that export and its reason in the audit log', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const reason = `核实联系电话${randomBytes(3).toString('hex')}`;
  const applicant = await freshResident(browser, baseURL, diaowoHouse('东冯村'));
  const submitted = await applyFor(applicant.page, 'building_materials');
  const { phone, idNumber, name } = applicant.who;
  await applicant.context.close();
  const maskedPhone = `${phone.slice(0, 3)}****${phone.slice(7)}`;

  const cadreContext = await phoneContext(browser, baseURL);
  const cadre = await cadreContext.newPage();
  await signInAndOpen(cadre, ACCOUNTS.cadre.phone, '/cadre/queue');
  await cadre.getByLabel(z('cadreQueue.search.label'), { exact: true }).fill(idNumber);
  await cadre.getByRole('button', { name: z('cadreQueue.search.submit'), exact: true }).click();
  await cadre.waitForURL((u) => u.searchParams.has('q'));
  await expect(cadre.locator('[data-queue-card]')).toHaveCount(1);

  // Masked: the phone starred, the name too. The progress line ends in its "done" state.
  const progress = cadre.locator('[data-ledger-export] [role="status"]');
  const [maskedFile] = await Promise.all([cadre.waitForEvent('download'), cadre.getByRole('link', { name: z('cadreQueue.export.csv') }).click()]);
  await expect(progress).toHaveAttribute('data-export-state', 'done');
  await expect(progress).toContainText(maskedFile.suggestedFilename());
  await expect(progress).toContainText(z('ledgerExport.rows', { rows: 1 }));
  expect(maskedFile.suggestedFilename()).toMatch(/\.csv$/);
  expect(maskedFile.suggestedFilename()).not.toContain('明文');
  const masked = csvLines(await maskedFile.path());
  expect(masked).toHaveLength(2);
  expect(masked[1]).toContain(submitted.reference);
  expect(masked[1]).toContain(maskedPhone);
  expect(masked[1]).not.toContain(phone);
  expect(masked[1]).not.toContain(name);

  // The reveal form: refused beside the field without a reason and with one too short, the words kept.
  await cadre.getByText(z('ledgerExport.reveal.summary'), { exact: true }).click();
  const field = cadre.getByLabel(z('ledgerExport.reveal.reason'), { exact: true });
  const submitCsv = cadre.getByRole('button', { name: z('ledgerExport.reveal.submit', { format: 'CSV' }), exact: true });
  await submitCsv.click();
  await expect(cadre.getByText(z('ledgerExport.reveal.errors.missing'), { exact: true })).toBeVisible();
  await field.fill('核实');
  await submitCsv.click();
  await expect(cadre.getByText(z('ledgerExport.reveal.errors.too_short', { min: 4 }), { exact: true })).toBeVisible();
  await expect(field).toHaveValue('核实');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expectNoSideways(cadre);

  // In clear with a reason: the same row, the full phone and name, a file name that says so.
  await field.fill(reason);
  const [clearFile] = await Promise.all([cadre.waitForEvent('download'), submitCsv.click()]);
  await expect(progress).toHaveAttribute('data-export-state', 'done');
  await expect(progress).toContainText(clearFile.suggestedFilename());
  expect(clearFile.suggestedFilename()).toMatch(/明文\.csv$/);
  const clear = csvLines(await clearFile.path());
  expect(clear).toHaveLength(2);
  expect(clear[1]).toContain(submitted.reference);
  expect(clear[1]).toContain(phone);
  expect(clear[1]).toContain(name);
  expect(clear[1]).not.toContain(maskedPhone);
  await cadreContext.close();

  // The county-wide official: the cadre's exports, this one with its reason and revealed.
  const officialContext = await phoneContext(browser, baseURL);
  const page = await officialContext.newPage();
  await signInAndOpen(page, ACCOUNTS.official.phone, '/county/audit');
  await page.getByLabel(msg('zh', 'countyAudit.filters.person'), { exact: true }).fill(ACCOUNTS.cadre.phone);
  await page.getByLabel(msg('zh', 'countyAudit.filters.family'), { exact: true }).selectOption({ label: msg('zh', 'countyAudit.families.export') });
  await page.getByRole('button', { name: msg('zh', 'countyAudit.filters.submit'), exact: true }).click();
  await page.waitForURL((u) => u.searchParams.get('family') === 'export.');
  const row = page.getByTestId('audit-row').filter({ hasText: reason });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('export.queue');
  // The row's details say the names and phones went out in full.
  await expect(row.locator('dt', { hasText: msg('zh', 'countyAudit.detailKeys.revealed') }).locator('xpath=following-sibling::dd[1]')).toHaveText(msg('zh', 'common.yes'));
  await expectNoSideways(page);
  await officialContext.close();
});
