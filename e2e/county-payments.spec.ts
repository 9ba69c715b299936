// Payments on a 360 px phone in Chinese (issue 10 item 6): two fresh 刁窝镇 households declared
// affected; the demo cadre verifies them and the official enrols them (warm-winter, 免申即享), so
// each has an approved cash case; one resident adds a bank card on their household page, the
// cadre adds the other's social-security card on the household's page; the official builds a
// warm-winter batch, downloads the bank file (.xlsx, read back with exceljs: the header, one row
// per item of the batch, these two households masked ****1234, and in full when downloaded with a
// reason), marks it sent and records the first household's item as returned by the bank. The
// second resident's case is fulfilled and says it was paid to the card; the first stays approved
// and is told the payment did not arrive. Other specs share the demo database and run in
// parallel: the assertions are on these two households and on this batch.
import ExcelJS from 'exceljs';
import { randomInt } from 'node:crypto';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { ACCOUNTS, diaowoHouse, expectAccessible, expectCardTable, expectNoSideways, fmt, freshResident, msg, phoneContext, type NewResident, signInOverHttp } from './fixtures';

const z = (key: string, params: Record<string, string | number> = {}) => fmt('zh', key, params);

/** A bank-card number with a correct Luhn digit (UnionPay 6222 and random digits). */
function cardNumber(): string {
  const body = `6222${Array.from({ length: 14 }, () => String(randomInt(10))).join('')}`;
  const luhn = (s: string) => [...s].reverse().reduce((sum, ch, i) => sum + (i % 2 ? ((Number(ch) * 2) % 10) + Math.floor((Number(ch) * 2) / 10) : Number(ch)), 0) % 10 === 0;
  return `${body}${[...'0123456789'].find((d) => luhn(`${body}${d}`))}`;
}

/** Opens the household of `who` on the cadre's household list (searched by phone). */
async function openHouseholdAsCadre(cadre: Page, who: NewResident) {
  await cadre.goto('/cadre/households');
  await cadre.getByLabel(z('cadreHouseholds.filters.name'), { exact: true }).fill(who.phone);
  await cadre.getByRole('button', { name: z('cadreHouseholds.filters.apply'), exact: true }).click();
  const card = cadre.locator('[data-household-card]').filter({ hasText: who.masked });
  await expect(card).toHaveCount(1);
  await card.getByRole('link').click();
  await cadre.waitForURL(/\/cadre\/households\/[0-9a-f-]{36}$/);
}

async function verifyAffected(cadre: Page, who: NewResident) {
  await openHouseholdAsCadre(cadre, who);
  const affected = msg('zh', 'facts.affected');
  const fact = cadre.locator('[data-fact="affected"]');
  await fact.getByText(z('cases.verify.open', { fact: affected }), { exact: true }).click();
  await fact.getByRole('button', { name: z('cases.verify.submit', { fact: affected }) }).click();
  await expect(fact.getByText(z('cases.verify.done', { fact: affected }))).toBeVisible();
}

/** Fills and saves the payee form inside `scope` (the card on a household page). */
async function savePayee(scope: ReturnType<Page['locator']>, kind: 'bank_card' | 'social_security_card', account: string, holder?: string) {
  await scope.getByText(z('payee.form.add'), { exact: true }).click();
  await scope.getByRole('radio', { name: z(`payee.kind.${kind}`) }).check();
  await scope.getByLabel(z('payee.form.bankName'), { exact: true }).fill(kind === 'bank_card' ? '中国农业银行涿州支行' : '涿州市农村信用社');
  if (holder) await scope.getByLabel(z('payee.form.holderName'), { exact: true }).fill(holder);
  await scope.getByLabel(z('payee.form.account'), { exact: true }).fill(account.replace(/(\d{4})(?=\d)/g, '$1 '));
  await scope.getByRole('button', { name: z('payee.form.submit'), exact: true }).click();
  await expect(scope.getByRole('status').filter({ hasText: z('payee.form.saved', { account: `****${account.slice(-4)}` }) })).toBeVisible();
}

/** The warm-winter case of the resident: its reference, once it is approved. */
async function approvedReference(home: Page): Promise<string> {
  const warm = home.locator('#programme-warm_winter');
  await home.goto('/resident/benefits');
  await expect(warm.getByText(z('status.approved'), { exact: true })).toBeVisible();
  await warm.getByRole('link', { name: z('benefits.seeStatus') }).click();
  await home.waitForURL(/\/resident\/applications\/[0-9a-f-]{36}$/);
  return (await home.getByText(/ZZ-\d{4}-\d{6}/).first().innerText()).match(/ZZ-\d{4}-\d{6}/)![0];
}

