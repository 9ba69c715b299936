'use server';
// Lodging an objection from the public notice board: anyone signed in (capability
// notice:object), with a reason of 2–500 characters. lodgeObjection (server/objections/)
// refuses a case that is not on notice, a closed notice, one's own household and a second open
// objection by the same person. Each account may try at most OBJECTION_LIMIT times a day
// (TRUST S6); refusals are audited.
import { z } from 'zod';
import { allowFound, defineAction, type ActionResult } from '@/lib/actions';
import { formSchema, reasonSchema } from '@/lib/validators';
import { findNoticeCase } from '@/db/queries/notice';
import { lodgeObjection } from '@/server/objections/lodge-objection';

export const lodgeObjectionAction = defineAction({
  name: 'notice.object',
  capability: 'notice:object',
  input: formSchema({
    applicationId: z.uuid({ error: 'validation.invalidType' }),
    reason: reasonSchema,
  }),
  // The board is public: any case on it may be objected to by anyone signed in; a case that is
  // not on it is not found. lodgeObjection checks again under lock.
  authorize: async ({ db, input }) => allowFound(await findNoticeCase({ db, applicationId: input.applicationId })),
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ id: string }>> => {
    const r = await lodgeObjection({ db, actor: user, applicationId: input.applicationId, reason: input.reason, ip });
    // No revalidation: the form shows its confirmation in place; the board shows "already
    // lodged" for this person on the next visit (nothing changes for anyone else).
    return { status: 'ok', data: { id: r.id } };
  },
});
