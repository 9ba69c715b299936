// Payee accounts and payment batches (issue 10 item 6) on a real PostgreSQL: the account sealed
// at rest; a batch holds exactly the approved cash cases that have an account; two officials
// building at once never put a case in two batches; the bank file holds exactly the batch's
// items, masked unless revealed with a reason, and is audited; a paid batch fulfils its cases and
// records the money paid on the budget line; a failed item leaves its case approved for the next
// batch; a cash case is not fulfilled by hand; cadres, residents and township officials are refused.
import { codeOf, makeHousehold, openBudgetLine, seedProgrammes, useTestDatabase } from './helpers';
import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import type { AppError } from '@/lib/errors';
import { luhnValid } from '@/lib/payee';
import { payeeAccountInput } from '@/lib/payee-input';
import type { Actor } from '@/lib/permissions';
import { awaitingPayment, batchItemsPage, placesMissingAccounts } from '@/db/queries/payments';
import { savePayeeAccount } from '@/server/payees/save-payee-account';
import { buildPaymentBatch } from '@/server/payments/build-batch';
import { markBatchSent } from '@/server/payments/mark-batch-sent';
import { closePaymentBatch } from '@/server/payments/close-batch';
import { exportBankFile } from '@/server/payments/export-batch';
import { revealPii } from '@/server/households/reveal-pii';
import { transitionApplication } from '@/server/applications/transition-application';

const t = useTestDatabase();

/** A bank-card number with a correct Luhn digit (a 6222 UnionPay prefix and random digits). */
function cardNumber(): string {
  const body = `6222${Array.from(randomBytes(14), (b) => String(b % 10)).join('')}`;
  for (let d = 0; d < 10; d++) if (luhnValid(`${body}${d}`)) return `${body}${d}`;
  throw new Error('unreachable');
}

interface World {
  county: s.Place;
  township: s.Place;
  village: s.Place;
  otherTownship: s.Place;
  official: Actor;
  townshipOfficial: Actor;
  cadre: Actor;
  cadreElsewhere: Actor;
}
let w: World;

