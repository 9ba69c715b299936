'use server';
// The official's decision on one case: approve or decline a recommended case (after its public
// notice, when it has one), grant or deny an appeal. Built with defineAction (session → role →
// input → jurisdiction); transitionApplication checks the state machine, the version the
// official saw, objections, separation of duties, stock and budget in one transaction.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { allow, anyRecord, defineAction, type ActionResult } from '@/lib/actions';
import type { ApplicationStatus } from '@/lib/domain';
import { placeWithin } from '@/lib/permissions';
import { formSchema } from '@/lib/validators';
import { caseAccess, transitionApplication } from '@/db/queries/applications';
import { drainSoon } from '@/db/queries/notifications';

const REASON_REQUIRED = new Set(['decline', 'deny_appeal']);

export const decideAction = defineAction({
  name: 'case.decide',
  capability: 'application:decide',
  input: formSchema({
    applicationId: z.uuid({ error: 'validation.invalidType' }),
    action: z.enum(['approve', 'decline', 'grant_appeal', 'deny_appeal'], { error: 'validation.invalidType' }),
    version: z.coerce.number({ error: 'validation.invalidType' }).int().min(1),
    reason: z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ error: 'validation.invalidType' }).trim().max(500, 'validation.reason.tooLong')),
  }),
  authorize: async ({ db, user, input }) => {
    const c = await caseAccess({ db, applicationId: input.applicationId });
    return c && placeWithin(c.placePath, user.placePaths) ? allow(null) : 'not_found';
  },
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ status: ApplicationStatus; version: number }>> => {
    const needsReason = REASON_REQUIRED.has(input.action);
    if (needsReason && Array.from(input.reason).length < 2) return { status: 'invalid', fieldErrors: { reason: [input.reason ? 'validation.reason.tooShort' : 'validation.reason.required'] } };
    const r = await transitionApplication({
      db,
      actor: { id: user.id, role: user.role, placePaths: user.placePaths },
      applicationId: input.applicationId,
      action: input.action,
      expectedVersion: input.version,
      reason: needsReason ? input.reason : null,
      ip,
    });
    drainSoon(db);
    revalidatePath(`/county/cases/${input.applicationId}`);
    revalidatePath('/county/decisions');
    return { status: 'ok', data: { status: r.status, version: r.version } };
  },
});
