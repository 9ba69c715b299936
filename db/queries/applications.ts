import 'server-only';
import { randomInt } from 'node:crypto';
import { and, asc, count, desc, eq, gte, sql, TransactionRollbackError } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../client';
import { applicationEvents, applications, budgets, households, objections, places, programmes, stockLevels, stockMovements, stockPoints } from '../schema';
import { writeAudit } from './audit';
import { enqueueNotification } from './notifications';
import { loadFacts } from './facts';
import { AppError } from '@/lib/errors';
import { cstYear } from '@/lib/time';
import { placeWithin } from '@/lib/permissions';
import { checkTransition, isFinalRejection, noticeEndsAt, type Actor as WorkflowActor, type TransitionAction } from '@/lib/workflow';
import { evaluate, parseParams, requestFromAnswers, type ApplicationAnswers, type Entitlement } from '@/lib/programs';
import type { ApplicationStatus, ProgrammeCode, Role } from '@/lib/domain';

/** Who is acting, as the server knows them from the session. */
export interface Actor {
  id: string;
  role: Role;
  placePaths: readonly string[];
}

export interface CaseAccess {
  applicationId: string;
  householdId: string;
  ownerUserId: string | null;
  placePath: string;
}

/** A resident sees only their own household's cases; staff only cases inside their places. */
export function mayAccessCase(actor: Actor, c: { ownerUserId: string | null; placePath: string }): boolean {
  if (actor.role === 'resident') return c.ownerUserId === actor.id;
  return placeWithin(c.placePath, actor.placePaths);
}

export async function caseAccess({ db, applicationId }: { db: DbOrTx; applicationId: string }): Promise<CaseAccess | null> {
  const [row] = await db
    .select({ applicationId: applications.id, householdId: households.id, ownerUserId: households.ownerUserId, placePath: places.path })
    .from(applications)
    .innerJoin(households, eq(applications.householdId, households.id))
    .innerJoin(places, eq(households.placeId, places.id))
    .where(eq(applications.id, applicationId));
  return row ?? null;
}

export async function householdAccess({ db, householdId }: { db: DbOrTx; householdId: string }) {
  const [row] = await db
    .select({ householdId: households.id, ownerUserId: households.ownerUserId, placePath: places.path, placeId: places.id })
    .from(households)
    .innerJoin(places, eq(households.placeId, places.id))
    .where(eq(households.id, householdId));
  return row ?? null;
}

async function nextReference(tx: DbOrTx): Promise<string> {
  const r = await tx.execute<{ n: string }>(sql`SELECT nextval('application_ref_seq')::text AS n`);
  const year = cstYear();
  return `ZZ-${year}-${String(r.rows[0]!.n).padStart(6, '0')}`;
}

async function programmeRow(tx: DbOrTx, code: ProgrammeCode) {
  const [p] = await tx.select().from(programmes).where(eq(programmes.code, code));
  if (!p || !p.active) throw new AppError('not_found:programme');
  return p;
}

function workflowActor(actor: Actor): WorkflowActor {
  return actor.role;
}

async function recordEvent(
  tx: Tx,
  e: { applicationId: string; reference: string; programmeCode: ProgrammeCode; ownerUserId: string | null; actor: Actor | null; action: string; from: ApplicationStatus | null; to: ApplicationStatus; reason?: string | null; ip?: string | null; details?: Record<string, unknown> },
) {
  const actorRole = e.actor?.role ?? 'system';
  await tx.insert(applicationEvents).values({ applicationId: e.applicationId, actorId: e.actor?.id ?? null, actorRole, action: e.action, fromStatus: e.from, toStatus: e.to, reason: e.reason ?? null, details: e.details ?? null });
  await writeAudit({ db: tx, event: { actorId: e.actor?.id ?? null, actorRole, action: `application.${e.action}`, entity: 'application', entityId: e.applicationId, success: true, ip: e.ip ?? null, details: { from: e.from, to: e.to, ...(e.details ?? {}) } } });
  if (e.ownerUserId) {
    await enqueueNotification({ db: tx, n: { userId: e.ownerUserId, kind: `application.${e.to}`, params: { reference: e.reference, programme: e.programmeCode }, link: `/resident/applications/${e.applicationId}` } });
  }
}

export interface SaveResult {
  id: string;
  reference: string;
  status: ApplicationStatus;
  version: number;
  /** false when the request found an application that already existed (retry, double click). */
  created: boolean;
}

