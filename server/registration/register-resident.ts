import 'server-only';
// A resident creating their own account (the only write an anonymous visitor can make).
// Phone and ID number are stored sealed, found through keyed hashes; the password as an
// argon2id hash. "Phone taken" / "ID taken" say that a number is on the register, so every
// attempt, successful or not, first takes a slot in four rate limits (TRUST S6): per client
// address, per phone, per ID number and overall. The slots are taken, and refusals audited,
// in statements of their own on purpose: a refused attempt must still count and be recorded.
// The account and its audit event are written in one transaction.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { pruneRateLimits, takeRateLimitSlots } from '@/db/queries/rate-limit';
import { insertUser, registeredNumbers, REGISTRATION_LIMITS } from '@/db/queries/registration';
import type { Locale } from '@/lib/domain';
import { pgErrorCode, PG_UNIQUE_VIOLATION } from '@/lib/errors';
import { hashPassword } from '@/lib/password';
import { maskPhone } from '@/lib/pii';
import { lookupHash, sealPii } from '@/lib/protect';

/** The key of the address limit when the address is unknown: all such requests share one bucket. */
const UNKNOWN_ADDRESS = 'unknown';
const RATE_LIMIT_ROWS_KEPT_S = 2 * 24 * 3600;

export interface RegistrationInput {
  realName: string;
  /** Normalised (lib/validators idNumberSchema output). */
  idNumber: string;
  /** Normalised, 11 digits (mobileSchema output). */
  phone: string;
  password: string;
  locale: Locale;
}

export type RegistrationResult =
  | { status: 'ok'; userId: string }
  | { status: 'taken'; phone: boolean; idNumber: boolean }
  | { status: 'rate_limited'; limit: keyof typeof REGISTRATION_LIMITS };

/** The name of the constraint a unique violation broke (drizzle wraps the driver's error). */
function constraintOf(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    const c = (e as { constraint?: unknown }).constraint;
    if (typeof c === 'string') return c;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export async function registerResident({ db, input, ip }: { db: Db; input: RegistrationInput; ip: string | null }): Promise<RegistrationResult> {
  const masked = maskPhone(input.phone);
  const L = REGISTRATION_LIMITS;
  const refusedBy = await takeRateLimitSlots({
    db,
    checks: [
      { limit: L.address, value: ip ?? UNKNOWN_ADDRESS },
      { limit: L.phone, value: input.phone },
      { limit: L.idNumber, value: input.idNumber },
      { limit: L.global, value: 'all' },
    ],
  });
  if (refusedBy) {
    const limit = (Object.keys(L) as (keyof typeof L)[]).find((k) => L[k].bucket === refusedBy)!;
    await writeAudit({ db, event: { actorId: null, actorRole: null, action: 'user.register', entity: 'user', entityId: null, success: false, ip, details: { phone: masked, reason: 'rate_limited', limit } } });
    return { status: 'rate_limited', limit };
  }
  // Old counters are dead weight; clearing them now and then keeps the table small.
  if (Math.random() < 0.01) await pruneRateLimits({ db, olderThanSeconds: RATE_LIMIT_ROWS_KEPT_S });

  const phoneHash = lookupHash(input.phone);
  const idHash = lookupHash(input.idNumber);

  const refuse = async (phone: boolean, idNumber: boolean): Promise<RegistrationResult> => {
    await writeAudit({ db, event: { actorId: null, actorRole: null, action: 'user.register', entity: 'user', entityId: null, success: false, ip, details: { phone: masked, reason: [phone && 'phone_taken', idNumber && 'id_taken'].filter(Boolean).join(',') } } });
    return { status: 'taken', phone, idNumber };
  };

  const taken = await registeredNumbers({ db, phoneHash, idNumberHash: idHash });
  if (taken.phone || taken.idNumber) return refuse(taken.phone, taken.idNumber);

  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const user = await insertUser({
        tx,
        values: { role: 'resident', realName: input.realName, phoneHash, phoneEnc: sealPii(input.phone), idNumberHash: idHash, idNumberEnc: sealPii(input.idNumber), passwordHash, locale: input.locale },
      });
      await writeAudit({ db: tx, event: { actorId: user.id, actorRole: 'resident', action: 'user.register', entity: 'user', entityId: user.id, success: true, ip, details: { phone: masked } } });
      return { status: 'ok', userId: user.id } as const;
    });
  } catch (err) {
    // The same number registered a moment ago in another tab (or a double click).
    if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) {
      const c = constraintOf(err) ?? '';
      const id = c.includes('id_number');
      return refuse(c.includes('phone') || !id, id);
    }
    throw err;
  }
}