async function place(name: string, level: 'county' | 'township' | 'village', parent: s.Place | null): Promise<s.Place> {
  const [p] = await t.db.insert(s.places).values({ level, name: `${name}-${randomBytes(3).toString('hex')}`, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [done] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return done!;
}

async function staff(role: 'cadre' | 'official', at: s.Place): Promise<Actor> {
  const m = await makeHousehold(t.db, { role });
  await t.db.insert(s.userPlaces).values({ userId: m.user.id, placeId: at.id });
  return { id: m.user.id, role, placePaths: [at.path] };
}

beforeAll(async () => {
  await seedProgrammes(t.db);
  const county = await place('县', 'county', null);
  const township = await place('镇', 'township', county);
  const village = await place('村', 'village', township);
  const otherTownship = await place('他镇', 'township', county);
  await openBudgetLine(t.db, 'warm_winter', 10_000_000);
  await openBudgetLine(t.db, 'appliance_subsidy', 10_000_000);
  w = {
    county,
    township,
    village,
    otherTownship,
    official: await staff('official', county),
    townshipOfficial: await staff('official', township),
    cadre: await staff('cadre', village),
    cadreElsewhere: await staff('cadre', otherTownship),
  };
});

let refSeq = 0;
interface CashCase {
  id: string;
  householdId: string;
  ownerId: string;
  amount: number;
  resident: Actor;
}

/** A household of the village with an approved cash case whose amount approval committed from the budget line. */
async function approvedCash(programmeCode: 'warm_winter' | 'appliance_subsidy', amount: number, at: s.Place = w.village): Promise<CashCase> {
  const m = await makeHousehold(t.db);
  await t.db.update(s.households).set({ placeId: at.id }).where(eq(s.households.id, m.household.id));
  const [app] = await t.db
    .insert(s.applications)
    .values({ reference: `PAY-${process.pid}-${++refSeq}-${randomBytes(2).toString('hex')}`, householdId: m.household.id, programmeCode, status: 'approved', entitlement: { kind: 'cash', amountYuan: amount }, decidedAt: new Date(), decidedBy: w.official.id })
    .returning();
  await t.db.update(s.budgets).set({ remainingYuan: sql`${s.budgets.remainingYuan} - ${amount}` }).where(eq(s.budgets.programmeCode, programmeCode));
  // On the ledger against the case, as approval commits it (db/queries/budgets.ts spendFromBudget).
  await t.db.insert(s.budgetMovements).values({ programmeCode, kind: 'commit', remainingDeltaYuan: -amount, applicationId: app!.id, actorId: w.official.id });
  return { id: app!.id, householdId: m.household.id, ownerId: m.user.id, amount, resident: { id: m.user.id, role: 'resident', placePaths: [] } };
}

async function withAccount(c: CashCase, kind: 'bank_card' | 'social_security_card' = 'bank_card'): Promise<string> {
  const account = kind === 'bank_card' ? cardNumber() : `9${Array.from(randomBytes(17), (b) => String(b % 10)).join('')}`;
  await savePayeeAccount({ db: t.db, actor: c.resident, householdId: c.householdId, expectedVersion: null, input: payeeAccountInput.parse({ kind, bankName: '农业银行', holderName: '张三', account }), ip: null });
  return account;
}

/** Earlier tests' unpaid cases leave the queue, so a test can say exactly what its batch holds. */
async function clearAwaiting(): Promise<void> {
  await t.db.update(s.applications).set({ status: 'withdrawn' }).where(and(eq(s.applications.status, 'approved'), sql`${s.applications.entitlement}->>'kind' = 'cash'`));
}

async function statusOf(id: string) {
  const [row] = await t.db.select({ status: s.applications.status }).from(s.applications).where(eq(s.applications.id, id));
  return row?.status;
}

async function itemsOf(batchId: string) {
  return t.db.select().from(s.paymentItems).where(eq(s.paymentItems.batchId, batchId));
}

describe('payee accounts', () => {
  it('are stored sealed: the row holds the last four digits, never the number', async () => {
    const c = await approvedCash('warm_winter', 100);
    const account = await withAccount(c);
    const raw = await t.pool.query('SELECT * FROM payee_accounts WHERE household_id = $1', [c.householdId]);
    expect(raw.rows).toHaveLength(1);
    expect(JSON.stringify(raw.rows[0])).not.toContain(account);
    expect(raw.rows[0].account_last4).toBe(account.slice(-4));
    // A staff reveal opens it, with the reason, audited.
    const r = await revealPii({ db: t.db, actor: w.cadre, householdId: c.householdId, field: 'payeeAccount', reason: '核对打卡账户', ip: null });
    expect(r.value).toBe(account);
    const audits = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.action, 'pii.reveal'), eq(s.auditEvents.entityId, c.householdId)));
    expect(audits.map((a) => (a.details as { field: string }).field)).toEqual(['payeeAccount']);
    expect(await codeOf(revealPii({ db: t.db, actor: w.cadreElsewhere, householdId: c.householdId, field: 'payeeAccount', reason: '核对打卡账户', ip: null }))).toBe('not_found:household');
  });

  it('refuse a bad number as a field error: Luhn for bank cards, 12–30 digits for both', () => {
    const bad = (kind: string, account: string) => {
      const r = payeeAccountInput.safeParse({ kind, bankName: '农业银行', holderName: '张三', account });
      return r.success ? null : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
    };
    const good = cardNumber();
    const typo = `${good.slice(0, -1)}${(Number(good.slice(-1)) + 1) % 10}`;
    expect(bad('bank_card', good)).toBeNull();
    expect(bad('bank_card', good.replace(/(\d{4})/g, '$1 '))).toBeNull();
    expect(bad('bank_card', typo)).toEqual(['account:payee.errors.account.luhn']);
    // The social-security card is not Luhn-checked.
    expect(bad('social_security_card', typo)).toBeNull();
    expect(bad('bank_card', '12345678901')).toEqual(['account:payee.errors.account.length']);
    expect(bad('social_security_card', '1'.repeat(31))).toEqual(['account:payee.errors.account.length']);
    expect(bad('bank_card', '6222 02AB 1234 5678')).toEqual(['account:payee.errors.account.digits']);
    expect(bad('bank_card', '')).toEqual(['account:payee.errors.account.required']);
  });

  it('change with the version the person saw; a cadre of the place may, and the resident is told; others are refused', async () => {
    const c = await approvedCash('warm_winter', 100);
    await withAccount(c);
    const input = payeeAccountInput.parse({ kind: 'social_security_card', bankName: '农村信用社', holderName: '李四', account: '1234 5678 9012 3456' });
    expect(await codeOf(savePayeeAccount({ db: t.db, actor: c.resident, householdId: c.householdId, expectedVersion: null, input, ip: null }))).toBe('conflict:payee_account');
    const r = await savePayeeAccount({ db: t.db, actor: w.cadre, householdId: c.householdId, expectedVersion: 1, input, ip: null });
    expect(r).toMatchObject({ version: 2, last4: '3456', holderDiffers: true });
    expect(await codeOf(savePayeeAccount({ db: t.db, actor: c.resident, householdId: c.householdId, expectedVersion: 1, input, ip: null }))).toBe('conflict:payee_account');
    const notes = await t.db.select().from(s.notifications).where(and(eq(s.notifications.userId, c.ownerId), eq(s.notifications.kind, 'payee.saved')));
    expect(notes.map((n) => n.params)).toEqual([{ last4: '3456' }]);
    // Another place's cadre, another resident, an official: the household does not exist for them or they may not.
    expect(await codeOf(savePayeeAccount({ db: t.db, actor: w.cadreElsewhere, householdId: c.householdId, expectedVersion: 2, input, ip: null }))).toBe('not_found:household');
    const other = await approvedCash('warm_winter', 100);
    expect(await codeOf(savePayeeAccount({ db: t.db, actor: other.resident, householdId: c.householdId, expectedVersion: 2, input, ip: null }))).toBe('not_found:household');
    expect(await codeOf(savePayeeAccount({ db: t.db, actor: w.official, householdId: c.householdId, expectedVersion: 2, input, ip: null }))).toBe('forbidden:payee_account');
    const audits = await t.db.select({ action: s.auditEvents.action, details: s.auditEvents.details }).from(s.auditEvents).where(and(eq(s.auditEvents.entity, 'household'), eq(s.auditEvents.entityId, c.householdId), inArray(s.auditEvents.action, ['payee.capture', 'payee.change'])));
    expect(audits.map((a) => a.action)).toEqual(['payee.capture', 'payee.change']);
    expect(JSON.stringify(audits)).not.toContain('1234567890123456');
  });
});