async function enrolAll(county: Page) {
  await county.goto('/county/enrolment');
  await county.getByRole('button', { name: z('countyEnrolment.enrolAll'), exact: true }).click();
  await county.getByRole('button', { name: /^确认纳入/ }).click();
  await expect(county.getByTestId('enrolment-result')).toBeVisible({ timeout: 30_000 });
}

/** The rows of the first sheet, as plain values. */
async function sheetRows(path: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

test('a warm-winter payment batch: accounts captured, batch built, bank file exported, sent, one item returned', async ({ browser, baseURL }) => {
  test.slow(); // two residents register, a cadre verifies, the official enrols, pays and downloads twice

  const contexts: BrowserContext[] = [];
  try {
    const first = await freshResident(browser, baseURL, diaowoHouse('万全庄村'));
    const second = await freshResident(browser, baseURL, diaowoHouse('东冯村'));
    contexts.push(first.context, second.context);
    const staff = await phoneContext(browser, baseURL);
    const office = await phoneContext(browser, baseURL);
    contexts.push(staff, office);
    const cadre = await staff.newPage();
    await signInOverHttp(cadre.context().request, ACCOUNTS.cadre.phone);
    const county = await office.newPage();
    await signInOverHttp(county.context().request, ACCOUNTS.official.phone);

    // Verified affected, then enrolled: each household has an approved warm-winter case (the
    // enrolment of another spec running at the same time may enrol them first: either way).
    await verifyAffected(cadre, first.who);
    await verifyAffected(cadre, second.who);
    await enrolAll(county);
    const refFirst = await approvedReference(first.page);
    const refSecond = await approvedReference(second.page);

    // The first resident adds a bank card; a typo in the number is refused beside the field.
    const cardFirst = cardNumber();
    await first.page.goto('/resident/household');
    const ownCard = first.page.getByTestId('payee-account');
    await expect(ownCard.getByText(z('payee.none'))).toBeVisible();
    await ownCard.getByText(z('payee.form.add'), { exact: true }).click();
    await ownCard.getByLabel(z('payee.form.bankName'), { exact: true }).fill('中国农业银行涿州支行');
    const typo = `${cardFirst.slice(0, -1)}${(Number(cardFirst.slice(-1)) + 1) % 10}`;
    await ownCard.getByLabel(z('payee.form.account'), { exact: true }).fill(typo);
    await ownCard.getByRole('button', { name: z('payee.form.submit'), exact: true }).click();
    await expect(ownCard.getByText(z('payee.errors.account.luhn')).first()).toBeVisible();
    await first.page.reload();
    await savePayee(first.page.getByTestId('payee-account'), 'bank_card', cardFirst);
    await first.page.reload();
    await expect(first.page.getByTestId('payee-account').locator('[data-masked="payeeAccount"]')).toContainText(`****${cardFirst.slice(-4)}`);
    await expectNoSideways(first.page);

    // The cadre adds the second household's social-security card, held by someone else: saved, with a warning.
    const cardSecond = `9${Array.from({ length: 17 }, () => String(randomInt(10))).join('')}`;
    await openHouseholdAsCadre(cadre, second.who);
    const staffCard = cadre.getByTestId('payee-account');
    await savePayee(staffCard, 'social_security_card', cardSecond, '王桂兰');
    await expect(staffCard.getByText(z('payee.holderDiffers')).first()).toBeVisible();
    // Staff read the holder masked, like every name on the household page (TRUST P2).
    await expect(staffCard.getByText(z('payee.holder', { name: '王*兰' }))).toBeVisible();
    await expect(staffCard).not.toContainText('王桂兰');

    // The official builds the warm-winter batch.
    await county.goto('/county/payments');
    await expect(county.getByRole('heading', { level: 1, name: z('countyPayments.title') })).toBeVisible();
    const warm = county.locator('[data-programme="warm_winter"]');
    await warm.getByRole('button', { name: z('countyPayments.build.submit'), exact: true }).click();
    await expect(warm.getByRole('status')).toContainText(/ZF-\d{8}-[0-9A-F]{6}/, { timeout: 30_000 });
    await expectNoSideways(county);
    await expectAccessible(county, 'payments page');
    await warm.getByRole('link', { name: z('countyPayments.build.open') }).click();
    await county.waitForURL(/\/county\/payments\/[0-9a-f-]{36}$/);
    const itemCount = Number(await county.locator('[data-figure="items"]').innerText());
    expect(itemCount).toBeGreaterThanOrEqual(2);
    // The batch's items, as the staff data table's cards (the phone project).
    const items = county.locator('[data-table-card]');
    await expect(items.filter({ hasText: refFirst })).toContainText(`****${cardFirst.slice(-4)}`);
    await expect(items.filter({ hasText: refSecond })).toContainText(`****${cardSecond.slice(-4)}`);
    await expectCardTable(county, county.getByRole('table').filter({ has: items.first() }));
    await expectNoSideways(county);
    await expectAccessible(county, 'payment batch page');

    // The bank file, masked: the header, one row per item, these two households masked.
    const [masked] = await Promise.all([county.waitForEvent('download'), county.getByRole('link', { name: z('countyPayments.export.masked') }).click()]);
    expect(masked.suggestedFilename()).toMatch(/\.xlsx$/);
    const rows = await sheetRows(await masked.path());
    expect(rows[0]).toEqual(['序号', '户主姓名', '身份证号', '账户类型', '开户行', '账号', '金额（元）']);
    expect(rows).toHaveLength(itemCount + 1);
    const rowOf = (rs: unknown[][], account: string) => rs.filter((r) => r[5] === account);
    const [maskedFirst] = rowOf(rows, `****${cardFirst.slice(-4)}`);
    expect(maskedFirst).toMatchObject([expect.any(Number), first.who.masked, expect.stringContaining('*'), '银行卡', '中国农业银行涿州支行', `****${cardFirst.slice(-4)}`, expect.any(Number)]);
    expect(rowOf(rows, `****${cardSecond.slice(-4)}`)).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(cardFirst);

    // In full, with a reason: the whole account numbers and names of these two, the ID still masked.
    await county.getByLabel(z('countyPayments.export.reason'), { exact: true }).fill('报送农业银行代发');
    const [full] = await Promise.all([county.waitForEvent('download'), county.getByRole('button', { name: z('countyPayments.export.full') }).click()]);
    const fullRows = await sheetRows(await full.path());
    expect(fullRows).toHaveLength(itemCount + 1);
    expect(rowOf(fullRows, cardFirst)[0]?.slice(0, 3)).toEqual([expect.any(Number), first.who.name, expect.stringContaining('*')]);
    expect(rowOf(fullRows, cardSecond)[0]?.[1]).toBe(second.who.name);

    // Sent to the bank, then the bank's answer: the first household's item came back.
    await county.getByRole('button', { name: z('countyPayments.send.submit'), exact: true }).click();
    // The page moves on to the next step at once (the batch is re-read after the action).
    await expect(county.locator('[data-batch-status="sent"]')).toBeVisible();
    await expect(county.getByRole('button', { name: z('countyPayments.close.allPaid'), exact: true })).toBeVisible();
    const failed = county.getByRole('checkbox', { name: z('countyPayments.close.failed', { name: first.who.masked, reference: refFirst }) });
    await failed.check();
    const closeForm = county.locator('form').filter({ has: failed });
    await closeForm.getByLabel(z('countyPayments.close.reason'), { exact: true }).fill('账户已销户');
    await closeForm.getByRole('button', { name: z('countyPayments.close.record') }).click();
    await expect(county.locator('[data-batch-status="partly_failed"]')).toBeVisible();
    await county.reload();
    await expect(county.locator('[data-batch-status="partly_failed"]')).toBeVisible();
    await expect(items.filter({ hasText: refFirst })).toContainText(z('countyPayments.itemStatus.failed'));
    await expect(items.filter({ hasText: refSecond })).toContainText(z('countyPayments.itemStatus.paid'));
    expect(await items.count()).toBe(itemCount);

    // The second resident was paid: the case is fulfilled and the message names the card.
    await second.page.goto('/resident/benefits');
    await expect(second.page.locator('#programme-warm_winter').getByText(z('status.fulfilled'), { exact: true })).toBeVisible();
    await second.page.goto('/resident/notifications');
    await expect(second.page.getByText(new RegExp(`尾号 ${cardSecond.slice(-4)} 的账户`))).toBeVisible();
    // The first was not: still approved, and told to check the account.
    await first.page.goto('/resident/benefits');
    await expect(first.page.locator('#programme-warm_winter').getByText(z('status.approved'), { exact: true })).toBeVisible();
    await first.page.goto('/resident/notifications');
    await expect(first.page.getByText(/补助未能到账/)).toBeVisible();
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
