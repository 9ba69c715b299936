import 'server-only';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../client';
import { endedSessions, signInThrottle, userPlaces, places, users } from '../schema';
import { SESSION_MAX_AGE_S } from '@/lib/session-limits';
import { writeAudit } from './audit';
import { rateLimitExhausted, SIGN_IN_FAILURES_PER_ADDRESS, takeRateLimitSlot } from './rate-limit';
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
 * whether an account exists. Five attempts without a success lock the number for 15 minutes;
 * at most five passwords are ever tested per lock period, even under parallel guessing.
 */
export async function attemptSignIn({ db, phone, password, ip }: { db: Db; phone: string; password: string; ip: string | null }): Promise<SignInResult> {
  const normalised = normaliseMobile(phone);
  const phoneHash = lookupHash(normalised);
  const masked = maskPhone(normalised);
  const now = new Date();

  const [user] = await db.select().from(users).where(eq(users.phoneHash, phoneHash)).limit(1);

  // One address that keeps failing is refused before any password is tested, with the same
  // answer as a locked number, whatever number it tries next.
  if (ip && (await rateLimitExhausted({ db, limit: SIGN_IN_FAILURES_PER_ADDRESS, value: ip }))) {
    await verifyPassword(null, password); // same cost as a real check
    await writeAudit({ db, event: { actorId: user?.id ?? null, actorRole: user?.role ?? null, action: 'auth.sign_in', entity: 'user', entityId: user?.id ?? null, success: false, ip, details: { reason: 'address_limited', phone: masked } } });
    return { status: 'locked' };
  }

  // Count the attempt BEFORE testing the password, in one conditional statement: parallel
  // guesses each take a numbered slot, and once five are taken (or a lock is running) no
  // further password is tested at all. A lock that has run out starts the count again.
  const expired = (locked: AnyLocked) => sql`(${locked} IS NOT NULL AND ${locked} <= now())`;
  const nextCount = (failed: AnyFailed, locked: AnyLocked) => sql`CASE WHEN ${expired(locked)} THEN 1 ELSE ${failed} + 1 END`;
  const nextLock = (failed: AnyFailed, locked: AnyLocked) =>
    sql`CASE WHEN ${nextCount(failed, locked)} >= ${MAX_FAILED_SIGN_INS} THEN now() + make_interval(mins => ${LOCK_MINUTES}) ELSE NULL END`;
  const notLocked = (locked: AnyLocked) => sql`(${locked} IS NULL OR ${locked} <= now())`;

  const slot = user
    ? await db
        .update(users)
        .set({ failedSignIns: nextCount(users.failedSignIns, users.lockedUntil), lockedUntil: nextLock(users.failedSignIns, users.lockedUntil) })
        .where(and(eq(users.id, user.id), notLocked(users.lockedUntil)))
        .returning({ n: users.failedSignIns })
    : await db
        .insert(signInThrottle)
        .values({ phoneHash, failedSignIns: 1 })
        .onConflictDoUpdate({
          target: signInThrottle.phoneHash,
          set: { failedSignIns: nextCount(signInThrottle.failedSignIns, signInThrottle.lockedUntil), lockedUntil: nextLock(signInThrottle.failedSignIns, signInThrottle.lockedUntil), updatedAt: now },
          setWhere: notLocked(signInThrottle.lockedUntil),
        })
        .returning({ n: signInThrottle.failedSignIns });

  if (slot.length === 0) {
    await verifyPassword(null, password); // same cost as a real check
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

  if (ip) await takeRateLimitSlot({ db, limit: SIGN_IN_FAILURES_PER_ADDRESS, value: ip });
  await writeAudit({ db, event: { actorId: user?.id ?? null, actorRole: user?.role ?? null, action: 'auth.sign_in', entity: 'user', entityId: user?.id ?? null, success: false, ip, details: { reason: user ? 'password' : 'unknown_phone', phone: masked } } });
  return { status: 'invalid' };
}

type AnyFailed = typeof users.failedSignIns | typeof signInThrottle.failedSignIns;
type AnyLocked = typeof users.lockedUntil | typeof signInThrottle.lockedUntil;

/**
 * The facts a session must still match on every request — active, same role, same session
 * version — and the places the person is assigned to now (never the ones in the cookie, so
 * unassigning a cadre takes effect on their next request). One round trip.
 */
export async function sessionUserState({ db, userId, sid }: { db: Db; userId: string; sid: string }) {
  const [row] = await db
    .select({
      active: users.active,
      role: users.role,
      sessionVersion: users.sessionVersion,
      name: users.realName,
      placeIds: sql<number[]>`coalesce(array_agg(${places.id} ORDER BY ${places.id}) FILTER (WHERE ${places.id} IS NOT NULL), '{}')`,
      placePaths: sql<string[]>`coalesce(array_agg(${places.path} ORDER BY ${places.id}) FILTER (WHERE ${places.id} IS NOT NULL), '{}')`,
      ended: sql<boolean>`exists (select 1 from ${endedSessions} where ${endedSessions.sid} = ${sid})`,
    })
    .from(users)
    .leftJoin(userPlaces, eq(userPlaces.userId, users.id))
    .leftJoin(places, eq(places.id, userPlaces.placeId))
    .where(and(eq(users.id, userId), gt(users.sessionVersion, 0)))
    .groupBy(users.id)
    .limit(1);
  return row ? { ...row, placeIds: row.placeIds.map(Number), placePaths: row.placePaths } : null;
}

/** Ends one session (sign-out, TRUST S5), and clears ids whose sessions have lapsed anyway. */
export async function endSession({ db, userId, sid }: { db: Db; userId: string; sid: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ role: users.role }).from(users).where(eq(users.id, userId)).limit(1);
    if (!user) return;
    await tx.insert(endedSessions).values({ sid, userId }).onConflictDoNothing();
    await tx.delete(endedSessions).where(lt(endedSessions.endedAt, sql`now() - make_interval(secs => ${SESSION_MAX_AGE_S})`));
    await writeAudit({ db: tx, event: { actorId: userId, actorRole: user.role, action: 'auth.sign_out', entity: 'user', entityId: userId, success: true, ip: null, details: null } });
  });
}

/**
 * Ends every session of one person at once (TRUST S3): a password or role change and
 * deactivation call this (signing out ends only its own session: endSession). Sessions carry the version they were issued with;
 * the next request of any of them finds it changed and is treated as signed out.
 */
export async function endSessions({ db, userId, reason, actor }: { db: DbOrTx; userId: string; reason: 'password_changed' | 'role_changed' | 'deactivated' | 'places_changed' | 'admin'; actor?: { id: string; role: Role } }): Promise<boolean> {
  const bumped = await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ role: users.role });
  if (bumped.length === 0) return false;
  await writeAudit({ db, event: { actorId: actor?.id ?? userId, actorRole: actor?.role ?? bumped[0]!.role, action: 'auth.end_sessions', entity: 'user', entityId: userId, success: true, ip: null, details: { reason } } });
  return true;
}
