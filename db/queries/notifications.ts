import 'server-only';
import { and, asc, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { Db, DbOrTx } from '../client';
import { notificationOutbox, notifications } from '../schema';
import { getNotifier, type Notifier } from '@/lib/notify';

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

const MAX_ATTEMPTS = 5;

/**
 * Delivers pending outbox rows through the notifier. Safe to call from several places: each
 * row is claimed by a conditional update, so it is delivered once even with several nodes.
 */
export async function drainOutbox({ db, notifier = getNotifier(), limit = 50 }: { db: Db; notifier?: Notifier; limit?: number }): Promise<number> {
  const pending = await db
    .select({ id: notificationOutbox.id, attempts: notificationOutbox.attempts, userId: notifications.userId, kind: notifications.kind, params: notifications.params, link: notifications.link })
    .from(notificationOutbox)
    .innerJoin(notifications, eq(notificationOutbox.notificationId, notifications.id))
    .where(and(eq(notificationOutbox.status, 'pending'), lt(notificationOutbox.attempts, MAX_ATTEMPTS)))
    .orderBy(asc(notificationOutbox.id))
    .limit(limit);
  let sent = 0;
  for (const p of pending) {
    const claimed = await db
      .update(notificationOutbox)
      .set({ attempts: p.attempts + 1 })
      .where(and(eq(notificationOutbox.id, p.id), eq(notificationOutbox.attempts, p.attempts), eq(notificationOutbox.status, 'pending')))
      .returning({ id: notificationOutbox.id });
    if (claimed.length === 0) continue;
    try {
      await notifier.deliver({ outboxId: p.id, userId: p.userId, kind: p.kind, params: p.params as Record<string, unknown>, link: p.link });
      await db.update(notificationOutbox).set({ status: 'sent', sentAt: new Date() }).where(eq(notificationOutbox.id, p.id));
      sent++;
    } catch (err) {
      const failed = p.attempts + 1 >= MAX_ATTEMPTS;
      await db
        .update(notificationOutbox)
        .set({ lastError: err instanceof Error ? err.message.slice(0, 300) : 'delivery failed', status: failed ? 'failed' : 'pending' })
        .where(eq(notificationOutbox.id, p.id));
    }
  }
  return sent;
}

/** Fire-and-forget drain after a commit; a failure here never affects the person's action. */
export function drainSoon(db: Db): void {
  setTimeout(() => {
    drainOutbox({ db }).catch((err: unknown) => console.error('[notify] drain failed:', err instanceof Error ? err.message : err));
  }, 0);
}

export async function listNotifications({ db, userId, limit = 50 }: { db: DbOrTx; userId: string; limit?: number }) {
  return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt)).limit(limit);
}

/** Marks the given notifications read, only those that belong to `userId`. */
export async function markNotificationsRead({ db, userId, ids }: { db: DbOrTx; userId: string; ids: string[] | 'all' }): Promise<number> {
  const cond = ids === 'all' ? and(eq(notifications.userId, userId), isNull(notifications.readAt)) : and(eq(notifications.userId, userId), inArray(notifications.id, ids), isNull(notifications.readAt));
  const rows = await db.update(notifications).set({ readAt: new Date() }).where(cond).returning({ id: notifications.id });
  return rows.length;
}
