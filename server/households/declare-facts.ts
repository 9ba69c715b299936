import 'server-only';
// A household's declared damage, with its damage photos, in one transaction: one upsert per
// fact (declaredValue, declaredAt, declaredBy), never touching verifiedValue, so a change
// after verification stands beside the cadre's value until they verify again; declaredAt
// moves only when the value changed. The photos become exactly `photoIds` (photos removed in
// the form are deleted, each with an audit event). One audit event 'household.declare'.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { bumpHouseholdVersion, declaredFactValues, lockReachableHousehold, writeDeclaredFact } from '@/db/queries/households';
import { householdUploadIds, pruneHouseholdUploads } from '@/db/queries/uploads';
import type { FactKey } from '@/lib/domain';
import { AppError } from '@/lib/errors';
import { declaredValues, type Declaration, type FactValue } from '@/lib/facts';
import { logError } from '@/lib/log';
import { keepingRefusal, type Actor } from '@/lib/permissions';
import { getStorage } from '@/lib/storage';

export type DeclareResult = { status: 'ok'; changed: FactKey[]; removedStorageKeys: string[] } | { status: 'bad_photos' };

export async function declareFacts({
  db,
  actor,
  householdId,
  declaration,
  photoIds,
  ip,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  householdId: string;
  declaration: Declaration;
  photoIds: readonly string[];
  ip: string | null;
  now?: Date;
}): Promise<DeclareResult> {
  const result = await db.transaction(async (tx) => {
    const hh = await lockReachableHousehold({ tx, actor, householdId });
    if (!hh) throw new AppError('not_found:household');
    const refused = keepingRefusal(actor, { ownerUserId: hh.ownerUserId, householdId });
    if (refused) throw new AppError(refused);
    const known = await householdUploadIds({ db: tx, householdId, kind: 'damage_photo', ids: photoIds });
    if (photoIds.some((id) => !known.has(id))) return { status: 'bad_photos' } as const;

    const values = declaredValues(hh.kind, declaration);
    const before = await declaredFactValues({ db: tx, householdId });
    const changed: FactKey[] = [];
    for (const [key, value] of Object.entries(values) as [FactKey, FactValue | null][]) {
      const prev = before.has(key) ? before.get(key) : undefined;
      if (prev !== undefined && JSON.stringify(prev) === JSON.stringify(value)) continue;
      // "Not appraised yet" withdraws an earlier declaration; it never creates an empty fact.
      if (value === null && (prev === undefined || prev === null)) continue;
      await writeDeclaredFact({ tx, householdId, key, value, at: now, by: actor.id });
      changed.push(key);
    }
    const removedStorageKeys = await pruneHouseholdUploads({ db: tx, householdId, kind: 'damage_photo', ownerUserId: actor.id, keepIds: photoIds, actor, ip });
    if (changed.length > 0) await bumpHouseholdVersion({ tx, householdId });
    await writeAudit({
      db: tx,
      event: { actorId: actor.id, actorRole: actor.role, action: 'household.declare', entity: 'household', entityId: householdId, success: true, ip, details: { changed: Object.fromEntries(changed.map((k) => [k, values[k] ?? null])), photos: photoIds.length, photosRemoved: removedStorageKeys.length } },
    });
    return { status: 'ok', changed, removedStorageKeys } as const;
  });
  if (result.status === 'ok') {
    // The files go only once their rows are gone for good; a file left behind is harmless.
    const storage = getStorage();
    for (const key of result.removedStorageKeys) await storage.delete(key).catch((e: unknown) => logError('household: could not delete a removed photo file', e));
  }
  return result;
}
