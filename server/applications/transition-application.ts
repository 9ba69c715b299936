import 'server-only';
// Moves one application through the state machine (lib/workflow.ts) in one transaction: the
// case locked and scoped by the actor (a case they do not reach "does not exist"), the version
// the person saw, separation of duties, the rule on verified facts, objections, the
// transition's guards and effects (stock, budget, notice window), the timeline event, the
// audit event and the resident's notification. A stale version answers conflict and changes
// nothing. Hand-outs (server/handouts/): materials are fulfilled only through a checked pickup
// code, a repair only once every work order is closed (approval makes one order per unit), and
// a case that leaves approved any other way gives back what approval took (reserved stock,
// budget, open work orders) in the same transaction.
import type { Db, Tx } from '@/db/client';
import { lockReachableApplication, objectionCounts, updateApplicationIfVersion } from '@/db/queries/applications';
import { loadFacts } from '@/db/queries/facts';
import { loadProgramme, paramsAtRecommendation } from '@/db/queries/programmes';
import { cancelOpenWorkOrders, countOpenWorkOrders, insertWorkOrders, unitsHeldByOtherProgramme, workOrderTally } from '@/db/queries/handouts';
import { releaseCaseCommitment, spendFromBudget } from '@/db/queries/budgets';
import { caseInLiveItem } from '@/db/queries/payments';
import { issueFromPoint, releaseReservation, reserveAtPoint, stockPointsWithPaths, type MaterialItem } from '@/db/queries/stock';
import type { NewApplication } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { ApplicationStatus } from '@/lib/domain';
import { dutyConflict, type Actor } from '@/lib/permissions';
import { householdEligibility, requestFromAnswers, type ApplicationAnswers, type ConfiguredProgramme, type Entitlement } from '@/lib/programs';
import { sameEntitlement } from '@/lib/programs/entitlement';
import { countFact, freeUnits } from '@/lib/programs/kit';
import { checkTransition, isFinalRejection, noticeEndsAt, type TransitionAction } from '@/lib/workflow';
import { newPickupCode } from './pickup-code';
import { recordApplicationEvent } from './record-event';

export interface TransitionInput {
  actor: Actor;
  applicationId: string;
  action: TransitionAction;
  expectedVersion: number;
  reason?: string | null;
  ip: string | null;
  now?: Date;
  /**
   * How a 'fulfil' was proven, set only by the hand-out use cases: 'pickup_code' after the
   * code typed at the distribution point matched this case (materials cannot be fulfilled
   * without it). Recorded on the timeline and in the audit event, with `details` (a repair's
   * units repaired and found unrepairable); `notice` replaces the resident's "delivered" message
   * when that would mislead (no unit could be repaired).
   */
  handout?: { via: 'pickup_code' | 'work_orders' | 'waiver_applied'; details?: Record<string, number>; notice?: { kind: string; params?: Record<string, number> } };
}

export interface TransitionDone {
  id: string;
  status: ApplicationStatus;
  version: number;
  householdId: string;
}

export async function transitionApplication({ db, ...input }: TransitionInput & { db: Db }): Promise<TransitionDone> {
  return db.transaction((tx) => transitionInTransaction(tx, input));
}

/**
 * The same use case inside a transaction the caller holds (an appeal files its evidence in
 * the same transaction). Everything it writes rolls back with the caller's transaction.
 */
