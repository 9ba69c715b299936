'use server';
// The resident saves where their household's cash help is paid (issue 10 item 6). The household
// is the one the session owns, never taken from the request; the use case locks it again.
import { revalidatePath } from 'next/cache';
import { allowFound, defineAction, type ActionResult } from '@/lib/actions';
import { payeeAccountInput } from '@/lib/payee-input';
import { findOwnedHousehold } from '@/db/queries/households';
import { savePayeeAccount, type SavePayeeAccountDone } from '@/server/payees/save-payee-account';

export const savePayeeAccountOwnAction = defineAction({
  name: 'payee.save_own',
  capability: 'household:manage_own',
  input: payeeAccountInput,
  authorize: async ({ db, user }) => allowFound(await findOwnedHousehold({ db, userId: user.id })),
  run: async ({ db, user, input, ip, record }): Promise<ActionResult<SavePayeeAccountDone>> => {
    const r = await savePayeeAccount({ db, actor: user, householdId: record.id, expectedVersion: input.version, input, ip });
    revalidatePath('/resident/household');
    return { status: 'ok', data: r };
  },
});
