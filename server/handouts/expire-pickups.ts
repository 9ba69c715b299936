import 'server-only';
// Vouchers not collected in time (issue 9 item 5; the window is lib/pickup-window.ts). Each lapsed
// building-materials case is withdrawn by the system through the state machine's `expire`, in a
// transaction of its own: what approval took goes back as when a resident withdraws (giveBackApproval:
// the reserved stock to its point, once, by the case's own movements), the voucher's code
// is cleared, and the timeline, the audit log and the resident's message record it. The resident
// may then apply again (lib/reapply.ts: a withdrawn case is history).
//
// Nothing waits on the sweep for correctness: a lapsed voucher is refused at the distribution
// point whether or not the sweep has run (hand-out-materials.ts). The sweep gives the stock back
// to other households. It runs after staff pages have answered (`sweepLapsedPickupsIfDue`, from
// the cadre and county layouts, at most once per SWEEP_EVERY_MS per server process), so a county
// where staff work every day has its stock back within minutes of a voucher lapsing; several
// processes may sweep at once (SKIP LOCKED, and each case moves once).
import type { Db } from '@/db/client';
import { updateApplicationIfVersion } from '@/db/queries/applications';
import { lapsedPickupIds, lockLapsedPickup } from '@/db/queries/handouts';
import { lapsedIfDecidedBefore, PICKUP_DAYS, pickupLastDay } from '@/lib/pickup-window';
import { cstDate } from '@/lib/time';
import { AppError } from '@/lib/errors';
import { checkTransition } from '@/lib/workflow';
import type { Entitlement } from '@/lib/programs';
import { recordApplicationEvent } from '../applications/record-event';
import { giveBackApproval } from '../applications/transition-application';

export const SWEEP_EVERY_MS = 10 * 60_000;
/** Cases per sweep: a backlog is worked off over several sweeps rather than in one long burst. */
export const SWEEP_LIMIT = 200;

/** Withdraws every lapsed voucher's case (at most `limit`), oldest first; returns the cases it moved. */
export async function expireLapsedPickups({ db, now = new Date(), limit = SWEEP_LIMIT }: { db: Db; now?: Date; limit?: number }): Promise<{ expired: string[] }> {
  const before = lapsedIfDecidedBefore(now);
  const expired: string[] = [];
  for (const applicationId of await lapsedPickupIds({ db, before, limit })) {
    const moved = await db.transaction(async (tx): Promise<boolean> => {
      // Handed out, withdrawn or being handed out meanwhile: left alone.
      const row = await lockLapsedPickup({ tx, applicationId, before });
      if (!row?.decidedAt) return false;
      const check = checkTransition({ action: 'expire', from: 'approved', actor: 'system' });
      if (!check.ok) return false;
      const released = await giveBackApproval(tx, { applicationId, programmeCode: 'building_materials', entitlement: (row.entitlement ?? null) as Entitlement | null, actorId: null, now });
      const updated = await updateApplicationIfVersion({ tx, id: applicationId, version: row.version, patch: { status: check.to, version: row.version + 1, pickupCode: null, updatedAt: now } });
      // Cannot happen under the lock; if it did, the release must not stand without the withdrawal.
      if (!updated) throw new AppError('conflict:application');
      await recordApplicationEvent(tx, {
        applicationId,
        reference: row.reference,
        programmeCode: 'building_materials',
        ownerUserId: row.ownerUserId,
        actor: null,
        action: 'expire',
        from: 'approved',
        to: check.to,
        details: { lastDay: cstDate(pickupLastDay(row.decidedAt)), released },
        noticeKind: 'application.pickupExpired',
        noticeParams: { days: PICKUP_DAYS },
      });
      return true;
    });
    if (moved) expired.push(applicationId);
  }
  return { expired };
}

const g = globalThis as unknown as { __reliefPickupSweep?: { next: number; running: boolean } };

/** Whether a sweep is due in this process: a clock read, so a layout can ask on every request and schedule `after()` work only when there is some. */
export function pickupSweepDue(now: number = Date.now()): boolean {
  const state = g.__reliefPickupSweep;
  return !state || (!state.running && now >= state.next);
}

/**
 * Starts a sweep when none ran in the last SWEEP_EVERY_MS in this process, for a caller that has
 * already answered (next/server `after`). A failed sweep is logged and tried again at the next due time.
 */
export async function sweepLapsedPickupsIfDue(db: Db, now: Date = new Date()): Promise<void> {
  const state = (g.__reliefPickupSweep ??= { next: 0, running: false });
  if (state.running || now.getTime() < state.next) return;
  state.running = true;
  state.next = now.getTime() + SWEEP_EVERY_MS;
  try {
    const { expired } = await expireLapsedPickups({ db, now });
    if (expired.length > 0) console.info(`[pickups] ${expired.length} uncollected voucher(s) expired; their stock is back at its points`);
  } catch (err) {
    console.error('[pickups] the sweep of lapsed vouchers failed; it is tried again in ten minutes', err instanceof Error ? err.message : err);
  } finally {
    state.running = false;
  }
}
