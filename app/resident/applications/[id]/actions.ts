'use server';
// The resident's own moves on an application that is already sent: withdraw it (while it is
// being reviewed or was returned) and appeal a refusal (within 15 days). Both go through
// transitionApplication with the version the person saw, so if someone else acted first the
// answer is a conflict and nothing changes.
import { z } from 'zod';
import { allow, anyRecord, defineAction, type ActionContext, type ActionResult, type AccessDecision } from '@/lib/actions';
import type { ApplicationStatus } from '@/lib/domain';
import { reasonSchema } from '@/lib/validators';
import { caseAccess, mayAccessCase, transitionApplication } from '@/db/queries/applications';
import { drainSoon } from '@/db/queries/notifications';
import { writeAudit } from '@/db/queries/audit';
import { usableUploadIds } from '@/db/queries/resident-applications';
import { attachUploads } from '@/db/queries/uploads';

const idSchema = z.uuid({ error: 'validation.invalidType' });
const versionSchema = z.coerce.number({ error: 'validation.invalidType' }).int().min(1);

/** Only the household's own resident may act on the case; anyone else is told it does not exist. */
async function ownCase({ db, user, input }: ActionContext<{ id: string }>): Promise<AccessDecision> {
  const access = await caseAccess({ db, applicationId: input.id });
  return access && mayAccessCase({ id: user.id, role: user.role, placePaths: user.placePaths }, access) ? allow(null) : 'not_found';
}

export const withdrawApplicationAction = defineAction({
  name: 'application.withdraw_own',
  capability: 'application:withdraw_own',
  input: z.object({ id: idSchema, expectedVersion: versionSchema }),
  authorize: ownCase,
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ status: ApplicationStatus; version: number }>> => {
    const r = await transitionApplication({ db, actor: { id: user.id, role: user.role, placePaths: user.placePaths }, applicationId: input.id, action: 'withdraw', expectedVersion: input.expectedVersion, ip });
    drainSoon(db);
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
    const access = (await caseAccess({ db, applicationId: input.id }))!;
    if (input.evidence.length > 0) {
      const usable = await usableUploadIds({ db, ids: input.evidence, userId: user.id, householdId: access.householdId, applicationId: input.id });
      if (input.evidence.some((id) => !usable.has(id))) return { status: 'invalid', fieldErrors: { evidence: ['appeal.errors.evidence'] } };
    }
    const actor = { id: user.id, role: user.role, placePaths: user.placePaths };
    const r = await transitionApplication({ db, actor, applicationId: input.id, action: 'appeal', expectedVersion: input.expectedVersion, reason: input.reason, ip });
    if (input.evidence.length > 0) {
      // Photos uploaded before the appeal was sent are tied to the case now, with an audit line.
      await db.transaction(async (tx) => {
        const linked = await attachUploads({ db: tx, ids: input.evidence, ownerUserId: user.id, kinds: ['evidence'], set: { applicationId: input.id } });
        if (linked.length > 0) {
          await writeAudit({ db: tx, event: { actorId: user.id, actorRole: user.role, action: 'upload.attach', entity: 'application', entityId: input.id, success: true, ip, details: { uploads: linked, purpose: 'appeal' } } });
        }
      });
    }
    drainSoon(db);
    return { status: 'ok', data: { status: r.status, version: r.version } };
  },
});
