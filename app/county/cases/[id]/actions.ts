'use server';
// The official's decision on one case: approve or decline a recommended case (after its public
// notice, when it has one), grant or deny an appeal. Built with defineAction (session → role →
// input → the case loaded scoped by the official's places); transitionApplication checks the
// state machine, the version the official saw, objections, separation of duties, stock and
// budget in one transaction.
import { revalidatePath } from 'next/cache';
import { allowFound, defineAction, type ActionResult } from '@/lib/actions';
import type { ApplicationStatus } from '@/lib/domain';
import { CASE_PAGE_DECISIONS, applicationTransitionInput } from '@/lib/workflow';
import { findReachableApplication } from '@/db/queries/applications';
import { transitionApplication } from '@/server/applications/transition-application';

export const decideAction = defineAction({
  name: 'case.decide',
  capability: 'application:decide',
  // A reason is required exactly where the state machine requires it (decline, deny_appeal).
  input: applicationTransitionInput(CASE_PAGE_DECISIONS),
  authorize: async ({ db, user, input }) => allowFound(await findReachableApplication({ db, actor: user, applicationId: input.applicationId })),
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ status: ApplicationStatus; version: number }>> => {
    const r = await transitionApplication({ db, actor: user, applicationId: input.applicationId, action: input.action, expectedVersion: input.version, reason: input.reason, ip });
    revalidatePath(`/county/cases/${input.applicationId}`);
    revalidatePath('/county/decisions');
    return { status: 'ok', data: { status: r.status, version: r.version } };
  },
});
