// Issue 3, "Done when": one continuous journey of a NEW resident on a 360 px phone, walked through
// the UI as a person would (nothing arranged in the database), once in Chinese and once fully in
// English (the `locale` cookie set on every browser before its first page). Every text matched
// comes from messages/*.json through msg()/fmt(), so the same steps run in both languages.
//
//  1 register (a wrong ID check digit first)      8 the public notice board shows the masked name
//  2 rural household in 刁窝镇/万全庄村, grade D,   9 the official declines it during the notice
//    1 heat pump, affected, a photo               10 the resident sees why, appeals within 15 days
//  3 benefits: building materials "may qualify"   11 the official grants the appeal (stock reserved)
//  4 apply → review → confirmation (ZZ-…)         12 approval, timeline by role, inbox badge, voucher
//  5 the cadre verifies the facts and returns it  13 a grievance: filed, answered, solved, rated 5
//  6 the resident reads the reason, resubmits     14 the demo resident gets 404 for every URL of it
//  7 the cadre recommends it → public notice      15 …and replaying the resident's own server
//                                                    actions with the demo resident's cookies fails
//
// Step 15 replays the real POSTs (`next-action` header, RSC body) the new resident's browser sent:
// each is held by page.route while the same bytes are sent with the demo resident's cookies, so
// a missing ownership check would have changed the case before the owner's own request arrived
// (which would then fail on the stale version). They are sent again after the journey as well.
import { expect, request, test, type APIRequestContext, type BrowserContext, type Page, type Request } from '@playwright/test';
import sharp from 'sharp';
import { maskName } from '../lib/pii';
import { formatDate } from '../lib/i18n/format';
import { PLACE_TREE } from '../db/seed/places';
import { DEMO_ACCOUNTS } from '../lib/demo-accounts';
import { APPEAL_WINDOW_DAYS } from '../lib/refusals';
import { ACCOUNTS, expectAccessible, expectNoSideways, fmt, newResident, phoneContext, signIn, verifyFact, withWrongCheckDigit, type Lang, signInAndOpen } from './fixtures';

const REFERENCE = /ZZ-\d{4}-\d{6}/;
const GRIEVANCE_REFERENCE = /SQ-\d{4}-\d{6}/;
const DAY_MS = 86_400_000;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Staff names must never reach a resident's page (TRUST: roles, not people). */
const STAFF_NAMES = DEMO_ACCOUNTS.filter((a) => a.role !== 'resident').map((a) => a.name);

/** 刁窝镇 / 万全庄村 as the place picker shows them in each language (from the seed's place tree). */
function place(lang: Lang) {
  const township = PLACE_TREE.children!.find((p) => p.name === '刁窝镇')!;
  const village = township.children!.find((p) => p.name === '万全庄村')!;
  return lang === 'en' ? { township: township.nameEn, village: village.nameEn } : { township: township.name, village: village.name };
}

/** What the people in the journey type (the resident's name is made per run: newResident()). */
const TYPED = {
  zh: {
    address: '东街12号',
    note: '洪水泡了三天，后墙裂开，屋顶漏雨。',
    returnReason: '请补充说明房屋安全鉴定是哪天做的、由哪家单位鉴定。',
    note2: '8月5日由涿州市住建局委托的鉴定公司上门鉴定，报告为D级。',
    declineReason: '公示期间有群众反映这处房子已经修好了。',
    appeal: '房子只是临时加了支撑，并没有修好，鉴定报告还是D级，请再核实。',
    grievance: '村东头路口的垃圾堆了一个星期没人清运，味道很大。',
    respond: '已经联系镇环卫所，明天上午派车清运。',
    resolve: '垃圾已经全部清运完，路口也消了毒。',
    comment: '清得很干净，谢谢！',
  },
  en: {
    address: 'No. 12, East Street',
    note: 'The flood stood for three days; the back wall cracked and the roof leaks.',
    returnReason: 'Please tell us on which day the safety appraisal was made and by whom.',
    note2: 'Appraised on 5 August by the firm the housing bureau sent; the report says grade D.',
    declineReason: 'A neighbour reported during the notice that the house has already been repaired.',
    appeal: 'The house is only propped up for now, it is not repaired; the report still says grade D. Please check again.',
    grievance: 'The rubbish at the east crossroads has not been collected for a week and it smells.',
    respond: 'The township sanitation team will send a truck tomorrow morning.',
    resolve: 'All the rubbish has been taken away and the crossroads disinfected.',
    comment: 'Very clean now, thank you!',
  },
} as const;

