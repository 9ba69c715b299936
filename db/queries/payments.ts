import 'server-only';
// Payee accounts and payment batches (issue 10 item 6): plain reads and row writes, no policy.
// Who may build, send or close a batch, and what a closed batch does to its cases, is decided in
// server/payments/*; who may capture an account in server/payees/*. A cash case is "awaiting
// payment" while it is approved, its entitlement is cash and no live (pending or paid) item holds
// it: the partial unique index payment_items_application_live_uq makes that last part a fact of
// the database, not only of this code.
import { and, asc, desc, eq, gt, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../client';
import { applications, households, payeeAccounts, paymentBatches, paymentItems, places, type PayeeAccount, type PaymentBatch } from '../schema';
import type { ApplicationStatus, ProgrammeCode } from '@/lib/domain';
import type { PayeeAccountKind } from '@/lib/payee';
import { keysetRows } from './keyset';

// ---------------------------------------------------------------------------------------------
// Payee accounts
// ---------------------------------------------------------------------------------------------

/** What a page may show of a household's account: never the sealed number. */
export interface PayeeAccountView {
  householdId: string;
  kind: PayeeAccountKind;
  bankName: string;
  holderName: string;
  last4: string;
  capturedRole: string;
  capturedAt: Date;
  version: number;
  /** The head of household's name, to warn when the holder is someone else (never shown by this). */
  headName: string;
}

export async function findPayeeAccount({ db, householdId }: { db: DbOrTx; householdId: string }): Promise<PayeeAccountView | null> {
  const [row] = await db
    .select({
      householdId: payeeAccounts.householdId,
      kind: payeeAccounts.kind,
      bankName: payeeAccounts.bankName,
      holderName: payeeAccounts.holderName,
      last4: payeeAccounts.accountLast4,
      capturedRole: payeeAccounts.capturedRole,
      capturedAt: payeeAccounts.capturedAt,
      version: payeeAccounts.version,
      headName: households.headName,
    })
    .from(payeeAccounts)
    .innerJoin(households, eq(households.id, payeeAccounts.householdId))
    .where(eq(payeeAccounts.householdId, householdId));
  return row ?? null;
}

/** The sealed account number, for a reveal that has already checked reach, reason and rate limit. */
export async function findSealedPayeeAccount({ db, householdId }: { db: DbOrTx; householdId: string }): Promise<string | null> {
  const [row] = await db.select({ enc: payeeAccounts.accountEnc }).from(payeeAccounts).where(eq(payeeAccounts.householdId, householdId));
  return row?.enc ?? null;
}

export interface PayeeAccountWrite {
  kind: PayeeAccountKind;
  bankName: string;
  holderName: string;
  accountEnc: string;
  accountLast4: string;
  capturedBy: string;
  capturedRole: string;
  capturedAt: Date;
}

/**
 * Saves the household's account. `expectedVersion` null: the first capture (null back when one
 * was saved meanwhile); a number: a change of the version the person saw (null back when it moved on).
 */
export async function savePayeeAccountRow({ tx, householdId, expectedVersion, values }: { tx: Tx; householdId: string; expectedVersion: number | null; values: PayeeAccountWrite }): Promise<PayeeAccount | null> {
  if (expectedVersion === null) {
    const [row] = await tx.insert(payeeAccounts).values({ householdId, ...values }).onConflictDoNothing({ target: payeeAccounts.householdId }).returning();
    return row ?? null;
  }
  const [row] = await tx
    .update(payeeAccounts)
    .set({ ...values, version: sql`${payeeAccounts.version} + 1` })
    .where(and(eq(payeeAccounts.householdId, householdId), eq(payeeAccounts.version, expectedVersion)))
    .returning();
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// What awaits payment
// ---------------------------------------------------------------------------------------------

const isCash = sql`${applications.entitlement}->>'kind' = 'cash'`;
const cashAmount = sql<number>`(${applications.entitlement}->>'amountYuan')::bigint`;
const notInLiveItem = sql`NOT EXISTS (SELECT 1 FROM ${paymentItems} pi WHERE pi.application_id = ${applications.id} AND pi.status <> 'failed')`;

export interface AwaitingPayment {
  programmeCode: ProgrammeCode;
  /** Approved cash cases in no live item. */
  cases: number;
  amountYuan: number;
  /** Of those, how many have no payee account yet (a batch leaves them out). */
  withoutAccount: number;
}

/** Per programme: approved cash cases that no live batch item holds, and how many of them lack an account. */
export async function awaitingPayment({ db }: { db: DbOrTx }): Promise<AwaitingPayment[]> {
  const rows = await db
    .select({
      programmeCode: applications.programmeCode,
      cases: sql<number>`count(*)::int`,
      amountYuan: sql<number>`coalesce(sum(${cashAmount}), 0)::bigint`,
      withoutAccount: sql<number>`(count(*) FILTER (WHERE ${payeeAccounts.householdId} IS NULL))::int`,
    })
    .from(applications)
    .leftJoin(payeeAccounts, eq(payeeAccounts.householdId, applications.householdId))
    .where(and(eq(applications.status, 'approved'), isCash, notInLiveItem))
    .groupBy(applications.programmeCode)
    .orderBy(applications.programmeCode);
  return rows.map((r) => ({ ...r, amountYuan: Number(r.amountYuan) }));
}

export interface MissingAccountPlace {
  placeId: number;
  name: string;
  nameEn: string;
  households: number;
}

/** Where the cases of one programme that cannot be paid for want of an account live, most first, so cadres know where to collect. */
export async function placesMissingAccounts({ db, programmeCode, limit = 100 }: { db: DbOrTx; programmeCode: ProgrammeCode; limit?: number }): Promise<MissingAccountPlace[]> {
  return db
    .select({ placeId: places.id, name: places.name, nameEn: places.nameEn, households: sql<number>`count(*)::int` })
    .from(applications)
    .innerJoin(households, eq(households.id, applications.householdId))
    .innerJoin(places, eq(places.id, households.placeId))
    .leftJoin(payeeAccounts, eq(payeeAccounts.householdId, applications.householdId))
    .where(and(eq(applications.programmeCode, programmeCode), eq(applications.status, 'approved'), isCash, notInLiveItem, sql`${payeeAccounts.householdId} IS NULL`))
    .groupBy(places.id, places.name, places.nameEn)
    .orderBy(desc(sql`count(*)`), asc(places.id))
    .limit(limit);
}

// ---------------------------------------------------------------------------------------------
// Batches
// ---------------------------------------------------------------------------------------------

export async function insertBatch({ tx, values }: { tx: Tx; values: { reference: string; programmeCode: ProgrammeCode; createdBy: string; createdAt: Date } }): Promise<PaymentBatch> {
  const [row] = await tx.insert(paymentBatches).values(values).returning();
  return row!;
}

/**
 * Puts every approved cash case of the programme that has an account and no live item into the
 * batch, in one statement. ON CONFLICT DO NOTHING on the partial unique index: a case another
 * official's batch took first (committed, or committing while this waits on it) is skipped, so
 * what comes back is what this batch really holds.
 */
export async function fillBatch({
  tx,
  batchId,
  programmeCode,
  excludeOwnerUserId = null,
  excludeHouseholdIds = [],
}: {
  tx: Tx;
  batchId: string;
  programmeCode: ProgrammeCode;
  /** Leave out the households of this account and these households (the builder's own and relatives'). */
  excludeOwnerUserId?: string | null;
  excludeHouseholdIds?: readonly string[];
}): Promise<{ count: number; totalYuan: number }> {
  const r = await tx.execute<{ count: number; total: string | number | null }>(sql`
    WITH ins AS (
      INSERT INTO ${paymentItems} (batch_id, application_id, amount_yuan)
      SELECT ${batchId}::uuid, ${applications.id}, ${cashAmount}
      FROM ${applications}
      JOIN ${payeeAccounts} ON ${payeeAccounts.householdId} = ${applications.householdId}
      JOIN ${households} ON ${households.id} = ${applications.householdId}
      WHERE ${applications.programmeCode} = ${programmeCode} AND ${applications.status} = 'approved' AND ${isCash}
        AND ${cashAmount} > 0 AND ${notInLiveItem}
        AND ${households.ownerUserId} IS DISTINCT FROM ${excludeOwnerUserId}::uuid
        AND NOT (${households.id} = ANY(${`{${excludeHouseholdIds.join(',')}}`}::uuid[]))
      ON CONFLICT DO NOTHING
      RETURNING amount_yuan
    )
    SELECT count(*)::int AS count, coalesce(sum(amount_yuan), 0)::bigint AS total FROM ins`);
  const row = r.rows[0];
  return { count: Number(row?.count ?? 0), totalYuan: Number(row?.total ?? 0) };
}

export async function setBatchTotals({ tx, batchId, count, totalYuan }: { tx: Tx; batchId: string; count: number; totalYuan: number }): Promise<void> {
  await tx.update(paymentBatches).set({ itemCount: count, totalYuan }).where(eq(paymentBatches.id, batchId));
}

export async function findBatch({ db, batchId }: { db: DbOrTx; batchId: string }): Promise<PaymentBatch | null> {
  const [row] = await db.select().from(paymentBatches).where(eq(paymentBatches.id, batchId));
  return row ?? null;
}

/** Does the batch pay any of these households? (A clear bank file is refused to a person who must step aside from one.) */
export async function batchPaysAnyHousehold({ db, batchId, householdIds }: { db: DbOrTx; batchId: string; householdIds: readonly string[] }): Promise<boolean> {
  if (householdIds.length === 0) return false;
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(paymentItems)
    .innerJoin(applications, eq(applications.id, paymentItems.applicationId))
    .where(and(eq(paymentItems.batchId, batchId), inArray(applications.householdId, [...householdIds])))
    .limit(1);
  return row !== undefined;
}

export async function lockBatch({ tx, batchId }: { tx: Tx; batchId: string }): Promise<PaymentBatch | null> {
  const [row] = await tx.select().from(paymentBatches).where(eq(paymentBatches.id, batchId)).for('update');
  return row ?? null;
}

export async function updateBatchIfVersion({ tx, batchId, version, patch }: { tx: Tx; batchId: string; version: number; patch: Partial<typeof paymentBatches.$inferInsert> }): Promise<PaymentBatch | null> {
  const [row] = await tx
    .update(paymentBatches)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(paymentBatches.id, batchId), eq(paymentBatches.version, version)))
    .returning();
  return row ?? null;
}

