import 'server-only';
// The end of a waiver list, one transaction each, with the version the official saw (two
// officials: the first wins, the second is told someone acted first).
// Confirmation: the company confirmed the list, so every case on it that is still approved
// moves to fulfilled through the state machine's `confirm_waiver` (timeline event, audit, the
// resident told), and the list is confirmed. A case no longer approved is skipped: withdrawn
// since, or already marked applied one by one by its cadre (server/handouts/mark-waiver-applied.ts
// — allowed: it records the same fact, and the confirmation then has nothing left to do for it).
// Cancellation: the list was not sent or the company refused it; its cases are freed for a new list.
import type { Db, Tx } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { approvedItemsForUpdate, lockWaiverList, releaseListItems, updateWaiverListIfVersion } from '@/db/queries/waivers';
import type { WaiverList } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/permissions';
import { transitionInTransaction } from '../applications/transition-application';
import { assertWaiverManager } from './manage-companies';

async function openList(tx: Tx, id: string, expectedVersion: number): Promise<WaiverList> {
  const list = await lockWaiverList({ tx, id });
  if (!list) throw new AppError('not_found:waiver_list');
  if (list.version !== expectedVersion) throw new AppError('conflict:waiver_list');
  if (list.status !== 'exported') throw new AppError('conflict:waiver_list_closed');
  return list;
}

export async function confirmWaiverList({
  db,
  actor,
  listId,
  expectedVersion,
  confirmedOn,
  note,
  ip,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  listId: string;
  expectedVersion: number;
  /** The day the company confirmed (00:00 China time). */
  confirmedOn: Date;
  note: string;
  ip: string | null;
  now?: Date;
}): Promise<{ fulfilled: number; skipped: number; version: number }> {
  assertWaiverManager(actor);
  return db.transaction(async (tx) => {
    const list = await openList(tx, listId, expectedVersion);
    const items = await approvedItemsForUpdate({ tx, listId });
    for (const item of items) {
      await transitionInTransaction(tx, { actor, applicationId: item.id, action: 'confirm_waiver', expectedVersion: item.version, ip, now });
    }
    const updated = await updateWaiverListIfVersion({ tx, id: list.id, version: list.version, patch: { status: 'confirmed', confirmedBy: actor.id, confirmedAt: confirmedOn, confirmationNote: note } });
    if (!updated) throw new AppError('conflict:waiver_list');
    const skipped = list.itemCount - items.length;
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'waiver.list.confirm', entity: 'waiver_list', entityId: list.id, success: true, ip, details: { reference: list.reference, fulfilled: items.length, skipped, confirmedOn: confirmedOn.toISOString() } } });
    return { fulfilled: items.length, skipped, version: updated.version };
  });
}

export async function cancelWaiverList({ db, actor, listId, expectedVersion, ip }: { db: Db; actor: Actor; listId: string; expectedVersion: number; ip: string | null }): Promise<{ released: number; version: number }> {
  assertWaiverManager(actor);
  return db.transaction(async (tx) => {
    const list = await openList(tx, listId, expectedVersion);
    const released = await releaseListItems({ tx, listId });
    const updated = await updateWaiverListIfVersion({ tx, id: list.id, version: list.version, patch: { status: 'cancelled' } });
    if (!updated) throw new AppError('conflict:waiver_list');
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'waiver.list.cancel', entity: 'waiver_list', entityId: list.id, success: true, ip, details: { reference: list.reference, released } } });
    return { released, version: updated.version };
  });
}
