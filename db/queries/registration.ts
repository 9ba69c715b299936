import 'server-only';
// Registration's data: the rate limits an attempt takes a slot in, and the rows it reads and
// writes. The use case (who may register, in which order the checks run, what is audited) is
// server/registration/register-resident.ts.
import { and, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../client';
import { households, users, type NewUser } from '../schema';
import type { RateLimit } from './rate-limit';

const HOUR = 3600;

/**
 * Registration attempts allowed per window, successful ones included. One address may be a
 * village office on a registration drive or a carrier's shared NAT, hence 60 an hour (one every
 * minute); a phone or ID number is registered once, so 5 an hour leaves room for a retry after
 * a typo elsewhere; the overall limit bounds how fast anyone, from any number of addresses, can
 * ask the register who is on it.
 */
export const REGISTRATION_LIMITS = {
  address: { bucket: 'register.address', max: 60, windowSeconds: HOUR },
  phone: { bucket: 'register.phone', max: 5, windowSeconds: HOUR },
  idNumber: { bucket: 'register.id_number', max: 5, windowSeconds: HOUR },
  global: { bucket: 'register.global', max: 2000, windowSeconds: HOUR },
} as const satisfies Record<string, RateLimit>;

/**
 * Whether a phone and an ID number are on the register: an account with them, or (for the ID
 * number) a household a cadre keeps with that head (代办).
 */
export async function registeredNumbers({ db, phoneHash, idNumberHash }: { db: DbOrTx; phoneHash: string; idNumberHash: string }): Promise<{ phone: boolean; idNumber: boolean }> {
  const [phoneUser] = await db.select({ id: users.id }).from(users).where(eq(users.phoneHash, phoneHash)).limit(1);
  const [idUser] = await db.select({ id: users.id }).from(users).where(eq(users.idNumberHash, idNumberHash)).limit(1);
  // The head of a household someone manages is registered; a household a cadre keeps with no
  // owner (代办) is not: its head registers and then claims it (server/households/claim-household.ts).
  const [idHead] = idUser ? [] : await db.select({ id: households.id }).from(households).where(and(eq(households.headIdNumberHash, idNumberHash), isNotNull(households.ownerUserId))).limit(1);
  return { phone: Boolean(phoneUser), idNumber: Boolean(idUser || idHead) };
}

export async function insertUser({ tx, values }: { tx: Tx; values: NewUser }): Promise<{ id: string }> {
  const [row] = await tx.insert(users).values(values).returning({ id: users.id });
  return row!;
}
