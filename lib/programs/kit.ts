// Small helpers the rules share: read a fact defensively (a value that is not a valid fact
// counts as unknown, so a rule never throws and never grants on garbage), and combine
// conditions with three-valued AND.

import { HOUSEHOLD_KINDS, SAFETY_GRADES, type FactKey, type HouseholdFacts, type HouseholdKind, type SafetyGrade } from '@/lib/domain';
import { MAX_FACT_COUNT } from '@/lib/facts';
import type { Eligibility, Entitlement, Reason, UnitRequest } from './types';

export function boolFact(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}


/** A count of units: a number from 0 to MAX_FACT_COUNT, rounded down. Anything else is unknown. */
export function countFact(v: unknown): number | undefined {
  // `+ 0` turns -0 into 0.
  return typeof v === 'number' && v >= 0 && v <= MAX_FACT_COUNT ? Math.floor(v) + 0 : undefined;
}

export function kindFact(v: unknown): HouseholdKind | undefined {
  return (HOUSEHOLD_KINDS as readonly unknown[]).includes(v) ? (v as HouseholdKind) : undefined;
}

export function gradeFact(v: unknown): SafetyGrade | undefined {
  return (SAFETY_GRADES as readonly unknown[]).includes(v) ? (v as SafetyGrade) : undefined;
}

/** One condition of a rule; `value: undefined` = cannot be decided because `missing` facts are unknown. */
export interface Condition {
  code: string;
  value: boolean | undefined;
  missing: readonly (FactKey | 'kind')[];
  params?: Record<string, string | number>;
}

export function condition(code: string, value: boolean | undefined, missing: FactKey | 'kind', params?: Reason['params']): Condition {
  return { code, value, missing: [missing], ...(params ? { params } : {}) };
}

/**
 * AND of the conditions, in Kleene's three-valued logic: eligible when all hold; unknown when
 * none is known to fail and some cannot be decided. `entitlement` is only called when eligible.
 */
export function allOf(conditions: readonly Condition[], entitlement: () => Entitlement): Eligibility {
  const reasons: Reason[] = [];
  let failed = false;
  let undecided = false;
  for (const c of conditions) {
    if (c.value === undefined) {
      undecided = true;
      for (const fact of c.missing) reasons.push({ code: `rules.unknown.${fact}`, passed: false });
    } else {
      if (!c.value) failed = true;
      reasons.push({ code: c.code, passed: c.value, ...(c.params ? { params: c.params } : {}) });
    }
  }
  const eligible = !failed && !undecided;
  return { eligible, unknown: !failed && undecided, reasons, entitlement: eligible ? entitlement() : null };
}

/** The household has at least one damaged boiler or heat pump (OR, three-valued). */
export function damagedUnitsCondition(boilers: number | undefined, heatPumps: number | undefined): Condition {
  const known = (boilers ?? 0) + (heatPumps ?? 0);
  const missing = [
    ...(boilers === undefined ? (['damagedBoilers'] as const) : []),
    ...(heatPumps === undefined ? (['damagedHeatPumps'] as const) : []),
  ];
  const value = known >= 1 ? true : missing.length > 0 ? undefined : false;
  return { code: 'rules.damagedUnits', value, missing };
}

/**
 * Units granted: what the applicant asked for (all damaged units when a count is not given),
 * never more than the verified damage; an unknown damage count grants 0 of that kind.
 * An invalid requested count (negative, NaN) grants 0 rather than guessing.
 */
export function grantedUnits(
  boilers: number | undefined,
  heatPumps: number | undefined,
  request: UnitRequest | undefined,
): { boilers: number; heatPumps: number } {
  const cap = (damaged: number | undefined, asked: unknown): number => {
    const d = damaged ?? 0;
    if (asked === undefined) return d;
    return Math.min(d, countFact(asked) ?? 0);
  };
  return { boilers: cap(boilers, request?.boilers), heatPumps: cap(heatPumps, request?.heatPumps) };
}

/** Reason showing the units granted, so each decision shows its evidence; fails when nothing is left to grant. */
export function unitsGrantedCondition(units: { boilers: number; heatPumps: number }): Condition {
  return {
    code: 'rules.unitsGranted',
    value: units.boilers + units.heatPumps >= 1,
    missing: [],
    params: { boilers: units.boilers, heatPumps: units.heatPumps },
  };
}

/**
 * The conditions both appliance programmes start from: at least one damaged unit and, when
 * there is one, at least one unit granted; with the units granted for the entitlement.
 */
export function applianceConditions(facts: HouseholdFacts, request: UnitRequest | undefined): { units: { boilers: number; heatPumps: number }; conditions: Condition[] } {
  const boilers = countFact(facts.damagedBoilers);
  const heatPumps = countFact(facts.damagedHeatPumps);
  const damaged = damagedUnitsCondition(boilers, heatPumps);
  const free = freeUnits({ boilers, heatPumps }, request?.heldElsewhere);
  const units = grantedUnits(free.boilers, free.heatPumps, request);
  const conditions: Condition[] = [damaged];
  if (damaged.value === true) conditions.push(unitsGrantedCondition(units));
  return { units, conditions };
}

/**
 * Damaged units not taken by the other appliance programme (a unit is repaired for free OR
 * replaced with the subsidy, never both). Unknown damage stays unknown; a held count that is
 * not a valid count takes nothing off (the caller counts held units from stored rows).
 */
export function freeUnits(
  damaged: { boilers: number | undefined; heatPumps: number | undefined },
  held: UnitRequest['heldElsewhere'],
): { boilers: number | undefined; heatPumps: number | undefined } {
  const off = (d: number | undefined, h: unknown) => (d === undefined ? undefined : Math.max(0, d - (countFact(h) ?? 0)));
  return { boilers: off(damaged.boilers, held?.boilers), heatPumps: off(damaged.heatPumps, held?.heatPumps) };
}

/** Freeze a definition's data all the way down, so shared defaults cannot be edited by accident. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