/**
 * Saves a draft or submits an application for a household and programme. Idempotent: there is
 * at most one application per household × programme (database constraint), so a retried or
 * doubled request finds the same row; only a real change of status writes an event and audit.
 * A returned application is resubmitted with the new answers.
 */
export async function saveApplication({
  db,
  actor,
  householdId,
  programmeCode,
  answers,
  submit,
  idempotencyKey,
  ip,
}: {
  db: Db;
  actor: Actor;
  householdId: string;
  programmeCode: ProgrammeCode;
  answers: ApplicationAnswers;
  submit: boolean;
  idempotencyKey?: string | null;
  ip: string | null;
}): Promise<SaveResult> {
  return db.transaction(async (tx) => {
    const prog = await programmeRow(tx, programmeCode);
    if (!prog.needsApplication) throw new AppError('invalid:programme_automatic');
    const [hh] = await tx.select({ ownerUserId: households.ownerUserId }).from(households).where(eq(households.id, householdId));
    if (!hh) throw new AppError('not_found:household');
    const onBehalf = actor.role !== 'resident';
    if (onBehalf && hh.ownerUserId === actor.id) throw new AppError('forbidden:own_household');

    const reference = await nextReference(tx);
    const inserted = await tx
      .insert(applications)
      .values({ reference, householdId, programmeCode, status: 'draft', answers, idempotencyKey: idempotencyKey ?? null, createdBy: actor.id, onBehalf })
      .onConflictDoNothing()
      .returning();
    let app = inserted[0];
    const created = Boolean(app);
    if (!app) {
      // Someone (or this same request, retried) got there first: take that row, under lock.
      const [existing] = await tx
        .select()
        .from(applications)
        .where(and(eq(applications.householdId, householdId), eq(applications.programmeCode, programmeCode)))
        .for('update');
      if (!existing) throw new AppError('conflict:application');
      app = existing;
    } else {
      await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'application.create', entity: 'application', entityId: app.id, success: true, ip, details: { programme: programmeCode, onBehalf } } });
    }

    const editable = app.status === 'draft' || app.status === 'returned';
    if (editable && !created) {
      await tx.update(applications).set({ answers, updatedAt: new Date() }).where(eq(applications.id, app.id));
    }
    if (!submit || !editable) {
      return { id: app.id, reference: app.reference, status: app.status, version: app.version, created };
    }
    const action: TransitionAction = app.status === 'draft' ? 'submit' : 'resubmit';
    const check = checkTransition({ action, from: app.status, actor: workflowActor(actor) });
    if (!check.ok) throw new AppError(`conflict:${check.code}`);
    const now = new Date();
    const [updated] = await tx
      .update(applications)
      .set({ status: check.to, version: app.version + 1, submittedAt: now, updatedAt: now, returnReason: null, answers })
      .where(and(eq(applications.id, app.id), eq(applications.version, app.version)))
      .returning();
    if (!updated) throw new AppError('conflict:application');
    await recordEvent(tx, { applicationId: app.id, reference: app.reference, programmeCode, ownerUserId: hh.ownerUserId, actor, action, from: app.status, to: check.to, ip, details: onBehalf ? { onBehalf: true } : undefined });
    return { id: updated.id, reference: updated.reference, status: updated.status, version: updated.version, created };
  });
}

const PICKUP_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function newPickupCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += PICKUP_ALPHABET[randomInt(PICKUP_ALPHABET.length)];
  return s;
}

/** Reserves every item at one distribution point (the household's township first); all or nothing. */
async function reserveMaterials(tx: Tx, app: { id: string; householdPath: string }, items: { material: 'rebar' | 'sand'; tonnes: number }[], actor: Actor): Promise<number> {
  const points = await tx.select({ id: stockPoints.id, path: places.path }).from(stockPoints).innerJoin(places, eq(stockPoints.placeId, places.id)).orderBy(asc(stockPoints.id));
  const ordered = [...points.filter((p) => app.householdPath.startsWith(p.path)), ...points.filter((p) => !app.householdPath.startsWith(p.path))];
  for (const point of ordered) {
    const ok = await tx.transaction(async (sp) => {
      for (const item of items) {
        const kg = Math.round(item.tonnes * 1000);
        const rows = await sp
          .update(stockLevels)
          .set({ availableKg: sql`${stockLevels.availableKg} - ${kg}` })
          .where(and(eq(stockLevels.pointId, point.id), eq(stockLevels.material, item.material), gte(stockLevels.availableKg, kg)))
          .returning({ pointId: stockLevels.pointId });
        if (rows.length === 0) {
          sp.rollback();
        }
        await sp.insert(stockMovements).values({ pointId: point.id, material: item.material, kind: 'reserve', availableDeltaKg: -kg, onHandDeltaKg: 0, applicationId: app.id, actorId: actor.id });
      }
      return true;
    }).catch((err: unknown) => {
      if (err instanceof TransactionRollbackError) return false;
      throw err;
    });
    if (ok) return point.id;
  }
  throw new AppError('out_of_stock:materials');
}

