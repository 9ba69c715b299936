// The household damage facts vocabulary (pure, client-safe): which facts a household of each
// kind is asked about, how a posted or stored value is read, and how the declared and verified
// values of the stored rows become the facts the eligibility rules read. The keys themselves
// are in lib/domain.ts (FACT_KEYS); the SQL that reads and writes them is in db/queries/.

import { FACT_KEYS, SAFETY_GRADES, type FactKey, type HouseholdFacts, type HouseholdKind, type SafetyGrade } from '@/lib/domain';

/**
 * The largest count of damaged units a fact may hold. Counts above this are a data error, not
 * a household (the form allows 20 per kind). Also keeps every amount a safe integer: 100 ×
 * ¥1,000,000 is far below 2^53.
 */
export const MAX_FACT_COUNT = 100;

/** A fact as stored (jsonb scalar). */
export type FactValue = boolean | number | string;

/**
 * The facts a household of this kind is asked about, in FACT_KEYS order: a flat (urban) is
 * asked whether its ground floor flooded, a house (rural) for its appraisal grade.
 */
export function factKeysFor(kind: HouseholdKind): FactKey[] {
  return FACT_KEYS.filter((k) => (kind === 'urban' ? k !== 'safetyGrade' : k !== 'groundFloorFlooded'));
}

/**
 * A fact value as a form posts it ('true', '2', 'C') → the JSON scalar stored for that key,
 * or null when it is not a valid value for the key. Counts are whole numbers 0–MAX_FACT_COUNT.
 */
export function parseFactValue(key: FactKey, raw: unknown): FactValue | null {
  const s = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : null;
  if (s === null || s === '') return null;
  switch (key) {
    case 'groundFloorFlooded':
    case 'affected':
    case 'repairImpossible':
      return s === 'true' ? true : s === 'false' ? false : null;
    case 'safetyGrade':
      return (SAFETY_GRADES as readonly string[]).includes(s) ? s : null;
    case 'damagedBoilers':
    case 'damagedHeatPumps': {
      if (!/^\d{1,3}$/.test(s)) return null;
      const n = Number(s);
      return n <= MAX_FACT_COUNT ? n : null;
    }
  }
}

/**
 * A fact value in words: yes/no, a grade's name, a count as digits, "unknown" for no value.
 * `t` is the caller's translator (server or client), so this module stays free of i18n glue.
 */
export function formatFactValue(t: (key: string) => string, key: string, value: unknown): string {
  if (value === null || value === undefined) return t('facts.unknown');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (key === 'safetyGrade') return t(`facts.grade.${String(value)}`);
  return String(value);
}

/** What the damage form sends, already checked; undefined = the form did not ask (kind). */
export interface Declaration {
  groundFloorFlooded?: boolean;
  /** null = not appraised yet: no fact (a previous declaration is withdrawn). */
  safetyGrade?: SafetyGrade | null;
  damagedBoilers: number;
  damagedHeatPumps: number;
  repairImpossible: boolean;
  affected: boolean;
}

/** The facts a declaration writes for a household of this kind (urban: flooding; rural: grade). */
export function declaredValues(kind: HouseholdKind, d: Declaration): Partial<Record<FactKey, FactValue | null>> {
  const out: Partial<Record<FactKey, FactValue | null>> = {
    damagedBoilers: d.damagedBoilers,
    damagedHeatPumps: d.damagedHeatPumps,
    // "Cannot be repaired" means nothing without a damaged unit.
    repairImpossible: d.damagedBoilers + d.damagedHeatPumps > 0 ? d.repairImpossible : false,
    affected: d.affected,
  };
  if (kind === 'urban' && d.groundFloorFlooded !== undefined) out.groundFloorFlooded = d.groundFloorFlooded;
  if (kind === 'rural' && d.safetyGrade !== undefined) out.safetyGrade = d.safetyGrade;
  return out;
}

/** A household's facts as the eligibility rules read them: what was declared, and what a cadre verified. */
export interface FactsPair {
  declared: HouseholdFacts;
  verified: HouseholdFacts;
}

/**
 * Stored fact rows → declared and verified facts. A null value is "not known". Values are
 * passed through as stored: the rules read each one defensively (lib/programs/kit.ts), so a
 * malformed stored value counts as unknown there rather than being dropped twice.
 */
export function factsFromRows(kind: HouseholdKind, rows: readonly { key: FactKey; declaredValue: unknown; verifiedValue: unknown }[]): FactsPair {
  const declared: Record<string, unknown> = { kind };
  const verified: Record<string, unknown> = { kind };
  for (const r of rows) {
    if (r.declaredValue !== null && r.declaredValue !== undefined) declared[r.key] = r.declaredValue;
    if (r.verifiedValue !== null && r.verifiedValue !== undefined) verified[r.key] = r.verifiedValue;
  }
  return { declared: declared as unknown as HouseholdFacts, verified: verified as unknown as HouseholdFacts };
}
