import 'server-only';
// A person opens one of their notifications from the inbox: it is marked read (the first
// moment stays), and they are sent to what it is about — only ever a path inside this site.
import type { Db } from '@/db/client';
import { findOwnNotification, markNotificationsRead } from '@/db/queries/notifications';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/permissions';

/** A stored link is followed only when it is a path of this site (not "//host" or "/\\host"). */
function localLink(link: string | null): string | null {
  return link && link.startsWith('/') && !link.startsWith('//') && !link.includes('\\') ? link : null;
}

/** Returns where to go next (null: nowhere safe, stay in the inbox). Someone else's notification is not found. */
export async function openNotification({ db, actor, notificationId }: { db: Db; actor: Actor; notificationId: string }): Promise<{ link: string | null }> {
  return db.transaction(async (tx) => {
    const n = await findOwnNotification({ db: tx, userId: actor.id, id: notificationId });
    if (!n) throw new AppError('not_found:notification');
    if (!n.readAt) await markNotificationsRead({ db: tx, userId: actor.id, ids: [n.id] });
    return { link: localLink(n.link) };
  });
}
