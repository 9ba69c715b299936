import 'server-only';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { signInThrottle, userPlaces, places, users } from '../schema';
import { writeAudit } from './audit';
import { verifyPassword } from '@/lib/password';
import { lookupHash } from '@/lib/protect';
import { maskPhone, normaliseMobile } from '@/lib/pii';
import type { Role } from '@/lib/domain';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;

export type SignInResult =
  | { status: 'ok'; user: { id: string; role: Role; name: string; sessionVersion: number; placeIds: number[]; placePaths: string[] } }
  | { status: 'invalid' }
  | { status: 'locked' };

/**
 * Checks a phone + password. Unknown numbers and wrong passwords take the same path (a hash
 * is always verified, a counter is always bumped), so neither the answer nor its timing says
 * whether an account exists. Five failures lock the number for 15 minutes.
 */
export async function attemptSignIn({ db, phone, password, ip }: { db: Db; phone: string; password: string; ip: string | null }): Promise<SignInResult> {
  const normalised = normaliseMobile(phone);
  const phoneHash = lookupHash(normalised);
  const masked = maskPhone(normalised);
  const now = new Date();

  const [user] = await db.select().from(users).where(eq(users.phoneHash, phoneHash)).limit(1);
  const [throttle] = user ? [] : await db.select().from(signInThrottle).where(eq(signInThrottle.phoneHash, phoneHash)).limit(1);
  const lockedUntil = user?.lockedUntil ?? throttle?.lockedUntil ?? null;

  if (lockedUntil && lockedUntil > now) {
    await verifyPassword(null, password);
    await writeAudit({ db, event: { actorId: user?.id ?? null, actorRole: user?.role ?? null, action: 'auth.sign_in', entity: 'user', entityId: user?.id ?? null, success: false, ip, details: { reason: 'locked', phone: masked } } });
    return { status: 'locked' };
  }

  const ok = (await verifyPassword(user?.passwordHash ?? null, password)) && user?.active === true;
  if (ok && user) {
    return db.transaction(async (tx) => {
      await tx.update(users).set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: now }).where(eq(users.id, user.id));
      await writeAudit({ db: tx, event: { actorId: user.id, actorRole: user.role, action: 'auth.sign_in', entity: 'user', entityId: user.id, success: true, ip, details: { phone: masked } } });
      const assigned = await tx.select({ id: places.id, path: places.path }).from(userPlaces).innerJoin(places, eq(userPlaces.placeId, places.id)).where(eq(userPlaces.userId, user.id));
      return { status: 'ok' as const, user: { id: user.id, role: user.role, name: user.realName, sessionVersion: user.sessionVersion, placeIds: assigned.map((p) => p.id), placePaths: assigned.map((p) => p.path) } };
    });
  }

  // One statement bumps the counter and sets the lock, so parallel attempts cannot slip past 5.
  const lockExpr = (col: typeof users.failedSignIns | typeof signInThrottle.failedSignIns) =>
    sql`CASE WHEN ${col} + 1 >= ${MAX_FAILED_SIGN_INS} THEN now() + make_interval(mins => ${LOCK_MINUTES}) ELSE NULL END`;
  await db.transaction(async (tx) => {
    if (user) {
      await tx
        .update(users)
        .set({ lockedUntil: lockExpr(users.failedSignIns), failedSignIns: sql`CASE WHEN ${users.failedSignIns} + 1 >= ${MAX_FAILED_SIGN_INS} THEN 0 ELSE ${users.failedSignIns} + 1 END` })
        .where(eq(users.id, user.id));
    } else {
      await tx
        .insert(signInThrottle)
        .values({ phoneHash, failedSignIns: 1 })
        .onConflictDoUpdate({
          target: signInThrottle.phoneHash,
          set: { lockedUntil: lockExpr(signInThrottle.failedSignIns), failedSignIns: sql`CASE WHEN ${signInThrottle.failedSignIns} + 1 >= ${MAX_FAILED_SIGN_INS} THEN 0 ELSE ${signInThrottle.failedSignIns} + 1 END`, updatedAt: now },
        });
    }
    await writeAudit({ db: tx, event: { actorId: user?.id ?? null, actorRole: user?.role ?? null, action: 'auth.sign_in', entity: 'user', entityId: user?.id ?? null, success: false, ip, details: { reason: user ? 'password' : 'unknown_phone', phone: masked } } });
  });
  return { status: 'invalid' };
}

/** The facts a session must still match on every request: active, same role, same session version. */
export async function sessionUserState({ db, userId }: { db: Db; userId: string }) {
  const [row] = await db
    .select({ active: users.active, role: users.role, sessionVersion: users.sessionVersion, name: users.realName })
    .from(users)
    .where(and(eq(users.id, userId), gt(users.sessionVersion, 0)))
    .limit(1);
  return row ?? null;
}
