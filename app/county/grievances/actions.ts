'use server';
// A county official's 督办 and hand-over of a grievance inside their places (use cases:
// server/grievances/supervise-grievance.ts). `authorize` loads it scoped by the official's places,
// so one outside them is not found; the use case locks it again with the version seen.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { allowFound, defineAction, type ActionContext, type ActionResult } from '@/lib/actions';
import { findReachableGrievance } from '@/db/queries/grievances';
import { recordIdSchema, recordVersionSchema } from '@/lib/state-machine';
import { reasonSchema, serialIdSchema } from '@/lib/validators';
import { escalateGrievance, reassignGrievance } from '@/server/grievances/supervise-grievance';

async function inMyPlaces({ db, user, input }: ActionContext<{ grievanceId: string }>) {
  return allowFound(await findReachableGrievance({ db, actor: user, grievanceId: input.grievanceId }));
}

const escalateInput = z.object({ grievanceId: recordIdSchema, version: recordVersionSchema, note: reasonSchema });
const reassignInput = z.object({
  grievanceId: recordIdSchema,
  version: recordVersionSchema,
  placeId: serialIdSchema('countyGrievances.errors.place'),
  note: reasonSchema,
});

export const escalateGrievanceAction = defineAction({
  name: 'grievance.escalate',
  capability: 'grievance:supervise',
  input: escalateInput,
  authorize: inMyPlaces,
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ id: string }>> => {
    const r = await escalateGrievance({ db, actor: user, grievanceId: input.grievanceId, expectedVersion: input.version, note: input.note, ip });
    revalidatePath(`/county/grievances/${r.id}`);
    return { status: 'ok', data: { id: r.id } };
  },
  redirect: (r) => (r.status === 'ok' ? `/county/grievances/${r.data.id}?done=escalated` : null),
});

export const reassignGrievanceAction = defineAction({
  name: 'grievance.reassign',
  capability: 'grievance:supervise',
  input: reassignInput,
  authorize: inMyPlaces,
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ id: string }>> => {
    const r = await reassignGrievance({ db, actor: user, grievanceId: input.grievanceId, expectedVersion: input.version, placeId: input.placeId, note: input.note, ip });
    revalidatePath(`/county/grievances/${r.id}`);
    return { status: 'ok', data: { id: r.id } };
  },
  redirect: (r) => (r.status === 'ok' ? `/county/grievances/${r.data.id}?done=reassigned` : null),
});