export const BATCH_PAGE_SIZE = 30;

/** Batches newest first, in keyset pages of (created_at, id). */
export async function listBatches({ db, before, limit = BATCH_PAGE_SIZE }: { db: DbOrTx; before?: { createdAt: Date; id: string } | null; limit?: number }): Promise<PaymentBatch[]> {
  return db
    .select()
    .from(paymentBatches)
    .where(before ? or(lt(paymentBatches.createdAt, before.createdAt), and(eq(paymentBatches.createdAt, before.createdAt), lt(paymentBatches.id, before.id))) : undefined)
    .orderBy(desc(paymentBatches.createdAt), desc(paymentBatches.id))
    .limit(limit);
}

export interface BatchItemRow {
  applicationId: string;
  reference: string;
  caseStatus: ApplicationStatus;
  amountYuan: number;
  status: 'pending' | 'paid' | 'failed';
  failureReason: string | null;
  headName: string;
  headIdNumberEnc: string | null;
  kind: PayeeAccountKind | null;
  bankName: string | null;
  holderName: string | null;
  last4: string | null;
  accountEnc: string | null;
}

export const BATCH_ITEMS_PAGE_SIZE = 50;

/**
 * One keyset page of a batch's items in application-id order (the primary key (batch_id,
 * application_id) serves it). The account is read as it stands now: a household that changed
 * its card after the batch was built is paid into the new one, which the export shows.
 */
