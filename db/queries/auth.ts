import 'server-only';
// Accounts as sign-in and sessions see them: the rows and the conditional statements the
// sign-in use case (server/auth/sign-in.ts) is built from, and the session checks.
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../client';
import { endedSessions, householdMembers, households, signInThrottle, staffRelatives, userPlaces, places, users } from '../schema';
import { SESSION_MAX_AGE_S } from '@/lib/session-limits';
import { writeAudit } from './audit';
import type { Role } from '@/lib/domain';
import { preparedRead } from './prepared';

/** The account with this phone (by its keyed hash), or null. */
export async function findUserByPhoneHash({ db, phoneHash }: { db: DbOrTx; phoneHash: string }) {
  const [user] = await db.select().from(users).where(eq(users.phoneHash, phoneHash)).limit(1);
  return user ?? null;
}

type AnyFailed = typeof users.failedSignIns | typeof signInThrottle.failedSignIns;
type AnyLocked = typeof users.lockedUntil | typeof signInThrottle.lockedUntil;

/**
 * Counts one sign-in attempt BEFORE its password is tested, in one conditional statement, on
 * the account or (for a number without one) on the throttle row of its phone hash: parallel
 * guesses each take a numbered slot; the `maxFailures`-th locks for `lockMinutes`; while a
 * lock runs no slot is given (false). A lock that has run out starts the count again.
 */
export async function takeSignInSlot({
  db,
  on,
  maxFailures,
  lockMinutes,
}: {
  db: DbOrTx;
  on: { userId: string } | { phoneHash: string };
  maxFailures: number;
  lockMinutes: number;
}): Promise<boolean> {
  const expired = (locked: AnyLocked) => sql`(${locked} IS NOT NULL AND ${locked} <= now())`;
  const nextCount = (failed: AnyFailed, locked: AnyLocked) => sql`CASE WHEN ${expired(locked)} THEN 1 ELSE ${failed} + 1 END`;
  const nextLock = (failed: AnyFailed, locked: AnyLocked) => sql`CASE WHEN ${nextCount(failed, locked)} >= ${maxFailures} THEN now() + make_interval(mins => ${lockMinutes}) ELSE NULL END`;
  const notLocked = (locked: AnyLocked) => sql`(${locked} IS NULL OR ${locked} <= now())`;

  const slot =
    'userId' in on
      ? await db
          .update(users)
          .set({ failedSignIns: nextCount(users.failedSignIns, users.lockedUntil), lockedUntil: nextLock(users.failedSignIns, users.lockedUntil) })
          .where(and(eq(users.id, on.userId), notLocked(users.lockedUntil)))
          .returning({ n: users.failedSignIns })
      : await db
          .insert(signInThrottle)
          .values({ phoneHash: on.phoneHash, failedSignIns: 1 })
          .onConflictDoUpdate({
            target: signInThrottle.phoneHash,
            set: { failedSignIns: nextCount(signInThrottle.failedSignIns, signInThrottle.lockedUntil), lockedUntil: nextLock(signInThrottle.failedSignIns, signInThrottle.lockedUntil), updatedAt: new Date() },
            setWhere: notLocked(signInThrottle.lockedUntil),
          })
          .returning({ n: signInThrottle.failedSignIns });
  return slot.length > 0;
}

/** A successful sign-in: the failure count and any lock are cleared. */
export async function recordSignIn({ db, userId, at }: { db: DbOrTx; userId: string; at: Date }): Promise<void> {
  await db.update(users).set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: at }).where(eq(users.id, userId));
}

/** The places a person is assigned to. */
export async function assignedPlaces({ db, userId }: { db: DbOrTx; userId: string }): Promise<{ id: number; path: string }[]> {
  return db.select({ id: places.id, path: places.path }).from(userPlaces).innerJoin(places, eq(userPlaces.placeId, places.id)).where(eq(userPlaces.userId, userId));
}

/**
 * The facts a session must still match on every request — active, same role, same session
 * version — and the places the person is assigned to now (never the ones in the cookie, so
 * unassigning a cadre takes effect on their next request). One round trip.
 */
const sessionUserStateQuery = preparedRead('session_user_state', (db) =>
  db
    .select({
      active: users.active,
      role: users.role,
      sessionVersion: users.sessionVersion,
      mustChangePassword: users.mustChangePassword,
      name: users.realName,
      placeIds: sql<number[]>`coalesce(array_agg(${places.id} ORDER BY ${places.id}) FILTER (WHERE ${places.id} IS NOT NULL), '{}')`,
      placePaths: sql<string[]>`coalesce(array_agg(${places.path} ORDER BY ${places.id}) FILTER (WHERE ${places.id} IS NOT NULL), '{}')`,
      ended: sql<boolean>`exists (select 1 from ${endedSessions} where ${endedSessions.sid} = ${sql.placeholder('sid')})`,
      // Households a staff member must not act on (lib/permissions.ts dutyConflict): the head or
      // a member carries their own ID hash or a declared relative's (issue 9 item 7).
      conflictHouseholdIds: sql<string[]>`CASE WHEN ${users.role} = 'resident' THEN '{}'::text[] ELSE array(
        WITH hashes AS (
          SELECT ${users.idNumberHash} AS h WHERE ${users.idNumberHash} IS NOT NULL
          UNION SELECT r.id_number_hash FROM ${staffRelatives} r WHERE r.staff_user_id = ${users.id}
        )
        SELECT hh.id::text FROM ${households} hh WHERE hh.head_id_number_hash IN (SELECT h FROM hashes)
        UNION SELECT m.household_id::text FROM ${householdMembers} m WHERE m.id_number_hash IN (SELECT h FROM hashes)
      ) END`,
    })
    .from(users)
    .leftJoin(userPlaces, eq(userPlaces.userId, users.id))
    .leftJoin(places, eq(places.id, userPlaces.placeId))
    .where(and(eq(users.id, sql.placeholder('userId')), gt(users.sessionVersion, 0)))
    .groupBy(users.id)
    .limit(1),
);

export async function sessionUserState({ db, userId, sid }: { db: Db; userId: string; sid: string }) {
  const [row] = await sessionUserStateQuery(db, { userId, sid });
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
