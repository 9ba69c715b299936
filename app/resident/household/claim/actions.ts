'use server';
// The resident asks to take over the household a cadre kept for them (代办). Nothing is taken
// from the request: the household is the one whose head has the account's own ID number.
import { revalidatePath } from 'next/cache';
import { anyRecord, defineAction, type ActionResult } from '@/lib/actions';
import { formSchema } from '@/lib/validators';
import { requestHouseholdClaim } from '@/server/households/claim-household';

export const requestClaimAction = defineAction({
  name: 'household.claim_request',
  capability: 'household:manage_own',
  input: formSchema({}),
  // The record is found by the account's own ID number inside the use case; nothing to name.
  authorize: anyRecord,
  run: async ({ db, user, ip }): Promise<ActionResult<{ alreadyAsked: boolean }>> => {
    const r = await requestHouseholdClaim({ db, actor: user, ip });
    if (r.status !== 'ok') return { status: 'conflict', code: `conflict:claim_${r.status}` };
    revalidatePath('/resident/household');
    return { status: 'ok', data: { alreadyAsked: r.alreadyAsked } };
  },
});