describe('payment batches', () => {
  it('hold exactly the approved cash cases of the programme that have an account, and count the rest', async () => {
    await clearAwaiting();
    const a = await approvedCash('warm_winter', 1500);
    const b = await approvedCash('warm_winter', 1500);
    const noAccount = await approvedCash('warm_winter', 1500);
    const subsidy = await approvedCash('appliance_subsidy', 3000);
    await Promise.all([withAccount(a), withAccount(b, 'social_security_card'), withAccount(subsidy)]);
    const awaiting = await awaitingPayment({ db: t.db });
    expect(awaiting.find((x) => x.programmeCode === 'warm_winter')).toEqual({ programmeCode: 'warm_winter', cases: 3, amountYuan: 4500, withoutAccount: 1 });
    expect(await placesMissingAccounts({ db: t.db, programmeCode: 'warm_winter' })).toEqual([{ placeId: w.village.id, name: w.village.name, nameEn: w.village.nameEn, households: 1 }]);

    const batch = await buildPaymentBatch({ db: t.db, actor: w.official, programmeCode: 'warm_winter', ip: null });
    expect(batch).toMatchObject({ itemCount: 2, totalYuan: 3000 });
    expect((await itemsOf(batch.id)).map((i) => i.applicationId).sort()).toEqual([a.id, b.id].sort());
    // Built again: nothing is left to pay, and no empty batch stays behind.
    expect(await codeOf(buildPaymentBatch({ db: t.db, actor: w.official, programmeCode: 'warm_winter', ip: null }))).toBe('conflict:nothing_to_pay');
    expect(await t.db.select().from(s.paymentBatches).where(eq(s.paymentBatches.programmeCode, 'warm_winter'))).toHaveLength(1);
    expect((await awaitingPayment({ db: t.db })).find((x) => x.programmeCode === 'warm_winter')).toMatchObject({ cases: 1, withoutAccount: 1 });
    void noAccount;
  });

  it('two officials building at once: every case in exactly one batch', async () => {
    await clearAwaiting();
    const cases = await Promise.all(Array.from({ length: 12 }, () => approvedCash('appliance_subsidy', 2000)));
    await Promise.all(cases.map((c) => withAccount(c)));
    const second = await staff('official', w.county);
    const results = await Promise.all([w.official, second, w.official, second].map((actor) => buildPaymentBatch({ db: t.db, actor, programmeCode: 'appliance_subsidy', ip: null }).catch((e: unknown) => e)));
    const built = results.filter((r): r is { id: string; itemCount: number; totalYuan: number; reference: string } => !(r instanceof Error));
    for (const r of results) if (r instanceof Error) expect((r as AppError).code).toBe('conflict:nothing_to_pay');
    expect(built.reduce((n, b) => n + b.itemCount, 0)).toBe(12);
    const items = await t.db.select().from(s.paymentItems).where(inArray(s.paymentItems.applicationId, cases.map((c) => c.id)));
    expect(items).toHaveLength(12);
    expect(new Set(items.map((i) => i.applicationId)).size).toBe(12);
    // Each batch's own count and total are what it really holds.
    for (const b of built) {
      const [row] = await t.db.select().from(s.paymentBatches).where(eq(s.paymentBatches.id, b.id));
      const held = await itemsOf(b.id);
      expect(row).toMatchObject({ itemCount: held.length, totalYuan: held.length * 2000 });
    }
  });

  it('export the bank file with exactly the batch rows, masked unless revealed with a reason, each export audited', async () => {
    await clearAwaiting();
    const a = await approvedCash('warm_winter', 1500);
    const b = await approvedCash('warm_winter', 2500);
    const accA = await withAccount(a);
    const accB = await withAccount(b, 'social_security_card');
    const batch = await buildPaymentBatch({ db: t.db, actor: w.official, programmeCode: 'warm_winter', ip: null });
    const collect = async (revealReason: string | null) => {
      const r = await exportBankFile({ db: t.db, actor: w.official, batchId: batch.id, revealReason, format: 'xlsx', ip: null });
      const rows = [];
      for await (const row of r.rows) rows.push(row);
      return rows;
    };
    const masked = await collect(null);
    expect(masked.map((r) => r.n)).toEqual([1, 2]);
    expect(masked.map((r) => r.amountYuan).sort()).toEqual([1500, 2500]);
    expect(masked.map((r) => r.account).sort()).toEqual([`****${accA.slice(-4)}`, `****${accB.slice(-4)}`].sort());
    expect(masked.every((r) => r.idNumber.includes('*') && r.name.includes('*'))).toBe(true);
    expect(masked.map((r) => r.kind).sort()).toEqual(['bank_card', 'social_security_card']);
    const full = await collect('发送银行代发');
    expect(full.map((r) => r.account).sort()).toEqual([accA, accB].sort());
    expect(full.every((r) => r.idNumber.includes('*'))).toBe(true);
    const audits = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.action, 'export.payment_batch'), eq(s.auditEvents.entityId, batch.id)));
    expect(audits.map((a) => a.details)).toEqual([
      { format: 'xlsx', reference: batch.reference, rows: 2, revealed: false },
      { format: 'xlsx', reference: batch.reference, rows: 2, revealed: true, reason: '发送银行代发' },
    ]);
    expect(await codeOf(exportBankFile({ db: t.db, actor: w.official, batchId: batch.id, revealReason: '短', format: 'xlsx', ip: null }))).toBe('invalid:reason');
    // Paging through the items gives the same rows as the export.
    const page1 = await batchItemsPage({ db: t.db, batchId: batch.id, limit: 1 });
    const page2 = await batchItemsPage({ db: t.db, batchId: batch.id, after: page1[0]!.applicationId, limit: 1 });
    expect([...page1, ...page2].map((r) => r.applicationId).sort()).toEqual([a.id, b.id].sort());
  });

  it('paid: every case fulfilled in one go, the budget line paid rises by the total, with its ledger row', async () => {
    await clearAwaiting();
    const cases = [await approvedCash('warm_winter', 1500), await approvedCash('warm_winter', 1700)];
    await Promise.all(cases.map((c) => withAccount(c)));
    const batch = await buildPaymentBatch({ db: t.db, actor: w.official, programmeCode: 'warm_winter', ip: null });
    const [before] = await t.db.select().from(s.budgets).where(eq(s.budgets.programmeCode, 'warm_winter'));
    expect(await codeOf(closePaymentBatch({ db: t.db, actor: w.official, batchId: batch.id, expectedVersion: 1, failures: [], ip: null }))).toBe('conflict:batch_not_sent');
    const sent = await markBatchSent({ db: t.db, actor: w.official, batchId: batch.id, expectedVersion: 1, ip: null });
    // A second official with the page they saw before: someone acted first.
    expect(await codeOf(markBatchSent({ db: t.db, actor: w.official, batchId: batch.id, expectedVersion: 1, ip: null }))).toBe('conflict:payment_batch');
    const closed = await closePaymentBatch({ db: t.db, actor: w.official, batchId: batch.id, expectedVersion: sent.version, failures: [], ip: null });
    expect(closed).toMatchObject({ status: 'paid', paid: 2, failed: 0, paidYuan: 3200 });
    expect(await codeOf(closePaymentBatch({ db: t.db, actor: w.official, batchId: batch.id, expectedVersion: sent.version, failures: [], ip: null }))).toBe('conflict:payment_batch');
    for (const c of cases) expect(await statusOf(c.id)).toBe('fulfilled');
    const [after] = await t.db.select().from(s.budgets).where(eq(s.budgets.programmeCode, 'warm_winter'));
    expect(after!.paidYuan - before!.paidYuan).toBe(3200);
    expect(after!.remainingYuan).toBe(before!.remainingYuan);
    const ledger = await t.db.select().from(s.budgetMovements).where(eq(s.budgetMovements.batchId, batch.id));
    expect(ledger.map((l) => ({ kind: l.kind, paid: l.paidDeltaYuan }))).toEqual([{ kind: 'pay', paid: 3200 }]);
    const events = await t.db.select().from(s.applicationEvents).where(inArray(s.applicationEvents.applicationId, cases.map((c) => c.id)));
    expect(events.map((e) => `${e.action}:${e.fromStatus}>${e.toStatus}`)).toEqual(['mark_paid:approved>fulfilled', 'mark_paid:approved>fulfilled']);
    const notes = await t.db.select().from(s.notifications).where(inArray(s.notifications.userId, cases.map((c) => c.ownerId)));
    expect(notes.filter((n) => n.kind === 'payment.paid')).toHaveLength(2);
    const [batchRow] = await t.db.select().from(s.paymentBatches).where(eq(s.paymentBatches.id, batch.id));
    expect(batchRow).toMatchObject({ status: 'paid', closedBy: w.official.id, sentBy: w.official.id });
  });

  it('partly failed: the failed case stays approved, is told, and goes into the next batch', async () => {
    await clearAwaiting();
    const ok = await approvedCash('warm_winter', 1500);
    const bad = await approvedCash('warm_winter', 1500);
    await Promise.all([withAccount(ok), withAccount(bad)]);
    const batch = await buildPaymentBatch({ db: t.db, actor: w.official, programmeCode: 'warm_winter', ip: null });
    const sent = await markBatchSent({ db: t.db, actor: w.official, batchId: batch.id, expectedVersion: 1, ip: null });
    // A failure named for a case the batch does not hold changes nothing.
    const stranger = await approvedCash('warm_winter', 100);
    await withAccount(stranger);
    expect(await codeOf(closePaymentBatch({ db: t.db, actor: w.official, batchId: batch.id, expectedVersion: sent.version, failures: [{ applicationId: stranger.id, reason: '账户不存在' }], ip: null }))).toBe('conflict:payment_item');
    expect(await statusOf(ok.id)).toBe('approved');

    const closed = await closePaymentBatch({ db: t.db, actor: w.official, batchId: batch.id, expectedVersion: sent.version, failures: [{ applicationId: bad.id, reason: '账户已销户' }], ip: null });
    expect(closed).toMatchObject({ status: 'partly_failed', paid: 1, failed: 1, paidYuan: 1500 });
    expect(await statusOf(ok.id)).toBe('fulfilled');
    expect(await statusOf(bad.id)).toBe('approved');
    const [item] = await t.db.select().from(s.paymentItems).where(and(eq(s.paymentItems.batchId, batch.id), eq(s.paymentItems.applicationId, bad.id)));
    expect(item).toMatchObject({ status: 'failed', failureReason: '账户已销户' });
    const notes = await t.db.select().from(s.notifications).where(eq(s.notifications.userId, bad.ownerId));
    expect(notes.map((n) => n.kind)).toContain('payment.failed');

    const next = await buildPaymentBatch({ db: t.db, actor: w.official, programmeCode: 'warm_winter', ip: null });
    expect((await itemsOf(next.id)).map((i) => i.applicationId).sort()).toEqual([bad.id, stranger.id].sort());
  });

  it('a cash case is fulfilled only through a paid batch, not by hand', async () => {
    const c = await approvedCash('warm_winter', 1500);
    const [row] = await t.db.select({ version: s.applications.version }).from(s.applications).where(eq(s.applications.id, c.id));
    expect(await codeOf(transitionApplication({ db: t.db, actor: w.cadre, applicationId: c.id, action: 'fulfil', expectedVersion: row!.version, ip: null }))).toBe('conflict:paid_through_batch');
    expect(await statusOf(c.id)).toBe('approved');
  });

  it('a case whose money is with the bank cannot be withdrawn; once returned by the bank it can', async () => {
    await clearAwaiting();
    const c = await approvedCash('warm_winter', 1500);
    await withAccount(c);
    const batch = await buildPaymentBatch({ db: t.db, actor: w.official, programmeCode: 'warm_winter', ip: null });
    const version = async () => (await t.db.select({ v: s.applications.version }).from(s.applications).where(eq(s.applications.id, c.id)))[0]!.v;
    expect(await codeOf(transitionApplication({ db: t.db, actor: c.resident, applicationId: c.id, action: 'withdraw', expectedVersion: await version(), ip: null }))).toBe('conflict:in_payment_batch');
    expect(await statusOf(c.id)).toBe('approved');
    const sent = await markBatchSent({ db: t.db, actor: w.official, batchId: batch.id, expectedVersion: 1, ip: null });
    await closePaymentBatch({ db: t.db, actor: w.official, batchId: batch.id, expectedVersion: sent.version, failures: [{ applicationId: c.id, reason: '户名不符' }], ip: null });
    await transitionApplication({ db: t.db, actor: c.resident, applicationId: c.id, action: 'withdraw', expectedVersion: await version(), ip: null });
    expect(await statusOf(c.id)).toBe('withdrawn');
  });

  it('cadres, residents and township officials are refused every batch step', async () => {
    await clearAwaiting();
    const c = await approvedCash('warm_winter', 1500);
    await withAccount(c);
    const batch = await buildPaymentBatch({ db: t.db, actor: w.official, programmeCode: 'warm_winter', ip: null });
    for (const actor of [w.cadre, w.cadreElsewhere, c.resident, w.townshipOfficial]) {
      expect(await codeOf(buildPaymentBatch({ db: t.db, actor, programmeCode: 'warm_winter', ip: null }))).toBe('forbidden:payments');
      expect(await codeOf(markBatchSent({ db: t.db, actor, batchId: batch.id, expectedVersion: 1, ip: null }))).toBe('forbidden:payments');
      expect(await codeOf(closePaymentBatch({ db: t.db, actor, batchId: batch.id, expectedVersion: 1, failures: [], ip: null }))).toBe('forbidden:payments');
      expect(await codeOf(exportBankFile({ db: t.db, actor, batchId: batch.id, format: 'xlsx', ip: null }))).toBe('forbidden:payments');
    }
    const [row] = await t.db.select().from(s.paymentBatches).where(eq(s.paymentBatches.id, batch.id));
    expect(row!.status).toBe('draft');
    expect(await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.action, 'export.payment_batch'), eq(s.auditEvents.entityId, batch.id)))).toHaveLength(0);
  });
});

