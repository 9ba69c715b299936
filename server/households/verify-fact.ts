import 'server-only';
// A cadre verifies (or corrects) one damage fact of a household inside their places: the
// verified value, how (visit, photo, appraisal), a note, who and when, with the audit event
// and the resident's notification in the same transaction. A household outside their places
// does not exist for them; their own household is refused (separation of duties). Eligibility
// is decided on verified facts only, so this is what lets a case be recommended. Called from
// a case page and from the household page (no application needed: e.g. "affected" for the
// warm-winter payment, which has no application). A safety grade taken from an appraisal
// report may carry the report's grade and appraiser; they must agree with the value and are
// stored on the fact (and in the audit event); any other verification clears them.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { findHouseholdFact, saveFactVerification } from '@/db/queries/cases';
import { lockReachableHousehold } from '@/db/queries/households';
import { enqueueNotification } from '@/db/queries/notifications';
import { AppError } from '@/lib/errors';
import { SAFETY_GRADES, VERIFY_METHODS, type FactKey, type SafetyGrade, type VerifyMethod } from '@/lib/domain';
import { parseFactValue, type FactValue } from '@/lib/facts';
import { can, dutyConflict, type Actor } from '@/lib/permissions';

export async function verifyFact({
  db,
  actor,
  householdId,
  key,
  value,
  method,
  note,
  appraisal = null,
  ip,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  householdId: string;
  key: FactKey;
  value: FactValue;
  method: VerifyMethod;
  note?: string | null;
  /** The appraisal report behind a safety grade (method 'appraisal' only). */
  appraisal?: { grade: SafetyGrade; appraiser: string } | null;
  ip: string | null;
  now?: Date;
}): Promise<{ key: FactKey; verifiedValue: FactValue; verifiedAt: Date }> {
  if (!can(actor.role, 'fact:verify')) throw new AppError('forbidden:fact');
  if (!(VERIFY_METHODS as readonly string[]).includes(method)) throw new AppError('invalid:method');
  if (parseFactValue(key, value) === null) throw new AppError('invalid:fact_value');
  const report = appraisal ? { grade: appraisal.grade, appraiser: appraisal.appraiser.trim() } : null;
  if (report) {
    // A report grades the house: only the safety grade, only by appraisal, and the value is its grade.
    if (key !== 'safetyGrade' || method !== 'appraisal') throw new AppError('invalid:appraisal');
    if (!(SAFETY_GRADES as readonly string[]).includes(report.grade) || report.grade !== value) throw new AppError('invalid:appraisal_grade');
    const len = Array.from(report.appraiser).length;
    if (len < 2 || len > 100) throw new AppError('invalid:appraiser');
  }
  return db.transaction(async (tx) => {
    // Locked: two cadres verifying one household at once are applied one after the other.
    const hh = await lockReachableHousehold({ tx, actor, householdId });
    if (!hh) throw new AppError('not_found:household');
    const conflict = dutyConflict(actor, { ownerUserId: hh.ownerUserId, householdId });
    if (conflict) throw new AppError(`forbidden:${conflict}`);

    const before = await findHouseholdFact({ db: tx, householdId, key });
    const verifyNote = note?.trim() ? note.trim() : null;
    await saveFactVerification({ tx, householdId, key, factId: before?.id ?? null, verification: { verifiedValue: value, verifiedAt: now, verifiedBy: actor.id, verifyMethod: method, verifyNote, appraisalGrade: report?.grade ?? null, appraiser: report?.appraiser ?? null },
    });
    await writeAudit({
      db: tx,
      event: {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'fact.verify',
        entity: 'household',
        entityId: householdId,
        success: true,
        ip,
        details: { key, value, method, ...(report ? { appraisal: report } : {}), declared: before?.declaredValue ?? null, previous: before?.verifiedValue ?? null, corrected: before ? before.declaredValue !== null && JSON.stringify(before.declaredValue) !== JSON.stringify(value) : false },
      },
    });
    // The resident hears that a fact was checked: eligibility may have changed.
    if (hh.ownerUserId) {
      await enqueueNotification({ db: tx, n: { userId: hh.ownerUserId, kind: 'household.factVerified', params: { fact: key }, link: '/resident/benefits' } });
    }
    return { key, verifiedValue: value, verifiedAt: now };
  });
}
