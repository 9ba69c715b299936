'use server';
// The inbox's two actions: open one notification (marks it read, then goes to its case) and
// mark all read. Built with defineAction (session → role → input → own row); the queries only
// ever touch the signed-in person's rows. Plain form actions, so they work without JavaScript.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { allow, anyRecord, defineAction, type ActionResult } from '@/lib/actions';
import { formSchema } from '@/lib/validators';
import { markNotificationsRead, ownNotification } from '@/db/queries/notifications';

const INBOX = '/resident/notifications';

/** Only a path inside this site; anything else stays on the inbox. */
function safeLink(link: string | null): string {
  return link && link.startsWith('/') && !link.startsWith('//') && !link.includes('\\') ? link : INBOX;
}

/** Form action: mark one notification read and open what it is about (the inbox when it cannot be opened). */
export const openNotificationAction = defineAction({
  name: 'notification.open',
  capability: 'notifications:read_own',
  input: formSchema({ id: z.uuid({ error: 'validation.invalidType' }) }),
  authorize: async ({ db, user, input }) => ((await ownNotification({ db, userId: user.id, id: input.id })) ? allow(null) : 'not_found'),
  run: async ({ db, user, input }): Promise<ActionResult<{ link: string }>> => {
    const n = await ownNotification({ db, userId: user.id, id: input.id });
    if (!n) return { status: 'not_found' };
    await markNotificationsRead({ db, userId: user.id, ids: [n.id] });
    revalidatePath('/resident', 'layout');
    return { status: 'ok', data: { link: safeLink(n.link) } };
  },
  // Every outcome leaves the form: the case on success, otherwise the inbox, shown afresh.
  redirect: (r) => (r.status === 'ok' ? r.data.link : INBOX),
});

/** Form action: mark every notification of the signed-in person read. */
export const markAllReadAction = defineAction({
  name: 'notification.readAll',
  capability: 'notifications:read_own',
  input: formSchema({}),
  authorize: anyRecord, // only the person's own rows are touched (scoped by userId)
  run: async ({ db, user }): Promise<ActionResult<{ count: number }>> => {
    const count = await markNotificationsRead({ db, userId: user.id, ids: 'all' });
    revalidatePath('/resident', 'layout');
    return { status: 'ok', data: { count } };
  },
});
