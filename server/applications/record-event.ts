import 'server-only';
// What every change of an application's status leaves behind, inside the change's own
// transaction: the line on the case timeline, the audit event, and the household owner's
// notification (queued in the outbox; delivered after the response). Used by the
// application use cases in this folder.
import type { Tx } from '@/db/client';
import { insertApplicationEvent } from '@/db/queries/applications';
import { writeAudit } from '@/db/queries/audit';
import { enqueueNotification } from '@/db/queries/notifications';
import type { ApplicationAuditStep } from '@/lib/audit/actions';
import type { ApplicationStatus, ProgrammeCode } from '@/lib/domain';
import type { Actor } from '@/lib/permissions';
import { isFinalRejection, isTransitionAction } from '@/lib/workflow';

export interface ApplicationEventInput {
  applicationId: string;
  reference: string;
  programmeCode: ProgrammeCode;
  ownerUserId: string | null;
  /** null: the system (e.g. publishing a recommended case on the notice board). */
  actor: Actor | null;
  /** Written as the audit action `application.<action>`: a step the registry knows (lib/audit/actions.ts). */
  action: ApplicationAuditStep;
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  reason?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
  /** The resident's notification kind when the new status alone would mislead (default: noticeKindFor). */
  noticeKind?: string;
  /** More values for that notification's sentence (e.g. the card's last four digits of a payment). */
  noticeParams?: Record<string, string | number>;
}

/**
 * The resident's notification kind for a change of status: `application.<to>`, except a refusal
 * that is final (an appeal dismissed): 'application.rejected' invites an appeal within 15 days,
 * which a final refusal does not allow.
 */
export function noticeKindFor(action: string, to: ApplicationStatus): string {
  if (to === 'rejected' && isTransitionAction(action) && isFinalRejection(action)) return 'application.appealDenied';
  return `application.${to}`;
}

export async function recordApplicationEvent(tx: Tx, e: ApplicationEventInput): Promise<void> {
  const actorRole = e.actor?.role ?? 'system';
  await insertApplicationEvent({ tx, event: { applicationId: e.applicationId, actorId: e.actor?.id ?? null, actorRole, action: e.action, fromStatus: e.from, toStatus: e.to, reason: e.reason ?? null, details: e.details ?? null } });
  await writeAudit({ db: tx, event: { actorId: e.actor?.id ?? null, actorRole, action: `application.${e.action}`, entity: 'application', entityId: e.applicationId, success: true, ip: e.ip ?? null, details: { from: e.from, to: e.to, ...(e.details ?? {}) } } });
  if (e.ownerUserId) {
    await enqueueNotification({ db: tx, n: { userId: e.ownerUserId, kind: e.noticeKind ?? noticeKindFor(e.action, e.to), params: { ...e.noticeParams, reference: e.reference, programme: e.programmeCode }, link: `/resident/applications/${e.applicationId}` } });
  }
}
