import 'server-only';
// Rate limits kept in PostgreSQL (TRUST S6), so a limit holds however many app nodes answer.
// A fixed window per (bucket, key): the first attempt opens the window, each attempt takes a
// slot, and once `max` slots are taken every further attempt is refused until the window has
// run out. Taking a slot is ONE conditional upsert, so parallel attempts each get a numbered
// slot and never more than `max` pass (the same idea as the sign-in counter in ./auth.ts).
// Keys are keyed hashes (lookupHash), namespaced by bucket: no phone, ID number or address is
// stored in clear, and a key cannot be joined to users.phone_hash.
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { rateLimits } from '../schema';
import { lookupHash } from '@/lib/protect';

export interface RateLimit {
  /** What is limited and by what, e.g. 'register.address'. */
  bucket: string;
  /** Attempts allowed per window. */
  max: number;
  windowSeconds: number;
}

export type SlotResult = { allowed: true; count: number } | { allowed: false };

/** The stored key for one value of a bucket (a keyed hash; the value itself is never stored). */
export function rateLimitKey(bucket: string, value: string): string {
  return lookupHash(`rate-limit|${bucket}|${value}`);
}

/**
 * Takes one slot of `limit` for `value`. Allowed: the attempt is counted (count = its number in
 * the window). Refused: nothing is counted, the window is not extended.
 */
export async function takeRateLimitSlot({ db, limit, value }: { db: DbOrTx; limit: RateLimit; value: string }): Promise<SlotResult> {
  const key = rateLimitKey(limit.bucket, value);
  const expired = sql`${rateLimits.windowStart} <= now() - make_interval(secs => ${limit.windowSeconds})`;
  const rows = await db
    .insert(rateLimits)
    .values({ bucket: limit.bucket, key, windowStart: sql`now()`, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimits.bucket, rateLimits.key],
      set: {
        windowStart: sql`CASE WHEN ${expired} THEN now() ELSE ${rateLimits.windowStart} END`,
        count: sql`CASE WHEN ${expired} THEN 1 ELSE ${rateLimits.count} + 1 END`,
      },
      setWhere: sql`${expired} OR ${rateLimits.count} < ${limit.max}`,
    })
    .returning({ count: rateLimits.count });
  const row = rows[0];
  return row ? { allowed: true, count: row.count } : { allowed: false };
}

/**
 * Takes a slot in each limit, in order, and stops at the first that refuses (later limits are
 * then not counted). Returns the bucket that refused, or null when every limit allowed.
 */
export async function takeRateLimitSlots({ db, checks }: { db: DbOrTx; checks: { limit: RateLimit; value: string }[] }): Promise<string | null> {
  for (const c of checks) {
    const r = await takeRateLimitSlot({ db, limit: c.limit, value: c.value });
    if (!r.allowed) return c.limit.bucket;
  }
  return null;
}

/** True when `value` has used every slot of `limit` in the current window (reads, counts nothing). */
export async function rateLimitExhausted({ db, limit, value }: { db: DbOrTx; limit: RateLimit; value: string }): Promise<boolean> {
  const rows = await db
    .select({ count: rateLimits.count })
    .from(rateLimits)
    .where(
      and(
        eq(rateLimits.bucket, limit.bucket),
        eq(rateLimits.key, rateLimitKey(limit.bucket, value)),
        sql`${rateLimits.windowStart} > now() - make_interval(secs => ${limit.windowSeconds})`,
        gte(rateLimits.count, limit.max),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/**
 * Wrong passwords from one client address, per hour (TRUST S6). The per-number lock (five
 * failures) stops guessing one person's password; this stops one address trying a few
 * passwords on each of many numbers. Only attempts that tested a password and failed count,
 * so a village office where many people sign in correctly is never held up.
 */
export const SIGN_IN_FAILURES_PER_ADDRESS: RateLimit = { bucket: 'sign_in.failed.address', max: 50, windowSeconds: 3600 };

/** Removes counters whose window ended more than `olderThanSeconds` ago (they count nothing). */
export async function pruneRateLimits({ db, olderThanSeconds }: { db: DbOrTx; olderThanSeconds: number }): Promise<number> {
  const gone = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, sql`now() - make_interval(secs => ${olderThanSeconds})`))
    .returning({ bucket: rateLimits.bucket });
  return gone.length;
}

/**
 * Objections lodged on the public notice board, per account and day (attempts that pass the
 * access check, lodged or refused). Each one lands on a cadre's desk; ten a day is far more
 * than a neighbour with real concerns needs, and stops one account burying a village's board.
 */
export const OBJECTION_LIMIT: RateLimit = { bucket: 'objection.account', max: 10, windowSeconds: 24 * 3600 };
