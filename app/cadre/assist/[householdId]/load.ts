import 'server-only';
// The household every page under /cadre/assist/[householdId] starts from: inside the cadre's
// places (else 404, like an id that does not exist), and not their own or a relative's
// (else the recusal is shown instead of any form), and for keeping its records, still without an
// owner account (once its head has claimed it, they keep them themselves).
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { findAssistHousehold } from '@/db/queries/assist';
import { dutyConflict, keepingRefusal, type Capability } from '@/lib/permissions';
import { requireCapability } from '@/lib/session';
import { UUID_TEXT } from '@/lib/validators';


export async function loadAssistHousehold(householdId: string, capability: Capability, path: string) {
  const user = await requireCapability(capability, path);
  if (!UUID_TEXT.test(householdId)) notFound();
  const hh = await findAssistHousehold({ db: getDb(), actor: user, householdId });
  if (!hh) notFound();
  const record = { ownerUserId: hh.ownerUserId, householdId: hh.id };
  // A grievance may be filed for any household of the place; the rest is keeping its records.
  const refused = capability === 'grievance:file_on_behalf' ? (dutyConflict(user, record) ? 'forbidden' : null) : keepingRefusal(user, record);
  const recused = refused !== null;
  /** Why no form is shown: related to the household, or its head manages it now. */
  const stopNote = refused === 'conflict:household_claimed' ? ('cadreAssist.household.claimedStop' as const) : ('cadreAssist.household.recused' as const);
  return { user, hh, recused, stopNote };
}
