import 'server-only';
// Assisted service (代办): a cadre registers a household for a resident who has no account
// (often elderly, without a phone), inside the cadre's places. No owner account: the cadre
// keeps it until the person registers and claims it (claim-household.ts). The head's ID number
// is stored only sealed and as its keyed hash, which is unique: a head already registered
// (by a resident or by another cadre) is refused as a field error, never a 500.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { findPlaceInScope } from '@/db/queries/assist';
import { findHouseholdByHead, insertHousehold } from '@/db/queries/households';
import { AppError, pgErrorCode, PG_UNIQUE_VIOLATION } from '@/lib/errors';
import type { HouseholdKind } from '@/lib/domain';
import { can, type Actor } from '@/lib/permissions';
import { lookupHash, sealPii } from '@/lib/protect';

export interface AssistedHouseholdInput {
  headName: string;
  /** Normalised (lib/validators idNumberSchema output). */
  idNumber: string;
  /** Normalised mobile number, or null: many of these residents have none. */
  phone: string | null;
  placeId: number;
  kind: HouseholdKind;
  addressDetail: string;
  building: string | null;
  unitNo: string | null;
  floor: number | null;
}

export type CreateAssistedResult = { status: 'ok'; id: string } | { status: 'duplicate_head' } | { status: 'bad_place' };

export async function createAssistedHousehold({ db, actor, input, ip }: { db: Db; actor: Actor; input: AssistedHouseholdInput; ip: string | null }): Promise<CreateAssistedResult> {
  if (!can(actor.role, 'household:manage_in_place')) throw new AppError('forbidden:household');
  const idHash = lookupHash(input.idNumber);
  try {
    return await db.transaction(async (tx) => {
      // A household sits in a village or a compound of the cadre's own places, never in a township.
      const place = await findPlaceInScope({ db: tx, placeId: input.placeId, scopePaths: actor.placePaths });
      if (!place || (place.level !== 'village' && place.level !== 'compound')) return { status: 'bad_place' } as const;
      if (await findHouseholdByHead({ db: tx, idNumberHash: idHash })) return { status: 'duplicate_head' } as const;
      const flat = input.kind === 'urban';
      const { id } = await insertHousehold({
        tx,
        values: {
          ownerUserId: null,
          headName: input.headName,
          headIdNumberHash: idHash,
          headIdNumberEnc: sealPii(input.idNumber),
          headPhoneEnc: input.phone ? sealPii(input.phone) : null,
          headPhoneHash: input.phone ? lookupHash(input.phone) : null,
          placeId: place.id,
          kind: input.kind,
          addressDetail: input.addressDetail,
          building: flat ? input.building : null,
          unitNo: flat ? input.unitNo : null,
          floor: flat ? input.floor : null,
          createdBy: actor.id,
        },
      });
      // No name, ID or phone in the audit: the household id leads to them for whoever may see them.
      await writeAudit({
        db: tx,
        event: { actorId: actor.id, actorRole: actor.role, action: 'household.create_assisted', entity: 'household', entityId: id, success: true, ip, details: { placeId: place.id, kind: input.kind, withPhone: input.phone !== null } },
      });
      return { status: 'ok', id } as const;
    });
  } catch (err) {
    // Two cadres (or a resident and a cadre) registering the same head at once: the unique hash decides.
    if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) return { status: 'duplicate_head' };
    throw err;
  }
}
