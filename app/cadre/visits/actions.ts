'use server';
// What a cadre does from the visit pages: record a visit, and file a visit's needs as a
// grievance for the household. Built with defineAction (session → role → input → the
// household / visit loaded scoped by the cadre's places, handed to run); each calls one use
// case in server/visits/, which checks again inside its transaction.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { allowFound, defineAction, type ActionResult } from '@/lib/actions';
import { GRIEVANCE_CATEGORIES } from '@/lib/domain';
import { AppError } from '@/lib/errors';
import { formSchema } from '@/lib/validators';
import { findReachableVisit, findVisitHousehold } from '@/db/queries/visits';
import { recordVisit, visitInputSchema } from '@/server/visits/record-visit';
import { fileVisitNeeds } from '@/server/visits/file-visit-needs';

/** A refusal of the use case that belongs beside one field of the form. */
const FIELD_REFUSALS: Record<string, [field: string, key: string]> = {
  'duplicate:visit_round': ['round', 'cadreVisits.errors.roundTaken'],
  'invalid:visit_round': ['round', 'cadreVisits.errors.roundRequired'],
  'invalid:visit_date': ['visitedOn', 'cadreVisits.errors.date_invalid'],
  'invalid:visit_findings': ['findings', 'cadreVisits.errors.findingsTooShort'],
  'invalid:upload': ['photoIds', 'cadreVisits.errors.photos'],
};

export const recordVisitAction = defineAction({
  name: 'visit.record',
  capability: 'visit:record',
  input: visitInputSchema,
  authorize: async ({ db, user, input }) => allowFound(await findVisitHousehold({ db, actor: user, householdId: input.householdId })),
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ id: string }>> => {
    try {
      const r = await recordVisit({ db, actor: user, input, ip });
      revalidatePath('/cadre/visits', 'layout');
      return { status: 'ok', data: { id: r.id } };
    } catch (err) {
      const field = err instanceof AppError ? FIELD_REFUSALS[err.code] : undefined;
      if (field) return { status: 'invalid', fieldErrors: { [field[0]]: [field[1]] } };
      throw err;
    }
  },
  redirect: (r) => (r.status === 'ok' ? `/cadre/visits/${r.data.id}?done=recorded` : null),
});

export const fileVisitNeedsAction = defineAction({
  name: 'visit.needs.file',
  capability: 'grievance:file_on_behalf',
  input: formSchema({
    visitId: z.uuid({ error: 'validation.invalidType' }),
    category: z.enum(GRIEVANCE_CATEGORIES, { error: 'cadreVisits.errors.categoryRequired' }),
  }),
  authorize: async ({ db, user, input }) => allowFound(await findReachableVisit({ db, actor: user, visitId: input.visitId })),
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ visitId: string; grievanceId: string; reference: string }>> => {
    const r = await fileVisitNeeds({ db, actor: user, visitId: input.visitId, category: input.category, ip });
    revalidatePath(`/cadre/visits/${input.visitId}`);
    revalidatePath('/cadre/grievances');
    return { status: 'ok', data: { visitId: input.visitId, grievanceId: r.id, reference: r.reference } };
  },
  redirect: (r) => (r.status === 'ok' ? `/cadre/visits/${r.data.visitId}?done=filed` : null),
});
