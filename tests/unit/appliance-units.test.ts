// The rule gap of issue 9 item 5: one damaged unit never gets both a free repair and the
// replacement subsidy. The caller tells each appliance rule which units the other programme
// holds (UnitRequest.heldElsewhere); the rule grants only from the rest.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HouseholdFacts } from '@/lib/domain';
import { evaluate, PROGRAMMES, type UnitRequest } from '@/lib/programs';
import { freeUnits } from '@/lib/programs/kit';

const subsidyParams = PROGRAMMES.appliance_subsidy.defaultParams;
const home = (boilers: number, heatPumps: number, repairImpossible = true): HouseholdFacts => ({ kind: 'urban', damagedBoilers: boilers, damagedHeatPumps: heatPumps, repairImpossible });

describe('units held by the other appliance programme', () => {
  it('a boiler under repair cannot be subsidised; the unit found impossible to repair can', () => {
    // Two boilers and a heat pump; both boilers have repair orders open or done, the heat pump's was impossible.
    const r = evaluate('appliance_subsidy', home(2, 1), subsidyParams, { boilers: 2, heatPumps: 1, heldElsewhere: { boilers: 2, heatPumps: 0 } });
    expect(r.eligible).toBe(true);
    expect(r.entitlement).toEqual({ kind: 'cash', amountYuan: 5000, breakdown: [{ item: 'heatPump', units: 1, rateYuan: 5000, amountYuan: 5000 }] });
    // Only one boiler left free: one boiler's subsidy, not two.
    expect(evaluate('appliance_subsidy', home(2, 0), subsidyParams, { boilers: 2, heatPumps: 0, heldElsewhere: { boilers: 1, heatPumps: 0 } }).entitlement).toMatchObject({ amountYuan: 1000 });
  });

  it('every unit under repair: the subsidy is refused, with the units granted (none) as the reason', () => {
    const r = evaluate('appliance_subsidy', home(1, 0), subsidyParams, { boilers: 1, heatPumps: 0, heldElsewhere: { boilers: 1, heatPumps: 0 } });
    expect(r).toMatchObject({ eligible: false, unknown: false, entitlement: null });
    expect(r.reasons).toContainEqual({ code: 'rules.unitsGranted', passed: false, params: { boilers: 0, heatPumps: 0 } });
    // The damage itself is still shown as passed: the refusal is about the units, not the damage.
    expect(r.reasons).toContainEqual({ code: 'rules.damagedUnits', passed: true });
  });

  it('a subsidised unit is not repaired for free', () => {
    expect(evaluate('appliance_repair', home(1, 1), {}, { heldElsewhere: { boilers: 1, heatPumps: 0 } }).entitlement).toEqual({ kind: 'repair', units: { boilers: 0, heatPumps: 1 } });
    expect(evaluate('appliance_repair', home(1, 0), {}, { heldElsewhere: { boilers: 1, heatPumps: 0 } }).eligible).toBe(false);
  });

  it('nothing held: the rules are as before', () => {
    expect(evaluate('appliance_subsidy', home(2, 1), subsidyParams, { heldElsewhere: { boilers: 0, heatPumps: 0 } })).toEqual(evaluate('appliance_subsidy', home(2, 1), subsidyParams));
    expect(evaluate('appliance_repair', home(2, 1), {}, {})).toEqual(evaluate('appliance_repair', home(2, 1), {}, { heldElsewhere: { boilers: 0, heatPumps: 0 } }));
  });

  it('unknown damage stays unknown; a held count that is not a count takes nothing off', () => {
    expect(freeUnits({ boilers: undefined, heatPumps: 2 }, { boilers: 1, heatPumps: 1 })).toEqual({ boilers: undefined, heatPumps: 1 });
    expect(freeUnits({ boilers: 2, heatPumps: 2 }, { boilers: Number.NaN, heatPumps: -1 })).toEqual({ boilers: 2, heatPumps: 2 });
    expect(freeUnits({ boilers: 1, heatPumps: 0 }, { boilers: 5, heatPumps: 5 })).toEqual({ boilers: 0, heatPumps: 0 });
  });

  it('for any damage, request and holding: repair granted + subsidy granted + held never exceed the damage of a kind', () => {
    const count = fc.integer({ min: 0, max: 6 });
    fc.assert(
      fc.property(count, count, count, count, count, count, (db, dh, rb, rh, hb, hh) => {
        // What the repair holds (hb, hh, never more than the damage) is taken off the subsidy, and what the subsidy is granted then is taken off a new repair.
        const held = { boilers: Math.min(hb, db), heatPumps: Math.min(hh, dh) };
        const ask: UnitRequest = { boilers: rb, heatPumps: rh };
        const sub = evaluate('appliance_subsidy', home(db, dh), subsidyParams, { ...ask, heldElsewhere: held });
        const subUnits = { boilers: 0, heatPumps: 0 };
        if (sub.entitlement?.kind === 'cash') {
          for (const l of sub.entitlement.breakdown ?? []) subUnits[l.item === 'boiler' ? 'boilers' : 'heatPumps'] += l.units;
        }
        expect(subUnits.boilers + held.boilers).toBeLessThanOrEqual(db);
        expect(subUnits.heatPumps + held.heatPumps).toBeLessThanOrEqual(dh);
        const rep = evaluate('appliance_repair', home(db, dh), {}, { ...ask, heldElsewhere: { boilers: subUnits.boilers + held.boilers, heatPumps: subUnits.heatPumps + held.heatPumps } });
        const repUnits = rep.entitlement?.kind === 'repair' ? rep.entitlement.units : { boilers: 0, heatPumps: 0 };
        expect(repUnits.boilers + subUnits.boilers + held.boilers).toBeLessThanOrEqual(db);
        expect(repUnits.heatPumps + subUnits.heatPumps + held.heatPumps).toBeLessThanOrEqual(dh);
      }),
      { numRuns: 300 },
    );
  });
});
