import 'server-only';
// Adds a member to a household the actor may change (its owner; staff inside their places).
// An ID number is stored only sealed and as a keyed hash, and appears once per household.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { bumpHouseholdVersion, countMembers, insertMember, lockReachableHousehold, memberWithIdNumber, type MemberRelation } from '@/db/queries/households';
import { AppError } from '@/lib/errors';
import { keepingRefusal, type Actor } from '@/lib/permissions';
import { lookupHash, sealPii } from '@/lib/protect';

export const MAX_MEMBERS = 20;

export type AddMemberResult = { status: 'ok'; id: string } | { status: 'duplicate_id' } | { status: 'too_many' };

export async function addMember({
  db,
  actor,
  householdId,
  member,
  ip,
}: {
  db: Db;
  actor: Actor;
  householdId: string;
  member: { name: string; relation: MemberRelation; idNumber: string | null; birthYear: number | null };
  ip: string | null;
}): Promise<AddMemberResult> {
  return db.transaction(async (tx) => {
    const hh = await lockReachableHousehold({ tx, actor, householdId });
    if (!hh) throw new AppError('not_found:household');
    const refused = keepingRefusal(actor, { ownerUserId: hh.ownerUserId, householdId });
    if (refused) throw new AppError(refused);
    if ((await countMembers({ db: tx, householdId })) >= MAX_MEMBERS) return { status: 'too_many' } as const;
    const idHash = member.idNumber ? lookupHash(member.idNumber) : null;
    if (idHash && (idHash === hh.headIdNumberHash || (await memberWithIdNumber({ db: tx, householdId, idNumberHash: idHash })))) return { status: 'duplicate_id' } as const;
    const { id } = await insertMember({
      tx,
      values: { householdId, name: member.name, relation: member.relation, idNumberHash: idHash, idNumberEnc: member.idNumber ? sealPii(member.idNumber) : null, birthYear: member.birthYear },
    });
    await bumpHouseholdVersion({ tx, householdId });
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'household.member_add', entity: 'household', entityId: householdId, success: true, ip, details: { memberId: id, relation: member.relation, withIdNumber: Boolean(idHash) } } });
    return { status: 'ok', id } as const;
  });
}
