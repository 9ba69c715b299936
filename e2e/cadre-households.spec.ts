// The cadre's household page on a 360 px phone in Chinese: a fresh resident registers a rural
// house in 刁窝镇 (the demo cadre's township) through their own forms; the cadre finds it in the
// household list by the head's name (a table drawn as cards), verifies the safety grade as D from an
// appraisal report (grade and appraiser) with no application, verifies "affected" and sees the
// warm-winter payment qualify, reveals the phone number with a reason and sees the full number,
// and finds that reveal, with its reason, in the page's log of reveals (read from the audit log).
// Each run makes its own resident, so it stands alone.
import { expect, test } from '@playwright/test';
import { ACCOUNTS, documentsDuring, diaowoHouse, expectAccessible, expectCardTable, expectNoSideways, fmt, freshResident, msg, phoneContext, signInAndOpen } from './fixtures';

const z = (key: string, params: Record<string, string | number> = {}) => fmt('zh', key, params);

test('a cadre verifies grade D from an appraisal report and reveals a phone number with a reason', async ({ browser, baseURL }) => {
  test.slow(); // a resident registers and declares first
  const resident = await freshResident(browser, baseURL, diaowoHouse('东冯村'));
  const who = resident.who;
  await resident.context.close();

  const staff = await phoneContext(browser, baseURL);
  try {
    const page = await staff.newPage();
    // The list: search by the head's name; on a phone each household is a card.
    await signInAndOpen(page, ACCOUNTS.cadre.phone, '/cadre/households');
    await expect(page.getByRole('heading', { level: 1, name: z('cadreHouseholds.title') })).toBeVisible();
    // A place filter, then "clear" (a link to the page without filters, opened by client
    // navigation): the form shows no filter again, so applying it cannot bring the old one back.
    const placeFilter = page.getByLabel(z('cadreHouseholds.filters.place'), { exact: true });
    const gradeD = page.getByLabel(z('cadreHouseholds.filters.gradeD'), { exact: true });
    const chosen = await placeFilter.locator('option').nth(1).getAttribute('value');
    await placeFilter.selectOption(chosen!);
    await gradeD.check();
    await page.getByRole('button', { name: z('cadreHouseholds.filters.apply'), exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('place') === chosen && u.searchParams.get('gradeD') === '1');
    await expect(placeFilter).toHaveValue(chosen!);
    await page.getByRole('link', { name: z('cadreHouseholds.filters.clear'), exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/cadre/households' && u.search === '');
    await expect(placeFilter).toHaveValue('');
    await expect(gradeD).not.toBeChecked();
    // By the mobile number first: found, and the number is in no URL (the form posts; the list gets a sealed token).
    const search = page.getByLabel(z('cadreHouseholds.filters.name'), { exact: true });
    const apply = page.getByRole('button', { name: z('cadreHouseholds.filters.apply'), exact: true });
    const card = page.locator('[data-household-card]').filter({ hasText: who.masked });
    await search.fill(who.phone);
    await apply.click();
    await page.waitForURL((u) => u.searchParams.has('q'));
    expect(page.url()).not.toContain(who.phone);
    await expect(card).toHaveCount(1);
    await expect(page.locator('[data-household-card]')).toHaveCount(1);
    // Then by the head's name.
    await search.fill(who.name);
    await apply.click();
    await expect(page.getByText(z('cadreHouseholds.search.active.name', { value: who.name }))).toBeVisible();
    expect(decodeURIComponent(page.url())).not.toContain(who.name);
    await expect(card).toHaveCount(1);
    // One table, its rows drawn as cards on the phone and side by side from 1024 px.
    const list = page.getByRole('table', { name: z('cadreHouseholds.list.title') });
    await expect(list.getByRole('row').filter({ hasText: who.masked })).toHaveCount(1);
    await expectCardTable(page, list);
    await expectNoSideways(page);
    await expectAccessible(page, 'household list');
    // The card's one link, the head's name, is a thumb's height.
    const open = card.getByRole('link', { name: who.masked });
    expect((await open.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    // Opened by client navigation: no new document for the phone to load.
    const documents = await documentsDuring(page, async () => {
      await open.click();
      await page.waitForURL(/\/cadre\/households\/[0-9a-f-]{36}$/);
      await expect(page.getByRole('heading', { level: 1, name: z('cadreHouseholds.detail.heading', { name: who.masked }) })).toBeVisible();
    });
    expect(documents).toEqual([]);
    await expectNoSideways(page);
    await expectAccessible(page, 'household page');

    // The phone is masked until revealed.
    const masked = `${who.phone.slice(0, 3)}****${who.phone.slice(7)}`;
    await expect(page.locator('[data-masked="phone"]')).toHaveText(masked);
    await expect(page.getByText(who.phone)).toHaveCount(0);

    // Verify the safety grade as D from an appraisal report.
    const fact = msg('zh', 'facts.safetyGrade');
    const grade = page.locator('[data-fact="safetyGrade"]');
    await grade.getByText(z('cases.verify.open', { fact }), { exact: true }).click();
    await grade.getByLabel(z('cases.verify.value', { fact }), { exact: true }).selectOption({ label: msg('zh', 'facts.grade.D') });
    await grade.getByLabel(z('cases.verify.method'), { exact: true }).selectOption({ label: msg('zh', 'cases.verify.methods.appraisal') });
    // Submitting without the report's details is refused beside the fields.
    await grade.getByRole('button', { name: z('cases.verify.submit', { fact }) }).click();
    await expect(grade.getByText(msg('zh', 'cadreHouseholds.verify.appraisalGradeRequired')).first()).toBeVisible();
    // A refused submit keeps every choice: the value (not the declared D), the method, the
    // report's grade, the appraiser and the note, beside the error about them.
    const gradeValue = grade.getByLabel(z('cases.verify.value', { fact }), { exact: true });
    const gradeMethod = grade.getByLabel(z('cases.verify.method'), { exact: true });
    const reportGrade = grade.getByLabel(z('cadreHouseholds.verify.appraisalGrade'), { exact: true });
    const appraiser = grade.getByLabel(z('cadreHouseholds.verify.appraiser'), { exact: true });
    const gradeNote = grade.getByLabel(z('cases.verify.note'), { exact: true });
    await gradeValue.selectOption({ label: msg('zh', 'facts.grade.C') });
    await reportGrade.selectOption({ label: msg('zh', 'facts.grade.B') });
    await appraiser.fill('王');
    await gradeNote.fill('报告在村委会');
    await grade.getByRole('button', { name: z('cases.verify.submit', { fact }) }).click();
    await expect(grade.getByText(msg('zh', 'cadreHouseholds.verify.appraisalGradeMismatch')).first()).toBeVisible();
    await expect(gradeValue).toHaveValue('C');
    await expect(gradeMethod).toHaveValue('appraisal');
    await expect(reportGrade).toHaveValue('B');
    await expect(appraiser).toHaveValue('王');
    await expect(gradeNote).toHaveValue('报告在村委会');
    await gradeValue.selectOption({ label: msg('zh', 'facts.grade.D') });
    await reportGrade.selectOption({ label: msg('zh', 'facts.grade.D') });
    await appraiser.fill('涿州市房屋安全鉴定站 李工');
    await grade.getByRole('button', { name: z('cases.verify.submit', { fact }) }).click();
    await expect(grade.getByText(z('cases.verify.done', { fact }))).toBeVisible();
    await expect(grade.locator('[data-appraisal]')).toHaveText(z('cadreHouseholds.facts.appraisal', { grade: msg('zh', 'facts.grade.D'), appraiser: '涿州市房屋安全鉴定站 李工' }));

    // A count refused as out of range keeps the method chosen (photo, not the first option) and the note.
    const boilers = msg('zh', 'facts.damagedBoilers');
    const boilerFact = page.locator('[data-fact="damagedBoilers"]');
    await boilerFact.getByText(z('cases.verify.open', { fact: boilers }), { exact: true }).click();
    const boilerMethod = boilerFact.getByLabel(z('cases.verify.method'), { exact: true });
    await boilerMethod.selectOption({ label: msg('zh', 'cases.verify.methods.photo') });
    await boilerFact.getByLabel(z('cases.verify.value', { fact: boilers }), { exact: true }).fill('-3');
    await boilerFact.getByLabel(z('cases.verify.note'), { exact: true }).fill('看了照片');
    await boilerFact.getByRole('button', { name: z('cases.verify.submit', { fact: boilers }) }).click();
    await expect(boilerFact.getByText(msg('zh', 'cases.verify.valueInvalid')).first()).toBeVisible();
    await expect(boilerMethod).toHaveValue('photo');
    await expect(boilerFact.getByLabel(z('cases.verify.value', { fact: boilers }), { exact: true })).toHaveValue('-3');
    await expect(boilerFact.getByLabel(z('cases.verify.note'), { exact: true })).toHaveValue('看了照片');

    // Verify "affected" with no application: the warm-winter payment (no application exists for it) now qualifies.
    const warmWinter = page.locator('[data-programme="warm_winter"]');
    await expect(warmWinter).toContainText(msg('zh', 'rules.preview.may_qualify'));
    const affected = msg('zh', 'facts.affected');
    const affectedFact = page.locator('[data-fact="affected"]');
    await affectedFact.getByText(z('cases.verify.open', { fact: affected }), { exact: true }).click();
    await affectedFact.getByRole('button', { name: z('cases.verify.submit', { fact: affected }) }).click();
    await expect(affectedFact.getByText(z('cases.verify.done', { fact: affected }))).toBeVisible();
    await expect(warmWinter).toContainText(msg('zh', 'rules.preview.qualifies'));

    // Reveal the phone: a reason is required, then the full number shows.
    const field = msg('zh', 'cadreHouseholds.reveal.field.phone');
    const reveal = page.locator('details').filter({ has: page.getByText(z('cadreHouseholds.reveal.open', { field }), { exact: true }) });
    await reveal.getByText(z('cadreHouseholds.reveal.open', { field }), { exact: true }).first().click();
    await reveal.getByLabel(z('cadreHouseholds.reveal.reason'), { exact: true }).fill('核实');
    await reveal.getByRole('button', { name: z('cadreHouseholds.reveal.submit', { field }) }).click();
    await expect(reveal.getByText(msg('zh', 'cadreHouseholds.reveal.reasonTooShort'))).toBeVisible();
    await reveal.getByLabel(z('cadreHouseholds.reveal.reason'), { exact: true }).fill('联系核实');
    await reveal.getByRole('button', { name: z('cadreHouseholds.reveal.submit', { field }) }).click();
    await expect(page.locator('[data-revealed="phone"]')).toHaveText(who.phone);

    // The reveal is in the audit log, which the page's list of reveals reads: who, what, why.
    const log = page.getByRole('list', { name: z('cadreHouseholds.reveals.title') });
    await expect(log.locator('[data-reveal="phone"]').filter({ hasText: z('cadreHouseholds.reveals.reason', { reason: '联系核实' }) })).toHaveCount(1);
    // The full number is shown once: after a reload only the masked one is on the page.
    await page.reload();
    await expect(page.locator('[data-masked="phone"]')).toHaveText(masked);
    await expect(page.getByText(who.phone)).toHaveCount(0);
    await expect(page.getByRole('list', { name: z('cadreHouseholds.reveals.title') }).locator('[data-reveal="phone"]')).toHaveCount(1);
  } finally {
    await staff.close();
  }
});
