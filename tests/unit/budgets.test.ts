// Which programmes keep a budget line (lib/budgets.ts): exactly those whose rule grants money,
// checked against the rules themselves, and a line's figures as the budget page reads them.
import { describe, expect, it } from 'vitest';
import { budgetFigures, CASH_PROGRAMMES, isCashProgramme } from '@/lib/budgets';
import { PROGRAMME_CODES, type HouseholdFacts } from '@/lib/domain';
import { evaluate, PROGRAMMES } from '@/lib/programs';

/** Households that qualify for something under each rule: urban and rural, every kind of damage. */
const HOUSEHOLDS: HouseholdFacts[] = [
  { kind: 'urban', affected: true, groundFloorFlooded: true, damagedBoilers: 1, damagedHeatPumps: 1, repairImpossible: true },
  { kind: 'urban', affected: true, groundFloorFlooded: true, damagedBoilers: 1, damagedHeatPumps: 1, repairImpossible: false },
  { kind: 'rural', affected: true, safetyGrade: 'D', damagedBoilers: 1, damagedHeatPumps: 1, repairImpossible: true },
  { kind: 'rural', affected: true, safetyGrade: 'C', damagedBoilers: 1, damagedHeatPumps: 1, repairImpossible: false },
];

describe('cash programmes', () => {
  it('are exactly the programmes whose rule grants money', () => {
    for (const code of PROGRAMME_CODES) {
      const kinds = new Set(HOUSEHOLDS.map((f) => evaluate(code, f, PROGRAMMES[code].defaultParams as never, { boilers: 1, heatPumps: 1 }).entitlement?.kind).filter(Boolean));
      expect(kinds.size, `${code} grants something to one of the households`).toBeGreaterThan(0);
      expect(kinds.has('cash'), code).toBe(isCashProgramme(code));
    }
    expect(CASH_PROGRAMMES.length).toBeGreaterThan(0);
    expect(isCashProgramme('building_materials')).toBe(false);
  });

  it("read a line as total, committed and unpaid, paid and remaining", () => {
    expect(budgetFigures({ totalYuan: 10_000, remainingYuan: 6_000, paidYuan: 1_500 })).toEqual({ total: 10_000, committed: 4_000, committedUnpaid: 2_500, paid: 1_500, remaining: 6_000 });
  });
});
