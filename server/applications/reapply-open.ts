import 'server-only';
// "May this household apply again?" for the resident's pages (case page, what I may receive,
// home): one read over the household's cases, so the three offer "apply again" exactly when
// the apply page and save-application.ts would take a new application (lib/reapply.ts). Edit
// lib/reapply.ts to change the rule; this file only fetches what the rule reads.
import type { DbOrTx } from '@/db/client';
import { factVerifiedSince } from '@/db/queries/facts';
import type { ProgrammeCode } from '@/lib/domain';
import { reapplyCandidates, reapplyRefusal, type ClosedApplication } from '@/lib/reapply';

/** The programmes whose latest case is closed and after which lib/reapply.ts lets the household apply again. `cases`: the household's, newest first. */
export async function programmesOpenAgain({ db, householdId, cases, now = new Date() }: { db: DbOrTx; householdId: string; cases: readonly (ClosedApplication & { programmeCode: ProgrammeCode })[]; now?: Date }): Promise<Set<ProgrammeCode>> {
  const open = await Promise.all(
    reapplyCandidates(cases).map(async (c) => {
      // Only a refusal asks whether a fact was verified since (as the apply page does).
      const factsChanged = c.rejectedAt ? await factVerifiedSince({ db, householdId, since: c.rejectedAt }) : false;
      return reapplyRefusal(c, factsChanged, now) === null ? c.programmeCode : null;
    }),
  );
  return new Set(open.filter((code): code is ProgrammeCode => code !== null));
}
