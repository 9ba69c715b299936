import 'server-only';
// The household every page under /cadre/assist/[householdId] starts from: inside the cadre's
// places (else 404, like an id that does not exist), and not their own or a relative's
// (else the recusal is shown instead of any form).
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { findAssistHousehold } from '@/db/queries/assist';
import { dutyConflict } from '@/lib/permissions';
import type { Capability } from '@/lib/permissions';
import { requireCapability } from '@/lib/session';
import { UUID_TEXT } from '@/lib/validators';


export async function loadAssistHousehold(householdId: string, capability: Capability, path: string) {
  const user = await requireCapability(capability, path);
  if (!UUID_TEXT.test(householdId)) notFound();
  const hh = await findAssistHousehold({ db: getDb(), actor: user, householdId });
  if (!hh) notFound();
  return { user, hh, recused: dutyConflict(user, { ownerUserId: hh.ownerUserId, householdId: hh.id }) !== null };
}
