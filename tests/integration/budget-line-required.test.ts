// Money only against a budget line, on a real PostgreSQL. A cash approval or an enrolment run on a
// programme with no budget line is refused, with a sentence in both languages, and nothing is
// committed; once the line is opened the same step goes through. Cases approved before this rule
// (nothing committed, the line opened later) never break the line's CHECKs: a withdrawal gives
// back only what the ledger holds committed for the case, and a payment batch sets their money
// aside first (or is refused when the line cannot cover it), so paid never exceeds committed.
import { codeOf, makeHousehold, seedProgrammes, useTestDatabase, type MadeHousehold } from './helpers';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as s from '@/db/schema';
import { describeResult } from '@/lib/action-result';
import { luhnValid } from '@/lib/payee';
import { payeeAccountInput } from '@/lib/payee-input';
import type { Actor } from '@/lib/permissions';
import type { SessionUser } from '@/lib/session';
import type * as DbClient from '@/db/client';
import type * as Notifications from '@/db/queries/notifications';

const t = useTestDatabase();
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => session.user }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '10.4.4.4' }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/db/client', async (importOriginal) => ({ ...(await importOriginal<typeof DbClient>()), getDb: () => t.db }));
vi.mock('@/db/queries/notifications', async (importOriginal) => ({ ...(await importOriginal<typeof Notifications>()), drainSoon: () => undefined }));

const { saveApplication } = await import('@/server/applications/save-application');
const { transitionApplication } = await import('@/server/applications/transition-application');
const { decideAction } = await import('@/app/county/cases/[id]/actions');
const { enrolHouseholds } = await import('@/server/enrolment/enrol-households');
const { allocateToBudget } = await import('@/server/budgets/allocate');
const { savePayeeAccount } = await import('@/server/payees/save-payee-account');
const { buildPaymentBatch } = await import('@/server/payments/build-batch');
const { markBatchSent } = await import('@/server/payments/mark-batch-sent');
const { closePaymentBatch } = await import('@/server/payments/close-batch');
const { withdrawApplicationAction } = await import('@/app/resident/applications/[id]/actions');

const DAY = 86_400_000;
const messages = (lang: string) => JSON.parse(readFileSync(`messages/${lang}.json`, 'utf8')) as Record<string, unknown>;
const lookup = (tree: Record<string, unknown>, key: string): unknown => key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), tree);

let county: s.Place;
let village: s.Place;
let official: Actor;
let officialSession: SessionUser;
let cadre: Actor;

