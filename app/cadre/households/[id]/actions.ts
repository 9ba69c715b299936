'use server';
// What a cadre does on a household page: verify a fact (no application needed) and reveal the
// full phone or ID number with a reason. Each is built with defineAction (session → role →
// input → the household loaded scoped by the cadre's places, handed to run) and calls one use
// case in server/, which checks again inside its transaction.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { allowFound, defineAction, type ActionContext, type ActionResult } from '@/lib/actions';
import { FACT_KEYS, REVEAL_FIELDS, SAFETY_GRADES, VERIFY_METHODS, type FactKey, type RevealField } from '@/lib/domain';
import { parseFactValue } from '@/lib/facts';
import { formSchema } from '@/lib/validators';
import { findReachableHousehold } from '@/db/queries/applications';
import { verifyFact } from '@/server/households/verify-fact';
import { parseRevealReason, type RevealReasonProblem } from '@/lib/ledger/reveal';
import { revealPii } from '@/server/households/reveal-pii';

const id = z.uuid({ error: 'validation.invalidType' });
const text = (v: unknown) => (v === undefined || v === null ? '' : v);

const REVEAL_REASON_MESSAGE: Record<RevealReasonProblem, string> = {
  missing: 'cadreHouseholds.reveal.reasonRequired',
  too_short: 'cadreHouseholds.reveal.reasonTooShort',
  too_long: 'cadreHouseholds.reveal.reasonTooLong',
};

/** The household, if it is inside the cadre's places; otherwise it is not found (it is not revealed). */
const householdInPlaces = async ({ db, user, input }: ActionContext<{ householdId: string }>) => allowFound(await findReachableHousehold({ db, actor: user, householdId: input.householdId }));

export const verifyHouseholdFactAction = defineAction({
  name: 'household.fact.verify',
  capability: 'fact:verify',
  input: formSchema({
    householdId: id,
    key: z.enum(FACT_KEYS, { error: 'validation.invalidType' }),
    value: z.preprocess(text, z.string({ error: 'validation.invalidType' }).trim().min(1, 'cases.verify.valueRequired').max(10, 'cases.verify.valueInvalid')),
    method: z.enum(VERIFY_METHODS, { error: 'cases.verify.methodRequired' }),
    note: z.preprocess(text, z.string({ error: 'validation.invalidType' }).trim().max(500, 'cases.verify.noteTooLong')),
    appraisalGrade: z.preprocess(text, z.string({ error: 'validation.invalidType' }).trim()),
    appraiser: z.preprocess(text, z.string({ error: 'validation.invalidType' }).trim()),
  }).superRefine((v, ctx) => {
    // A safety grade from an appraisal report names the report's grade and who appraised.
    if (v.key !== 'safetyGrade' || v.method !== 'appraisal') return;
    if (!(SAFETY_GRADES as readonly string[]).includes(v.appraisalGrade)) ctx.addIssue({ code: 'custom', path: ['appraisalGrade'], message: 'cadreHouseholds.verify.appraisalGradeRequired' });
    else if (v.appraisalGrade !== v.value) ctx.addIssue({ code: 'custom', path: ['appraisalGrade'], message: 'cadreHouseholds.verify.appraisalGradeMismatch' });
    const len = Array.from(v.appraiser).length;
    if (len < 2) ctx.addIssue({ code: 'custom', path: ['appraiser'], message: 'cadreHouseholds.verify.appraiserRequired' });
    else if (len > 100) ctx.addIssue({ code: 'custom', path: ['appraiser'], message: 'cadreHouseholds.verify.appraiserTooLong' });
  }),
  authorize: householdInPlaces,
  run: async ({ db, user, input, ip, record }): Promise<ActionResult<{ key: FactKey }>> => {
    const value = parseFactValue(input.key, input.value);
    if (value === null) return { status: 'invalid', fieldErrors: { value: ['cases.verify.valueInvalid'] } };
    const appraisal = input.key === 'safetyGrade' && input.method === 'appraisal' ? { grade: input.appraisalGrade as (typeof SAFETY_GRADES)[number], appraiser: input.appraiser } : null;
    await verifyFact({ db, actor: user, householdId: record.id, key: input.key, value, method: input.method, note: input.note || null, appraisal, ip });
    revalidatePath(`/cadre/households/${record.id}`);
    return { status: 'ok', data: { key: input.key } };
  },
});

export const revealPiiAction = defineAction({
  name: 'household.pii.reveal',
  capability: 'pii:reveal',
  input: formSchema({
    householdId: id,
    field: z.enum(REVEAL_FIELDS, { error: 'validation.invalidType' }),
    // The one reveal-reason rule (trimmed, 4–200 characters), as every reveal checks it.
    reason: z.unknown().transform((value, ctx) => {
      const r = parseRevealReason(value);
      if (r.ok) return r.reason;
      ctx.addIssue({ code: 'custom', message: REVEAL_REASON_MESSAGE[r.problem] });
      return z.NEVER;
    }),
  }),
  authorize: householdInPlaces,
  run: async ({ db, user, input, ip, record }): Promise<ActionResult<{ field: RevealField; value: string }>> => {
    const r = await revealPii({ db, actor: user, householdId: record.id, field: input.field, reason: input.reason, ip });
    // The page's list of reveals shows this one; the value itself is only in this answer.
    revalidatePath(`/cadre/households/${record.id}`);
    return { status: 'ok', data: r };
  },
});
