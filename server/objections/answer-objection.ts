import 'server-only';
// A cadre answers an objection lodged during the public notice: dismissed (not well founded)
// or upheld (then the case goes back to verification: off the board, a cadre checks it again,
// and a new recommendation opens a new notice). Only an open objection can be
// answered, once: a second answer, or two cadres at once, finds it answered and is told so.
// The objection's case must be inside the cadre's places and not the cadre's own household,
// and nobody answers an objection they lodged themselves.
import type { Db, Tx } from '@/db/client';
import { lockReachableApplication, updateApplicationIfVersion } from '@/db/queries/applications';
import { writeAudit } from '@/db/queries/audit';
import { answerOpenObjection, findReachableObjection } from '@/db/queries/cases';
import { AppError } from '@/lib/errors';
import { can, dutyConflict, type Actor } from '@/lib/permissions';
import { checkTransition } from '@/lib/workflow';
import { recordApplicationEvent } from '../applications/record-event';

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
    // Upheld during the notice: the case goes back to verification (a cadre checks it again,
    // and a new recommendation starts a new notice), off the public board at once.
    if (decision === 'upheld') await sendBackToReview(tx, { actor, applicationId: row.applicationId, objectionId, ip, now });
    return { id: objectionId, status: decision, applicationId: row.applicationId };
  });
}

async function sendBackToReview(tx: Tx, { actor, applicationId, objectionId, ip, now }: { actor: Actor; applicationId: string; objectionId: string; ip: string | null; now: Date }): Promise<void> {
  const row = await lockReachableApplication({ tx, actor, applicationId });
  // Only a case still on notice moves; a case decided meanwhile keeps its decision.
  if (!row || row.app.status !== 'in_public_notice') return;
  const check = checkTransition({ action: 'review_again', from: row.app.status, actor: 'system' });
  if (!check.ok) return;
  const moved = await updateApplicationIfVersion({ tx, id: row.app.id, version: row.app.version, patch: { status: check.to, version: row.app.version + 1, noticeStartsAt: null, noticeEndsAt: null, recommendedBy: null, updatedAt: now } });
  if (!moved) throw new AppError('conflict:application');
  await recordApplicationEvent(tx, {
    applicationId: row.app.id,
    reference: row.app.reference,
    programmeCode: row.app.programmeCode,
    ownerUserId: row.ownerUserId,
    actor: null,
    action: 'review_again',
    from: row.app.status,
    to: check.to,
    ip,
    details: { objectionId },
    noticeKind: 'application.reviewAgain',
  });
}