async function place(level: s.Place['level'], parent: s.Place | null): Promise<s.Place> {
  const name = `${level}-${randomBytes(3).toString('hex')}`;
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

async function line(programmeCode: s.Budget['programmeCode']) {
  const [b] = await t.db.select().from(s.budgets).where(eq(s.budgets.programmeCode, programmeCode));
  return b ?? null;
}

async function statusOf(id: string) {
  const [a] = await t.db.select({ status: s.applications.status, version: s.applications.version }).from(s.applications).where(eq(s.applications.id, id));
  return a!;
}

async function movementsOf(applicationId: string) {
  return t.db.select().from(s.budgetMovements).where(eq(s.budgetMovements.applicationId, applicationId));
}

/** A household of the village whose damaged boiler a cadre verified as beyond repair. */
async function subsidyHousehold(): Promise<MadeHousehold> {
  const h = await makeHousehold(t.db);
  await t.db.update(s.households).set({ placeId: village.id }).where(eq(s.households.id, h.household.id));
  const at = new Date(Date.now() - 20 * DAY);
  await t.db.insert(s.householdFacts).values([
    { householdId: h.household.id, key: 'damagedBoilers', declaredValue: 1, declaredAt: at, verifiedValue: 1, verifiedAt: at, verifyMethod: 'visit' },
    { householdId: h.household.id, key: 'repairImpossible', declaredValue: true, declaredAt: at, verifiedValue: true, verifiedAt: at, verifyMethod: 'visit' },
  ]);
  return h;
}

/** A subsidy case recommended 10 days ago: its 7-day notice is over, ready for the official. */
async function subsidyCaseReadyToApprove(): Promise<{ id: string; version: number; h: MadeHousehold }> {
  const h = await subsidyHousehold();
  const resident: Actor = { id: h.user.id, role: 'resident', placePaths: [] };
  const saved = await saveApplication({ db: t.db, actor: resident, householdId: h.household.id, programmeCode: 'appliance_subsidy', answers: { boilers: 1, heatPumps: 0 }, submit: true, ip: null, now: new Date(Date.now() - 11 * DAY) });
  const rec = await transitionApplication({ db: t.db, actor: cadre, applicationId: saved.id, action: 'recommend', expectedVersion: saved.version, ip: null, now: new Date(Date.now() - 10 * DAY) });
  expect(rec.status).toBe('in_public_notice');
  return { id: saved.id, version: rec.version, h };
}

function cardNumber(): string {
  const body = `6222${Array.from(randomBytes(14), (b) => String(b % 10)).join('')}`;
  for (let d = 0; d < 10; d++) if (luhnValid(`${body}${d}`)) return `${body}${d}`;
  throw new Error('unreachable');
}

/**
 * A subsidy case as an approval before this rule left it: approved with its cash frozen on it
 * while the programme had no budget line, so nothing was committed; with a payee account.
 */
async function approvedWithNothingCommitted(amountYuan: number): Promise<{ id: string; version: number; resident: Actor }> {
  const h = await subsidyHousehold();
  const [a] = await t.db
    .insert(s.applications)
    .values({ reference: `OLD-${randomBytes(4).toString('hex')}`, householdId: h.household.id, programmeCode: 'appliance_subsidy', status: 'approved', version: 4, entitlement: { kind: 'cash', amountYuan, breakdown: [{ item: 'boiler', units: 1, rateYuan: amountYuan, amountYuan }] }, decidedBy: official.id, decidedAt: new Date(Date.now() - 30 * DAY) })
    .returning();
  const resident: Actor = { id: h.user.id, role: 'resident', placePaths: [] };
  await savePayeeAccount({ db: t.db, actor: resident, householdId: h.household.id, expectedVersion: null, input: payeeAccountInput.parse({ kind: 'bank_card', bankName: '农业银行', holderName: '张三', account: cardNumber() }), ip: null });
  return { id: a!.id, version: a!.version, resident };
}

beforeAll(async () => {
  await seedProgrammes(t.db);
  county = await place('county', null);
  const township = await place('township', county);
  village = await place('village', township);
  const off = await makeHousehold(t.db, { role: 'official' });
  const cad = await makeHousehold(t.db, { role: 'cadre' });
  await t.db.insert(s.userPlaces).values([
    { userId: off.user.id, placeId: county.id },
    { userId: cad.user.id, placeId: township.id },
  ]);
  official = { id: off.user.id, role: 'official', placePaths: [county.path] };
  officialSession = { id: off.user.id, name: off.user.realName, role: 'official', placeIds: [county.id], placePaths: [county.path] };
  cadre = { id: cad.user.id, role: 'cadre', placePaths: [township.path] };
});

describe('approving or enrolling money on a programme with no budget line', () => {
  it('the refusal has its own sentence in both languages', () => {
    const said = describeResult({ status: 'conflict', code: 'conflict:no_budget_line' }, 'case');
    expect(said).toEqual({ key: 'countyBudgets.refusals.noBudgetLine' });
    for (const lang of ['zh-CN', 'en']) {
      for (const key of [said!.key, 'countyEnrolment.errors.noBudgetLine', 'countyPayments.messages.noBudgetLine', 'countyPayments.messages.notSetAside']) expect(typeof lookup(messages(lang), key), `${lang} ${key}`).toBe('string');
    }
  });

  it('an official approving a cash case is refused and nothing is committed; once a line is opened the same approval goes through', async () => {
    expect(await line('appliance_subsidy')).toBeNull();
    const c = await subsidyCaseReadyToApprove();
    session.user = officialSession;
    const form = new FormData();
    form.set('applicationId', c.id);
    form.set('action', 'approve');
    form.set('version', String(c.version));
    expect(await decideAction(null, form)).toEqual({ status: 'conflict', code: 'conflict:no_budget_line' });
    expect(await statusOf(c.id)).toEqual({ status: 'in_public_notice', version: c.version });
    expect(await movementsOf(c.id)).toEqual([]);
    expect(await line('appliance_subsidy')).toBeNull();

    await allocateToBudget({ db: t.db, actor: official, programmeCode: 'appliance_subsidy', amountYuan: 50_000, note: '县财政拨付', ip: null });
    expect(await decideAction(null, form)).toMatchObject({ status: 'ok', data: { status: 'approved' } });
    const commits = await movementsOf(c.id);
    expect(commits.map((m) => [m.kind, m.remainingDeltaYuan])).toEqual([['commit', -1000]]);
    expect(await line('appliance_subsidy')).toMatchObject({ totalYuan: 50_000, remainingYuan: 49_000, paidYuan: 0 });
  });

  it('an enrolment run is refused, enrols nobody and records the refusal', async () => {
    expect(await line('warm_winter')).toBeNull();
    const h = await makeHousehold(t.db);
    await t.db.update(s.households).set({ placeId: village.id }).where(eq(s.households.id, h.household.id));
    await t.db.insert(s.householdFacts).values({ householdId: h.household.id, key: 'affected', declaredValue: true, declaredAt: new Date(), verifiedValue: true, verifiedAt: new Date(), verifyMethod: 'visit' });

    expect(await codeOf(enrolHouseholds({ db: t.db, actor: official, code: 'warm_winter', ip: null }))).toBe('conflict:no_budget_line');
    expect(await t.db.select().from(s.applications).where(and(eq(s.applications.householdId, h.household.id), eq(s.applications.programmeCode, 'warm_winter')))).toEqual([]);
    expect(await t.db.select().from(s.enrolmentRuns)).toEqual([]);
    const [refused] = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.action, 'enrolment.run'), eq(s.auditEvents.success, false)));
    expect(refused?.details).toMatchObject({ programme: 'warm_winter', neededYuan: 1000 });

    await allocateToBudget({ db: t.db, actor: official, programmeCode: 'warm_winter', amountYuan: 5_000, note: '县财政拨付', ip: null });
    expect(await enrolHouseholds({ db: t.db, actor: official, code: 'warm_winter', ip: null })).toMatchObject({ enrolled: 1, amountYuan: 1000, budget: 'spent' });
    expect(await line('warm_winter')).toMatchObject({ totalYuan: 5_000, remainingYuan: 4_000 });
  });
});

