import 'server-only';
// Removes a member of a household the actor may change; a member id from another household
// is not found, as is a household outside the actor's reach.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { bumpHouseholdVersion, deleteMember, lockReachableHousehold } from '@/db/queries/households';
import { AppError } from '@/lib/errors';
import { keepingRefusal, type Actor } from '@/lib/permissions';

export async function removeMember({ db, actor, householdId, memberId, ip }: { db: Db; actor: Actor; householdId: string; memberId: string; ip: string | null }): Promise<void> {
  await db.transaction(async (tx) => {
    const hh = await lockReachableHousehold({ tx, actor, householdId });
    if (!hh) throw new AppError('not_found:household');
    const refused = keepingRefusal(actor, { ownerUserId: hh.ownerUserId, householdId });
    if (refused) throw new AppError(refused);
    const removed = await deleteMember({ tx, householdId, memberId });
    if (!removed) throw new AppError('not_found:member');
    await bumpHouseholdVersion({ tx, householdId });
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'household.member_remove', entity: 'household', entityId: householdId, success: true, ip, details: { memberId, relation: removed.relation } } });
  });
}