/** A server-action POST as the browser sent it. */
interface CapturedAction {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

async function capture(req: Request): Promise<CapturedAction> {
  const all = await req.allHeaders();
  const headers: Record<string, string> = { 'next-action': all['next-action']!, 'content-type': all['content-type']!, accept: all.accept ?? 'text/x-component' };
  if (all['next-router-state-tree']) headers['next-router-state-tree'] = all['next-router-state-tree'];
  return { url: req.url(), headers, body: req.postDataBuffer() ?? Buffer.alloc(0) };
}

interface Answer {
  status: number;
  /** Set when the action redirected (the form actions redirect only on success). */
  redirect: string | undefined;
  /** The action's result row of the RSC stream, e.g. `{"status":"not_found"}`, or a short excerpt. */
  result: string;
}

/** Sends a captured action again, byte for byte, with someone else's cookies and the site's Origin. */
async function replay(action: CapturedAction, as: APIRequestContext, origin: string): Promise<Answer> {
  const res = await as.post(action.url, { headers: { ...action.headers, origin }, data: action.body, maxRedirects: 0 });
  const body = await res.text();
  const result = /^[0-9a-f]+:(\{"status":.*\})$/m.exec(body)?.[1] ?? `no action result in the answer: ${body.slice(0, 200)}`;
  return { status: res.status(), redirect: res.headers()['x-action-redirect'], result };
}

/**
 * The server's answer to a replayed action is a refusal, never a success. A refusal is what the
 * action builder answers before any use case runs (lib/actions.ts): not_found for someone else's
 * record, forbidden for a role, unauthenticated without a session. `conflict` is not one: it
 * would mean the other person's request reached the record and lost only on its version.
 */
function expectRefused(answer: Answer, label: string) {
  expect(answer.redirect, `${label}: the replay must not succeed (it redirected)`).toBeUndefined();
  expect(answer.result, `${label}: the replay must not succeed`).not.toContain('"status":"ok"');
  expect(answer.result, `${label}: the replay is refused`).toMatch(/^\{"status":"(not_found|forbidden|unauthenticated)"\}$/);
}

/**
 * Holds the next server-action POST the page makes to `pathname`; while it is held, `during` runs
 * (the replay as another resident). Then the owner's request goes on unchanged.
 */
async function holdNextAction(page: Page, pathname: string, during: (action: CapturedAction) => Promise<void>) {
  let settle!: (r: { action?: CapturedAction; error?: unknown }) => void;
  const settled = new Promise<{ action?: CapturedAction; error?: unknown }>((resolve) => (settle = resolve));
  let seen = false;
  const matcher = (url: URL) => url.pathname === pathname;
  await page.route(matcher, async (route) => {
    const req = route.request();
    if (!seen && req.method() === 'POST' && (await req.headerValue('next-action'))) {
      seen = true;
      let action: CapturedAction | undefined;
      try {
        action = await capture(req);
        await during(action);
        settle({ action });
      } catch (error) {
        settle({ action, error });
      }
    }
    await route.continue();
  });
  return {
    /** Waits until the POST was seen and `during` ran; throws what `during` threw. */
    async done(): Promise<CapturedAction> {
      const r = await Promise.race([settled, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no server action was posted to ${pathname}`)), 10_000))]);
      await page.unroute(matcher);
      if (r.error) throw r.error;
      return r.action!;
    },
  };
}

for (const lang of ['zh', 'en'] as const) {
  test.describe.serial(`a new resident's journey (${lang === 'zh' ? 'Chinese' : 'English'})`, () => {
    // Each step is several people's work through the UI: three times the default budget, which
    // two busy cores need (issue 6, item 8).
    test.describe.configure({ timeout: 240_000 });
    const m = (key: string, params: Record<string, string | number> = {}) => fmt(lang, key, params);
    const typed = TYPED[lang];
    const where = place(lang);
    // A person nobody registered before (a fresh ID number, phone and rare-surname name each
    // time the group runs, a retry included), so the masked name on the board is theirs alone.
    const person = newResident();
    const name = person.name;
    const idNumber = person.idNumber;
    const wrongCheck = withWrongCheckDigit(idNumber);
    const phone = person.phone;
    const password = person.password;
    const masked = maskName(name);
    const programme = m('programmes.building_materials.name');
    const locale = lang === 'en' ? 'en' : 'zh-CN';

    let baseURL = '';
    let origin = '';
    // One phone per person, kept for the whole journey.
    let residentCtx: BrowserContext;
    let page: Page;
    let cadreCtx: BrowserContext;
    let cadre: Page;
    let officialCtx: BrowserContext;
    let official: Page;
    let demoCtx: BrowserContext;
    let demoApi: APIRequestContext;

    let photoSrc = '';
    let applicationId = '';
    let reference = '';
    let grievancePath = '';
    let grievanceReference = '';
    const captured: { appeal?: CapturedAction; rate?: CapturedAction } = {};

    const appPath = () => `/resident/applications/${applicationId}`;
    const h1 = (p: Page, name: string) => expect(p.getByRole('heading', { level: 1, name })).toBeVisible();
    const status = (p: Page, key: string) => p.getByText(m(`status.${key}`), { exact: true }).first();
    const nav = () => page.getByRole('navigation', { name: m('nav.residentLabel') });
    const timeline = () => page.getByRole('list', { name: m('track.detail.timeline') });

    test.beforeAll(async ({ browser }, testInfo) => {
      baseURL = testInfo.project.use.baseURL!;
      origin = new URL(baseURL).origin;
      residentCtx = await phoneContext(browser, baseURL, lang);
      page = await residentCtx.newPage();
      cadreCtx = await phoneContext(browser, baseURL, lang);
      cadre = await cadreCtx.newPage();
      officialCtx = await phoneContext(browser, baseURL, lang);
      official = await officialCtx.newPage();
      demoCtx = await phoneContext(browser, baseURL, lang);
    });

    test.afterAll(async () => {
      await demoApi?.dispose();
      for (const c of [residentCtx, cadreCtx, officialCtx, demoCtx]) await c?.close();
    });

    test('1–2: registers (a wrong check digit first), registers the rural household and declares the damage with a photo', async () => {
      // ---- 1: register ----
      await page.goto('/');
      await page.getByRole('link', { name: m('register.homeCta') }).click();
      await h1(page, m('register.title'));
      const realNameBox = page.getByLabel(m('register.fields.realName'), { exact: true });
      const idBox = page.getByLabel(m('register.fields.idNumber'), { exact: true });
      const phoneBox = page.getByLabel(m('register.fields.phone'), { exact: true });
      const passwordBox = page.getByLabel(m('register.fields.password'), { exact: true });
      const confirmBox = page.getByLabel(m('register.fields.passwordConfirm'), { exact: true });
      await realNameBox.fill(name);
      await idBox.fill(wrongCheck);
      await phoneBox.fill(phone);
      await passwordBox.fill(password);
      await confirmBox.fill(password);
      await page.getByLabel(m('register.fields.consent')).check();
      await page.getByRole('button', { name: m('register.submit'), exact: true }).click();
      // The server refuses it: the error is next to the field, the summary links to it, and
      // everything typed is still there.
      const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: m('common.errorSummary') }) });
      await expect(summary.getByRole('link', { name: m('validation.idNumber.checksum') })).toBeVisible();
      await expect(idBox).toHaveAccessibleDescription(new RegExp(escape(m('validation.idNumber.checksum'))));
      await expect(idBox).toHaveAttribute('aria-invalid', 'true');
      await expect(page).toHaveURL(/\/register$/);
      await expect(realNameBox).toHaveValue(name);
      await expect(idBox).toHaveValue(wrongCheck);
      await expect(phoneBox).toHaveValue(phone);
      await expect(page.getByLabel(m('register.fields.consent'))).toBeChecked();
      await expectNoSideways(page);
      await expectAccessible(page, `/register with an error (${lang})`);

      await idBox.fill(idNumber);
      await expect(idBox).not.toHaveAttribute('aria-invalid', 'true');
      // Passwords are never echoed back; type them again if the form emptied them.
      if ((await passwordBox.inputValue()) !== password) await passwordBox.fill(password);
      if ((await confirmBox.inputValue()) !== password) await confirmBox.fill(password);
      await page.getByRole('button', { name: m('register.submit'), exact: true }).click();

      // ---- 2: the household ----
      await page.waitForURL('**/resident/household');
      await h1(page, m('household.create.title'));
      await expect(page.getByText(name, { exact: false }).first()).toBeVisible();
      await page.getByLabel(m('household.place.township'), { exact: true }).selectOption({ label: where.township });
      await page.getByLabel(m('household.place.village'), { exact: true }).selectOption({ label: where.village });
      await page.getByRole('radio', { name: m('household.kind.rural') }).check();
      await page.getByLabel(m('household.fields.addressRural'), { exact: true }).fill(typed.address);
      await expectNoSideways(page);
      await page.getByRole('button', { name: m('household.create.submit'), exact: true }).click();
      await h1(page, m('household.title'));
      await expect(page.getByRole('status').filter({ hasText: m('household.saved.created') })).toBeVisible();
      await expect(page.getByText(`${where.township} · ${where.village}`)).toBeVisible();

      // The damage: grade D, one heat pump, affected, and a photo "from the phone" (a PNG made now).
      await page.getByRole('link', { name: m('household.damage.declare') }).click();
      await h1(page, m('household.damage.formTitle'));
      await page.getByLabel(m('household.damage.grade'), { exact: true }).selectOption({ label: m('household.damage.grades.D') });
      await page.getByLabel(m('household.damage.heatPumps'), { exact: true }).fill('1');
      await page.getByRole('group', { name: m('household.damage.affected') }).getByRole('radio', { name: m('household.damage.yes') }).check();
      const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 120, g: 96, b: 70 } } }).png().toBuffer();
      await page.getByLabel(m('upload.choose'), { exact: true }).setInputFiles({ name: 'cracked-wall.png', mimeType: 'image/png', buffer: png });
      await expect(page.getByText(m('upload.uploaded', { n: 1 }))).toBeVisible();
      await expectNoSideways(page);
      await page.getByRole('button', { name: m('household.damage.save'), exact: true }).click();

      await page.waitForURL('**/resident/household?saved=damage');
      await expect(page.getByRole('status').filter({ hasText: m('household.saved.damage') })).toBeVisible();
      const facts = page.locator('dl').filter({ hasText: m('facts.safetyGrade') });
      const grade = facts.locator('div').filter({ hasText: m('facts.safetyGrade') });
      await expect(grade).toContainText(m('facts.grade.D'));
      await expect(grade).toContainText(m('facts.awaiting'));
      await expect(facts.locator('div').filter({ hasText: m('facts.damagedHeatPumps') })).toContainText('1');
      const photo = page.getByRole('img', { name: m('upload.thumbAlt', { n: 1 }) });
      await expect(photo).toBeVisible();
      await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
      photoSrc = (await photo.getAttribute('src')) ?? '';
      expect(photoSrc).toMatch(/^\/api\/uploads\/[0-9a-f-]{36}$/);
      await expectNoSideways(page);
      await expectAccessible(page, `/resident/household (${lang})`);
    });

    test('3–4: building materials "may qualify once verified"; applies, reviews and gets a reference', async () => {
      await nav().getByRole('link', { name: m('nav.benefits') }).click();
      await h1(page, m('benefits.title'));
      const card = page.locator('#programme-building_materials');
      await expect(card.getByRole('heading', { level: 2, name: programme })).toBeVisible();
      await expect(card.getByText(m('rules.preview.may_qualify'), { exact: true })).toBeVisible();
      await expect(card.getByText(m('benefits.outcome.mayQualify'))).toBeVisible();
      await expectNoSideways(page);
      await expectAccessible(page, `/resident/benefits (${lang})`);

      await card.getByRole('link', { name: m('benefits.applyFor', { programme }) }).click();
      await h1(page, m('apply.title', { programme }));
      await page.getByLabel(m('apply.fields.note')).fill(typed.note);
      await page.getByRole('button', { name: m('apply.fill.next') }).click();
      await expect(page.getByRole('heading', { level: 2, name: m('apply.review.title') })).toBeVisible();
      await expect(page.getByRole('definition').filter({ hasText: typed.note })).toBeVisible();
      await page.getByRole('button', { name: m('apply.submit') }).click();
      await page.waitForURL('**/resident/apply/building_materials/done');
      await h1(page, m('apply.done.title'));
      await expect(page.getByTestId('reference')).toHaveText(REFERENCE);
      reference = (await page.getByTestId('reference').textContent())!.trim();
      await expectNoSideways(page);
      await expectAccessible(page, `confirmation (${lang})`);

      await page.getByRole('link', { name: m('apply.done.track') }).click();
      await page.waitForURL(/\/resident\/applications\/[0-9a-f-]{36}$/);
      applicationId = new URL(page.url()).pathname.split('/').pop()!;
      await h1(page, programme);
      await expect(status(page, 'submitted')).toBeVisible();
      await expect(page.getByText(m('track.detail.reference', { reference }))).toBeVisible();
    });

    test('5–6: the cadre verifies the facts and returns it; the resident reads exactly why, edits and resubmits', async () => {
      await signInAndOpen(cadre, ACCOUNTS.cadre.phone, `/cadre/cases/${applicationId}`);
      await expect(cadre.getByRole('heading', { level: 1 })).toContainText(reference);
      // The facts as declared, confirmed on a visit.
      for (const fact of ['safetyGrade', 'damagedHeatPumps', 'affected']) await verifyFact(cadre, fact, lang);
      const returnLabel = m('workflow.actions.return');
      await cadre.getByLabel(m('cases.reasonFor', { action: returnLabel })).fill(typed.returnReason);
      await cadre.getByRole('button', { name: returnLabel, exact: true }).click();
      await expect(cadre.getByText(m('cases.done.return'))).toBeVisible();
      await expect(status(cadre, 'returned')).toBeVisible();
      await expectNoSideways(cadre);

      // The resident: the list says something is needed, the case says exactly what.
      await nav().getByRole('link', { name: m('nav.applications') }).click();
      await h1(page, m('track.list.title'));
      const item = page.getByRole('listitem').filter({ hasText: reference });
      await expect(item).toContainText(m('track.list.returnedHint'));
      await item.getByRole('link').click();
      await page.waitForURL((u) => u.pathname === appPath());
      await expect(status(page, 'returned')).toBeVisible();
      const returned = page.getByRole('region', { name: m('apply.returned.title') });
      await expect(returned.locator('blockquote')).toHaveText(typed.returnReason);
      await expect(timeline()).toContainText(m('track.events.return'));
      await expect(timeline()).toContainText(m('track.who.cadre'));
      await expectNoSideways(page);

      await returned.getByRole('link', { name: m('track.detail.editAndResubmit') }).click();
      await h1(page, m('apply.title', { programme }));
      await expect(page.getByText(typed.returnReason)).toBeVisible();
      const note = page.getByLabel(m('apply.fields.note'));
      await expect(note).toHaveValue(typed.note);
      await note.fill(typed.note2);
      await page.getByRole('button', { name: m('apply.fill.next') }).click();
      await page.getByRole('button', { name: m('apply.resubmit') }).click();
      await h1(page, m('apply.done.title'));
      await page.getByRole('link', { name: m('apply.done.track') }).click();
      await page.waitForURL((u) => u.pathname === appPath());
      await expect(status(page, 'submitted')).toBeVisible();
      await expect(timeline()).toContainText(m('track.events.resubmit'));
      await expect(page.getByRole('definition').filter({ hasText: typed.note2 })).toBeVisible();
    });

    test('7–8: the cadre recommends it; it goes on the public notice board under the masked name with the end date', async ({ browser }) => {
      await cadre.reload();
      const recommend = cadre.getByRole('button', { name: m('workflow.actions.recommend'), exact: true });
      await recommend.click();
      await expect(cadre.getByText(m('cases.done.recommend'))).toBeVisible();
      await expect(status(cadre, 'in_public_notice')).toBeVisible();

      // Anyone, signed in or not, may read the board: a fresh phone.
      const before = Date.now();
      const visitorCtx = await phoneContext(browser, baseURL, lang);
      try {
        const visitor = await visitorCtx.newPage();
        await visitor.goto('/');
        await visitor.getByRole('link', { name: m('notice.homeLink') }).click();
        await h1(visitor, m('notice.title'));
        await visitor.getByLabel(m('notice.filters.programme')).selectOption({ label: programme });
        await visitor.getByLabel(m('notice.filters.township')).selectOption({ label: where.township });
        await visitor.getByRole('button', { name: m('notice.filters.apply') }).click();
        await expect(visitor).toHaveURL(/programme=building_materials/);
        const group = visitor.locator('section').filter({ has: visitor.getByRole('heading', { level: 2, name: m('notice.groupTitle', { programme, village: where.village, township: where.township }) }) });
        const entry = group.getByTestId('notice-entry').filter({ hasText: m('notice.household', { name: masked }) });
        await expect(entry).toHaveCount(1);
        // Building materials run a 7-day notice: it ends on the 7th calendar day after today.
        const ends = [before, Date.now()].map((t) => m('notice.until', { date: formatDate(locale, t + 7 * DAY_MS) }));
        await expect(entry).toContainText(new RegExp(ends.map(escape).join('|')));
        const board = await visitor.locator('main').innerText();
        expect(board).not.toContain(name);
        expect(board).not.toContain(reference);
        expect(board).not.toContain(idNumber);
        expect(board).not.toContain(phone);
        await expectNoSideways(visitor);
        await expectAccessible(visitor, `/notice (${lang})`);
      } finally {
        await visitorCtx.close();
      }

      // The resident sees the case on notice too.
      await page.reload();
      await expect(status(page, 'in_public_notice')).toBeVisible();
      await expect(timeline()).toContainText(m('track.events.publish'));
    });

    test('9–10: the official declines it during the notice; the resident sees why and appeals within 15 days', async () => {
      await signInAndOpen(official, ACCOUNTS.official.phone, `/county/cases/${applicationId}`);
      await expect(official.getByRole('heading', { level: 1 })).toContainText(reference);
      await expect(status(official, 'in_public_notice')).toBeVisible();
      const decline = m('workflow.actions.decline');
      await official.getByLabel(m('cases.reasonFor', { action: decline })).fill(typed.declineReason);
      await official.getByRole('button', { name: decline, exact: true }).click();
      await expect(official.getByText(m('cases.done.decline', { appealDays: APPEAL_WINDOW_DAYS }))).toBeVisible();
      await expect(status(official, 'rejected')).toBeVisible();
      await expectNoSideways(official);

      // The demo resident, signed in on another phone, stands by to replay the appeal (step 15).
      const demo = await demoCtx.newPage();
      await signIn(demo, ACCOUNTS.resident.phone);
      await demo.close();
      demoApi = await request.newContext({ baseURL, storageState: await demoCtx.storageState() });

      await page.reload();
      await expect(status(page, 'rejected')).toBeVisible();
      await expect(page.getByRole('region', { name: m('appeal.refused.title') }).locator('blockquote')).toHaveText(typed.declineReason);
      await expect(page.getByText(m('appeal.daysLeft', { days: 15 }))).toBeVisible();
      await expect(timeline()).toContainText(m('track.events.decline'));
      await expect(timeline()).toContainText(m('track.who.official'));
      await expectNoSideways(page);
      await expectAccessible(page, `refused application with the appeal form (${lang})`);

      // While the owner's appeal is on its way, the same POST is sent with the demo resident's cookies.
      let ownerViewDuring = '';
      let replayDuring: Answer | undefined;
      const held = await holdNextAction(page, appPath(), async (action) => {
        replayDuring = await replay(action, demoApi, origin);
        ownerViewDuring = await (await page.request.get(appPath())).text();
      });
      await page.getByLabel(m('appeal.form.reason')).fill(typed.appeal);
      await page.getByRole('button', { name: m('appeal.form.submit') }).click();
      captured.appeal = await held.done();
      expectRefused(replayDuring!, 'appeal replayed by the demo resident');
      await expect(page.getByText(m('appeal.done'))).toBeVisible();
      // Untouched in between: the owner still saw the appeal form (status: refused), and the
      // owner's own request, with the version the page showed, went through.
      expect(ownerViewDuring).toContain(m('appeal.form.submit'));
      await expect(status(page, 'appealed')).toBeVisible();
      await expect(timeline().getByRole('listitem').filter({ hasText: m('track.events.appeal') })).toHaveCount(1);
      await expect(timeline()).toContainText(typed.appeal);
    });

    test('11–12: the official grants the appeal; the resident sees the approval, the inbox badge and the voucher', async () => {
      await official.reload();
      await expect(status(official, 'appealed')).toBeVisible();
      await official.getByRole('button', { name: m('workflow.actions.grant_appeal'), exact: true }).click();
      await expect(official.getByText(m('cases.done.grant_appeal'))).toBeVisible();
      await expect(status(official, 'approved')).toBeVisible();

      // The unread badge, then the inbox, then the message leads to the case.
      await page.goto('/resident');
      const inboxLink = nav().getByRole('link', { name: new RegExp(`^${escape(m('nav.notifications'))}`) });
      await expect(inboxLink).toHaveAccessibleName(new RegExp(escape(m('nav.unreadBadge', { count: '§' })).replace('§', '[1-9]\\d*')));
      await inboxLink.click();
      await h1(page, m('notifications.title'));
      const inbox = page.getByRole('list', { name: m('notifications.listLabel') });
      const approved = inbox.getByRole('listitem').filter({ hasText: m('notifications.kinds.application.approved', { programme, reference }) });
      // Messages leave through an outbox just after the official's request: reload until it is in.
      await expect(async () => {
        await page.reload();
        await expect(approved).toHaveCount(1, { timeout: 1_000 });
      }).toPass({ timeout: 20_000 });
      await expect(approved).toContainText(m('notifications.unread'));
      await expect(inbox.getByRole('listitem').filter({ hasText: m('notifications.kinds.application.returned', { programme, reference }) })).toHaveCount(1);
      await expectNoSideways(page);
      await approved.getByRole('button', { name: m('notifications.open') }).click();
      await page.waitForURL((u) => u.pathname === appPath());

      await expect(status(page, 'approved')).toBeVisible();
      await expect(timeline()).toContainText(m('track.events.grant_appeal'));
      for (const who of ['resident', 'cadre', 'official']) await expect(timeline()).toContainText(m(`track.who.${who}`));
      const shown = await page.locator('main').innerText();
      for (const staff of STAFF_NAMES) expect(shown, 'no staff name on the resident\'s page').not.toContain(staff);
      await expect(timeline()).toContainText(typed.declineReason);

      await page.getByRole('link', { name: m('track.detail.voucher') }).click();
      await page.waitForURL((u) => u.pathname === `${appPath()}/voucher`);
      await h1(page, m('voucher.title'));
      const code = page.getByTestId('pickup-code');
      await expect(code).toHaveText(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      const qr = page.getByRole('img', { name: m('voucher.qrAlt', { code: (await code.textContent())!.trim() }) });
      await expect(qr).toBeVisible();
      await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
      await expect(page.getByText(m('voucher.reference', { reference }))).toBeVisible();
      await expectNoSideways(page);
      await expectAccessible(page, `voucher (${lang})`);
    });

    test('13: files a rubbish-collection grievance; the cadre answers and solves it; the resident rates it 5 (closed)', async () => {
      await nav().getByRole('link', { name: m('nav.grievances') }).click();
      await h1(page, m('grievances.title'));
      await page.getByRole('link', { name: m('grievances.new') }).first().click();
      await h1(page, m('grievances.form.title'));
      // The place is the household's own village unless the resident picks another.
      const placeGroup = page.getByRole('group', { name: m('grievances.form.place') });
      await expect(placeGroup.getByLabel(m('household.place.village')).locator('option:checked')).toHaveText(where.village);
      await page.getByRole('radio', { name: m('grievances.category.garbage') }).check();
      await page.getByLabel(m('grievances.form.description')).fill(typed.grievance);
      await page.getByRole('button', { name: m('grievances.form.submit') }).click();
      await page.waitForURL(/\/resident\/grievances\/[0-9a-f-]{36}\?filed=1$/);
      grievancePath = new URL(page.url()).pathname;
      const banner = page.getByRole('status').filter({ hasText: 'SQ-' });
      await expect(banner).toBeVisible();
      grievanceReference = GRIEVANCE_REFERENCE.exec((await banner.textContent()) ?? '')![0];
      await expect(page.getByText(m('grievances.status.open'), { exact: true }).first()).toBeVisible();
      await expectNoSideways(page);

      // The 刁窝镇 cadre finds it in their list, answers, then marks it solved.
      await cadre.goto('/cadre');
      await cadre.getByRole('link', { name: m('cadreGrievances.homeLink') }).click();
      await h1(cadre, m('cadreGrievances.title'));
      await cadre.getByRole('link', { name: new RegExp(grievanceReference) }).click();
      // On its own page (earlier runs' grievances in the list carry the same words).
      await cadre.waitForURL((u) => u.pathname === grievancePath.replace('/resident/', '/cadre/'));
      await expect(cadre.getByText(typed.grievance)).toBeVisible();
      await cadre.getByLabel(m('cadreGrievances.respond.note')).fill(typed.respond);
      await cadre.getByRole('button', { name: m('cadreGrievances.respond.submit') }).click();
      await expect(cadre.getByRole('status').filter({ hasText: m('cadreGrievances.respond.done') })).toBeVisible();
      await cadre.getByLabel(m('cadreGrievances.resolve.note')).fill(typed.resolve);
      await cadre.getByRole('button', { name: m('cadreGrievances.resolve.submit') }).click();
      await expect(cadre.getByText(m('cadreGrievances.status.resolved'), { exact: true }).first()).toBeVisible();

      // The resident reads the answer and rates it; the demo resident's replay of the rating fails.
      await page.goto(grievancePath);
      await expect(page.getByText(m('grievances.status.resolved'), { exact: true }).first()).toBeVisible();
      await expect(page.getByText(typed.resolve)).toBeVisible();
      await expectAccessible(page, `resolved grievance with the rating form (${lang})`);
      let replayDuring: Answer | undefined;
      const held = await holdNextAction(page, grievancePath, async (action) => {
        replayDuring = await replay(action, demoApi, origin);
      });
      await page.getByRole('radio', { name: m('grievances.rate.score.5') }).check();
      await page.getByLabel(m('grievances.rate.comment')).fill(typed.comment);
      await page.getByRole('button', { name: m('grievances.rate.submit') }).click();
      captured.rate = await held.done();
      expectRefused(replayDuring!, 'rating replayed by the demo resident');
      await expect(page.getByRole('status').filter({ hasText: m('grievances.rate.done') })).toBeVisible();
      await expect(page.getByText(m('grievances.status.closed'), { exact: true }).first()).toBeVisible();
      await expect(page.getByText(m('grievances.detail.ratingValue', { rating: 5 }))).toBeVisible();
      await expect(page.getByRole('list', { name: m('grievances.detail.timeline') })).toContainText(typed.comment);
      await expectNoSideways(page);
    });

    test('14–15: the demo resident gets 404 for every address of it, and replayed server actions change nothing', async () => {
      const demo = await demoCtx.newPage();
      try {
        for (const path of [appPath(), `${appPath()}/voucher`, grievancePath]) {
          const res = await demo.goto(path);
          expect(res?.status(), path).toBe(404);
          await h1(demo, m('errors.notFoundPage.title'));
          await expect(demo.getByText(reference)).toHaveCount(0);
          await expect(demo.getByText(name)).toHaveCount(0);
        }
        const photo = await demo.request.get(photoSrc);
        expect(photo.status(), photoSrc).toBe(404);
        expect((await photo.body()).subarray(0, 3).toString('hex'), 'no JPEG bytes').not.toBe('ffd8ff');
      } finally {
        await demo.close();
      }
      // The owner can still open the photo.
      expect((await page.request.get(photoSrc)).status()).toBe(200);

      // The captured POSTs once more, after the journey: refused, and the owner's records as they were.
      expect(captured.appeal!.headers['next-action']).toBeTruthy();
      expectRefused(await replay(captured.appeal!, demoApi, origin), 'appeal replayed after the journey');
      expectRefused(await replay(captured.rate!, demoApi, origin), 'rating replayed after the journey');
      await page.goto(appPath());
      await expect(status(page, 'approved')).toBeVisible();
      await expect(timeline().getByRole('listitem').filter({ hasText: m('track.events.appeal') })).toHaveCount(1);
      await page.goto(grievancePath);
      await expect(page.getByText(m('grievances.status.closed'), { exact: true }).first()).toBeVisible();
    });
  });
}
