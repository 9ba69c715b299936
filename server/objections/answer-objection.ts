import 'server-only';
// A cadre answers an objection lodged during the public notice: dismissed (not well founded)
// or upheld (then the official cannot approve the case). Only an open objection can be
// answered, once: a second answer, or two cadres at once, finds it answered and is told so.
// The objection's case must be inside the cadre's places and not the cadre's own household,
// and nobody answers an objection they lodged themselves.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { answerOpenObjection, findReachableObjection } from '@/db/queries/cases';
import { AppError } from '@/lib/errors';
import { can, dutyConflict, type Actor } from '@/lib/permissions';

export async function answerObjection({
  db,
  actor,
  objectionId,
  decision,
  answer,
  ip,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  objectionId: string;
  decision: 'dismissed' | 'upheld';
  answer: string;
  ip: string | null;
  now?: Date;
}): Promise<{ id: string; status: 'dismissed' | 'upheld'; applicationId: string }> {
  if (!can(actor.role, 'objection:answer')) throw new AppError('forbidden:objection');
  const text = answer.trim();
  if (Array.from(text).length < 2) throw new AppError('invalid:answer');
  return db.transaction(async (tx) => {
    const row = await findReachableObjection({ db: tx, actor, objectionId });
    if (!row) throw new AppError('not_found:objection');
    const conflict = dutyConflict(actor, { ownerUserId: row.ownerUserId, householdId: row.householdId });
    if (conflict) throw new AppError(`forbidden:${conflict}`);
    if (row.filedBy === actor.id) throw new AppError('forbidden:own_objection');
    if (!(await answerOpenObjection({ tx, objectionId, answer: { status: decision, answer: text, answeredBy: actor.id, answeredAt: now } }))) throw new AppError('conflict:objection_answered');
    await writeAudit({
      db: tx,
      event: { actorId: actor.id, actorRole: actor.role, action: 'objection.answer', entity: 'objection', entityId: objectionId, success: true, ip, details: { applicationId: row.applicationId, decision } },
    });
    return { id: objectionId, status: decision, applicationId: row.applicationId };
  });
}