describe('separation of duties in payment batches', () => {
  it('leaves the builder’s own household out of their batch, and refuses them the bank’s answer on a batch that pays it', async () => {
    await clearAwaiting();
    // The county official's own household has an approved warm-winter case with an account.
    const own = await approvedCash('warm_winter', 300);
    await t.db.update(s.households).set({ ownerUserId: null }).where(eq(s.households.ownerUserId, w.official.id));
    await t.db.update(s.households).set({ ownerUserId: w.official.id }).where(eq(s.households.id, own.householdId));
    await withAccount({ ...own, resident: { id: w.official.id, role: 'resident', placePaths: [] } });
    const other = await approvedCash('warm_winter', 200);
    await withAccount(other);

    const mine = await buildPaymentBatch({ db: t.db, actor: w.official, programmeCode: 'warm_winter', ip: null });
    expect((await itemsOf(mine.id)).map((i) => i.applicationId)).toEqual([other.id]);

    // A second county-wide official builds the next batch: it pays the first official's household.
    const colleague = await staff('official', w.county);
    const theirs = await buildPaymentBatch({ db: t.db, actor: colleague, programmeCode: 'warm_winter', ip: null });
    expect((await itemsOf(theirs.id)).map((i) => i.applicationId)).toEqual([own.id]);
    const sent = await markBatchSent({ db: t.db, actor: colleague, batchId: theirs.id, expectedVersion: 1, ip: null });
    expect(await codeOf(closePaymentBatch({ db: t.db, actor: w.official, batchId: theirs.id, expectedVersion: sent.version, failures: [], ip: null }))).toBe('forbidden:own_household');
    expect(await statusOf(own.id)).toBe('approved');
    await closePaymentBatch({ db: t.db, actor: colleague, batchId: theirs.id, expectedVersion: sent.version, failures: [], ip: null });
    expect(await statusOf(own.id)).toBe('fulfilled');
  });
});

