'use server';
// A cadre saves where a household of their places is paid (issue 10 item 6), e.g. from the card
// shown on a doorstep visit. A household elsewhere does not exist for them; the use case locks it
// again, refuses their own or a relative's household, and tells the resident.
import { revalidatePath } from 'next/cache';
import { allowFound, defineAction, type ActionResult } from '@/lib/actions';
import { payeeAccountInput } from '@/lib/payee-input';
import { findReachableHousehold } from '@/db/queries/applications';
import { savePayeeAccount, type SavePayeeAccountDone } from '@/server/payees/save-payee-account';

export const savePayeeAccountInPlaceAction = defineAction({
  name: 'payee.save_in_place',
  capability: 'household:manage_in_place',
  input: payeeAccountInput,
  authorize: async ({ db, user, input }) => (input.householdId ? allowFound(await findReachableHousehold({ db, actor: user, householdId: input.householdId })) : 'not_found'),
  run: async ({ db, user, input, ip, record }): Promise<ActionResult<SavePayeeAccountDone>> => {
    const r = await savePayeeAccount({ db, actor: user, householdId: record.id, expectedVersion: input.version, input, ip });
    revalidatePath(`/cadre/households/${record.id}`);
    return { status: 'ok', data: r };
  },
});
