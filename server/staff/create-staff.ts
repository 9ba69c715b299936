import 'server-only';
// An official creates a cadre or official account (issue 10 item 2): phone sealed and keyed,
// places only inside the official's scope, a one-time password returned once (to show) and
// stored only as a hash, to be changed at first sign-in. One transaction with its audit event.
import type { Db, DbOrTx } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { addUserPlaces, insertStaffUser, placesInScope } from '@/db/queries/staff-admin';
import { AppError, pgErrorCode, PG_UNIQUE_VIOLATION } from '@/lib/errors';
import { maskName, maskPhone } from '@/lib/pii';
import type { Actor } from '@/lib/permissions';
import { lookupHash, sealPii } from '@/lib/protect';
import { officialOnly } from './guard';
import { newOneTimePassword } from './one-time-password';

export interface NewStaff {
  realName: string;
  /** Normalised 11-digit mobile (the action's schema checks it). */
  phone: string;
  role: 'cadre' | 'official';
  placeIds: number[];
}

/** Inside a transaction the caller holds (the import creates many in one). */
export async function createStaffIn({ tx, actor, person, passwordHash, ip }: { tx: DbOrTx; actor: Actor; person: NewStaff; passwordHash: string; ip: string | null }): Promise<string> {
  officialOnly(actor);
  const wanted = [...new Set(person.placeIds)];
  if (wanted.length === 0) throw new AppError('invalid:places_required');
  const found = await placesInScope({ db: tx, actor, placeIds: wanted });
  if (found.length !== wanted.length) throw new AppError('forbidden:place_outside_scope');
  const userId = await insertStaffUser({
    tx,
    values: { role: person.role, realName: person.realName, phoneHash: lookupHash(person.phone), phoneEnc: sealPii(person.phone), passwordHash, mustChangePassword: true },
  });
  await addUserPlaces({ tx, userId, placeIds: wanted });
  await writeAudit({
    db: tx,
    event: { actorId: actor.id, actorRole: actor.role, action: 'staff.create', entity: 'user', entityId: userId, success: true, ip, details: { role: person.role, name: maskName(person.realName), phone: maskPhone(person.phone), placeIds: wanted } },
  });
  return userId;
}

export async function createStaff({ db, actor, person, ip }: { db: Db; actor: Actor; person: NewStaff; ip: string | null }): Promise<{ userId: string; oneTimePassword: string }> {
  const otp = await newOneTimePassword();
  try {
    const userId = await db.transaction((tx) => createStaffIn({ tx, actor, person, passwordHash: otp.hash, ip }));
    return { userId, oneTimePassword: otp.plain };
  } catch (err) {
    if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) throw new AppError('duplicate:phone');
    throw err;
  }
}
