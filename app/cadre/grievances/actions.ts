'use server';
// What a cadre does with a grievance in their places: answer it (note required) and mark it
// solved (note required). Built with defineAction (session → role → input → jurisdiction);
// a grievance outside the cadre's places is not found. transitionGrievance checks again in
// its transaction, with the version the cadre saw: of two cadres acting at once, one wins and
// the other is told.
import { revalidatePath } from 'next/cache';
import { allow, anyRecord, defineAction, type AccessDecision, type ActionContext, type ActionResult } from '@/lib/actions';
import { handleGrievanceSchema, mayAccessGrievance, type GrievanceAction } from '@/lib/grievances';
import type { GrievanceStatus } from '@/lib/domain';
import { grievanceAccess, transitionGrievance } from '@/db/queries/grievances';
import { drainSoon } from '@/db/queries/notifications';

async function inMyPlaces({ db, user, input }: ActionContext<{ grievanceId: string }>): Promise<AccessDecision> {
  const g = await grievanceAccess({ db, grievanceId: input.grievanceId });
  return g && mayAccessGrievance(user, g) ? allow(null) : 'not_found';
}

export interface HandledGrievance {
  id: string;
  status: GrievanceStatus;
  version: number;
}

/** Form actions (useActionState): on success the browser shows the grievance again with a confirmation and the next step. */
function handler(name: string, action: Extract<GrievanceAction, 'respond' | 'resolve'>, done: string) {
  return defineAction({
    name,
    capability: 'grievance:handle',
    input: handleGrievanceSchema,
    authorize: inMyPlaces,
    run: async ({ db, user, input, ip }): Promise<ActionResult<HandledGrievance>> => {
      const r = await transitionGrievance({ db, actor: user, grievanceId: input.grievanceId, action, expectedVersion: input.version, note: input.note, ip });
      drainSoon(db);
      revalidatePath(`/cadre/grievances/${input.grievanceId}`);
      revalidatePath('/cadre/grievances');
      return { status: 'ok', data: { id: r.id, status: r.status, version: r.version } };
    },
    redirect: (r) => (r.status === 'ok' ? `/cadre/grievances/${r.data.id}?done=${done}` : null),
  });
}

export const respondGrievanceFormAction = handler('grievance.respond', 'respond', 'responded');
export const resolveGrievanceFormAction = handler('grievance.resolve', 'resolve', 'resolved');
