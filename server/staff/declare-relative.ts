import 'server-only';
// Conflict of interest (issue 9 item 7): a staff member declares the relatives whose
// households they must not handle, by the relative's ID number, and records their own ID
// number once if the account was created without it. Stored as keyed hashes (and a masked
// form for their own list); each change audited in its transaction, never with the number.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { deleteRelative, setOwnIdNumberOnce, upsertRelative } from '@/db/queries/staff-relatives';
import { AppError, pgErrorCode, PG_UNIQUE_VIOLATION } from '@/lib/errors';
import { maskIdNumber } from '@/lib/pii';
import type { Actor } from '@/lib/permissions';
import { lookupHash, sealPii } from '@/lib/protect';

function staffOnly(actor: Actor): void {
  if (actor.role === 'resident') throw new AppError('forbidden:staff_only');
}

/** `idNumber` must already be normalised and valid (the action's schema checks it). */
export async function declareRelative({ db, actor, idNumber, relation, ip }: { db: Db; actor: Actor; idNumber: string; relation: string; ip: string | null }): Promise<{ created: boolean }> {
  staffOnly(actor);
  const idNumberHash = lookupHash(idNumber);
  const idNumberMasked = maskIdNumber(idNumber);
  return db.transaction(async (tx) => {
    const created = await upsertRelative({ tx, userId: actor.id, idNumberHash, idNumberMasked, relation });
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: created ? 'staff.relative.declare' : 'staff.relative.update', entity: 'user', entityId: actor.id, success: true, ip, details: { relative: idNumberMasked, relation } } });
    return { created };
  });
}

export async function withdrawRelative({ db, actor, idNumberHash, ip }: { db: Db; actor: Actor; idNumberHash: string; ip: string | null }): Promise<void> {
  staffOnly(actor);
  await db.transaction(async (tx) => {
    const gone = await deleteRelative({ tx, userId: actor.id, idNumberHash });
    if (!gone) throw new AppError('not_found:relative');
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'staff.relative.withdraw', entity: 'user', entityId: actor.id, success: true, ip, details: { relative: gone.idNumberMasked } } });
  });
}

/** Once only: an ID number already on the account is never replaced from here (an official corrects it). */
export async function recordOwnIdNumber({ db, actor, idNumber, ip }: { db: Db; actor: Actor; idNumber: string; ip: string | null }): Promise<void> {
  staffOnly(actor);
  try {
    await db.transaction(async (tx) => {
      const set = await setOwnIdNumberOnce({ tx, userId: actor.id, idNumberHash: lookupHash(idNumber), idNumberEnc: sealPii(idNumber) });
      if (!set) throw new AppError('conflict:id_number_already_set');
      await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'staff.id_number.set', entity: 'user', entityId: actor.id, success: true, ip, details: { idNumber: maskIdNumber(idNumber) } } });
    });
  } catch (err) {
    // Another account already carries this ID number.
    if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) throw new AppError('duplicate:id_number');
    throw err;
  }
}
