'use server';
// What a cadre does on a case page: verify a household fact, answer an objection, and move the
// case (return, recommend, reject, fulfil). Each is built with defineAction (session → role →
// input → the case loaded scoped by the cadre's places, handed to run) and calls one use case
// in server/, which checks again inside its transaction; every status change goes through
// transitionApplication with the version the cadre saw.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { allowFound, defineAction, type ActionContext, type ActionResult } from '@/lib/actions';
import { FACT_KEYS, VERIFY_METHODS, type ApplicationStatus, type FactKey } from '@/lib/domain';
import { parseFactValue } from '@/lib/facts';
import { formSchema } from '@/lib/validators';
import { applicationTransitionInput } from '@/lib/workflow';
import { findReachableApplication } from '@/db/queries/applications';
import { findReachableObjection } from '@/db/queries/cases';
import { verifyFact } from '@/server/households/verify-fact';
import { answerObjection } from '@/server/objections/answer-objection';
import { transitionApplication } from '@/server/applications/transition-application';

const id = z.uuid({ error: 'validation.invalidType' });
const optionalText = (max: number, key: string) =>
  z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ error: 'validation.invalidType' }).trim().max(max, key));
const answerText = z.preprocess(
  (v) => (v === undefined || v === null ? '' : v),
  z.string({ error: 'validation.invalidType' }).trim().min(1, 'validation.reason.required').min(2, 'validation.reason.tooShort').max(500, 'validation.reason.tooLong'),
);

/** The case, if it is inside the cadre's places; otherwise it is not found (it is not revealed). */
const caseInPlaces = async ({ db, user, input }: ActionContext<{ applicationId: string }>) => allowFound(await findReachableApplication({ db, actor: user, applicationId: input.applicationId }));

export const verifyFactAction = defineAction({
  name: 'case.fact.verify',
  capability: 'fact:verify',
  input: formSchema({
    applicationId: id,
    key: z.enum(FACT_KEYS, { error: 'validation.invalidType' }),
    value: z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ error: 'validation.invalidType' }).trim().min(1, 'cases.verify.valueRequired').max(10, 'cases.verify.valueInvalid')),
    method: z.enum(VERIFY_METHODS, { error: 'cases.verify.methodRequired' }),
    note: optionalText(500, 'cases.verify.noteTooLong'),
  }),
  authorize: caseInPlaces,
  run: async ({ db, user, input, ip, record }): Promise<ActionResult<{ key: FactKey }>> => {
    const value = parseFactValue(input.key, input.value);
    if (value === null) return { status: 'invalid', fieldErrors: { value: ['cases.verify.valueInvalid'] } };
    await verifyFact({ db, actor: user, householdId: record.householdId, key: input.key, value, method: input.method, note: input.note || null, ip });
    revalidatePath(`/cadre/cases/${input.applicationId}`);
    return { status: 'ok', data: { key: input.key } };
  },
});

export const answerObjectionAction = defineAction({
  name: 'objection.answer',
  capability: 'objection:answer',
  input: formSchema({
    objectionId: id,
    applicationId: id,
    decision: z.enum(['dismissed', 'upheld'], { error: 'cases.objections.decisionRequired' }),
    answer: answerText,
  }),
  // The objection must be reachable and belong to the case the page shows.
  authorize: async ({ db, user, input }) => {
    const o = await findReachableObjection({ db, actor: user, objectionId: input.objectionId });
    return allowFound(o && o.applicationId === input.applicationId ? o : null);
  },
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ status: 'dismissed' | 'upheld' }>> => {
    const r = await answerObjection({ db, actor: user, objectionId: input.objectionId, decision: input.decision, answer: input.answer, ip });
    revalidatePath(`/cadre/cases/${input.applicationId}`);
    return { status: 'ok', data: { status: r.status } };
  },
});

export interface TransitionDone {
  status: ApplicationStatus;
  version: number;
}

/** Return (with a reason), recommend, or reject (with a reason) a submitted case. */
export const cadreTransitionAction = defineAction({
  name: 'case.transition.cadre',
  capability: 'application:verify',
  // The reason is required exactly where the state machine requires it (return, reject).
  input: applicationTransitionInput(['return', 'recommend', 'reject']),
  authorize: caseInPlaces,
  run: async ({ db, user, input, ip }): Promise<ActionResult<TransitionDone>> => {
    const r = await transitionApplication({ db, actor: user, applicationId: input.applicationId, action: input.action, expectedVersion: input.version, reason: input.reason, ip });
    revalidatePath(`/cadre/cases/${input.applicationId}`);
    revalidatePath('/cadre');
    return { status: 'ok', data: { status: r.status, version: r.version } };
  },
});

/** Record that an approved case was delivered (materials picked up, payment made, repair done). */
export const fulfilAction = defineAction({
  name: 'case.fulfil',
  capability: 'fulfilment:record',
  input: applicationTransitionInput(['fulfil']),
  authorize: caseInPlaces,
  run: async ({ db, user, input, ip }): Promise<ActionResult<TransitionDone>> => {
    const r = await transitionApplication({ db, actor: user, applicationId: input.applicationId, action: 'fulfil', expectedVersion: input.version, ip });
    revalidatePath(`/cadre/cases/${input.applicationId}`);
    return { status: 'ok', data: { status: r.status, version: r.version } };
  },
});