describe('the payments ledger', () => {
  it('holds every item of every batch, batch by batch, for county-wide officials only, recorded before the rows leave', async () => {
    const { exportPayments } = await import('@/server/payments/export-payments');
    const { paymentLedgerRows } = await import('@/db/queries/payments');
    const all = await t.db.select({ batchId: s.paymentItems.batchId, applicationId: s.paymentItems.applicationId }).from(s.paymentItems);
    expect(all.length).toBeGreaterThan(0);
    const rows = [];
    for await (const r of await exportPayments({ db: t.db, actor: w.official, ip: '10.7.7.7', format: 'xlsx' })) rows.push(r);
    expect(rows.map((r) => `${r.batchId}:${r.applicationId}`)).toEqual(all.map((r) => `${r.batchId}:${r.applicationId}`).sort());
    expect(rows.every((r) => typeof r.headIdNumber === 'string' && r.headIdNumber.length === 18)).toBe(true);
    const small = [];
    for await (const r of paymentLedgerRows({ db: t.db, batch: 2 })) small.push(`${r.batchId}:${r.applicationId}`);
    expect(small).toEqual(rows.map((r) => `${r.batchId}:${r.applicationId}`));
    const [audit] = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.actorId, w.official.id), eq(s.auditEvents.action, 'export.payments')));
    expect(audit).toMatchObject({ success: true, ip: '10.7.7.7', details: { format: 'xlsx' } });
    expect(await codeOf(exportPayments({ db: t.db, actor: w.townshipOfficial, ip: null, format: 'csv' }))).toBe('forbidden:payments');
  });
});