export async function batchItemsPage({ db, batchId, after, limit = BATCH_ITEMS_PAGE_SIZE }: { db: DbOrTx; batchId: string; after?: string | null; limit?: number }): Promise<BatchItemRow[]> {
  const rows = await db
    .select({
      applicationId: paymentItems.applicationId,
      reference: applications.reference,
      caseStatus: applications.status,
      amountYuan: paymentItems.amountYuan,
      status: paymentItems.status,
      failureReason: paymentItems.failureReason,
      headName: households.headName,
      headIdNumberEnc: households.headIdNumberEnc,
      kind: payeeAccounts.kind,
      bankName: payeeAccounts.bankName,
      holderName: payeeAccounts.holderName,
      last4: payeeAccounts.accountLast4,
      accountEnc: payeeAccounts.accountEnc,
    })
    .from(paymentItems)
    .innerJoin(applications, eq(applications.id, paymentItems.applicationId))
    .innerJoin(households, eq(households.id, applications.householdId))
    .leftJoin(payeeAccounts, eq(payeeAccounts.householdId, applications.householdId))
    .where(and(eq(paymentItems.batchId, batchId), after ? gt(paymentItems.applicationId, after) : undefined))
    .orderBy(asc(paymentItems.applicationId))
    .limit(limit);
  return rows.map((r) => ({ ...r, amountYuan: Number(r.amountYuan) }));
}

