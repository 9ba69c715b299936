'use server';
// What a cadre does with a grievance in their places: answer it (note required) and mark it
// solved (note required). Built with defineAction (session → role → input → jurisdiction:
// `authorize` loads the grievance scoped by the cadre's places, so one outside them is not
// found). The use case (server/grievances/transition-grievance.ts) locks it again, scoped the
// same way, and moves it with the version the cadre saw: of two cadres acting at once, one
// wins and the other is told.
import { revalidatePath } from 'next/cache';
import { allowFound, defineAction, type ActionContext, type ActionResult } from '@/lib/actions';
import type { AuditAction } from '@/lib/audit/actions';
import { handleGrievanceSchema, type GrievanceAction } from '@/lib/grievances';
import type { GrievanceStatus } from '@/lib/domain';
import { findReachableGrievance } from '@/db/queries/grievances';
import { transitionGrievance } from '@/server/grievances/transition-grievance';

async function inMyPlaces({ db, user, input }: ActionContext<{ grievanceId: string }>) {
  return allowFound(await findReachableGrievance({ db, actor: user, grievanceId: input.grievanceId }));
}

export interface HandledGrievance {
  id: string;
  status: GrievanceStatus;
  version: number;
}

/** Form actions (useActionState): on success the browser shows the grievance again with a confirmation and the next step. */
function handler(name: AuditAction, action: Extract<GrievanceAction, 'respond' | 'resolve'>, done: string) {
  return defineAction({
    name,
    capability: 'grievance:handle',
    input: handleGrievanceSchema,
    authorize: inMyPlaces,
    run: async ({ db, user, input, ip }): Promise<ActionResult<HandledGrievance>> => {
      const r = await transitionGrievance({ db, actor: user, grievanceId: input.grievanceId, action, expectedVersion: input.version, note: input.note, ip });
      revalidatePath(`/cadre/grievances/${input.grievanceId}`);
      revalidatePath('/cadre/grievances');
      return { status: 'ok', data: { id: r.id, status: r.status, version: r.version } };
    },
    redirect: (r) => (r.status === 'ok' ? `/cadre/grievances/${r.data.id}?done=${done}` : null),
  });
}

export const respondGrievanceFormAction = handler('grievance.respond', 'respond', 'responded');
export const resolveGrievanceFormAction = handler('grievance.resolve', 'resolve', 'resolved');
