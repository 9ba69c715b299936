import 'server-only';
// Checks a phone + password for next-auth's credentials provider (lib/auth.ts). Unknown
// numbers and wrong passwords take the same path (a hash is always verified, a counter is
// always bumped), so neither the answer nor its timing says whether an account exists. Five
// attempts without a success lock the number for 15 minutes; at most five passwords are ever
// tested per lock period, even under parallel guessing. One address that keeps failing is
// refused before any password is tested. Every attempt leaves one audit event. Each counter
// is its own committed statement on purpose: a failed attempt must count even though it
// changes nothing else; the success is one transaction.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { assignedPlaces, findUserByPhoneHash, recordSignIn, takeSignInSlot } from '@/db/queries/auth';
import { rateLimitExhausted, SIGN_IN_FAILURES_PER_ADDRESS, takeRateLimitSlot } from '@/db/queries/rate-limit';
import type { Role } from '@/lib/domain';
import { verifyPassword } from '@/lib/password';
import { maskPhone, normaliseMobile } from '@/lib/pii';
import { lookupHash } from '@/lib/protect';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;

export type SignInResult =
  | { status: 'ok'; user: { id: string; role: Role; name: string; sessionVersion: number; placeIds: number[]; placePaths: string[] } }
  | { status: 'invalid' }
  | { status: 'locked' };

export async function signIn({ db, phone, password, ip }: { db: Db; phone: string; password: string; ip: string | null }): Promise<SignInResult> {
  const normalised = normaliseMobile(phone);
  const phoneHash = lookupHash(normalised);
  const masked = maskPhone(normalised);
  const now = new Date();

  const user = await findUserByPhoneHash({ db, phoneHash });
  const failed = (reason: string) =>
    writeAudit({ db, event: { actorId: user?.id ?? null, actorRole: user?.role ?? null, action: 'auth.sign_in', entity: 'user', entityId: user?.id ?? null, success: false, ip, details: { reason, phone: masked } } });

  // One address that keeps failing is refused, with the same answer as a locked number,
  // whatever number it tries next.
  if (ip && (await rateLimitExhausted({ db, limit: SIGN_IN_FAILURES_PER_ADDRESS, value: ip }))) {
    await verifyPassword(null, password); // same cost as a real check
    await failed('address_limited');
    return { status: 'locked' };
  }

  const slot = await takeSignInSlot({ db, on: user ? { userId: user.id } : { phoneHash }, maxFailures: MAX_FAILED_SIGN_INS, lockMinutes: LOCK_MINUTES });
  if (!slot) {
    await verifyPassword(null, password); // same cost as a real check
    await failed('locked');
    return { status: 'locked' };
  }

  const ok = (await verifyPassword(user?.passwordHash ?? null, password)) && user?.active === true;
  if (ok && user) {
    return db.transaction(async (tx) => {
      await recordSignIn({ db: tx, userId: user.id, at: now });
      await writeAudit({ db: tx, event: { actorId: user.id, actorRole: user.role, action: 'auth.sign_in', entity: 'user', entityId: user.id, success: true, ip, details: { phone: masked } } });
      const assigned = await assignedPlaces({ db: tx, userId: user.id });
      return { status: 'ok' as const, user: { id: user.id, role: user.role, name: user.realName, sessionVersion: user.sessionVersion, placeIds: assigned.map((p) => p.id), placePaths: assigned.map((p) => p.path) } };
    });
  }

  // Correct sign-ins never count against the address; failed ones do.
  if (ip) await takeRateLimitSlot({ db, limit: SIGN_IN_FAILURES_PER_ADDRESS, value: ip });
  await failed(user ? 'password' : 'unknown_phone');
  return { status: 'invalid' };
}