/** Every item of a batch, page by page, for the bank file. */
export async function* allBatchItems({ db, batchId, pageSize = 500 }: { db: DbOrTx; batchId: string; pageSize?: number }): AsyncGenerator<BatchItemRow> {
  yield* keysetRows({ batch: pageSize, cursorOf: (item) => item.applicationId, fetchPage: (after, limit) => batchItemsPage({ db, batchId, after, limit }) });
}

/** Marks the named pending items failed, each with its reason; returns those it changed. */
export async function failItems({ tx, batchId, failures }: { tx: Tx; batchId: string; failures: readonly { applicationId: string; reason: string }[] }): Promise<string[]> {
  const done: string[] = [];
  for (const f of failures) {
    const rows = await tx
      .update(paymentItems)
      .set({ status: 'failed', failureReason: f.reason })
      .where(and(eq(paymentItems.batchId, batchId), eq(paymentItems.applicationId, f.applicationId), eq(paymentItems.status, 'pending')))
      .returning({ id: paymentItems.applicationId });
    if (rows.length > 0) done.push(f.applicationId);
  }
  return done;
}

/** Marks every item still pending paid; returns them. */
export async function payPendingItems({ tx, batchId }: { tx: Tx; batchId: string }): Promise<{ applicationId: string; amountYuan: number }[]> {
  const rows = await tx
    .update(paymentItems)
    .set({ status: 'paid' })
    .where(and(eq(paymentItems.batchId, batchId), eq(paymentItems.status, 'pending')))
    .returning({ applicationId: paymentItems.applicationId, amountYuan: paymentItems.amountYuan });
  return rows.map((r) => ({ ...r, amountYuan: Number(r.amountYuan) }));
}

