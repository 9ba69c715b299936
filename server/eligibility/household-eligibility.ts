import 'server-only';
// "Who qualifies for what" for one household, read from storage: its declared and verified
// facts and every programme as loaded by db/queries/programmes.ts, run through the one pure
// entry point (lib/programs/eligibility.ts). Resident pages preview with this; server
// decisions use the same pure function on the same loaded programme, so a programme whose
// stored params do not parse is unavailable to both.
import type { DbOrTx } from '@/db/client';
import { loadFacts } from '@/db/queries/facts';
import { loadProgrammes, type LoadedProgramme } from '@/db/queries/programmes';
import { PROGRAMME_CODES, type HouseholdKind, type ProgrammeCode } from '@/lib/domain';
import type { FactsPair } from '@/lib/facts';
import { householdEligibility, isOffered, type HouseholdEligibility } from '@/lib/programs';

export interface ProgrammeEligibility {
  programme: LoadedProgramme;
  /** Switched on and configured: residents may see and apply for it. */
  offered: boolean;
  eligibility: HouseholdEligibility;
}

export interface HouseholdEligibilityRead {
  kind: HouseholdKind;
  facts: FactsPair;
  /** Every programme that has a row, in PROGRAMME_CODES order (offered or not: callers filter on `offered`). */
  programmes: ProgrammeEligibility[];
}

/** The household's eligibility for every programme (or only `code`); null when the household does not exist. */
export async function readHouseholdEligibility({ db, householdId, code }: { db: DbOrTx; householdId: string; code?: ProgrammeCode }): Promise<HouseholdEligibilityRead | null> {
  const [facts, rows] = await Promise.all([loadFacts({ db, householdId }), loadProgrammes({ db })]);
  if (!facts) return null;
  const pair: FactsPair = { declared: facts.declared, verified: facts.verified };
  const programmes = PROGRAMME_CODES.flatMap((c) => {
    const programme = rows.find((r) => r.code === c);
    if (!programme || (code !== undefined && c !== code)) return [];
    return [{ programme, offered: isOffered(programme), eligibility: householdEligibility({ facts: pair, programme }) }];
  });
  return { kind: facts.kind, facts: pair, programmes };
}
