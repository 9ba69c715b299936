import 'server-only';
import { and, asc, desc, eq, inArray, isNull, lt, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../client';
import { notificationOutbox, notifications } from '../schema';
import { getNotifier, type Notifier } from '@/lib/notify';
import { logError } from '@/lib/log';
import type { ProgrammeCode } from '@/lib/domain';

export interface NotificationInput {
  userId: string;
  /** Message key under `notifications.kinds`, e.g. 'application.returned'. */
  kind: string;
  params?: Record<string, string | number>;
  link?: string | null;
}

/** Inbox row + outbox row, inside the caller's transaction (so a rolled-back change notifies no one). */
export async function enqueueNotification({ db, n }: { db: DbOrTx; n: NotificationInput }): Promise<void> {
  const [row] = await db.insert(notifications).values({ userId: n.userId, kind: n.kind, params: n.params ?? {}, link: n.link ?? null }).returning({ id: notifications.id });
  await db.insert(notificationOutbox).values({ notificationId: row!.id, channel: getNotifier().channel });
}

/**
 * The names of the CTEs `notifyCaseOwnersCtes` reads cases from: `up` in the publish statement
 * (db/queries/notice.ts), `ins` in the enrolment run (db/queries/enrolment.ts). A fixed list, so
 * no caller can splice other text in as the CTE name.
 */
export type CaseCteName = 'up' | 'ins';

/**
 * The two CTEs `notes AS (…), outbox AS (…)` that tell the owner of each case in the CTE `from`
 * (rows with id, household_id, reference) that it changed: one inbox row of `kind` per case
 * whose household has an owner account (a household kept by a cadre, 代办, has none and gets
 * nothing), with the case's reference and the programme as params and a link to the case, and
 * one outbox row per inbox row on the notifier's `channel`. To be spliced after a comma in the
 * caller's WITH list, inside the caller's transaction. Set-based on purpose: publishing a
 * programme's recommended cases or an enrolment run changes thousands of cases in one statement,
 * and notifies their owners in that same statement rather than row by row.
 * `enqueueNotification` above is the one-row version, for a change to a single case.
 */
export function notifyCaseOwnersCtes({ from, kind, code, now, channel }: { from: CaseCteName; kind: string; code: ProgrammeCode; now: Date; channel: string }): SQL {
  const cases = sql.identifier(from);
  return sql`notes AS (
      INSERT INTO notifications (user_id, kind, params, link, created_at)
      SELECT h.owner_user_id, ${kind}::text, jsonb_build_object('reference', ${cases}.reference, 'programme', ${code}::text), '/resident/applications/' || ${cases}.id, ${now}::timestamptz
      FROM ${cases} JOIN households h ON h.id = ${cases}.household_id
      WHERE h.owner_user_id IS NOT NULL
      RETURNING id
    ), outbox AS (
      INSERT INTO notification_outbox (notification_id, channel) SELECT id, ${channel}::text FROM notes
    )`;
}

export const MAX_ATTEMPTS = 5;

/**
 * Delivers pending outbox rows through the notifier, each at most once even when several
 * drains run at the same time (two requests, several app nodes): a row is taken with
 * `FOR UPDATE SKIP LOCKED` inside its own transaction and marked sent (or its attempt counted)
 * before that transaction commits, so no other drain can see it as pending meanwhile. A
 * crash before the commit leaves the row pending, to be delivered by the next drain (at
 * least once rather than lost). A row whose delivery fails MAX_ATTEMPTS times is marked failed.
 * Each row is tried at most once per call.
 */
export async function drainOutbox({ db, notifier = getNotifier(), limit = 50 }: { db: Db; notifier?: Notifier; limit?: number }): Promise<number> {
  let sent = 0;
  const tried: number[] = [];
  for (let i = 0; i < limit; i++) {
    const outcome = await db.transaction(async (tx) => {
      const [p] = await tx
        .select({ id: notificationOutbox.id, attempts: notificationOutbox.attempts, userId: notifications.userId, kind: notifications.kind, params: notifications.params, link: notifications.link })
        .from(notificationOutbox)
        .innerJoin(notifications, eq(notificationOutbox.notificationId, notifications.id))
        .where(and(eq(notificationOutbox.status, 'pending'), lt(notificationOutbox.attempts, MAX_ATTEMPTS), tried.length ? notInArray(notificationOutbox.id, tried) : undefined))
        .orderBy(asc(notificationOutbox.id))
        .limit(1)
        .for('update', { of: notificationOutbox, skipLocked: true });
      if (!p) return null;
      tried.push(p.id);
      const attempts = p.attempts + 1;
      try {
        await notifier.deliver({ outboxId: p.id, userId: p.userId, kind: p.kind, params: p.params as Record<string, unknown>, link: p.link });
      } catch (err) {
        await tx
          .update(notificationOutbox)
          .set({ attempts, lastError: err instanceof Error ? err.message.slice(0, 300) : 'delivery failed', status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending' })
          .where(eq(notificationOutbox.id, p.id));
        return 'failed' as const;
      }
      await tx.update(notificationOutbox).set({ attempts, status: 'sent', sentAt: new Date(), lastError: null }).where(eq(notificationOutbox.id, p.id));
      return 'sent' as const;
    });
    if (outcome === null) break;
    if (outcome === 'sent') sent++;
  }
  return sent;
}

const RETRY_AFTER_MS = 60_000;
const g = globalThis as unknown as { __reliefDrainRetry?: ReturnType<typeof setTimeout>; __reliefDrains?: WeakMap<Db, { again: boolean; done: Promise<void> }> };

/**
 * Fire-and-forget drain after a commit; a failure here never affects the person's action.
 * One drain runs at a time in a process: a request that finds one running asks it to go round
 * once more (its rows may have committed after the running loop looked), so ten submissions at
 * once cost one loop over ten rows instead of ten loops racing for them (the bench's G2).
 * When rows are left pending (a delivery failed), one retry is scheduled a minute later, and
 * so on until they are sent or marked failed: a small periodic drain with no job runner.
 */
export function drainSoon(db: Db): void {
  const running = (g.__reliefDrains ??= new WeakMap());
  const current = running.get(db);
  if (current) {
    current.again = true;
    return;
  }
  let finished!: () => void;
  const state = { again: false, done: new Promise<void>((resolve) => (finished = resolve)) };
  running.set(db, state);
  setTimeout(() => {
    (async () => {
      do {
        state.again = false;
        await drainOutbox({ db });
      } while (state.again);
      const [left] = await db.select({ id: notificationOutbox.id }).from(notificationOutbox).where(and(eq(notificationOutbox.status, 'pending'), lt(notificationOutbox.attempts, MAX_ATTEMPTS))).limit(1);
      if (left && !g.__reliefDrainRetry) {
        g.__reliefDrainRetry = setTimeout(() => {
          g.__reliefDrainRetry = undefined;
          drainSoon(db);
        }, RETRY_AFTER_MS);
        g.__reliefDrainRetry.unref?.();
      }
    })()
      .catch((err: unknown) => logError('notify: drain failed', err))
      .finally(() => {
        running.delete(db);
        finished();
      });
  }, 0);
}

/** Resolves when no drain runs for `db` (tests wait for it before closing the pool). */
export function drainIdle(db: Db): Promise<void> {
  return g.__reliefDrains?.get(db)?.done ?? Promise.resolve();
}

export async function listNotifications({ db, userId, limit = 50 }: { db: DbOrTx; userId: string; limit?: number }) {
  return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit);
}

/** Marks the given notifications read, only those that belong to `userId`. */
export async function markNotificationsRead({ db, userId, ids }: { db: DbOrTx; userId: string; ids: string[] | 'all' }): Promise<number> {
  const cond = ids === 'all' ? and(eq(notifications.userId, userId), isNull(notifications.readAt)) : and(eq(notifications.userId, userId), inArray(notifications.id, ids), isNull(notifications.readAt));
  const rows = await db.update(notifications).set({ readAt: new Date() }).where(cond).returning({ id: notifications.id });
  return rows.length;
}

/** One notification of `userId` (someone else's answers null, as if it did not exist). */
export async function findOwnNotification({ db, userId, id }: { db: DbOrTx; userId: string; id: string }) {
  const [row] = await db.select({ id: notifications.id, link: notifications.link, readAt: notifications.readAt }).from(notifications).where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  return row ?? null;
}