export async function transitionInTransaction(tx: Tx, { actor, applicationId, action, expectedVersion, reason, ip, now = new Date(), handout }: TransitionInput): Promise<TransitionDone> {
  const row = await lockReachableApplication({ tx, actor, applicationId });
  if (!row) throw new AppError('not_found:application');
  const { app } = row;
  if (app.version !== expectedVersion) throw new AppError('conflict:application');
  // TRUST A3: no one acts as staff on their own household's case, and whoever recommended it cannot decide it.
  const conflict = dutyConflict(actor, { ownerUserId: row.ownerUserId, householdId: app.householdId, recommendedBy: app.recommendedBy });
  if (conflict) throw new AppError(`forbidden:${conflict}`);

  // Recommending decides by the notice days whether the case goes on public notice: read them under a share lock, so an official raising them meanwhile (server/programmes/update-programme.ts) either publishes this case too or is seen here.
  const prog = await loadProgramme({ db: tx, code: app.programmeCode, ...(action === 'recommend' ? { lock: 'share' as const } : {}) });
  if (!prog) throw new AppError('not_found:programme');
  // A closed programme (issue 10 item 3) takes no new cases, but the cases already in progress go on to the end.
  if (!prog.active && action === 'enrol') throw new AppError('conflict:programme_closed');
  const facts = await loadFacts({ db: tx, householdId: app.householdId });
  // One unit is never both repaired for free and replaced with the subsidy: the rule takes the other programme's units off.
  const heldElsewhere = app.programmeCode === 'appliance_repair' || app.programmeCode === 'appliance_subsidy' ? await unitsHeldByOtherProgramme({ db: tx, householdId: app.householdId, programme: app.programmeCode }) : undefined;
  const request = { ...requestFromAnswers(app.answers as ApplicationAnswers), ...(heldElsewhere ? { heldElsewhere } : {}) };
  const eligibility = householdEligibility({ facts: facts!, programme: prog, request });
  // Stored params that no longer parse are a configuration fault: every step refuses rather than decide or pay by defaults.
  if (!eligibility.available) throw new AppError(`internal:programme_params:${app.programmeCode}`);
  const onVerified = eligibility.verified;
  const objections = await objectionCounts({ db: tx, applicationId: app.id });

  // What the case holds: the entitlement frozen at recommendation (and approval). Upholding an appeal
  // decides afresh on the facts as verified now, so it grants what the rule grants now; every other
  // step works with what was frozen, never with a fallback computed today (an approved case with
  // nothing frozen has nothing to deliver or give back).
  const frozen = (app.entitlement ?? null) as Entitlement | null;
  const entitlement = action === 'grant_appeal' ? onVerified.entitlement : frozen;

  // Approval runs the rule again on the facts as verified now, with the settings the recommendation
  // decided under (a settings change since then does not reopen recommended cases:
  // server/programmes/update-programme.ts), and approves only what it still grants.
  let rulePasses = onVerified.eligible;
  let grantChanged: boolean | undefined;
  if (action === 'approve') {
    const then = await paramsAtRecommendation({ db: tx, applicationId: app.id, code: app.programmeCode });
    const rerun = then ? householdEligibility({ facts: facts!, programme: { code: app.programmeCode, params: then } as ConfiguredProgramme, request }).verified : onVerified;
    rulePasses = rerun.eligible;
    grantChanged = !sameEntitlement(rerun.entitlement, frozen);
  }

  const check = checkTransition({
    action,
    from: app.status,
    actor: actor.role,
    reason,
    context: {
      rulePasses,
      ruleUnknown: onVerified.unknown,
      grantChanged,
      noticeDays: prog.noticeDays,
      noticeEndsAt: app.noticeEndsAt,
      now,
      openObjections: objections.open,
      upheldObjections: objections.upheld,
      rejectedAt: app.rejectedAt,
      rejectionFinal: app.rejectionFinal,
      hasEntitlement: frozen !== null,
    },
  });
  if (!check.ok) {
    // The grant changed (or nothing is left to grant) because the other appliance programme took units since: say that, it is the more precise reason.
    if ((check.code === 'grant_changed' || check.code === 'facts_changed') && heldElsewhere && unitsTakenSince(frozen, freeUnits({ boilers: countFact(facts!.verified.damagedBoilers), heatPumps: countFact(facts!.verified.damagedHeatPumps) }, heldElsewhere))) {
      throw new AppError('conflict:units_claimed');
    }
    throw new AppError(`conflict:${check.code}`);
  }

  const patch: Partial<NewApplication> = { status: check.to, version: app.version + 1, updatedAt: now };
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
      // Units frozen at recommendation that the other appliance programme has taken since cannot be granted.
      if (heldElsewhere && unitsTakenSince(entitlement, freeUnits({ boilers: countFact(facts!.verified.damagedBoilers), heatPumps: countFact(facts!.verified.damagedHeatPumps) }, heldElsewhere))) {
        throw new AppError('conflict:units_claimed');
      }
      if (entitlement?.kind === 'repair') await insertWorkOrders({ tx, applicationId: app.id, units: entitlement.units });
      if (entitlement?.kind === 'materials') {
        patch.stockPointId = await reserveMaterials(tx, { id: app.id, householdPath: row.placePath }, entitlement.items, actor);
        patch.pickupCode = newPickupCode();
      }
      if (entitlement?.kind === 'cash') {
        // Money is approved only against a budget line: without one nothing could be committed, and
        // the case could later be neither given back nor paid against a line (migration 0016's CHECKs).
        const spent = await spendFromBudget({ tx, programmeCode: app.programmeCode, amountYuan: entitlement.amountYuan, now, applicationId: app.id, actorId: actor.id });
        if (spent === 'no_budget') throw new AppError('conflict:no_budget_line');
        if (spent === 'insufficient') throw new AppError('over_budget:programme');
      }
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
      if (entitlement?.kind === 'materials') {
        // Today's case page could fulfil without the code ever being checked: no longer.
        if (handout?.via !== 'pickup_code') throw new AppError('conflict:pickup_code_required');
        await issueMaterials(tx, app, entitlement.items, actor);
        patch.pickupCode = null;
      }
      if (entitlement?.kind === 'repair' && (await countOpenWorkOrders({ db: tx, applicationId: app.id })) > 0) throw new AppError('conflict:work_orders_open');
      // Money is paid by the bank, not handed over: a cash case is fulfilled only when its payment batch is marked paid (server/payments/close-batch.ts).
      if (entitlement?.kind === 'cash') throw new AppError('conflict:paid_through_batch');
      break;
    case 'confirm_waiver':
      patch.fulfilledAt = now;
      break;
    default:
      break;
  }
  // Money handed to the bank in a payment batch is decided by the bank's answer (server/payments/close-batch.ts), not by leaving approved.
  if (app.status === 'approved' && check.to !== 'fulfilled' && entitlement?.kind === 'cash' && (await caseInLiveItem({ db: tx, applicationId: app.id }))) throw new AppError('conflict:in_payment_batch');
  // A repair case with a unit already repaired has been partly delivered: it cannot be withdrawn (the repaired unit stays taken either way, unitsHeldByOtherProgramme).
  if (app.status === 'approved' && check.to !== 'fulfilled' && entitlement?.kind === 'repair' && (await workOrderTally({ db: tx, applicationId: app.id })).done > 0) throw new AppError('conflict:repair_started');
  // Leaving approved without delivery (e.g. withdrawn): give back what approval took.
  if (app.status === 'approved' && check.to !== 'fulfilled') {
    await giveBackApproval(tx, { applicationId: app.id, programmeCode: app.programmeCode, entitlement, actorId: actor.id, now });
    patch.pickupCode = null;
  }

  const updated = await updateApplicationIfVersion({ tx, id: app.id, version: expectedVersion, patch });
  if (!updated) throw new AppError('conflict:application');
  const base = { applicationId: app.id, reference: app.reference, programmeCode: app.programmeCode, ownerUserId: row.ownerUserId, ip };
  await recordApplicationEvent(tx, { ...base, actor, action, from: app.status, to: check.to, reason: reason?.trim() || null, ...(action === 'fulfil' && handout ? { details: { via: handout.via, ...handout.details }, ...(handout.notice ? { noticeKind: handout.notice.kind, noticeParams: handout.notice.params } : {}) } : {}), ...(action === 'confirm_waiver' ? { noticeKind: 'application.waiverConfirmed' } : {}), ...(action === 'recommend' ? { details: { programmeVersion: prog.version } } : {}) });

  // Programmes with a notice period go on public notice as soon as they are recommended.
  if (action === 'recommend' && prog.noticeDays > 0) {
    const pub = checkTransition({ action: 'publish', from: updated.status, actor: 'system', context: { noticeDays: prog.noticeDays } });
    if (pub.ok) {
      const published = await updateApplicationIfVersion({ tx, id: app.id, version: updated.version, patch: { status: pub.to, version: updated.version + 1, noticeStartsAt: now, noticeEndsAt: noticeEndsAt(now, prog.noticeDays), updatedAt: now } });
      await recordApplicationEvent(tx, { ...base, actor: null, action: 'publish', from: updated.status, to: pub.to });
      return { id: published!.id, status: published!.status, version: published!.version, householdId: app.householdId };
    }
  }
  return { id: updated.id, status: updated.status, version: updated.version, householdId: app.householdId };
}

