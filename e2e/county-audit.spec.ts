// The audit log on a phone (issue 11 item 3): a cadre reveals a household's phone number with a
// reason and exports the work queue, and someone fails to sign in with a number nobody holds; the
// county official finds all three in /county/audit, each action in words with its code beside
// it, by the cadre's phone number, the kind of action and the action chosen from the list,
// downloads the filtered log (words and codes), sees the failed sign-in marked refused with its
// number still masked, reads the log in English too, and checks the chain. The reason carries a
// random word and the number is random, so the search finds this run's rows among any others.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, type Locator } from '@playwright/test';
import ExcelJS from 'exceljs';
import { demoAccount } from '../lib/demo-accounts';
import { maskPhone } from '../lib/pii';
import { ACCOUNTS, expectAccessible, expectNoSideways, fillSignIn, fmt, msg, newResident, phoneContext, signInAlert, signInAndOpen } from './fixtures';

const z = (key: string, params: Record<string, string | number> = {}) => fmt('zh', key, params);

test('a reveal and an export by a cadre and a failed sign-in are found in the audit log, in words, which exports and verifies its chain', async ({ browser, baseURL }) => {
  test.slow(); // three people, two languages, a download
  const reason = `联系核实${randomBytes(3).toString('hex')}`;

  // Someone tries to sign in with a number nobody registered (the demo accounts' failure counts do not move).
  const stranger = newResident().phone;
  const strangerContext = await phoneContext(browser, baseURL);
  const signInPage = await strangerContext.newPage();
  await fillSignIn(signInPage, stranger, 'not-the-password');
  await expect(signInAlert(signInPage)).toHaveText(msg('zh', 'auth.signIn.failed'));
  await strangerContext.close();

  // The cadre reveals the phone of the first household of their list, then exports the queue.
  const cadreContext = await phoneContext(browser, baseURL);
  const cadre = await cadreContext.newPage();
  await signInAndOpen(cadre, ACCOUNTS.cadre.phone, '/cadre/households');
  await cadre.locator('[data-household-card]').first().getByRole('link').click();
  await cadre.waitForURL(/\/cadre\/households\/[0-9a-f-]{36}$/);
  const field = msg('zh', 'cadreHouseholds.reveal.field.phone');
  const reveal = cadre.locator('details').filter({ has: cadre.getByText(z('cadreHouseholds.reveal.open', { field }), { exact: true }) });
  await reveal.getByText(z('cadreHouseholds.reveal.open', { field }), { exact: true }).first().click();
  await reveal.getByLabel(z('cadreHouseholds.reveal.reason'), { exact: true }).fill(reason);
  await reveal.getByRole('button', { name: z('cadreHouseholds.reveal.submit', { field }) }).click();
  await expect(cadre.locator('[data-revealed="phone"]')).toBeVisible();
  await cadre.goto('/cadre/queue');
  const [queueFile] = await Promise.all([cadre.waitForEvent('download'), cadre.getByRole('link', { name: msg('zh', 'cadreQueue.export.csv') }).click()]);
  expect(queueFile.suggestedFilename()).toMatch(/\.csv$/);
  await cadreContext.close();

  // The official searches the log by the cadre's phone number and "personal data revealed".
  const officialContext = await phoneContext(browser, baseURL);
  const page = await officialContext.newPage();
  await signInAndOpen(page, ACCOUNTS.official.phone, '/county');
  await page.getByRole('navigation', { name: msg('zh', 'countyNav.label') }).getByRole('link', { name: msg('zh', 'countyNav.audit') }).click();
  await expect(page.getByRole('heading', { level: 1, name: msg('zh', 'countyAudit.title') })).toBeVisible();
  await page.getByLabel(msg('zh', 'countyAudit.filters.person'), { exact: true }).fill(ACCOUNTS.cadre.phone);
  await page.getByLabel(msg('zh', 'countyAudit.filters.family'), { exact: true }).selectOption({ label: msg('zh', 'countyAudit.families.pii') });
  await page.getByRole('button', { name: msg('zh', 'countyAudit.filters.submit'), exact: true }).click();
  await page.waitForURL((u) => u.searchParams.has('person'));
  // The phone number is in no URL: the form posts, the log gets a sealed token.
  expect(page.url()).not.toContain(ACCOUNTS.cadre.phone);
  const revealRow = page.getByTestId('audit-row').filter({ hasText: reason });
  await expect(revealRow).toHaveCount(1);
  // The action in words, its code beside it, and the details as lines: which item was shown, and why.
  await expect(revealRow).toContainText(msg('zh', 'auditActions.pii.reveal'));
  await expect(revealRow).toContainText('pii.reveal');
  await expect(detail(revealRow, msg('zh', 'countyAudit.detailKeys.field'))).toHaveText(msg('zh', 'countyAudit.detailValues.field.phone'));
  await expect(detail(revealRow, msg('zh', 'countyAudit.detailKeys.reason'))).toHaveText(reason);
  await expect(revealRow).toHaveAttribute('data-outcome', 'ok');
  // The household revealed is named by its head, masked, and its village, never by its record id.
  await expect(revealRow).toContainText(/（户主 \S*\*\S*，\S+）/);
  expect(await revealRow.textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
  const revealId = Number(/#(\d+)/.exec((await revealRow.textContent()) ?? '')?.[1]);
  expect(revealId).toBeGreaterThan(0);
  await expectNoSideways(page);
  await expectAccessible(page, '/county/audit');

  // The same person's exports: the queue export made after the reveal is there (the person filter is kept).
  await page.getByLabel(msg('zh', 'countyAudit.filters.family'), { exact: true }).selectOption({ label: msg('zh', 'countyAudit.families.export') });
  await page.getByRole('button', { name: msg('zh', 'countyAudit.filters.submit'), exact: true }).click();
  await page.waitForURL((u) => u.searchParams.get('family') === 'export.');
  const exportRows = page.getByTestId('audit-row').filter({ hasText: 'export.queue' });
  await expect(exportRows.first()).toBeVisible();
  const newestExportId = Number(/#(\d+)/.exec((await exportRows.first().textContent()) ?? '')?.[1]);
  expect(newestExportId).toBeGreaterThan(revealId);

  // The action chosen from the list by its words: the work-queue exports only (the person filter is kept).
  const queueWords = msg('zh', 'auditActions.export.queue');
  await page.getByLabel(msg('zh', 'countyAudit.filters.action'), { exact: true }).selectOption({ label: fmt('zh', 'countyAudit.filters.actionOption', { words: queueWords, code: 'export.queue' }) });
  await page.getByRole('button', { name: msg('zh', 'countyAudit.filters.submit'), exact: true }).click();
  await page.waitForURL((u) => u.searchParams.get('action') === 'export.queue' && u.searchParams.has('person'));
  const queueRows = page.getByTestId('audit-row');
  await expect(queueRows.first()).toContainText(queueWords);
  for (const text of await queueRows.allTextContents()) expect(text).toContain(queueWords);

  // The filtered log downloads as .xlsx with Chinese headers and only this person's exports.
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: msg('zh', 'countyAudit.export.xlsx') }).click()]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync((await file.path())!) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1);
  expect(header).toEqual(['序号', '时间', '操作人', '身份', '操作', '操作代码', '对象', '结果', 'IP 地址', '详情']);
  const actions = sheet.getSheetValues().slice(2).map((r) => [String((r as ExcelJS.CellValue[])[5]), String((r as ExcelJS.CellValue[])[6])]);
  expect(actions.length).toBeGreaterThan(0);
  expect(new Set(actions.map((a) => a.join(' ')))).toEqual(new Set([`${queueWords} export.queue`]));
  const people = sheet.getSheetValues().slice(2).map((r) => String((r as ExcelJS.CellValue[])[3]));
  expect(new Set(people)).toEqual(new Set([demoAccount('cadre').name]));

  // The failed sign-in: marked refused, its reason in words, the number masked as it was written.
  await page.goto('/county/audit?action=auth.sign_in&outcome=refused');
  const failedRow = page.getByTestId('audit-row').filter({ hasText: maskPhone(stranger) });
  await expect(failedRow).toHaveCount(1);
  await expect(failedRow).toHaveAttribute('data-outcome', 'refused');
  await expect(failedRow).toContainText(msg('zh', 'auditActions.auth.sign_in'));
  await expect(failedRow).toContainText(msg('zh', 'countyAudit.outcome.refused'));
  await expect(detail(failedRow, msg('zh', 'countyAudit.detailKeys.reason'))).toHaveText(msg('zh', 'countyAudit.detailValues.reason.unknown_phone'));
  await expect(failedRow).not.toContainText(stranger);

  // The portal's own doing (the demo data loading) is said as the system's, once, not as a missing person with a raw role.
  await page.goto('/county/audit?action=seed.demo');
  const seeded = page.getByTestId('audit-row').first();
  await expect(seeded).toContainText(msg('zh', 'countyAudit.rows.system'));
  await expect(seeded).not.toContainText(msg('zh', 'countyAudit.rows.nobody'));

  // The chain check: the demo database's log is intact.
  await page.getByRole('button', { name: msg('zh', 'countyAudit.verify.submit'), exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: msg('zh', 'countyAudit.verify.intact') })).toBeVisible();
  await officialContext.close();

  // The same log in English: the chosen action and the refused sign-in in English words, codes unchanged.
  const englishContext = await phoneContext(browser, baseURL, 'en');
  const en = await englishContext.newPage();
  await signInAndOpen(en, ACCOUNTS.official.phone, '/county/audit?action=export.queue');
  await expect(en.getByLabel(msg('en', 'countyAudit.filters.action'), { exact: true }).locator('option:checked')).toHaveText(fmt('en', 'countyAudit.filters.actionOption', { words: msg('en', 'auditActions.export.queue'), code: 'export.queue' }));
  await expect(en.getByTestId('audit-row').first()).toContainText(msg('en', 'auditActions.export.queue'));
  await expect(en.getByTestId('audit-row').first()).toContainText('export.queue');
  await en.goto('/county/audit?action=auth.sign_in&outcome=refused');
  const failedInEnglish = en.getByTestId('audit-row').filter({ hasText: maskPhone(stranger) });
  await expect(failedInEnglish).toContainText(msg('en', 'auditActions.auth.sign_in'));
  await expect(failedInEnglish).toContainText(msg('en', 'countyAudit.outcome.refused'));
  await expect(detail(failedInEnglish, msg('en', 'countyAudit.detailKeys.reason'))).toHaveText(msg('en', 'countyAudit.detailValues.reason.unknown_phone'));
  await en.goto('/county/audit?action=seed.demo');
  await expect(en.getByTestId('audit-row').first()).toContainText(msg('en', 'countyAudit.rows.system'));
  await englishContext.close();
});

/** The value of one detail line of an audit row, by its label. */
function detail(row: Locator, label: string): Locator {
  return row.locator('dt', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).locator('xpath=following-sibling::dd[1]');
}