describe('cases approved before a budget line was required (nothing committed)', () => {
  it('a withdrawal goes through and gives back nothing: the line is not inflated past its total', async () => {
    const old = await approvedWithNothingCommitted(1000);
    const before = await line('appliance_subsidy');
    const r = await transitionApplication({ db: t.db, actor: old.resident, applicationId: old.id, action: 'withdraw', expectedVersion: old.version, ip: null });
    expect(r.status).toBe('withdrawn');
    expect(await line('appliance_subsidy')).toMatchObject({ totalYuan: before!.totalYuan, remainingYuan: before!.remainingYuan, paidYuan: before!.paidYuan });
    expect(await movementsOf(old.id)).toEqual([]);
  });

  it('a case approved now and withdrawn gives back exactly what it committed', async () => {
    const c = await subsidyCaseReadyToApprove();
    const before = await line('appliance_subsidy');
    const approved = await transitionApplication({ db: t.db, actor: official, applicationId: c.id, action: 'approve', expectedVersion: c.version, ip: null });
    expect((await line('appliance_subsidy'))!.remainingYuan).toBe(before!.remainingYuan - 1000);
    await transitionApplication({ db: t.db, actor: { id: c.h.user.id, role: 'resident', placePaths: [] }, applicationId: c.id, action: 'withdraw', expectedVersion: approved.version, ip: null });
    expect((await line('appliance_subsidy'))!.remainingYuan).toBe(before!.remainingYuan);
    expect((await movementsOf(c.id)).map((m) => [m.kind, m.remainingDeltaYuan])).toEqual([
      ['commit', -1000],
      ['release', 1000],
    ]);
  });

  it('a payment batch sets their money aside before paying it, and is refused when the line cannot cover it', async () => {
    // Earlier tests' approved cases leave the payment queue, so the batch holds exactly what this test arranges.
    await t.db.update(s.applications).set({ status: 'withdrawn' }).where(eq(s.applications.status, 'approved'));
    const big = await approvedWithNothingCommitted(60_000);
    const before = await line('appliance_subsidy');
    expect(before!.remainingYuan).toBeLessThan(60_000);
    expect(await codeOf(buildPaymentBatch({ db: t.db, actor: official, programmeCode: 'appliance_subsidy', ip: null }))).toBe('over_budget:not_set_aside');
    expect(await t.db.select().from(s.paymentBatches)).toEqual([]);
    expect(await line('appliance_subsidy')).toEqual(before);
    await t.db.update(s.applications).set({ status: 'withdrawn' }).where(eq(s.applications.id, big.id));

    const old = await approvedWithNothingCommitted(1000);
    const batch = await buildPaymentBatch({ db: t.db, actor: official, programmeCode: 'appliance_subsidy', ip: null });
    expect(batch).toMatchObject({ itemCount: 1, totalYuan: 1000 });
    expect((await movementsOf(old.id)).map((m) => [m.kind, m.remainingDeltaYuan, m.batchId])).toEqual([['commit', -1000, batch.id]]);
    expect(await line('appliance_subsidy')).toMatchObject({ remainingYuan: before!.remainingYuan - 1000, paidYuan: before!.paidYuan });

    const sent = await markBatchSent({ db: t.db, actor: official, batchId: batch.id, expectedVersion: 1, ip: null });
    const closed = await closePaymentBatch({ db: t.db, actor: official, batchId: batch.id, expectedVersion: sent.version, failures: [], ip: null });
    expect(closed).toMatchObject({ status: 'paid', paid: 1, paidYuan: 1000 });
    expect(await line('appliance_subsidy')).toMatchObject({ remainingYuan: before!.remainingYuan - 1000, paidYuan: before!.paidYuan + 1000 });
    expect((await statusOf(old.id)).status).toBe('fulfilled');
  });

  it('a batch built before batches set money aside is closed without breaking the line: the money is committed as it is recorded paid', async () => {
    await t.db.update(s.applications).set({ status: 'withdrawn' }).where(eq(s.applications.status, 'approved'));
    const old = await approvedWithNothingCommitted(1000);
    const before = await line('appliance_subsidy');
    // The batch as build-batch made it before this rule: its item, sent to the bank, nothing set aside.
    const [b] = await t.db.insert(s.paymentBatches).values({ reference: `ZF-OLD-${randomBytes(3).toString('hex')}`, programmeCode: 'appliance_subsidy', createdBy: official.id, status: 'sent', itemCount: 1, totalYuan: 1000, version: 2 }).returning();
    await t.db.insert(s.paymentItems).values({ batchId: b!.id, applicationId: old.id, amountYuan: 1000 });

    const closed = await closePaymentBatch({ db: t.db, actor: official, batchId: b!.id, expectedVersion: 2, failures: [], ip: null });
    expect(closed).toMatchObject({ status: 'paid', paidYuan: 1000 });
    expect(await line('appliance_subsidy')).toMatchObject({ remainingYuan: before!.remainingYuan - 1000, paidYuan: before!.paidYuan + 1000 });
    const [{ paid, committed }] = (await t.db.execute<{ paid: string; committed: string }>(sql`SELECT paid_yuan::text AS paid, (total_yuan - remaining_yuan)::text AS committed FROM budgets WHERE programme_code = 'appliance_subsidy'`)).rows as [{ paid: string; committed: string }];
    expect(Number(paid)).toBeLessThanOrEqual(Number(committed));
  });
});

