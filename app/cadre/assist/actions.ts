'use server';
// Assisted service (代办): a cadre registers a household for a resident without an account,
// and confirms the claim of one when that person registers later. Built with defineAction
// (session → capability → input → record scoped by the cadre's places); each calls one use
// case in server/households/, which checks again inside its transaction.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { allowFound, anyRecord, defineAction, type ActionResult } from '@/lib/actions';
import { CLAIM_DECLINE_REASONS, HOUSEHOLD_KINDS } from '@/lib/domain';
import { formSchema, idNumberSchema, mobileSchema, realNameSchema, serialIdSchema } from '@/lib/validators';
import { findAssistHousehold } from '@/db/queries/assist';
import { floorField } from '@/server/households/form-inputs';
import { createAssistedHousehold } from '@/server/households/create-assisted-household';
import { confirmHouseholdClaim, declineHouseholdClaim } from '@/server/households/claim-household';

/** Object-level checks run even when a field failed, so every error is reported at once. */
const ALWAYS = { when: () => true };
const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);
const trimmed = (max: number) => z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ error: 'validation.invalidType' }).max(max, 'cadreAssist.errors.tooLong'));

const createInput = formSchema({
  headName: realNameSchema,
  idNumber: idNumberSchema,
  phone: z.preprocess(blankToUndefined, mobileSchema.optional()),
  placeId: z.preprocess(blankToUndefined, serialIdSchema('cadreAssist.errors.placeRequired')),
  kind: z.enum(HOUSEHOLD_KINDS, { error: 'cadreAssist.errors.kindRequired' }),
  addressDetail: trimmed(200).optional(),
  building: trimmed(20).optional(),
  unitNo: trimmed(20).optional(),
  floor: floorField,
}).superRefine((v, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (v.kind === 'urban') {
    if (!v.building) issue('building', 'cadreAssist.errors.buildingRequired');
    if (v.floor === undefined) issue('floor', 'cadreAssist.errors.floorRequired');
  }
  if (v.kind === 'rural' && !v.addressDetail) issue('addressDetail', 'cadreAssist.errors.addressRequired');
}, ALWAYS);

export const createAssistedHouseholdAction = defineAction({
  name: 'household.create_assisted',
  capability: 'household:manage_in_place',
  input: createInput,
  // No record yet: the use case checks the chosen place against the cadre's places.
  authorize: anyRecord,
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ id: string }>> => {
    const r = await createAssistedHousehold({
      db,
      actor: user,
      ip,
      input: {
        headName: input.headName,
        idNumber: input.idNumber,
        phone: input.phone ?? null,
        placeId: input.placeId,
        kind: input.kind,
        addressDetail: input.addressDetail ?? '',
        building: input.building || null,
        unitNo: input.unitNo || null,
        floor: input.floor ?? null,
      },
    });
    if (r.status === 'duplicate_head') return { status: 'invalid', fieldErrors: { idNumber: ['cadreAssist.errors.headTaken'] } };
    if (r.status === 'bad_place') return { status: 'invalid', fieldErrors: { placeId: ['cadreAssist.errors.placeRequired'] } };
    revalidatePath('/cadre/households');
    return { status: 'ok', data: { id: r.id } };
  },
});

export const confirmClaimAction = defineAction({
  name: 'household.claim_confirm',
  capability: 'household:manage_in_place',
  input: formSchema({
    householdId: z.uuid({ error: 'validation.invalidType' }),
    // The tick box: the cadre has seen the person's ID card. Without it nothing is handed over.
    idCardChecked: z.literal('on', { error: 'cadreAssist.claim.errors.idCheckRequired' }),
  }),
  authorize: async ({ db, user, input }) => allowFound(await findAssistHousehold({ db, actor: user, householdId: input.householdId })),
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ householdId: string; ownerUserId: string }>> => {
    const r = await confirmHouseholdClaim({ db, actor: user, householdId: input.householdId, idCardChecked: true, ip });
    if (r.status !== 'ok') return { status: 'conflict', code: `conflict:claim_${r.status}` };
    revalidatePath(`/cadre/assist/${input.householdId}`);
    return { status: 'ok', data: { householdId: input.householdId, ownerUserId: r.ownerUserId } };
  },
  // The claim's card goes once it is confirmed: the page says so instead.
  redirect: (r) => (r.status === 'ok' ? `/cadre/assist/${r.data.householdId}?saved=claimed` : null),
});

export const declineClaimAction = defineAction({
  name: 'household.claim_decline',
  capability: 'household:manage_in_place',
  input: formSchema({
    householdId: z.uuid({ error: 'validation.invalidType' }),
    reason: z.enum(CLAIM_DECLINE_REASONS, { error: 'cadreAssist.claim.errors.reasonRequired' }),
  }),
  authorize: async ({ db, user, input }) => allowFound(await findAssistHousehold({ db, actor: user, householdId: input.householdId })),
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ householdId: string }>> => {
    const r = await declineHouseholdClaim({ db, actor: user, householdId: input.householdId, reason: input.reason, ip });
    if (r.status !== 'ok') return { status: 'conflict', code: `conflict:claim_${r.status}` };
    revalidatePath(`/cadre/assist/${input.householdId}`);
    return { status: 'ok', data: { householdId: input.householdId } };
  },
  redirect: (r) => (r.status === 'ok' ? `/cadre/assist/${r.data.householdId}?saved=declined` : null),
});
