import 'server-only';
// Marks every unread notification of the person read; only their own rows are touched.
import type { Db } from '@/db/client';
import { markNotificationsRead } from '@/db/queries/notifications';
import type { Actor } from '@/lib/permissions';

export async function markAllRead({ db, actor }: { db: Db; actor: Actor }): Promise<{ count: number }> {
  return { count: await markNotificationsRead({ db, userId: actor.id, ids: 'all' }) };
}
