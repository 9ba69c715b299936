import 'server-only';
// The first official of a fresh deployment (scripts/create-official.ts). The password is
// generated here and returned once for the operator to hand over; only its argon2id hash is
// stored, and the account must choose its own password at first sign-in (must_change_password).
import { randomInt } from 'node:crypto';
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { findUserByPhoneHash } from '@/db/queries/auth';
import { insertFirstOfficial, placeByCode, rootPlace } from '@/db/queries/setup';
import { hashPassword } from '@/lib/password';
import { maskPhone, mobileProblem, normaliseMobile } from '@/lib/pii';
import { lookupHash, sealPii } from '@/lib/protect';

// No 0/O, 1/l/I: the password is read off a terminal and typed on a phone.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function oneTimePassword(length = 14): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

export type CreateOfficialResult =
  | { status: 'ok'; userId: string; password: string }
  | { status: 'invalid'; reason: 'phone' | 'name' | 'place_unknown' | 'no_places' | 'phone_taken' };

export async function createOfficial({ db, phone, name, placeCode }: { db: Db; phone: string; name: string; placeCode?: string }): Promise<CreateOfficialResult> {
  if (mobileProblem(phone)) return { status: 'invalid', reason: 'phone' };
  const realName = name.trim();
  if (realName === '' || realName.length > 50) return { status: 'invalid', reason: 'name' };
  const normalised = normaliseMobile(phone);
  const phoneHash = lookupHash(normalised);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);

  return db.transaction(async (tx) => {
    const place = placeCode ? await placeByCode({ db: tx, code: placeCode }) : await rootPlace({ db: tx });
    if (!place) return { status: 'invalid', reason: placeCode ? 'place_unknown' : 'no_places' } as const;
    if (await findUserByPhoneHash({ db: tx, phoneHash })) return { status: 'invalid', reason: 'phone_taken' } as const;
    const userId = await insertFirstOfficial({ db: tx, account: { realName, phoneHash, phoneEnc: sealPii(normalised), passwordHash, placeId: place.id } });
    await writeAudit({ db: tx, event: { actorId: null, actorRole: null, action: 'user.create_official', entity: 'user', entityId: userId, success: true, ip: null, details: { phone: maskPhone(normalised), via: 'create-official script', placeId: place.id } } });
    return { status: 'ok', userId, password } as const;
  });
}
