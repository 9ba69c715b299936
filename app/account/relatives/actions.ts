'use server';
// A cadre's declarations for conflict of interest: a relative by ID number (and the family
// tie), withdrawing one, and their own ID number once. Built with defineAction; the records
// are the actor's own, so there is nothing else to authorize.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { anyRecord, defineAction, type ActionResult } from '@/lib/actions';
import { idNumberSchema } from '@/lib/validators';
import { declareRelative, recordOwnIdNumber, withdrawRelative } from '@/server/staff/declare-relative';
import { RELATIONS } from './relations';

const declareInput = z.object({
  idNumber: idNumberSchema,
  relation: z.enum(RELATIONS, { error: 'cadreRelatives.validation.relation' }),
});

export const declareRelativeAction = defineAction({
  name: 'staff.relative.declare',
  capability: 'relative:declare',
  input: declareInput,
  authorize: anyRecord,
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ created: boolean }>> => {
    const r = await declareRelative({ db, actor: user, idNumber: input.idNumber, relation: input.relation, ip });
    revalidatePath('/account/relatives');
    return { status: 'ok', data: r };
  },
});

export const withdrawRelativeAction = defineAction({
  name: 'staff.relative.withdraw',
  capability: 'relative:declare',
  input: z.object({ relative: z.string().regex(/^[0-9a-f]{64}$/, { error: 'validation.invalidType' }) }),
  authorize: anyRecord,
  run: async ({ db, user, input, ip }): Promise<ActionResult<null>> => {
    await withdrawRelative({ db, actor: user, idNumberHash: input.relative, ip });
    revalidatePath('/account/relatives');
    return { status: 'ok', data: null };
  },
});

export const recordOwnIdNumberAction = defineAction({
  name: 'staff.id_number.set',
  capability: 'relative:declare',
  input: z.object({ idNumber: idNumberSchema }),
  authorize: anyRecord,
  run: async ({ db, user, input, ip }): Promise<ActionResult<null>> => {
    await recordOwnIdNumber({ db, actor: user, idNumber: input.idNumber, ip });
    revalidatePath('/account/relatives');
    return { status: 'ok', data: null };
  },
});