async function issueMaterials(tx: Tx, app: { id: string; stockPointId: number | null }, items: { material: 'rebar' | 'sand'; tonnes: number }[], actor: Actor) {
  if (!app.stockPointId) throw new AppError('conflict:no_reservation');
  for (const item of items) {
    const kg = Math.round(item.tonnes * 1000);
    const rows = await tx
      .update(stockLevels)
      .set({ onHandKg: sql`${stockLevels.onHandKg} - ${kg}` })
      .where(and(eq(stockLevels.pointId, app.stockPointId), eq(stockLevels.material, item.material), gte(stockLevels.onHandKg, kg)))
      .returning({ pointId: stockLevels.pointId });
    if (rows.length === 0) throw new AppError('out_of_stock:materials');
    await tx.insert(stockMovements).values({ pointId: app.stockPointId, material: item.material, kind: 'issue', availableDeltaKg: 0, onHandDeltaKg: -kg, applicationId: app.id, actorId: actor.id });
  }
}

async function spendBudget(tx: Tx, code: ProgrammeCode, amountYuan: number) {
  const [b] = await tx.select({ code: budgets.programmeCode }).from(budgets).where(eq(budgets.programmeCode, code));
  if (!b) return; // no budget line kept for this programme
  const rows = await tx
    .update(budgets)
    .set({ remainingYuan: sql`${budgets.remainingYuan} - ${amountYuan}`, updatedAt: new Date() })
    .where(and(eq(budgets.programmeCode, code), gte(budgets.remainingYuan, amountYuan)))
    .returning({ code: budgets.programmeCode });
  if (rows.length === 0) throw new AppError('over_budget:programme');
}

/**
 * Moves one application through the state machine (lib/workflow.ts) in one transaction:
 * jurisdiction and role, the version the person saw, the transition's rules and guards, its
 * effects (stock, budget, notice window), the timeline event, the audit event and the
 * resident's notification. A stale version answers conflict and changes nothing.
 */
