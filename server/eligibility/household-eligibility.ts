import 'server-only';
// "Who qualifies for what" for one household, read from storage: its declared and verified
// facts and every programme as loaded by db/queries/programmes.ts, run through the one pure
// entry point (lib/programs/eligibility.ts). Resident pages preview with this; server
// decisions use the same pure function on the same loaded programme, so a programme whose
// stored params do not parse is unavailable to both. The appliance programmes take off the
// units held elsewhere exactly as the server does at recommendation and approval
// (transition-application.ts): a unit never gets both a free repair and the subsidy, so the
// preview never promises what a cadre could not grant.
import type { DbOrTx } from '@/db/client';
import { loadFacts } from '@/db/queries/facts';
import { unitsHeldByOtherProgramme } from '@/db/queries/handouts';
import { loadProgrammes, type LoadedProgramme } from '@/db/queries/programmes';
import { PROGRAMME_CODES, type HouseholdKind, type ProgrammeCode } from '@/lib/domain';
import type { FactsPair } from '@/lib/facts';
import { householdEligibility, isOffered, type HouseholdEligibility, type UnitRequest } from '@/lib/programs';

export type HeldUnits = NonNullable<UnitRequest['heldElsewhere']>;

export interface ProgrammeEligibility {
  programme: LoadedProgramme;
  /** Switched on and configured: residents may see and apply for it. */
  offered: boolean;
  eligibility: HouseholdEligibility;
  /** Appliance programmes: the household's units taken off before granting (the apply form's unit maximum gives them up too). */
  heldElsewhere?: HeldUnits;
}

const APPLIANCE: readonly ProgrammeCode[] = ['appliance_repair', 'appliance_subsidy'];

/** Units of the household an appliance programme cannot grant (db/queries/handouts.ts); undefined for the other programmes. */
export async function heldElsewhereFor({ db, householdId, code }: { db: DbOrTx; householdId: string; code: ProgrammeCode }): Promise<HeldUnits | undefined> {
  return code === 'appliance_repair' || code === 'appliance_subsidy' ? unitsHeldByOtherProgramme({ db, householdId, programme: code }) : undefined;
}

export interface HouseholdEligibilityRead {
  kind: HouseholdKind;
  facts: FactsPair;
  /** Every programme that has a row, in PROGRAMME_CODES order (offered or not: callers filter on `offered`). */
  programmes: ProgrammeEligibility[];
}

/** The household's eligibility for every programme (or only `code`); null when the household does not exist. */
export async function readHouseholdEligibility({ db, householdId, code }: { db: DbOrTx; householdId: string; code?: ProgrammeCode }): Promise<HouseholdEligibilityRead | null> {
  const appliance = APPLIANCE.filter((c) => code === undefined || c === code);
  const [facts, rows, held] = await Promise.all([
    loadFacts({ db, householdId }),
    loadProgrammes({ db }),
    Promise.all(appliance.map(async (c) => [c, await heldElsewhereFor({ db, householdId, code: c })] as const)),
  ]);
  if (!facts) return null;
  const pair: FactsPair = { declared: facts.declared, verified: facts.verified };
  const programmes = PROGRAMME_CODES.flatMap((c): ProgrammeEligibility[] => {
    const programme = rows.find((r) => r.code === c);
    if (!programme || (code !== undefined && c !== code)) return [];
    const heldElsewhere = held.find(([k]) => k === c)?.[1];
    return [{ programme, offered: isOffered(programme), eligibility: householdEligibility({ facts: pair, programme, ...(heldElsewhere ? { request: { heldElsewhere } } : {}) }), ...(heldElsewhere ? { heldElsewhere } : {}) }];
  });
  return { kind: facts.kind, facts: pair, programmes };
}
