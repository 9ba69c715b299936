'use server';
// Lodging an objection from the public notice board: anyone signed in (capability
// notice:object), with a reason of 2–500 characters. lodgeObjection refuses a case that is not
// on notice, a closed notice, one's own household and a second open objection by the same person.
// Each account may try at most OBJECTION_LIMIT times a day (TRUST S6); refusals are audited.
import { z } from 'zod';
import { allow, anyRecord, defineAction, type ActionResult } from '@/lib/actions';
import { formSchema, reasonSchema } from '@/lib/validators';
import { caseAccess } from '@/db/queries/applications';
import { lodgeObjection } from '@/db/queries/notice';
import { OBJECTION_LIMIT, takeRateLimitSlot } from '@/db/queries/rate-limit';
import { writeAudit } from '@/db/queries/audit';

export const lodgeObjectionAction = defineAction({
  name: 'notice.object',
  capability: 'notice:object',
  input: formSchema({
    applicationId: z.uuid({ error: 'validation.invalidType' }),
    reason: reasonSchema,
  }),
  // The board is public: any case on it may be objected to by anyone signed in. Whether the case
  // is on the board (in public notice) is checked under lock in lodgeObjection.
  authorize: async ({ db, input }) => ((await caseAccess({ db, applicationId: input.applicationId })) ? allow(null) : 'not_found'),
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ id: string }>> => {
    const slot = await takeRateLimitSlot({ db, limit: OBJECTION_LIMIT, value: user.id });
    if (!slot.allowed) {
      await writeAudit({ db, event: { actorId: user.id, actorRole: user.role, action: 'objection.lodge', entity: 'application', entityId: input.applicationId, success: false, ip, details: { reason: 'rate_limited' } } });
      return { status: 'error', code: 'rate_limited:objection' };
    }
    const r = await lodgeObjection({ db, actor: { id: user.id, role: user.role }, applicationId: input.applicationId, reason: input.reason, ip });
    // No revalidation: the form shows its confirmation in place; the board shows "already
    // lodged" for this person on the next visit (nothing changes for anyone else).
    return { status: 'ok', data: { id: r.id } };
  },
});
