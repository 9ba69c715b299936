import 'server-only';
// A resident registers their own household, with themselves as head: name, ID number (already
// sealed and hashed on their account) and phone are copied from the account. One household
// per owner and one per head's ID number (both also unique in the database).
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { accountForHousehold, findHouseholdByHead, findPlaceLevel, insertHousehold, ownedHouseholdId } from '@/db/queries/households';
import { AppError, pgErrorCode, PG_UNIQUE_VIOLATION } from '@/lib/errors';
import type { HouseholdKind } from '@/lib/domain';
import type { Actor } from '@/lib/permissions';

export interface NewHouseholdInput {
  placeId: number;
  kind: HouseholdKind;
  addressDetail: string;
  building: string | null;
  unitNo: string | null;
  floor: number | null;
}

export async function createHousehold({ db, actor, input, ip }: { db: Db; actor: Actor; input: NewHouseholdInput; ip: string | null }): Promise<{ id: string }> {
  try {
    return await db.transaction(async (tx) => {
      const user = await accountForHousehold({ db: tx, userId: actor.id });
      if (!user || user.role !== 'resident') throw new AppError('forbidden:household');
      if (!user.idNumberHash || !user.idNumberEnc) throw new AppError('invalid:no_id_number');
      // A household sits in a village or a compound, never directly in a township.
      const place = await findPlaceLevel({ db: tx, placeId: input.placeId });
      if (!place || (place.level !== 'village' && place.level !== 'compound')) throw new AppError('invalid:place');
      if (await ownedHouseholdId({ db: tx, userId: user.id })) throw new AppError('duplicate:household');
      const kept = await findHouseholdByHead({ db: tx, idNumberHash: user.idNumberHash });
      // Their own, committed by a twin request since the line above (a double click).
      if (kept?.ownerUserId === user.id) throw new AppError('duplicate:household');
      // A cadre may already keep a household with this head for them (代办): they link it.
      if (kept) throw new AppError('duplicate:household_head');
      const flat = input.kind === 'urban';
      const { id } = await insertHousehold({
        tx,
        values: {
          ownerUserId: user.id,
          headName: user.realName,
          headIdNumberHash: user.idNumberHash,
          headIdNumberEnc: user.idNumberEnc,
          headPhoneEnc: user.phoneEnc,
          headPhoneHash: user.phoneHash,
          placeId: place.id,
          kind: input.kind,
          addressDetail: input.addressDetail,
          building: flat ? input.building : null,
          unitNo: flat ? input.unitNo : null,
          floor: flat ? input.floor : null,
          createdBy: user.id,
        },
      });
      await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'household.create', entity: 'household', entityId: id, success: true, ip, details: { placeId: place.id, kind: input.kind } } });
      return { id };
    });
  } catch (err) {
    // A second tab or a double click: the household exists already (owner or head ID unique).
    if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) throw new AppError('duplicate:household');
    throw err;
  }
}
