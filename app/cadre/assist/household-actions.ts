'use server';
// What a cadre does for a household in their places on its behalf (代办): members, declared
// damage with photos, applications (draft, submit, resubmit) and grievances — the same inputs
// and use cases as the resident's own forms, with the household named by id. `authorize` loads
// it scoped by the cadre's places and refuses the cadre's own or a relative's household; the use
// case checks again inside its transaction and records the cadre as the actor.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction, type ActionContext, type ActionResult } from '@/lib/actions';
import { AppError } from '@/lib/errors';
import { PROGRAMME_CODES } from '@/lib/domain';
import { fileGrievanceSchema } from '@/lib/grievances';
import { dutyConflict } from '@/lib/permissions';
import { formSchema } from '@/lib/validators';
import { findAssistHousehold } from '@/db/queries/assist';
import { addMember } from '@/server/households/add-member';
import { removeMember } from '@/server/households/remove-member';
import { declareFacts } from '@/server/households/declare-facts';
import { addMemberToHouseholdInput, declarationFromInput, declareFields, memberFromInput } from '@/server/households/form-inputs';
import { saveApplicationForm, type SavedApplication } from '@/server/applications/save-application-form';
import { fileGrievance } from '@/server/grievances/file-grievance';

const householdId = z.uuid({ error: 'validation.invalidType' });
const photoIds = z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.uuid({ error: 'validation.invalidType' })).max(9, { error: 'validation.invalidType' }));

/** The household if it is in the cadre's places (else not found) and not their own or a relative's (else forbidden). */
async function householdForCadre({ db, user, input }: ActionContext<{ householdId: string }>) {
  const hh = await findAssistHousehold({ db, actor: user, householdId: input.householdId });
  if (!hh) return 'not_found' as const;
  if (dutyConflict(user, { ownerUserId: hh.ownerUserId, householdId: hh.id })) return 'forbidden' as const;
  return { allow: hh };
}

const refresh = (id: string) => {
  revalidatePath(`/cadre/assist/${id}`, 'layout');
  revalidatePath(`/cadre/households/${id}`);
};

export const assistAddMemberAction = defineAction({
  name: 'assist.member_add',
  capability: 'household:manage_in_place',
  input: addMemberToHouseholdInput,
  authorize: householdForCadre,
  run: async ({ db, user, input, ip, record }): Promise<ActionResult<{ id: string }>> => {
    const r = await addMember({ db, actor: user, householdId: record.id, ip, member: memberFromInput(input) });
    if (r.status === 'duplicate_id') return { status: 'invalid', fieldErrors: { idNumber: ['household.errors.memberIdTaken'] } };
    if (r.status === 'too_many') return { status: 'invalid', fieldErrors: { _form: ['household.errors.tooManyMembers'] } };
    refresh(record.id);
    return { status: 'ok', data: { id: r.id } };
  },
});

export const assistRemoveMemberAction = defineAction({
  name: 'assist.member_remove',
  capability: 'household:manage_in_place',
  input: formSchema({ householdId, memberId: z.uuid({ error: 'validation.invalidType' }) }),
  authorize: householdForCadre,
  run: async ({ db, user, input, ip, record }): Promise<ActionResult<null>> => {
    await removeMember({ db, actor: user, householdId: record.id, memberId: input.memberId, ip });
    refresh(record.id);
    return { status: 'ok', data: null };
  },
});

export const assistDeclareAction = defineAction({
  name: 'assist.declare',
  capability: 'household:manage_in_place',
  input: formSchema({ householdId, ...declareFields }),
  authorize: householdForCadre,
  run: async ({ db, user, input, ip, record }): Promise<ActionResult<{ changed: string[] }>> => {
    const d = declarationFromInput(record.kind, input);
    if ('missing' in d) return { status: 'invalid', fieldErrors: d.missing };
    const r = await declareFacts({ db, actor: user, householdId: record.id, ip, photoIds: d.photoIds, declaration: d.declaration });
    if (r.status === 'bad_photos') return { status: 'invalid', fieldErrors: { photos: ['household.errors.photos'] } };
    refresh(record.id);
    return { status: 'ok', data: { changed: r.changed } };
  },
});

export const assistSaveApplicationAction = defineAction({
  name: 'assist.application_save',
  capability: 'application:apply_on_behalf',
  input: z.looseObject({
    householdId,
    programme: z.enum(PROGRAMME_CODES, { error: 'validation.invalidType' }),
    intent: z.enum(['draft', 'submit'], { error: 'validation.invalidType' }),
    idempotencyKey: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(8).max(100).optional()),
  }),
  authorize: householdForCadre,
  run: async ({ db, user, input, ip, record }): Promise<ActionResult<SavedApplication>> => {
    const r = await saveApplicationForm({ db, actor: user, householdId: record.id, input, ip });
    if (r.status === 'ok') refresh(record.id);
    return r;
  },
});

export const assistFileGrievanceAction = defineAction({
  name: 'assist.grievance_file',
  capability: 'grievance:file_on_behalf',
  input: fileGrievanceSchema.extend({ householdId, photos: photoIds }),
  authorize: householdForCadre,
  run: async ({ db, user, input, ip, record }): Promise<ActionResult<{ id: string; reference: string }>> => {
    try {
      const r = await fileGrievance({ db, actor: user, placeId: input.placeId, category: input.category, description: input.description, photoIds: input.photos, onBehalfOf: record.id, ip });
      refresh(record.id);
      revalidatePath('/cadre/grievances');
      return { status: 'ok', data: { id: r.id, reference: r.reference } };
    } catch (err) {
      if (err instanceof AppError && err.code === 'invalid:place') return { status: 'invalid', fieldErrors: { placeId: ['grievances.errors.place'] } };
      throw err;
    }
  },
  redirect: (r) => (r.status === 'ok' ? `/cadre/grievances/${r.data.id}` : null),
});
