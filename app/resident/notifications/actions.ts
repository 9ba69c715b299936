'use server';
// The inbox's two actions: open one notification (marks it read, then goes to its case) and
// mark all read. Built with defineAction (session → role → input → own row, loaded scoped by
// the person in `authorize`); each calls one use case (server/notifications/), which only ever
// touches the signed-in person's rows. Plain form actions, so they work without JavaScript.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { allowFound, anyRecord, defineAction, type ActionResult } from '@/lib/actions';
import { formSchema } from '@/lib/validators';
import { findOwnNotification } from '@/db/queries/notifications';
import { markAllRead } from '@/server/notifications/mark-all-read';
import { openNotification } from '@/server/notifications/open-notification';

const INBOX = '/resident/notifications';

/** Form action: mark one notification read and open what it is about (the inbox when it cannot be opened). */
export const openNotificationAction = defineAction({
  name: 'notification.open',
  capability: 'notifications:read_own',
  input: formSchema({ id: z.uuid({ error: 'validation.invalidType' }) }),
  authorize: async ({ db, user, input }) => allowFound(await findOwnNotification({ db, userId: user.id, id: input.id })),
  run: async ({ db, user, record }): Promise<ActionResult<{ link: string }>> => {
    const { link } = await openNotification({ db, actor: user, notificationId: record.id });
    revalidatePath('/resident', 'layout');
    return { status: 'ok', data: { link: link ?? INBOX } };
  },
  // Every outcome leaves the form: the case on success, otherwise the inbox, shown afresh.
  redirect: (r) => (r.status === 'ok' ? r.data.link : INBOX),
});

/** Form action: mark every notification of the signed-in person read. */
export const markAllReadAction = defineAction({
  name: 'notification.readAll',
  capability: 'notifications:read_own',
  input: formSchema({}),
  authorize: anyRecord, // only the person's own rows are touched (scoped by their id)
  run: async ({ db, user }): Promise<ActionResult<{ count: number }>> => {
    const data = await markAllRead({ db, actor: user });
    revalidatePath('/resident', 'layout');
    return { status: 'ok', data };
  },
});
