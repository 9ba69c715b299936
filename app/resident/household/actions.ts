'use server';
// The resident's own household: register it, add and remove members, declare the damage.
// The household is always found from the session (the owner's own), never taken from the
// request; `authorize` loads it once and hands it to `run`, and each action calls one use case
// (server/households/), which locks it again scoped by the actor inside its transaction.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { allowFound, anyRecord, defineAction, type ActionContext, type ActionResult } from '@/lib/actions';
import { AppError } from '@/lib/errors';
import { HOUSEHOLD_KINDS } from '@/lib/domain';
import { formSchema, serialIdSchema } from '@/lib/validators';
import { findOwnedHousehold, ownedHouseholdId } from '@/db/queries/households';
import { createHousehold } from '@/server/households/create-household';
import { addMember } from '@/server/households/add-member';
import { removeMember } from '@/server/households/remove-member';
import { declareFacts } from '@/server/households/declare-facts';
import { addMemberInput, declarationFromInput, declareFields, floorField, memberFromInput } from '@/server/households/form-inputs';

/** Object-level checks run even when a field failed, so every error is reported at once (they must read the values defensively). */
const ALWAYS = { when: () => true };

const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);
const trimmed = (max: number) => z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ error: 'validation.invalidType' }).max(max, 'household.errors.tooLong'));

/** Only a resident who owns a household may change it; anyone else learns nothing. */
async function ownsHousehold({ db, user }: ActionContext<unknown>) {
  return allowFound(await findOwnedHousehold({ db, userId: user.id }));
}

function actorOf(ctx: ActionContext<unknown>) {
  return { id: ctx.user.id, role: ctx.user.role, placePaths: ctx.user.placePaths };
}

// ---------------------------------------------------------------------------------------------
// Register the household
// ---------------------------------------------------------------------------------------------

const createInput = formSchema({
  placeId: z.preprocess(blankToUndefined, serialIdSchema('household.errors.placeRequired')),
  kind: z.enum(HOUSEHOLD_KINDS, { error: 'household.errors.kindRequired' }),
  addressDetail: trimmed(200).optional(),
  building: trimmed(20).optional(),
  unitNo: trimmed(20).optional(),
  floor: floorField,
}).superRefine((v, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (v.kind === 'urban') {
    if (!v.building) issue('building', 'household.errors.buildingRequired');
    if (v.floor === undefined) issue('floor', 'household.errors.floorRequired');
  }
  if (v.kind === 'rural' && !v.addressDetail) issue('addressDetail', 'household.errors.addressRequired');
}, ALWAYS);

export const createHouseholdAction = defineAction({
  name: 'household.create_own',
  capability: 'household:manage_own',
  input: createInput,
  // No record yet: the household is created for the signed-in resident only.
  authorize: anyRecord,
  run: async (ctx): Promise<ActionResult<{ id: string }>> => {
    const { db, input, ip } = ctx;
    try {
      const created = await createHousehold({
        db,
        actor: actorOf(ctx),
        ip,
        input: { placeId: input.placeId, kind: input.kind, addressDetail: input.addressDetail ?? '', building: input.building || null, unitNo: input.unitNo || null, floor: input.floor ?? null },
      });
      revalidatePath('/resident', 'layout');
      return { status: 'ok', data: created };
    } catch (err) {
      if (err instanceof AppError) {
        // A double click or a second tab: the household is there already, which is what was wanted.
        if (err.code === 'duplicate:household') {
          const id = await ownedHouseholdId({ db, userId: ctx.user.id });
          if (id) return { status: 'ok', data: { id } };
        }
        if (err.code === 'duplicate:household_head') return { status: 'invalid', fieldErrors: { _form: ['household.errors.headTaken'] } };
        if (err.code === 'invalid:place') return { status: 'invalid', fieldErrors: { placeId: ['household.errors.placeRequired'] } };
        if (err.code === 'invalid:no_id_number') return { status: 'invalid', fieldErrors: { _form: ['household.errors.noIdNumber'] } };
      }
      throw err;
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Members
// ---------------------------------------------------------------------------------------------

export const addMemberAction = defineAction({
  name: 'household.member_add',
  capability: 'household:manage_own',
  input: addMemberInput,
  authorize: ownsHousehold,
  run: async (ctx): Promise<ActionResult<{ id: string }>> => {
    const { db, input, ip, record } = ctx;
    const r = await addMember({ db, actor: actorOf(ctx), householdId: record.id, ip, member: memberFromInput(input) });
    if (r.status === 'duplicate_id') return { status: 'invalid', fieldErrors: { idNumber: ['household.errors.memberIdTaken'] } };
    if (r.status === 'too_many') return { status: 'invalid', fieldErrors: { _form: ['household.errors.tooManyMembers'] } };
    revalidatePath('/resident/household');
    return { status: 'ok', data: { id: r.id } };
  },
});

export const removeMemberAction = defineAction({
  name: 'household.member_remove',
  capability: 'household:manage_own',
  input: formSchema({ memberId: z.uuid({ error: 'validation.invalidType' }) }),
  authorize: ownsHousehold,
  run: async (ctx): Promise<ActionResult<null>> => {
    await removeMember({ db: ctx.db, actor: actorOf(ctx), householdId: ctx.record.id, memberId: ctx.input.memberId, ip: ctx.ip });
    revalidatePath('/resident/household');
    return { status: 'ok', data: null };
  },
});

// ---------------------------------------------------------------------------------------------
// Declare the damage
// ---------------------------------------------------------------------------------------------

const declareInput = formSchema(declareFields);

export const declareDamageAction = defineAction({
  name: 'household.declare',
  capability: 'household:manage_own',
  input: declareInput,
  authorize: ownsHousehold,
  run: async (ctx): Promise<ActionResult<{ changed: string[] }>> => {
    const { db, input, ip, record } = ctx;
    const d = declarationFromInput(record.kind, input);
    if ('missing' in d) return { status: 'invalid', fieldErrors: d.missing };
    const r = await declareFacts({ db, actor: actorOf(ctx), householdId: record.id, ip, photoIds: d.photoIds, declaration: d.declaration });
    if (r.status === 'bad_photos') return { status: 'invalid', fieldErrors: { photos: ['household.errors.photos'] } };
    revalidatePath('/resident', 'layout');
    return { status: 'ok', data: { changed: r.changed } };
  },
});
