// Shapes shared by every programme rule (CONVENTIONS.md §4). A new programme is one new file
// that exports a ProgrammeDefinition, plus its row in index.ts.

import type { z } from 'zod';
import type { HouseholdFacts, Material, ProgrammeCode } from '@/lib/domain';

/**
 * One condition of a rule and how it came out. `code` is a message key under the `rules`
 * namespace that names the CONDITION in neutral words ('rules.groundFloorFlooded' = "ground
 * floor flooded"); the UI shows it with `passed` (see 'rules.outcome.*'). A fact the rule
 * needed but did not have gives 'rules.unknown.<fact>' with `passed: false`.
 */
export interface Reason {
  code: string;
  passed: boolean;
  params?: Record<string, string | number>;
}

export interface CashLine {
  item: 'boiler' | 'heatPump' | 'household';
  units: number;
  rateYuan: number;
  amountYuan: number;
}

export type Entitlement =
  /** `season`: this heating season's fee; `years`: that many years of property fee. */
  | { kind: 'waiver'; years?: number; season?: boolean }
  /** One repair work order per unit. */
  | { kind: 'repair'; units: { boilers: number; heatPumps: number } }
  /** Whole yuan. */
  | { kind: 'cash'; amountYuan: number; breakdown?: CashLine[] }
  | { kind: 'materials'; items: { material: Material; tonnes: number }[] };

export interface Eligibility {
  eligible: boolean;
  /**
   * True when a fact the rule needs is missing AND it could change the outcome: no known
   * condition already fails. (A rural household is simply not eligible for a city fee
   * waiver, whether or not its ground floor flooding is known.) Always false when eligible.
   */
  unknown: boolean;
  reasons: Reason[];
  entitlement: Entitlement | null;
}

/** How many units the applicant asks for (appliance programmes); capped at the verified damage. */
export interface UnitRequest {
  boilers?: number;
  heatPumps?: number;
  /**
   * Units of the household already taken by the OTHER appliance programme (for the subsidy:
   * units with a repair work order open, scheduled or done, or asked for in a pending repair
   * case; for the repair: units claimed by a subsidy case). One unit never gets both a free
   * repair and the replacement subsidy, so these are taken off the damage before granting.
   */
  heldElsewhere?: { boilers: number; heatPumps: number };
}

export type FieldType = 'int' | 'text' | 'upload' | 'boolean';

/** One field of a programme's application form; the form and its zod schema are generated from these. */
export interface ApplicationField {
  name: string;
  type: FieldType;
  /** int: smallest / largest value. text: `max` = most characters. */
  min?: number;
  max?: number;
  required: boolean;
  /** Message key under 'apply.fields'. */
  labelKey: string;
  /** Optional help line under the label, also under 'apply.fields'. */
  hintKey?: string;
  /** int fields whose largest value is the household's count of this fact, when known. */
  maxFromFact?: 'damagedBoilers' | 'damagedHeatPumps';
}

export interface ProgrammeDefinition<P = unknown> {
  readonly code: ProgrammeCode;
  /** false = 免申即享: an official enrols every eligible household; no application form. */
  readonly needsApplication: boolean;
  /** Days of public notice (公示) before approval; 0 = none. */
  readonly noticeDays: number;
  readonly defaultParams: Readonly<P>;
  /** Validates params as officials edit them and as they are read back from storage. */
  readonly paramsSchema: z.ZodType<P>;
  readonly applicationFields: readonly ApplicationField[];
  /** Pure; never throws for any HouseholdFacts-shaped input. Decide on VERIFIED facts only. */
  evaluate(facts: HouseholdFacts, params: Readonly<P>, request?: UnitRequest): Eligibility;
}
