// Conflict of interest (issue 9 item 7) on a phone: the cadre of 刁窝镇 declares a relative by
// ID number on the recusal page; that relative's fresh case then shows the recusal notice and
// no action at all, and the queue exported in clear keeps that household masked; once the
// declaration is withdrawn, the usual actions are back.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ACCOUNTS, applyFor, diaowoHouse, expectNoSideways, fmt, freshResident, msg, phoneContext, signInAs, signInAndOpen } from './fixtures';

const z = (key: string, params: Record<string, string | number> = {}) => fmt('zh', key, params);

test('a cadre declares a relative, is refused the relative’s case, and gets it back after withdrawing', async ({ browser, baseURL }) => {
  // A fresh household in the cadre's township with a case waiting for verification.
  const resident = await freshResident(browser, baseURL, diaowoHouse());
  const submitted = await applyFor(resident.page, 'building_materials');
  await resident.context.close();

  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  await signInAs(page, ACCOUNTS.cadre);

  // Before: the case can be worked on.
  await page.goto(`/cadre/cases/${submitted.id}`);
  const recommend = page.getByRole('button', { name: msg('zh', 'workflow.actions.recommend') });
  await expect(recommend).toBeVisible();
  await expect(page.getByTestId('recusal')).toHaveCount(0);

  // Declare the resident as a relative from the cadre navigation.
  await page.goto('/cadre');
  await page.getByRole('navigation', { name: z('cadreNav.label') }).getByRole('link', { name: z('cadreNav.relatives') }).click();
  await expect(page.getByRole('heading', { level: 1, name: z('cadreRelatives.title') })).toBeVisible();
  await expectNoSideways(page);
  // A wrong check digit is refused next to the field, and what was typed stays.
  const idField = page.getByLabel(z('cadreRelatives.declare.idNumber'), { exact: true });
  const wrong = resident.who.idNumber.slice(0, 17) + (resident.who.idNumber[17] === '0' ? '1' : '0');
  await idField.fill(wrong);
  await page.getByLabel(z('cadreRelatives.declare.relation'), { exact: true }).selectOption({ label: z('cadreRelatives.relations.sibling') });
  await page.getByRole('button', { name: z('cadreRelatives.declare.submit') }).click();
  await expect(page.getByText(z('validation.idNumber.checksum')).first()).toBeVisible();
  await expect(idField).toHaveValue(wrong);
  await idField.fill(resident.who.idNumber);
  await page.getByRole('button', { name: z('cadreRelatives.declare.submit') }).click();
  await expect(page.getByRole('status').filter({ hasText: z('cadreRelatives.declare.done') })).toBeVisible();
  // The list shows the number masked, never in full.
  const declared = page.getByTestId('relative').filter({ hasText: resident.who.idNumber.slice(-4) });
  await expect(declared).toHaveCount(1);
  await expect(page.getByText(resident.who.idNumber)).toHaveCount(0);

  // The relative's case: the recusal notice, no action, no verification.
  await page.goto(`/cadre/cases/${submitted.id}`);
  await expect(page.getByTestId('recusal')).toHaveText(z('cases.household.relative'));
  await expect(page.getByRole('button', { name: msg('zh', 'workflow.actions.recommend') })).toHaveCount(0);
  await expect(page.getByRole('button', { name: msg('zh', 'workflow.actions.return') })).toHaveCount(0);

  // The queue exported in clear with a reason: the relative's row stays masked (name and phone).
  await page.goto('/cadre/queue');
  await page.getByLabel(z('cadreQueue.search.label'), { exact: true }).fill(resident.who.idNumber);
  await page.getByRole('button', { name: z('cadreQueue.search.submit'), exact: true }).click();
  await page.waitForURL((u) => u.searchParams.has('q'));
  await expect(page.locator('[data-queue-card]')).toHaveCount(1);
  await page.getByText(z('ledgerExport.reveal.summary'), { exact: true }).click();
  await page.getByLabel(z('ledgerExport.reveal.reason'), { exact: true }).fill('核对亲属回避名单');
  const [clearFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: z('ledgerExport.reveal.submit', { format: 'CSV' }), exact: true }).click()]);
  const rows = readFileSync((await clearFile.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(rows).toHaveLength(2);
  expect(rows[1]).toContain(submitted.reference);
  expect(rows[1]).not.toContain(resident.who.name);
  expect(rows[1]).not.toContain(resident.who.phone);
  expect(rows[1]).toContain(`${resident.who.phone.slice(0, 3)}****${resident.who.phone.slice(7)}`);

  // Withdrawn: the case is theirs to handle again.
  await page.goto('/account/relatives');
  await declared.getByRole('button', { name: z('cadreRelatives.list.withdraw') }).click();
  await expect(page.getByTestId('relative').filter({ hasText: resident.who.idNumber.slice(-4) })).toHaveCount(0);
  await page.goto(`/cadre/cases/${submitted.id}`);
  await expect(page.getByRole('button', { name: msg('zh', 'workflow.actions.recommend') })).toBeVisible();
  await context.close();
});

test('an official, who decides cases too, reaches the same recusal page from the county page', async ({ browser, baseURL }) => {
  const context = await phoneContext(browser, baseURL);
  const page = await context.newPage();
  await signInAndOpen(page, ACCOUNTS.official.phone, '/county');
  await page.getByRole('link', { name: z('cadreRelatives.title'), exact: true }).click();
  await expect(page).toHaveURL(/\/account\/relatives$/);
  await expect(page.getByRole('heading', { level: 1, name: z('cadreRelatives.title') })).toBeVisible();
  await expect(page.getByRole('heading', { name: z('cadreRelatives.declare.title') })).toBeVisible();
  await context.close();
});