describe('a budget line that disagrees with its ledger', () => {
  it('a withdrawal the line cannot take back is an internal error for the person, a log line with the figures for the operator, and writes nothing', async () => {
    const c = await subsidyCaseReadyToApprove();
    const approved = await transitionApplication({ db: t.db, actor: official, applicationId: c.id, action: 'approve', expectedVersion: c.version, ip: null });
    expect((await movementsOf(c.id)).map((m) => [m.kind, m.remainingDeltaYuan])).toEqual([['commit', -1000]]);
    const sound = await line('appliance_subsidy');
    // Broken by hand: the line's remaining as if nothing were committed, while the ledger holds ¥1,000 committed for the case.
    await t.db.execute(sql`UPDATE budgets SET remaining_yuan = total_yuan - paid_yuan WHERE programme_code = 'appliance_subsidy'`);
    const broken = await line('appliance_subsidy');
    const eventsBefore = await t.db.select().from(s.applicationEvents).where(eq(s.applicationEvents.applicationId, c.id));
    const auditBefore = await t.db.select().from(s.auditEvents).where(eq(s.auditEvents.entityId, c.id));
    const noticesBefore = await t.db.select().from(s.notifications).where(eq(s.notifications.userId, c.h.user.id));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      session.user = { id: c.h.user.id, name: c.h.user.realName, role: 'resident', placeIds: [], placePaths: [] };
      const result = await withdrawApplicationAction({ id: c.id, expectedVersion: approved.version });
      expect(result).toEqual({ status: 'error', code: 'internal:budget_ledger' });
      expect(describeResult(result, 'application')).toEqual({ key: 'errors.internal' });

      // The transaction rolled back whole: the case, its ledger, the line, its history, audit and notices as they were.
      expect(await statusOf(c.id)).toEqual({ status: 'approved', version: approved.version });
      expect((await movementsOf(c.id)).map((m) => [m.kind, m.remainingDeltaYuan])).toEqual([['commit', -1000]]);
      expect(await line('appliance_subsidy')).toEqual(broken);
      expect(await t.db.select().from(s.applicationEvents).where(eq(s.applicationEvents.applicationId, c.id))).toEqual(eventsBefore);
      expect(await t.db.select().from(s.auditEvents).where(eq(s.auditEvents.entityId, c.id))).toEqual(auditBefore);
      expect(await t.db.select().from(s.notifications).where(eq(s.notifications.userId, c.h.user.id))).toEqual(noticesBefore);

      // One line for the operator: the case, the line and the amounts, nothing about the person.
      const lines = logged.mock.calls.map((args) => args.map(String).join(' ')).filter((l) => l.includes(c.id));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('[budget: line and ledger disagree]');
      expect(lines[0]).toContain('appliance_subsidy');
      expect(lines[0]).toContain(`¥1000 committed for case ${c.id}`);
      expect(lines[0]).toContain(`total ¥${broken!.totalYuan}, remaining ¥${broken!.remainingYuan}, paid ¥${broken!.paidYuan}`);
      for (const personal of [c.h.user.realName, c.h.phone, c.h.idNumber]) expect(lines[0]).not.toContain(personal);
    } finally {
      logged.mockRestore();
      await t.db.update(s.budgets).set({ remainingYuan: sound!.remainingYuan }).where(eq(s.budgets.programmeCode, 'appliance_subsidy'));
    }
  });
});
