'use server';
// What a cadre does on a case page: verify a household fact, answer an objection, and move the
// case (return, recommend, reject, fulfil). Each is built with defineAction (session → role →
// input → jurisdiction); the queries check jurisdiction again inside their transaction, and
// every status change goes through transitionApplication with the version the cadre saw.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { allow, anyRecord, defineAction, type AccessDecision, type ActionContext, type ActionResult } from '@/lib/actions';
import { FACT_KEYS, VERIFY_METHODS, type ApplicationStatus, type FactKey } from '@/lib/domain';
import { placeWithin } from '@/lib/permissions';
import { formSchema } from '@/lib/validators';
import { caseAccess, transitionApplication } from '@/db/queries/applications';
import { answerObjection, objectionAccess, verifyFact } from '@/db/queries/cases';
import { parseFactValue } from '@/lib/facts';
import { drainSoon } from '@/db/queries/notifications';

const id = z.uuid({ error: 'validation.invalidType' });
const optionalText = (max: number, key: string) =>
  z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ error: 'validation.invalidType' }).trim().max(max, key));
const answerText = z.preprocess(
  (v) => (v === undefined || v === null ? '' : v),
  z.string({ error: 'validation.invalidType' }).trim().min(1, 'validation.reason.required').min(2, 'validation.reason.tooShort').max(500, 'validation.reason.tooLong'),
);

/** The case is inside the cadre's places; otherwise it is not found (it is not revealed). */
async function caseInPlaces({ db, user, input }: ActionContext<{ applicationId: string }>): Promise<AccessDecision> {
  const c = await caseAccess({ db, applicationId: input.applicationId });
  return c && placeWithin(c.placePath, user.placePaths) ? allow(null) : 'not_found';
}

function actor(user: { id: string; role: 'resident' | 'cadre' | 'official'; placePaths: string[] }) {
  return { id: user.id, role: user.role, placePaths: user.placePaths };
}

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
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ key: FactKey }>> => {
    const value = parseFactValue(input.key, input.value);
    if (value === null) return { status: 'invalid', fieldErrors: { value: ['cases.verify.valueInvalid'] } };
    const c = await caseAccess({ db, applicationId: input.applicationId });
    if (!c) return { status: 'not_found' };
    await verifyFact({ db, actor: actor(user), householdId: c.householdId, key: input.key, value, method: input.method, note: input.note || null, ip });
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
  authorize: async ({ db, user, input }) => {
    const o = await objectionAccess({ db, objectionId: input.objectionId });
    return o && o.applicationId === input.applicationId && placeWithin(o.placePath, user.placePaths) ? allow(null) : 'not_found';
  },
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ status: 'dismissed' | 'upheld' }>> => {
    const r = await answerObjection({ db, actor: actor(user), objectionId: input.objectionId, decision: input.decision, answer: input.answer, ip });
    revalidatePath(`/cadre/cases/${input.applicationId}`);
    return { status: 'ok', data: { status: r.status } };
  },
});

const transitionInput = (actions: readonly [string, ...string[]]) =>
  formSchema({
    applicationId: id,
    action: z.enum(actions, { error: 'validation.invalidType' }),
    version: z.coerce.number({ error: 'validation.invalidType' }).int().min(1),
    reason: optionalText(500, 'validation.reason.tooLong'),
  });

export interface TransitionDone {
  status: ApplicationStatus;
  version: number;
}

/** Return (with a reason), recommend, or reject (with a reason) a submitted case. */
export const cadreTransitionAction = defineAction({
  name: 'case.transition.cadre',
  capability: 'application:verify',
  input: transitionInput(['return', 'recommend', 'reject'] as const),
  authorize: caseInPlaces,
  run: async ({ db, user, input, ip }): Promise<ActionResult<TransitionDone>> => {
    const needsReason = input.action === 'return' || input.action === 'reject';
    if (needsReason && Array.from(input.reason).length < 2) return { status: 'invalid', fieldErrors: { reason: [input.reason ? 'validation.reason.tooShort' : 'validation.reason.required'] } };
    const r = await transitionApplication({ db, actor: actor(user), applicationId: input.applicationId, action: input.action as 'return' | 'recommend' | 'reject', expectedVersion: input.version, reason: needsReason ? input.reason : null, ip });
    drainSoon(db);
    revalidatePath(`/cadre/cases/${input.applicationId}`);
    revalidatePath('/cadre');
    return { status: 'ok', data: { status: r.status, version: r.version } };
  },
});

/** Record that an approved case was delivered (materials picked up, payment made, repair done). */
export const fulfilAction = defineAction({
  name: 'case.fulfil',
  capability: 'fulfilment:record',
  input: transitionInput(['fulfil'] as const),
  authorize: caseInPlaces,
  run: async ({ db, user, input, ip }): Promise<ActionResult<TransitionDone>> => {
    const r = await transitionApplication({ db, actor: actor(user), applicationId: input.applicationId, action: 'fulfil', expectedVersion: input.version, ip });
    drainSoon(db);
    revalidatePath(`/cadre/cases/${input.applicationId}`);
    return { status: 'ok', data: { status: r.status, version: r.version } };
  },
});
