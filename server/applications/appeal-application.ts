import 'server-only';
// A resident appeals the refusal of their own application, with a reason and, optionally,
// photos taken for it: the evidence is checked (the resident's own uploads for this household)
// and filed under the case in the same transaction as the move to `appealed`, so an appeal is
// never sent without its evidence, nor evidence filed under an appeal that was refused.
import type { Db } from '@/db/client';
import { lockReachableApplication } from '@/db/queries/applications';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/permissions';
import { assertUsableUploads, fileUploadsUnder } from '../uploads/attach-uploads';
import { transitionInTransaction, type TransitionDone } from './transition-application';

export async function appealApplication({
  db,
  actor,
  applicationId,
  expectedVersion,
  reason,
  evidence = [],
  ip,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  applicationId: string;
  expectedVersion: number;
  reason: string;
  evidence?: readonly string[];
  ip: string | null;
  now?: Date;
}): Promise<TransitionDone> {
  return db.transaction(async (tx) => {
    const row = await lockReachableApplication({ tx, actor, applicationId });
    if (!row) throw new AppError('not_found:application');
    // Photos the resident may not use are refused before anything changes (UnusableUploads).
    await assertUsableUploads(tx, { actor, ids: evidence, householdId: row.app.householdId, applicationId });
    const done = await transitionInTransaction(tx, { actor, applicationId, action: 'appeal', expectedVersion, reason, ip, now });
    await fileUploadsUnder(tx, { actor, ids: evidence, applicationId, kinds: ['evidence'], purpose: 'appeal', ip });
    return done;
  });
}