/**
 * What approval took, given back when a case leaves approved without delivery (withdrawn by the
 * resident here, lapsed in server/handouts/expire-pickups.ts): reserved stock, a cash case's
 * budget, open work orders. Inside the caller's transaction; the caller clears the pickup code.
 * Returns the stock released.
 */
export async function giveBackApproval(
  tx: Tx,
  { applicationId, programmeCode, entitlement, actorId, now }: { applicationId: string; programmeCode: NewApplication['programmeCode']; entitlement: Entitlement | null; actorId: string | null; now: Date },
): Promise<Awaited<ReturnType<typeof releaseReservation>>> {
  const released = await releaseReservation({ tx, applicationId, actorId });
  // What the ledger holds committed for the case, not its frozen amount: a case approved before approvals needed a budget line committed nothing and gives nothing back.
  if (entitlement?.kind === 'cash') await releaseCaseCommitment({ tx, programmeCode, applicationId, now, actorId });
  if (entitlement?.kind === 'repair') await cancelOpenWorkOrders({ tx, applicationId, now });
  return released;
}

/** True when the units frozen on the case exceed the damaged units the other appliance programme has left free since. */
function unitsTakenSince(frozen: Entitlement | null, free: { boilers: number | undefined; heatPumps: number | undefined }): boolean {
  const units = (e: Entitlement | null): { boilers: number; heatPumps: number } | null => {
    if (e?.kind === 'repair') return e.units;
    if (e?.kind === 'cash' && e.breakdown) {
      const of = (item: 'boiler' | 'heatPump') => e.breakdown!.filter((l) => l.item === item).reduce((n, l) => n + l.units, 0);
      return { boilers: of('boiler'), heatPumps: of('heatPump') };
    }
    return null;
  };
  const was = units(frozen);
  if (!was) return false;
  return (free.boilers !== undefined && was.boilers > free.boilers) || (free.heatPumps !== undefined && was.heatPumps > free.heatPumps);
}

/**
 * Reserves every item at one open distribution point, all or nothing: a point of the household's
 * own township when it has one open (the household collects there; short stock there is
 * refused, for the county to deliver or close that point), any open point otherwise.
 */
async function reserveMaterials(tx: Tx, app: { id: string; householdPath: string }, items: readonly MaterialItem[], actor: Actor): Promise<number> {
  const points = await stockPointsWithPaths({ db: tx });
  const own = points.filter((p) => app.householdPath.startsWith(p.path));
  const ordered = own.length > 0 ? own : points;
  for (const point of ordered) {
    if (await reserveAtPoint({ tx, pointId: point.id, items, applicationId: app.id, actorId: actor.id })) return point.id;
  }
  throw new AppError('out_of_stock:materials');
}

/** Hands the reserved materials out at the point they were reserved at. */
async function issueMaterials(tx: Tx, app: { id: string; stockPointId: number | null }, items: readonly MaterialItem[], actor: Actor): Promise<void> {
  if (!app.stockPointId) throw new AppError('conflict:no_reservation');
  for (const item of items) {
    if (!(await issueFromPoint({ tx, pointId: app.stockPointId, item, applicationId: app.id, actorId: actor.id }))) throw new AppError('out_of_stock:materials');
  }
}