export async function transitionApplication({
  db,
  actor,
  applicationId,
  action,
  expectedVersion,
  reason,
  ip,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  applicationId: string;
  action: TransitionAction;
  expectedVersion: number;
  reason?: string | null;
  ip: string | null;
  now?: Date;
}): Promise<{ id: string; status: ApplicationStatus; version: number }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ app: applications, ownerUserId: households.ownerUserId, placePath: places.path })
      .from(applications)
      .innerJoin(households, eq(applications.householdId, households.id))
      .innerJoin(places, eq(households.placeId, places.id))
      .where(eq(applications.id, applicationId));
    if (!row || !mayAccessCase(actor, row)) throw new AppError('not_found:application');
    const { app } = row;
    if (app.version !== expectedVersion) throw new AppError('conflict:application');
    // TRUST A3: no one acts as staff on their own household's case, and the cadre who verified cannot approve.
    if (actor.role !== 'resident' && row.ownerUserId === actor.id) throw new AppError('forbidden:own_household');
    if (actor.role === 'official' && app.recommendedBy === actor.id) throw new AppError('forbidden:separation_of_duties');

    const prog = await programmeRow(tx, app.programmeCode);
    const facts = await loadFacts({ db: tx, householdId: app.householdId });
    const params = parseParams(app.programmeCode, prog.params);
    // Stored params that no longer parse are a configuration fault: refuse rather than pay by defaults.
    if (!params.ok) throw new AppError(`internal:programme_params:${app.programmeCode}`);
    const onVerified = evaluate(app.programmeCode, facts!.verified, params.params, requestFromAnswers(app.answers as ApplicationAnswers));
    const [objOpen] = await tx.select({ n: count() }).from(objections).where(and(eq(objections.applicationId, app.id), eq(objections.status, 'open')));
    const [objUpheld] = await tx.select({ n: count() }).from(objections).where(and(eq(objections.applicationId, app.id), eq(objections.status, 'upheld')));

    const check = checkTransition({
      action,
      from: app.status,
      actor: workflowActor(actor),
      reason,
      context: { rulePasses: onVerified.eligible, noticeDays: prog.noticeDays, noticeEndsAt: app.noticeEndsAt, now, openObjections: objOpen?.n ?? 0, upheldObjections: objUpheld?.n ?? 0, rejectedAt: app.rejectedAt, rejectionFinal: app.rejectionFinal },
    });
    if (!check.ok) throw new AppError(`conflict:${check.code}`);

    const patch: Partial<typeof applications.$inferInsert> = { status: check.to, version: app.version + 1, updatedAt: now };
    const entitlement = (app.entitlement ?? onVerified.entitlement) as Entitlement | null;
    switch (action) {
      case 'return':
        patch.returnReason = reason!.trim();
        break;
      case 'recommend':
        patch.recommendedBy = actor.id;
        patch.entitlement = onVerified.entitlement;
        break;
      case 'approve':
      case 'grant_appeal':
        patch.decidedBy = actor.id;
        patch.decidedAt = now;
        patch.rejectedAt = null;
        if (entitlement?.kind === 'materials') {
          patch.stockPointId = await reserveMaterials(tx, { id: app.id, householdPath: row.placePath }, entitlement.items, actor);
          patch.pickupCode = newPickupCode();
        }
        if (entitlement?.kind === 'cash') await spendBudget(tx, app.programmeCode, entitlement.amountYuan);
        patch.entitlement = entitlement;
        break;
      case 'reject':
      case 'decline':
      case 'deny_appeal':
        patch.decidedBy = actor.id;
        patch.decidedAt = now;
        patch.rejectedAt = now;
        patch.rejectionFinal = isFinalRejection(action);
        break;
      case 'fulfil':
        patch.fulfilledAt = now;
        if (entitlement?.kind === 'materials') await issueMaterials(tx, app, entitlement.items, actor);
        break;
      default:
        break;
    }

    const [updated] = await tx
      .update(applications)
      .set(patch)
      .where(and(eq(applications.id, app.id), eq(applications.version, expectedVersion)))
      .returning();
    if (!updated) throw new AppError('conflict:application');
    const base = { applicationId: app.id, reference: app.reference, programmeCode: app.programmeCode, ownerUserId: row.ownerUserId, ip };
    await recordEvent(tx, { ...base, actor, action, from: app.status, to: check.to, reason: reason?.trim() || null });

    // Programmes with a notice period go on public notice as soon as they are recommended.
    if (action === 'recommend' && prog.noticeDays > 0) {
      const pub = checkTransition({ action: 'publish', from: updated.status, actor: 'system', context: { noticeDays: prog.noticeDays } });
      if (pub.ok) {
        const [published] = await tx
          .update(applications)
          .set({ status: pub.to, version: updated.version + 1, noticeStartsAt: now, noticeEndsAt: noticeEndsAt(now, prog.noticeDays), updatedAt: now })
          .where(and(eq(applications.id, app.id), eq(applications.version, updated.version)))
          .returning();
        await recordEvent(tx, { ...base, actor: null, action: 'publish', from: updated.status, to: pub.to });
        return { id: published!.id, status: published!.status, version: published!.version };
      }
    }
    return { id: updated.id, status: updated.status, version: updated.version };
  });
}

export async function applicationTimeline({ db, applicationId }: { db: DbOrTx; applicationId: string }) {
  return db
    .select({ id: applicationEvents.id, at: applicationEvents.at, actorRole: applicationEvents.actorRole, action: applicationEvents.action, fromStatus: applicationEvents.fromStatus, toStatus: applicationEvents.toStatus, reason: applicationEvents.reason })
    .from(applicationEvents)
    .where(eq(applicationEvents.applicationId, applicationId))
    .orderBy(asc(applicationEvents.at), asc(applicationEvents.id));
}

export async function getApplication({ db, applicationId }: { db: DbOrTx; applicationId: string }) {
  const [row] = await db
    .select({ app: applications, programme: programmes, stockPoint: stockPoints })
    .from(applications)
    .innerJoin(programmes, eq(applications.programmeCode, programmes.code))
    .leftJoin(stockPoints, eq(applications.stockPointId, stockPoints.id))
    .where(eq(applications.id, applicationId));
  return row ?? null;
}

export async function householdApplicationList({ db, householdId }: { db: DbOrTx; householdId: string }) {
  return db.select().from(applications).where(eq(applications.householdId, householdId)).orderBy(desc(applications.updatedAt));
}
