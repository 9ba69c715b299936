import 'server-only';
// Fee waivers are delivered by the heating or property company: the cadre marks approved
// waiver cases as applied by the company, one case or a selection, each fulfilled through the
// state machine in its own transaction (audited, the resident told). A case someone else
// changed since the cadre's list was drawn, or one outside their places, is skipped and
// reported, never half-done.
import type { Db } from '@/db/client';
import { findReachableHandoutCase } from '@/db/queries/handouts';
import { AppError } from '@/lib/errors';
import { can, type Actor } from '@/lib/permissions';
import { transitionInTransaction } from '../applications/transition-application';

export const WAIVER_PROGRAMMES = ['heating_fee_waiver', 'property_fee_waiver'] as const;

/** Most cases one request marks: a page of the hand-out queue. */
export const WAIVER_SELECTION_MAX = 50;

export async function markWaiversApplied({
  db,
  actor,
  cases,
  ip,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  cases: readonly { applicationId: string; version: number }[];
  ip: string | null;
  now?: Date;
}): Promise<{ applied: string[]; skipped: string[] }> {
  if (!can(actor.role, 'fulfilment:record')) throw new AppError('forbidden:fulfilment');
  if (cases.length > WAIVER_SELECTION_MAX) throw new AppError('invalid:selection');
  const applied: string[] = [];
  const skipped: string[] = [];
  for (const c of cases) {
    try {
      await db.transaction(async (tx) => {
        // Only waiver cases: materials and repairs have their own proofs of delivery.
        const found = await findReachableHandoutCase({ db: tx, actor, applicationId: c.applicationId });
        if (!found) throw new AppError('not_found:application');
        if (!(WAIVER_PROGRAMMES as readonly string[]).includes(found.programmeCode)) throw new AppError('conflict:not_a_waiver');
        await transitionInTransaction(tx, { actor, applicationId: c.applicationId, action: 'fulfil', expectedVersion: c.version, ip, now, handout: { via: 'waiver_applied' } });
      });
      applied.push(c.applicationId);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      skipped.push(c.applicationId);
    }
  }
  return { applied, skipped };
}
