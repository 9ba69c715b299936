'use server';
// What a resident does with a grievance: file one, rate a resolved one (which closes it), and
// reopen a closed one within 7 days. Built with defineAction (session → role → input → own
// grievance, loaded scoped by the resident in `authorize`); each action calls one use case
// (server/grievances/), which locks the grievance again scoped by the resident and moves it
// with the version the resident saw.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { allowFound, anyRecord, defineAction, type ActionContext, type ActionResult } from '@/lib/actions';
import { AppError } from '@/lib/errors';
import { closeGrievanceSchema, fileGrievanceSchema, reopenGrievanceSchema } from '@/lib/grievances';
import type { GrievanceStatus } from '@/lib/domain';
import { findReachableGrievance } from '@/db/queries/grievances';
import { fileGrievance } from '@/server/grievances/file-grievance';
import { transitionGrievance } from '@/server/grievances/transition-grievance';

/** The grievance is the resident's own (filed by them or for their household); otherwise it is not found. */
async function ownGrievance({ db, user, input }: ActionContext<{ grievanceId: string }>) {
  return allowFound(await findReachableGrievance({ db, actor: user, grievanceId: input.grievanceId }));
}

const photoIds = z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.uuid({ error: 'validation.invalidType' })).max(9, { error: 'validation.invalidType' }));

/** Where the browser goes after a form action succeeds: the grievance, with a confirmation. */
const toGrievance = (query: string) => (r: ActionResult<{ id: string }>) => (r.status === 'ok' ? `/resident/grievances/${r.data.id}?${query}` : null);

// Form actions for useActionState: on success the browser goes to the grievance with a
// confirmation; otherwise the result comes back to the form.

export const fileGrievanceFormAction = defineAction({
  name: 'grievance.file',
  capability: 'grievance:file_own',
  input: fileGrievanceSchema.extend({ photos: photoIds }),
  // No existing record: the place is checked by the use case (a field error), ownership is the session's.
  authorize: anyRecord,
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ id: string; reference: string }>> => {
    try {
      const r = await fileGrievance({ db, actor: user, placeId: input.placeId, category: input.category, description: input.description, photoIds: input.photos, ip });
      revalidatePath('/resident', 'layout');
      return { status: 'ok', data: { id: r.id, reference: r.reference } };
    } catch (err) {
      if (err instanceof AppError && err.code === 'invalid:place') return { status: 'invalid', fieldErrors: { placeId: ['grievances.errors.place'] } };
      throw err;
    }
  },
  redirect: toGrievance('filed=1'),
});

export interface GrievanceChanged {
  id: string;
  status: GrievanceStatus;
  version: number;
}

function changed(r: GrievanceChanged): ActionResult<GrievanceChanged> {
  revalidatePath('/resident', 'layout');
  return { status: 'ok', data: { id: r.id, status: r.status, version: r.version } };
}

/** Rating a resolved grievance closes it. */
export const rateGrievanceFormAction = defineAction({
  name: 'grievance.close',
  capability: 'grievance:rate_own',
  input: closeGrievanceSchema,
  authorize: ownGrievance,
  run: async ({ db, user, input, ip }) =>
    changed(await transitionGrievance({ db, actor: user, grievanceId: input.grievanceId, action: 'close', expectedVersion: input.version, rating: input.rating, note: input.comment || null, ip })),
  redirect: toGrievance('done=rated'),
});

/** Reopening a closed grievance within its window. */
export const reopenGrievanceFormAction = defineAction({
  name: 'grievance.reopen',
  capability: 'grievance:rate_own',
  input: reopenGrievanceSchema,
  authorize: ownGrievance,
  run: async ({ db, user, input, ip }) =>
    changed(await transitionGrievance({ db, actor: user, grievanceId: input.grievanceId, action: 'reopen', expectedVersion: input.version, note: input.reason, ip })),
  redirect: toGrievance('done=reopened'),
});
