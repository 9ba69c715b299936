'use server';
// The staff inbox's two actions: open one notice (marks it read, then goes to the grievance or
// case it is about) and mark all read. Built with defineAction (session → role → input → the
// person's own row, loaded scoped by their id in `authorize`); each calls one of the shared
// notification use cases (server/notifications/), which only ever touch the signed-in
// person's rows. Plain form actions, so they work without JavaScript.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { allowFound, anyRecord, defineAction, type ActionResult } from '@/lib/actions';
import { formSchema } from '@/lib/validators';
import { findOwnNotification } from '@/db/queries/notifications';
import { markAllRead } from '@/server/notifications/mark-all-read';
import { openNotification } from '@/server/notifications/open-notification';

const INBOX = '/cadre/inbox';

/** Form action: mark one notice read and open what it is about (the inbox when it cannot be opened). */
export const openStaffNotificationAction = defineAction({
  name: 'cadre.notification.open',
  capability: 'notifications:read_own',
  input: formSchema({ id: z.uuid({ error: 'validation.invalidType' }) }),
  authorize: async ({ db, user, input }) => allowFound(await findOwnNotification({ db, userId: user.id, id: input.id })),
  run: async ({ db, user, record }): Promise<ActionResult<{ link: string }>> => {
    const { link } = await openNotification({ db, actor: user, notificationId: record.id });
    revalidatePath('/cadre', 'layout');
    return { status: 'ok', data: { link: link ?? INBOX } };
  },
  redirect: (r) => (r.status === 'ok' ? r.data.link : INBOX),
});

/** Form action: mark every notice of the signed-in person read. */
export const markAllStaffNotificationsReadAction = defineAction({
  name: 'cadre.notification.readAll',
  capability: 'notifications:read_own',
  input: formSchema({}),
  authorize: anyRecord, // only the person's own rows are touched (scoped by their id)
  run: async ({ db, user }): Promise<ActionResult<{ count: number }>> => {
    const data = await markAllRead({ db, actor: user });
    revalidatePath('/cadre', 'layout');
    return { status: 'ok', data };
  },
});
