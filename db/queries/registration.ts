import 'server-only';
// A resident creating their own account (the only write an anonymous visitor can make).
// Phone and ID number are stored encrypted, found through keyed hashes; the password as an
// argon2id hash. Attempts that hit an existing phone or ID are audited and rate-limited per
// address, because those answers say that a number is registered.
import { and, count, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../client';
import { auditEvents, households, users } from '../schema';
import { writeAudit } from './audit';
import { hashPassword } from '@/lib/password';
import { maskPhone } from '@/lib/pii';
import { lookupHash, sealPii } from '@/lib/protect';
import { pgErrorCode, PG_UNIQUE_VIOLATION } from '@/lib/errors';
import type { Locale } from '@/lib/domain';

/** Refused attempts (phone or ID already registered) allowed per address and hour. */
export const MAX_REFUSED_REGISTRATIONS_PER_HOUR = 10;

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
  | { status: 'rate_limited' };

function constraintOf(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    const c = (e as { constraint?: unknown }).constraint;
    if (typeof c === 'string') return c;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

async function refusedRecently(db: Db, ip: string | null, now: Date): Promise<number> {
  const since = new Date(now.getTime() - 3_600_000);
  const [row] = await db
    .select({ n: count() })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, 'user.register'), eq(auditEvents.success, false), gt(auditEvents.at, since), ip ? eq(auditEvents.ip, ip) : isNull(auditEvents.ip)));
  return row?.n ?? 0;
}

export async function registerResident({ db, input, ip, now = new Date() }: { db: Db; input: RegistrationInput; ip: string | null; now?: Date }): Promise<RegistrationResult> {
  if ((await refusedRecently(db, ip, now)) >= MAX_REFUSED_REGISTRATIONS_PER_HOUR) return { status: 'rate_limited' };

  const phoneHash = lookupHash(input.phone);
  const idHash = lookupHash(input.idNumber);
  const masked = maskPhone(input.phone);

  const refuse = async (phone: boolean, idNumber: boolean): Promise<RegistrationResult> => {
    await writeAudit({ db, event: { actorId: null, actorRole: null, action: 'user.register', entity: 'user', entityId: null, success: false, ip, details: { phone: masked, reason: [phone && 'phone_taken', idNumber && 'id_taken'].filter(Boolean).join(',') } } });
    return { status: 'taken', phone, idNumber };
  };

  const [phoneUser] = await db.select({ id: users.id }).from(users).where(eq(users.phoneHash, phoneHash)).limit(1);
  const [idUser] = await db.select({ id: users.id }).from(users).where(eq(users.idNumberHash, idHash)).limit(1);
  const [idHead] = idUser ? [] : await db.select({ id: households.id }).from(households).where(eq(households.headIdNumberHash, idHash)).limit(1);
  if (phoneUser || idUser || idHead) return refuse(Boolean(phoneUser), Boolean(idUser || idHead));

  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ role: 'resident', realName: input.realName, phoneHash, phoneEnc: sealPii(input.phone), idNumberHash: idHash, idNumberEnc: sealPii(input.idNumber), passwordHash, locale: input.locale })
        .returning({ id: users.id });
      await writeAudit({ db: tx, event: { actorId: user!.id, actorRole: 'resident', action: 'user.register', entity: 'user', entityId: user!.id, success: true, ip, details: { phone: masked } } });
      return { status: 'ok', userId: user!.id } as const;
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
