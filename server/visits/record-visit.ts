import 'server-only';
// A cadre records a door-to-door visit (入户走访) to a household inside their places: date,
// round, findings, needs and photos. One transaction: the household locked scoped by the
// cadre (outside their places: not found), never their own household, the visit row (one
// per household and round: a round already recorded is refused as a field error, not a
// crash), the cadre's visit photos of this household filed under it, and the audit event.
import { z } from 'zod';
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { attachVisitPhotos, insertVisitIfRoundFree, lockVisitHousehold } from '@/db/queries/visits';
import { AppError } from '@/lib/errors';
import { can, dutyConflict, type Actor } from '@/lib/permissions';
import { cstDate, fromCstDate, isValidDate } from '@/lib/time';
import { formSchema } from '@/lib/validators';

export const MAX_VISIT_ROUND = 3;
export const MAX_VISIT_TEXT = 1000;
export const MAX_VISIT_PHOTOS = 10;
/** The floods of 2023: no visit about them can be older. */
export const EARLIEST_VISIT_DATE = '2023-07-29';

/** A calendar date 'YYYY-MM-DD' (China time) that is a real date, not before the floods and not after today. */
export function visitDateProblem(ymd: string, now: Date): 'invalid' | 'future' | 'too_early' | null {
  if (!isValidDate(fromCstDate(ymd))) return 'invalid';
  if (ymd > cstDate(now)) return 'future';
  if (ymd < EARLIEST_VISIT_DATE) return 'too_early';
  return null;
}

const text = (min: number) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? '' : v),
    min > 0
      ? z.string({ error: 'validation.invalidType' }).trim().min(1, 'cadreVisits.errors.findingsRequired').min(min, 'cadreVisits.errors.findingsTooShort').max(MAX_VISIT_TEXT, 'cadreVisits.errors.tooLong')
      : z.string({ error: 'validation.invalidType' }).trim().max(MAX_VISIT_TEXT, 'cadreVisits.errors.tooLong'),
  );

const DATE_MESSAGES = { invalid: 'cadreVisits.errors.date_invalid', future: 'cadreVisits.errors.date_future', too_early: 'cadreVisits.errors.date_too_early' } as const;

/** The visit form's input (FormData strings coerced). The date is checked against "today" when parsed. */
export const visitInputSchema = formSchema({
  householdId: z.uuid({ error: 'validation.invalidType' }),
  visitedOn: z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ error: 'validation.invalidType' }).trim().min(1, 'cadreVisits.errors.dateRequired')).superRefine((s, ctx) => {
    if (s === '') return;
    const problem = visitDateProblem(s, new Date());
    if (problem) ctx.addIssue({ code: 'custom', message: DATE_MESSAGES[problem] });
  }),
  round: z.coerce.number({ error: 'cadreVisits.errors.roundRequired' }).int({ error: 'cadreVisits.errors.roundRequired' }).min(1, 'cadreVisits.errors.roundRequired').max(MAX_VISIT_ROUND, 'cadreVisits.errors.roundRequired'),
  findings: text(2),
  needs: text(0),
  photoIds: z
    .preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.uuid({ error: 'validation.invalidType' })).max(MAX_VISIT_PHOTOS, 'cadreVisits.errors.tooManyPhotos'))
    .transform((ids) => [...new Set(ids)]),
});
export type VisitInput = z.output<typeof visitInputSchema>;

export async function recordVisit({
  db,
  actor,
  input,
  ip,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  input: VisitInput;
  ip: string | null;
  now?: Date;
}): Promise<{ id: string; householdId: string; round: number }> {
  if (!can(actor.role, 'visit:record')) throw new AppError('forbidden:visit');
  // Checked again here: a script or a test calls the use case without the form's schema.
  if (visitDateProblem(input.visitedOn, now)) throw new AppError('invalid:visit_date');
  if (!Number.isInteger(input.round) || input.round < 1 || input.round > MAX_VISIT_ROUND) throw new AppError('invalid:visit_round');
  const findings = input.findings.trim();
  if (Array.from(findings).length < 2) throw new AppError('invalid:visit_findings');
  return db.transaction(async (tx) => {
    const hh = await lockVisitHousehold({ tx, actor, householdId: input.householdId });
    if (!hh) throw new AppError('not_found:household');
    const conflict = dutyConflict(actor, { ownerUserId: hh.ownerUserId, householdId: input.householdId });
    if (conflict) throw new AppError(`forbidden:${conflict}`);
    const visit = await insertVisitIfRoundFree({ tx, values: { householdId: hh.id, cadreId: actor.id, visitedOn: input.visitedOn, round: input.round, findings, needs: input.needs.trim(), createdAt: now } });
    if (!visit) throw new AppError('duplicate:visit_round');
    const photos = await attachVisitPhotos({ tx, ids: input.photoIds, ownerUserId: actor.id, householdId: hh.id, visitId: visit.id });
    // A photo that is not the cadre's own loose visit photo of this household: nothing is saved.
    if (photos.length !== input.photoIds.length) throw new AppError('invalid:upload');
    await writeAudit({
      db: tx,
      event: { actorId: actor.id, actorRole: actor.role, action: 'visit.record', entity: 'household', entityId: hh.id, success: true, ip, details: { visitId: visit.id, round: input.round, visitedOn: input.visitedOn, photos: photos.length, needs: input.needs.trim().length > 0 } },
    });
    return { id: visit.id, householdId: hh.id, round: input.round };
  });
}
