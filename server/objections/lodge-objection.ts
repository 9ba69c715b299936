import 'server-only';
// Anyone signed in lodges an objection to a case on public notice, with a reason. One open
// objection per person per case; only while the notice runs; never against one's own
// household (nobody vouches for or objects to their own case, whatever their role). The case
// row is locked and its version bumped, so an official who opened the case before the
// objection arrived is told it changed instead of approving over it. Each account may try at
// most OBJECTION_LIMIT times a day (TRUST S6): the slot is taken in its own statement before
// the transaction, so a refused or failed attempt still counts, and a refusal is audited.
import type { Db } from '@/db/client';
import { updateApplicationIfVersion } from '@/db/queries/applications';
import { writeAudit } from '@/db/queries/audit';
import { findOpenObjectionBy, insertObjection, lockCaseForObjection } from '@/db/queries/notice';
import { OBJECTION_LIMIT, takeRateLimitSlot } from '@/db/queries/rate-limit';
import { caseForStaffNotice, notifyPlaceStaff } from '@/db/queries/staff-notifications';
import { AppError } from '@/lib/errors';
import type { Role } from '@/lib/domain';
import { ownsHousehold } from '@/lib/permissions';

export async function lodgeObjection({
  db,
  actor,
  applicationId,
  reason,
  ip,
  now = new Date(),
}: {
  db: Db;
  actor: { id: string; role: Role };
  applicationId: string;
  reason: string;
  ip: string | null;
  now?: Date;
}): Promise<{ id: string }> {
  const text = reason.trim();
  const len = Array.from(text).length;
  if (len < 2 || len > 500) throw new AppError('invalid:reason');
  const slot = await takeRateLimitSlot({ db, limit: OBJECTION_LIMIT, value: actor.id });
  if (!slot.allowed) {
    await writeAudit({ db, event: { actorId: actor.id, actorRole: actor.role, action: 'objection.lodge', entity: 'application', entityId: applicationId, success: false, ip, details: { reason: 'rate_limited' } } });
    throw new AppError('rate_limited:objection');
  }
  return db.transaction(async (tx) => {
    const app = await lockCaseForObjection({ tx, applicationId });
    // Only cases on the public board can be objected to; anything else is "not found" to the public.
    if (!app || app.status !== 'in_public_notice') throw new AppError('not_found:application');
    if (!app.noticeEndsAt || now.getTime() >= app.noticeEndsAt.getTime()) throw new AppError('conflict:notice_closed');
    if (ownsHousehold(actor, app)) throw new AppError('forbidden:own_household');
    if (await findOpenObjectionBy({ db: tx, applicationId, filedBy: actor.id })) throw new AppError('duplicate:objection');
    const row = await insertObjection({ tx, values: { applicationId, filedBy: actor.id, reason: text, createdAt: now } });
    await updateApplicationIfVersion({ tx, id: applicationId, version: app.version, patch: { version: app.version + 1, updatedAt: now } });
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'objection.lodge', entity: 'application', entityId: applicationId, success: true, ip, details: { objectionId: row.id } } });
    // The cadres of the case's place must answer it: it goes to their inbox.
    const c = await caseForStaffNotice({ db: tx, applicationId });
    if (c) await notifyPlaceStaff({ tx, placeId: c.placeId, kind: 'staff.objectionLodged', params: { reference: c.reference, programme: c.programmeCode }, link: `/cadre/cases/${applicationId}`, exceptUserId: actor.id });
    return { id: row.id };
  });
}
