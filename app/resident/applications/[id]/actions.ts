'use server';
// The resident's own moves on an application that is already sent: withdraw it (while it is
// being reviewed or was returned) and appeal a refusal (within 15 days, with its evidence filed
// in the same transaction). Both go through the use cases in server/applications/ with the
// version the person saw, so if someone else acted first the answer is a conflict and nothing
// changes.
import { z } from 'zod';
import { allowFound, defineAction, type ActionContext, type ActionResult } from '@/lib/actions';
import type { ApplicationStatus } from '@/lib/domain';
import { reasonSchema } from '@/lib/validators';
import { findReachableApplication } from '@/db/queries/applications';
import { appealApplication } from '@/server/applications/appeal-application';
import { transitionApplication } from '@/server/applications/transition-application';
import { UnusableUploads } from '@/server/uploads/attach-uploads';

const idSchema = z.uuid({ error: 'validation.invalidType' });
const versionSchema = z.coerce.number({ error: 'validation.invalidType' }).int().min(1);

/** Only the household's own resident reaches the case; anyone else is told it does not exist. */
const ownCase = async ({ db, user, input }: ActionContext<{ id: string }>) => allowFound(await findReachableApplication({ db, actor: user, applicationId: input.id }));

export const withdrawApplicationAction = defineAction({
  name: 'application.withdraw_own',
  capability: 'application:withdraw_own',
  input: z.object({ id: idSchema, expectedVersion: versionSchema }),
  authorize: ownCase,
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ status: ApplicationStatus; version: number }>> => {
    const r = await transitionApplication({ db, actor: user, applicationId: input.id, action: 'withdraw', expectedVersion: input.expectedVersion, ip });
    return { status: 'ok', data: { status: r.status, version: r.version } };
  },
});

/** Evidence comes as one id or several (one hidden input per photo). */
const evidenceSchema = z.preprocess(
  (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v.filter((x) => x !== '') : [v]),
  z.array(z.string().max(100, 'validation.invalidType')).max(10, 'appeal.errors.tooManyPhotos'),
);

export const appealApplicationAction = defineAction({
  name: 'application.appeal_own',
  capability: 'application:appeal_own',
  input: z.object({ id: idSchema, expectedVersion: versionSchema, reason: reasonSchema, evidence: evidenceSchema }),
  authorize: ownCase,
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ status: ApplicationStatus; version: number }>> => {
    try {
      const r = await appealApplication({ db, actor: user, applicationId: input.id, expectedVersion: input.expectedVersion, reason: input.reason, evidence: input.evidence, ip });
      return { status: 'ok', data: { status: r.status, version: r.version } };
    } catch (err) {
      if (err instanceof UnusableUploads) return { status: 'invalid', fieldErrors: { evidence: ['appeal.errors.evidence'] } };
      throw err;
    }
  },
});