/** The cases behind some items, locked, with what their events and notifications need. */
export async function lockItemCases({ tx, applicationIds }: { tx: Tx; applicationIds: readonly string[] }) {
  if (applicationIds.length === 0) return [];
  return tx
    .select({ id: applications.id, reference: applications.reference, programmeCode: applications.programmeCode, status: applications.status, version: applications.version, householdId: applications.householdId, ownerUserId: households.ownerUserId, last4: payeeAccounts.accountLast4 })
    .from(applications)
    .innerJoin(households, eq(households.id, applications.householdId))
    .leftJoin(payeeAccounts, eq(payeeAccounts.householdId, applications.householdId))
    .where(inArray(applications.id, [...applicationIds]))
    .orderBy(asc(applications.id))
    .for('update', { of: applications });
}

/** Approved → fulfilled for the paid cases, in one statement (the use case has checked the transition). */
export async function fulfilPaidCases({ tx, applicationIds, now }: { tx: Tx; applicationIds: readonly string[]; now: Date }): Promise<string[]> {
  if (applicationIds.length === 0) return [];
  const rows = await tx
    .update(applications)
    .set({ status: 'fulfilled', version: sql`${applications.version} + 1`, fulfilledAt: now, updatedAt: now })
    .where(and(inArray(applications.id, [...applicationIds]), eq(applications.status, 'approved')))
    .returning({ id: applications.id });
  return rows.map((r) => r.id);
}

/** True when a live (pending or paid) item holds the case: it is paid only through its batch. */
export async function caseInLiveItem({ db, applicationId }: { db: DbOrTx; applicationId: string }): Promise<boolean> {
  const [row] = await db.select({ id: paymentItems.applicationId }).from(paymentItems).where(and(eq(paymentItems.applicationId, applicationId), ne(paymentItems.status, 'failed'))).limit(1);
  return Boolean(row);
}

export interface PaymentLedgerRow {
  batchId: string;
  applicationId: string;
  batchReference: string;
  batchStatus: PaymentBatch['status'];
  sentAt: Date | null;
  closedAt: Date | null;
  reference: string;
  programmeCode: ProgrammeCode;
  amountYuan: number;
  status: 'pending' | 'paid' | 'failed';
  failureReason: string | null;
  householdId: string;
  headName: string;
  headIdNumberEnc: string;
  accountLast4: string | null;
}

/**
 * Every item of every payment batch, batch by batch, in keyset batches on the items' primary key
 * (batch_id, application_id) — the payments ledger (资金发放台账) across batches.
 */
export async function* paymentLedgerRows({ db, batch = 1000 }: { db: DbOrTx; batch?: number }): AsyncGenerator<PaymentLedgerRow> {
  yield* keysetRows<PaymentLedgerRow, { batchId: string; applicationId: string }>({
    batch,
    cursorOf: (last) => ({ batchId: last.batchId, applicationId: last.applicationId }),
    fetchPage: async (after, limit) =>
      db
        .select({
          batchId: paymentItems.batchId,
          applicationId: paymentItems.applicationId,
          batchReference: paymentBatches.reference,
          batchStatus: paymentBatches.status,
          sentAt: paymentBatches.sentAt,
          closedAt: paymentBatches.closedAt,
          reference: applications.reference,
          programmeCode: applications.programmeCode,
          amountYuan: paymentItems.amountYuan,
          status: paymentItems.status,
          failureReason: paymentItems.failureReason,
          householdId: households.id,
          headName: households.headName,
          headIdNumberEnc: households.headIdNumberEnc,
          accountLast4: payeeAccounts.accountLast4,
        })
        .from(paymentItems)
        .innerJoin(paymentBatches, eq(paymentBatches.id, paymentItems.batchId))
        .innerJoin(applications, eq(applications.id, paymentItems.applicationId))
        .innerJoin(households, eq(households.id, applications.householdId))
        .leftJoin(payeeAccounts, eq(payeeAccounts.householdId, households.id))
        .where(after ? sql`(${paymentItems.batchId}, ${paymentItems.applicationId}) > (${after.batchId}::uuid, ${after.applicationId}::uuid)` : undefined)
        .orderBy(asc(paymentItems.batchId), asc(paymentItems.applicationId))
        .limit(limit),
  });
}
