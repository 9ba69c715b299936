import { FACT_KEYS, type FactKey, type HouseholdKind } from '@/lib/domain';

/** The facts a household of this kind is asked about, in a fixed order (flats: flooding; houses: appraisal). */
export function factKeysFor(kind: HouseholdKind): FactKey[] {
  return FACT_KEYS.filter((k) => (kind === 'urban' ? k !== 'safetyGrade' : k !== 'groundFloorFlooded'));
}
