// Stock on a 360 px phone in Chinese (issue 10 item 5). The demo official records a delivery at
// 码头镇's point and sees its rebar on hand rise by exactly that amount, with the delivery in the
// point's ledger; then tries to approve the 码头村 house whose notice is over (seeded, reference
// …-000999) while the township's point still holds less rebar than one D-graded house needs, and
// is told plainly why — in the decisions queue's batch and on the case page — with nothing
// changed. Each run adds only 0.1 t, so the point stays short across runs and retries; other
// specs never approve that case, and nothing here depends on another spec's data. The budget
// test adds ¥1,000 to the boiler subsidy and looks for its own ledger entry (by its note), never at totals.
import { expect, test, type Page } from '@playwright/test';
import { ACCOUNTS, expectAccessible, expectNoSideways, fmt, msg, signInAndOpen } from './fixtures';

const OFFICIAL = ACCOUNTS.official.phone; // county-wide
const POINT = '码头镇建材发放点';
const SHORT_CASE = /^ZZ-\d{4}-000999$/;

const zh = (key: string, params: Record<string, string | number> = {}) => fmt('zh', key, params);

/** Tonnes as shown ("1,234.5 吨") → a number. */
function tonnesOf(text: string | null): number {
  const m = /([\d,]+(?:\.\d+)?)\s*吨/.exec(text ?? '');
  expect(m, `tonnes in "${text}"`).not.toBeNull();
  return Number(m![1]!.replace(/,/g, ''));
}

async function rebarOnHand(page: Page): Promise<number> {
  return tonnesOf(await page.locator('[data-testid$="-rebar"]').getByTestId('on-hand').textContent());
}

test('the official records a delivery at a point and sees its rebar on hand rise by that amount', async ({ page }) => {
  await signInAndOpen(page, OFFICIAL, '/county/stock');
  await expect(page.getByRole('heading', { level: 1, name: msg('zh', 'countyStock.title') })).toBeVisible();
  await expectNoSideways(page);
  await page.getByRole('link', { name: POINT, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: POINT })).toBeVisible();
  const before = await rebarOnHand(page);
  const available = tonnesOf(await page.locator('[data-testid$="-rebar"]').getByTestId('available').textContent());

  const note = `MT-E2E-${Date.now().toString(36)}`;
  await page.locator('#receive-material').selectOption('rebar');
  await page.getByLabel(msg('zh', 'countyStock.fields.tonnes'), { exact: true }).fill('0.1');
  await page.getByLabel(msg('zh', 'countyStock.fields.deliveryNote'), { exact: true }).fill(note);
  await page.getByRole('button', { name: msg('zh', 'countyStock.receive.submit'), exact: true }).click();
  await expect(page.getByText(zh('countyStock.receive.done', { tonnes: '0.1' }))).toBeVisible();

  // On hand and available both rise by the delivery (other specs never touch this point's rebar).
  await expect.poll(() => rebarOnHand(page)).toBeCloseTo(before + 0.1, 3);
  expect(tonnesOf(await page.locator('[data-testid$="-rebar"]').getByTestId('available').textContent())).toBeCloseTo(available + 0.1, 3);
  // The ledger, newest first, names the delivery with its note and who recorded it.
  const newest = page.getByRole('list', { name: msg('zh', 'countyStock.ledger.title') }).getByRole('listitem').first();
  await expect(newest).toContainText(msg('zh', 'countyStock.kind.receive'));
  await expect(newest).toContainText(note);

  // A correction cannot take on hand below what is reserved: refused with a sentence, nothing changed.
  await page.locator('#correct-material').selectOption('rebar');
  await page.getByLabel(msg('zh', 'countyStock.fields.signedTonnes'), { exact: true }).fill('-9999');
  await page.getByLabel(msg('zh', 'countyStock.fields.reason'), { exact: true }).fill('盘点核对，数量录入测试');
  await page.getByRole('button', { name: msg('zh', 'countyStock.correct.submit'), exact: true }).click();
  await expect(page.getByText(msg('zh', 'countyStock.errors.belowReserved'))).toBeVisible();
  await expect.poll(() => rebarOnHand(page)).toBeCloseTo(before + 0.1, 3);

  await expectNoSideways(page);
  await expectAccessible(page, 'a distribution point');
});

test('approving a materials case while its township point is short is refused with a plain sentence, in the batch and on the case page', async ({ page }) => {
  const sentence = msg('zh', 'countyStock.refusals.outOfStock');
  // Its notice is over: the queue shows one group at a time.
  await signInAndOpen(page, OFFICIAL, '/county/decisions?group=notice_over');
  const box = page.getByRole('checkbox', { name: new RegExp(`ZZ-\\d{4}-000999$`) });
  await box.check();
  await page.getByRole('button', { name: zh('cases.batch.approveSelected', { count: 1 }) }).click();
  await expect(page.getByText(zh('cases.batch.report', { ok: 0, failed: 1 }))).toBeVisible();
  await expect(page.getByText(zh('cases.batch.notApproved', { why: sentence }))).toBeVisible();

  // The case is still waiting; on its own page the same refusal is said in the same words.
  await page.getByRole('link', { name: SHORT_CASE }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('000999');
  await page.getByRole('button', { name: msg('zh', 'workflow.actions.approve'), exact: true }).click();
  await expect(page.getByText(sentence)).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: msg('zh', 'workflow.actions.approve'), exact: true })).toBeVisible();
  await expectNoSideways(page);
});

test('a county-wide official adds money to a cash programme and finds it in the budget ledger; a cut below what is approved is refused', async ({ page }) => {
  await signInAndOpen(page, OFFICIAL, '/county/budgets');
  await expect(page.getByRole('heading', { level: 1, name: msg('zh', 'countyBudgets.title') })).toBeVisible();
  const note = `县财政追加-${Date.now().toString(36)}`;
  const allocate = page.locator('form').filter({ has: page.locator('#allocate-appliance_subsidy-amount') });
  await allocate.getByLabel(msg('zh', 'countyBudgets.fields.amount'), { exact: true }).fill('1,000');
  await allocate.getByLabel(msg('zh', 'countyBudgets.fields.note'), { exact: true }).fill(note);
  await allocate.getByRole('button', { name: msg('zh', 'countyBudgets.allocate.submit'), exact: true }).click();
  await expect(allocate.getByText(msg('zh', 'countyBudgets.allocate.done'))).toBeVisible();

  // A correction larger than what remains would cut into approved money: refused, said plainly.
  const adjust = page.locator('form').filter({ has: page.locator('#adjust-appliance_subsidy-amount') });
  await adjust.getByLabel(msg('zh', 'countyBudgets.fields.signedAmount'), { exact: true }).fill('-999999999999');
  await adjust.getByLabel(msg('zh', 'countyBudgets.fields.reason'), { exact: true }).fill('按文件核减预算');
  await adjust.getByRole('button', { name: msg('zh', 'countyBudgets.adjust.submit'), exact: true }).click();
  await expect(adjust.getByText(msg('zh', 'countyBudgets.errors.belowCommitted'))).toBeVisible();
  await expectNoSideways(page);
  await expectAccessible(page, 'budgets');

  await page.goto('/county/budgets/appliance_subsidy');
  const entry = page.getByRole('list', { name: msg('zh', 'countyBudgets.ledger.title') }).getByRole('listitem').filter({ hasText: note });
  await expect(entry).toContainText(msg('zh', 'countyBudgets.kind.allocate'));
  await expect(entry).toContainText('+¥1,000');
  await expectNoSideways(page);
});
