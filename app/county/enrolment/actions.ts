'use server';
// "Enrol all" on /county/enrolment: one 免申即享 run (server/enrolment/enrol-households.ts).
// Only a county-wide official may run it; the use case checks that again inside its own call.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { allow, defineAction, type ActionResult } from '@/lib/actions';
import { isCountyWide } from '@/lib/permissions';
import { formSchema } from '@/lib/validators';
import { ENROLMENT_PROGRAMMES } from '@/db/queries/enrolment';
import { enrolHouseholds } from '@/server/enrolment/enrol-households';

export interface EnrolmentDone {
  runId: string;
  enrolled: number;
  amountYuan: number;
}

export const enrolHouseholdsAction = defineAction({
  name: 'enrolment.run',
  capability: 'enrolment:run',
  input: formSchema({ programme: z.enum(ENROLMENT_PROGRAMMES, { error: 'validation.invalidType' }) }),
  // No record: the run touches every qualifying household of the county, which only a county-wide official manages.
  authorize: async ({ user }) => (isCountyWide(user) ? allow(null) : 'forbidden'),
  run: async ({ db, user, ip, input }): Promise<ActionResult<EnrolmentDone>> => {
    const r = await enrolHouseholds({ db, actor: user, code: input.programme, ip });
    revalidatePath('/county/enrolment');
    return { status: 'ok', data: { runId: r.runId, enrolled: r.enrolled, amountYuan: r.amountYuan } };
  },
});
