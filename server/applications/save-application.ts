import 'server-only';
// Saving a draft, submitting, and resubmitting a returned application, in one transaction:
// the programme is offered, the household is reachable (the resident's own, or inside a
// cadre's places and not the cadre's own), one application per household × programme (a
// retried or doubled request finds the same row), the status change through the state machine
// with its timeline, audit and notification, and the uploads named in the answers filed under
// the case — all saved together or not at all.
import type { Db } from '@/db/client';
import { findReachableHousehold, insertApplicationIfAbsent, latestClosedApplication, lockHouseholdApplication, nextApplicationReference, updateApplication, updateApplicationIfVersion } from '@/db/queries/applications';
import { factVerifiedSince } from '@/db/queries/facts';
import { reapplyRefusal } from '@/lib/reapply';
import { writeAudit } from '@/db/queries/audit';
import { loadProgramme } from '@/db/queries/programmes';
import { caseForStaffNotice, notifyPlaceStaff } from '@/db/queries/staff-notifications';
import { AppError } from '@/lib/errors';
import type { ApplicationStatus, ProgrammeCode } from '@/lib/domain';
import { keepingRefusal, type Actor } from '@/lib/permissions';
import type { ApplicationAnswers } from '@/lib/programs';
import { cstYear } from '@/lib/time';
import { checkTransition, type TransitionAction } from '@/lib/workflow';
import { assertUsableUploads, fileUploadsUnder } from '../uploads/attach-uploads';
import { recordApplicationEvent } from './record-event';

export interface SaveResult {
  id: string;
  reference: string;
  status: ApplicationStatus;
  version: number;
  /** false when the request found an application that already existed (retry, double click). */
  created: boolean;
  /** The status before this request (null: there was no application yet). */
  before: ApplicationStatus | null;
}

/**
 * Idempotent: only a real change of status writes an event and audit. A returned application
 * is resubmitted with the new answers; one already sent keeps its answers. `uploadIds` (from
 * the answers) must be the actor's own uploads for this household, else UnusableUploads is
 * thrown and nothing is saved.
 */
export async function saveApplication({
  db,
  actor,
  householdId,
  programmeCode,
  answers,
  submit,
  idempotencyKey,
  uploadIds = [],
  ip,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  householdId: string;
  programmeCode: ProgrammeCode;
  answers: ApplicationAnswers;
  submit: boolean;
  idempotencyKey?: string | null;
  uploadIds?: readonly string[];
  ip: string | null;
  now?: Date;
}): Promise<SaveResult> {
  return db.transaction(async (tx) => {
    const prog = await loadProgramme({ db: tx, code: programmeCode });
    // A programme whose stored params do not parse is not offered (lib/programs/eligibility.ts): as if switched off.
    if (!prog || prog.params === null) throw new AppError('not_found:programme');
    if (!prog.needsApplication) throw new AppError('invalid:programme_automatic');
    const hh = await findReachableHousehold({ db: tx, actor, householdId });
    if (!hh) throw new AppError('not_found:household');
    const refused = keepingRefusal(actor, { ownerUserId: hh.ownerUserId, householdId });
    if (refused) throw new AppError(refused);
    const onBehalf = actor.role !== 'resident';

    // The household's open application for the programme, if there is one (a draft, a returned
    // case, or one already sent: then this request is a retry or comes from another tab).
    let app = await lockHouseholdApplication({ tx, householdId, programmeCode });
    // Closed by an official (issue 10 item 3): no new application and no draft sent; a case already sent (or returned to be corrected) goes on.
    if (!prog.active && (!app || app.status === 'draft')) throw new AppError('conflict:applications_closed');
    let created = false;
    if (!app) {
      // Applying again after a withdrawal, or after a final refusal once a verified fact changed (lib/reapply.ts).
      const previous = await latestClosedApplication({ db: tx, householdId, programmeCode });
      if (previous) {
        const factsChanged = previous.rejectedAt ? await factVerifiedSince({ db: tx, householdId, since: previous.rejectedAt }) : false;
        const refusal = reapplyRefusal(previous, factsChanged, now);
        if (refusal) throw new AppError(`conflict:reapply_${refusal}`);
      }
      const reference = await nextApplicationReference({ tx, year: cstYear(now) });
      const inserted = await insertApplicationIfAbsent({ tx, values: { reference, householdId, programmeCode, status: 'draft', answers, idempotencyKey: idempotencyKey ?? null, createdBy: actor.id, onBehalf } });
      created = inserted !== null;
      // Someone (or this same request, retried) got there first: take that row, under lock.
      app = inserted ?? (await lockHouseholdApplication({ tx, householdId, programmeCode }));
    }
    if (!app) throw new AppError('conflict:application');
    const before = created ? null : app.status;
    if (created) {
      await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'application.create', entity: 'application', entityId: app.id, success: true, ip, details: { programme: programmeCode, onBehalf } } });
    }

    // An invoice uploaded before the application existed is filed under it now, so the cadre sees it with the case.
    await assertUsableUploads(tx, { actor, ids: uploadIds, householdId, applicationId: created ? null : app.id });
    await fileUploadsUnder(tx, { actor, ids: uploadIds, applicationId: app.id, kinds: ['invoice', 'evidence'], ip });

    const editable = app.status === 'draft' || app.status === 'returned';
    if (editable && !created) await updateApplication({ tx, id: app.id, patch: { answers, updatedAt: now } });
    if (!submit || !editable) return { id: app.id, reference: app.reference, status: app.status, version: app.version, created, before };

    const action: TransitionAction = app.status === 'draft' ? 'submit' : 'resubmit';
    const check = checkTransition({ action, from: app.status, actor: actor.role });
    if (!check.ok) throw new AppError(`conflict:${check.code}`);
    const updated = await updateApplicationIfVersion({ tx, id: app.id, version: app.version, patch: { status: check.to, version: app.version + 1, submittedAt: now, updatedAt: now, returnReason: null, answers } });
    if (!updated) throw new AppError('conflict:application');
    await recordApplicationEvent(tx, { applicationId: app.id, reference: app.reference, programmeCode, ownerUserId: hh.ownerUserId, actor, action, from: app.status, to: check.to, ip, details: onBehalf ? { onBehalf: true } : undefined });
    if (action === 'resubmit') {
      // A returned case sent again waits for its cadres: it goes to their inbox.
      const c = await caseForStaffNotice({ db: tx, applicationId: app.id });
      if (c) await notifyPlaceStaff({ tx, placeId: c.placeId, kind: 'staff.caseResubmitted', params: { reference: app.reference, programme: programmeCode }, link: `/cadre/cases/${app.id}`, exceptUserId: actor.id });
    }
    return { id: updated.id, reference: updated.reference, status: updated.status, version: updated.version, created, before };
  });
}
