import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROGRAMME_CODES, SAFETY_GRADES, type HouseholdFacts, type ProgrammeCode } from '@/lib/domain';
import { MAX_FACT_COUNT, type FactsPair } from '@/lib/facts';
import {
  AT_LEAST_ONE_UNIT,
  PROGRAMME_UNAVAILABLE,
  PROGRAMMES,
  answersSchema,
  fieldMax,
  evaluate as evaluateRule,
  householdEligibility,
  isOffered,
  overlayFacts,
  parseParams,
  requestFromAnswers,
  type ConfiguredProgramme,
  type Eligibility,
  type HouseholdEligibility,
  type ProgrammeParams,
} from '@/lib/programs';

const codes = (e: Eligibility) => e.reasons.map((r) => r.code);
/** The rule with the given params, or (in these tests only: production code has no fallback) the programme's defaults. */
const evaluate = <C extends ProgrammeCode>(code: C, facts: HouseholdFacts, params?: Readonly<ProgrammeParams[C]>, request?: Parameters<typeof evaluateRule>[3]): Eligibility =>
  evaluateRule(code, facts, params ?? PROGRAMMES[code].defaultParams, request);
const urban = (f: Partial<HouseholdFacts> = {}): HouseholdFacts => ({ kind: 'urban', ...f });
const rural = (f: Partial<HouseholdFacts> = {}): HouseholdFacts => ({ kind: 'rural', ...f });

/** A programme as loaded with these params (null = stored params that do not parse). */
const configured = <C extends ProgrammeCode>(code: C, params: Readonly<ProgrammeParams[C]> | null = PROGRAMMES[code].defaultParams): ConfiguredProgramme =>
  ({ code, params }) as ConfiguredProgramme;
/** householdEligibility for every programme, with the default params unless given. */
function preview(declared: HouseholdFacts, verified: HouseholdFacts, params: { [C in ProgrammeCode]?: ProgrammeParams[C] | null } = {}): Record<ProgrammeCode, HouseholdEligibility> {
  const facts: FactsPair = { declared, verified };
  return Object.fromEntries(
    PROGRAMME_CODES.map((code) => [code, householdEligibility({ facts, programme: configured(code, params[code] === undefined ? PROGRAMMES[code].defaultParams : (params[code] as never)) })]),
  ) as Record<ProgrammeCode, HouseholdEligibility>;
}

describe('definitions', () => {
  it('one per programme code, under its own code', () => {
    expect(Object.keys(PROGRAMMES).sort()).toEqual([...PROGRAMME_CODES].sort());
    for (const code of PROGRAMME_CODES) expect(PROGRAMMES[code].code).toBe(code);
  });

  it('warm_winter needs no application (免申即享); the others do', () => {
    for (const code of PROGRAMME_CODES) expect(PROGRAMMES[code].needsApplication, code).toBe(code !== 'warm_winter');
    expect(PROGRAMMES.warm_winter.applicationFields).toEqual([]);
  });

  it('public notice of 7 days for materials and subsidies only', () => {
    const withNotice = PROGRAMME_CODES.filter((c) => PROGRAMMES[c].noticeDays > 0).sort();
    expect(withNotice).toEqual(['appliance_subsidy', 'building_materials']);
    expect(PROGRAMMES.appliance_subsidy.noticeDays).toBe(7);
    expect(PROGRAMMES.building_materials.noticeDays).toBe(7);
  });

  it('default params are the source figures and pass their own schema', () => {
    expect(PROGRAMMES.property_fee_waiver.defaultParams).toEqual({ years: 3 });
    expect(PROGRAMMES.appliance_subsidy.defaultParams).toEqual({ boilerYuan: 1000, heatPumpYuan: 5000 });
    expect(PROGRAMMES.warm_winter.defaultParams).toEqual({ amountYuan: 1000 });
    expect(PROGRAMMES.building_materials.defaultParams).toEqual({
      D: [
        { material: 'rebar', tonnes: 2 },
        { material: 'sand', tonnes: 20 },
      ],
      C: [{ material: 'sand', tonnes: 5 }],
    });
    for (const code of PROGRAMME_CODES) {
      expect(parseParams(code, PROGRAMMES[code].defaultParams).ok, code).toBe(true);
    }
  });

  it('default params and fields are frozen all the way down', () => {
    expect(Object.isFrozen(PROGRAMMES.building_materials.defaultParams.D[0])).toBe(true);
    expect(Object.isFrozen(PROGRAMMES.appliance_subsidy.applicationFields[0])).toBe(true);
  });

  it('params schemas refuse nonsense', () => {
    expect(parseParams('property_fee_waiver', { years: 0 }).ok).toBe(false);
    expect(parseParams('property_fee_waiver', { years: 2.5 }).ok).toBe(false);
    expect(parseParams('property_fee_waiver', { years: '3' }).ok).toBe(false);
    expect(parseParams('appliance_subsidy', { boilerYuan: -1, heatPumpYuan: 5000 }).ok).toBe(false);
    expect(parseParams('appliance_subsidy', { boilerYuan: 1000 }).ok).toBe(false);
    expect(parseParams('warm_winter', { amountYuan: Number.POSITIVE_INFINITY }).ok).toBe(false);
    expect(parseParams('warm_winter', null).ok).toBe(false);
    expect(parseParams('heating_fee_waiver', { surprise: 1 }).ok).toBe(false);
    expect(parseParams('building_materials', { D: [], C: [{ material: 'sand', tonnes: 5 }] }).ok).toBe(false);
    expect(parseParams('building_materials', { D: [{ material: 'gold', tonnes: 1 }], C: [{ material: 'sand', tonnes: 5 }] }).ok).toBe(false);
    expect(parseParams('building_materials', { D: [{ material: 'sand', tonnes: 0 }], C: [{ material: 'sand', tonnes: 5 }] }).ok).toBe(false);
    expect(
      parseParams('building_materials', {
        D: [
          { material: 'sand', tonnes: 1 },
          { material: 'sand', tonnes: 2 },
        ],
        C: [{ material: 'sand', tonnes: 5 }],
      }).ok,
    ).toBe(false);
    expect(parseParams('building_materials', { D: [{ material: 'rebar', tonnes: 1.5 }], C: [{ material: 'sand', tonnes: 3 }] }).ok).toBe(true);
  });
});

describe.each(['heating_fee_waiver', 'property_fee_waiver'] as const)('%s: urban AND ground floor flooded', (code) => {
  it('urban, flooded → eligible', () => {
    const r = evaluate(code, urban({ groundFloorFlooded: true }));
    expect(r).toMatchObject({ eligible: true, unknown: false });
    expect(r.reasons).toEqual([
      { code: 'rules.urban', passed: true },
      { code: 'rules.groundFloorFlooded', passed: true },
    ]);
    expect(r.entitlement).toEqual(code === 'heating_fee_waiver' ? { kind: 'waiver', season: true } : { kind: 'waiver', years: 3 });
  });

  it('urban, not flooded → not eligible', () => {
    const r = evaluate(code, urban({ groundFloorFlooded: false }));
    expect(r).toMatchObject({ eligible: false, unknown: false, entitlement: null });
    expect(r.reasons).toContainEqual({ code: 'rules.groundFloorFlooded', passed: false });
  });

  it('rural, flooded → not eligible (the waiver is for city flats)', () => {
    const r = evaluate(code, rural({ groundFloorFlooded: true }));
    expect(r).toMatchObject({ eligible: false, unknown: false, entitlement: null });
    expect(r.reasons).toContainEqual({ code: 'rules.urban', passed: false });
  });

  it('urban, flooding not verified → unknown', () => {
    const r = evaluate(code, urban());
    expect(r).toMatchObject({ eligible: false, unknown: true, entitlement: null });
    expect(r.reasons).toContainEqual({ code: 'rules.unknown.groundFloorFlooded', passed: false });
  });

  it('rural, flooding not verified → decided (not eligible), the gap still shown', () => {
    const r = evaluate(code, rural());
    expect(r).toMatchObject({ eligible: false, unknown: false });
    expect(codes(r)).toEqual(['rules.urban', 'rules.unknown.groundFloorFlooded']);
  });
});

describe('property_fee_waiver params', () => {
  it('years come from params', () => {
    expect(evaluate('property_fee_waiver', urban({ groundFloorFlooded: true }), { years: 5 }).entitlement).toEqual({ kind: 'waiver', years: 5 });
  });
});

describe('appliance_repair: at least one damaged unit', () => {
  it('boundary: 0 units → not eligible, 1 boiler or 1 heat pump → eligible', () => {
    expect(evaluate('appliance_repair', urban({ damagedBoilers: 0, damagedHeatPumps: 0 }))).toMatchObject({
      eligible: false,
      unknown: false,
      reasons: [{ code: 'rules.damagedUnits', passed: false }],
    });
    expect(evaluate('appliance_repair', urban({ damagedBoilers: 1, damagedHeatPumps: 0 })).entitlement).toEqual({
      kind: 'repair',
      units: { boilers: 1, heatPumps: 0 },
    });
    expect(evaluate('appliance_repair', rural({ damagedBoilers: 0, damagedHeatPumps: 1 })).entitlement).toEqual({
      kind: 'repair',
      units: { boilers: 0, heatPumps: 1 },
    });
  });

  it('one work order per unit; the granted counts are shown as evidence', () => {
    const r = evaluate('appliance_repair', urban({ damagedBoilers: 2, damagedHeatPumps: 3 }));
    expect(r.entitlement).toEqual({ kind: 'repair', units: { boilers: 2, heatPumps: 3 } });
    expect(r.reasons).toContainEqual({ code: 'rules.unitsGranted', passed: true, params: { boilers: 2, heatPumps: 3 } });
  });

  it('unknown counts', () => {
    const both = evaluate('appliance_repair', urban());
    expect(both).toMatchObject({ eligible: false, unknown: true });
    expect(codes(both)).toEqual(['rules.unknown.damagedBoilers', 'rules.unknown.damagedHeatPumps']);
    const one = evaluate('appliance_repair', urban({ damagedBoilers: 0 }));
    expect(one).toMatchObject({ eligible: false, unknown: true });
    expect(codes(one)).toEqual(['rules.unknown.damagedHeatPumps']);
    // One known damaged unit is enough; the unknown kind grants nothing until verified.
    expect(evaluate('appliance_repair', urban({ damagedBoilers: 2 })).entitlement).toEqual({ kind: 'repair', units: { boilers: 2, heatPumps: 0 } });
  });

  it('the request is capped at the damage, and a missing count means all damaged units', () => {
    const facts = urban({ damagedBoilers: 2, damagedHeatPumps: 1 });
    expect(evaluate('appliance_repair', facts, {}, { boilers: 5, heatPumps: 0 }).entitlement).toEqual({ kind: 'repair', units: { boilers: 2, heatPumps: 0 } });
    expect(evaluate('appliance_repair', facts, {}, { boilers: 1 }).entitlement).toEqual({ kind: 'repair', units: { boilers: 1, heatPumps: 1 } });
  });

  it('asking for nothing that was damaged → not eligible, and not unknown', () => {
    const r = evaluate('appliance_repair', urban({ damagedBoilers: 2, damagedHeatPumps: 0 }), {}, { boilers: 0, heatPumps: 4 });
    expect(r).toMatchObject({ eligible: false, unknown: false, entitlement: null });
    expect(r.reasons).toContainEqual({ code: 'rules.unitsGranted', passed: false, params: { boilers: 0, heatPumps: 0 } });
  });

  it('invalid counts are unknown, fractions are rounded down, invalid requests grant nothing', () => {
    expect(evaluate('appliance_repair', urban({ damagedBoilers: -1, damagedHeatPumps: 0 }))).toMatchObject({ eligible: false, unknown: true });
    expect(evaluate('appliance_repair', urban({ damagedBoilers: Number.NaN, damagedHeatPumps: 0 }))).toMatchObject({ unknown: true });
    expect(evaluate('appliance_repair', urban({ damagedBoilers: Number.POSITIVE_INFINITY, damagedHeatPumps: 0 }))).toMatchObject({ unknown: true });
    expect(evaluate('appliance_repair', urban({ damagedBoilers: MAX_FACT_COUNT + 1, damagedHeatPumps: 0 }))).toMatchObject({ unknown: true });
    expect(evaluate('appliance_repair', urban({ damagedBoilers: MAX_FACT_COUNT, damagedHeatPumps: 0 }))).toMatchObject({ eligible: true });
    expect(evaluate('appliance_repair', urban({ damagedBoilers: -0, damagedHeatPumps: 1 })).entitlement).toEqual({ kind: 'repair', units: { boilers: 0, heatPumps: 1 } });
    expect(evaluate('appliance_repair', urban({ damagedBoilers: 0.9, damagedHeatPumps: 0 }))).toMatchObject({ eligible: false, unknown: false });
    expect(evaluate('appliance_repair', urban({ damagedBoilers: 2.7, damagedHeatPumps: 0 })).entitlement).toEqual({ kind: 'repair', units: { boilers: 2, heatPumps: 0 } });
    expect(evaluate('appliance_repair', urban({ damagedBoilers: 2, damagedHeatPumps: 0 }), {}, { boilers: -3 })).toMatchObject({ eligible: false });
    expect(evaluate('appliance_repair', urban({ damagedBoilers: 2, damagedHeatPumps: 0 }), {}, { boilers: Number.NaN })).toMatchObject({ eligible: false });
  });
});

describe('appliance_subsidy: damaged AND repair impossible; ¥ per unit up to the damaged count', () => {
  const damaged = (b: number, h: number, extra: Partial<HouseholdFacts> = {}) =>
    urban({ damagedBoilers: b, damagedHeatPumps: h, repairImpossible: true, ...extra });

  it('1 boiler → ¥1,000; 1 heat pump → ¥5,000; 2 + 1 → ¥7,000 with a breakdown', () => {
    expect(evaluate('appliance_subsidy', damaged(1, 0)).entitlement).toEqual({
      kind: 'cash',
      amountYuan: 1000,
      breakdown: [{ item: 'boiler', units: 1, rateYuan: 1000, amountYuan: 1000 }],
    });
    expect(evaluate('appliance_subsidy', damaged(0, 1)).entitlement).toMatchObject({ kind: 'cash', amountYuan: 5000 });
    expect(evaluate('appliance_subsidy', damaged(2, 1)).entitlement).toEqual({
      kind: 'cash',
      amountYuan: 7000,
      breakdown: [
        { item: 'boiler', units: 2, rateYuan: 1000, amountYuan: 2000 },
        { item: 'heatPump', units: 1, rateYuan: 5000, amountYuan: 5000 },
      ],
    });
  });

  it('boundary: no damaged unit → not eligible', () => {
    expect(evaluate('appliance_subsidy', damaged(0, 0))).toMatchObject({ eligible: false, unknown: false, entitlement: null });
  });

  it('repair possible → not eligible (repair instead); not verified → unknown', () => {
    const possible = evaluate('appliance_subsidy', damaged(1, 0, { repairImpossible: false }));
    expect(possible).toMatchObject({ eligible: false, unknown: false });
    expect(possible.reasons).toContainEqual({ code: 'rules.repairImpossible', passed: false });
    const unverified = evaluate('appliance_subsidy', damaged(1, 0, { repairImpossible: undefined }));
    expect(unverified).toMatchObject({ eligible: false, unknown: true });
    expect(unverified.reasons).toContainEqual({ code: 'rules.unknown.repairImpossible', passed: false });
    // No damage at all decides it, whatever the repair fact.
    expect(evaluate('appliance_subsidy', damaged(0, 0, { repairImpossible: undefined }))).toMatchObject({ eligible: false, unknown: false });
  });

  it('the applicant may ask for fewer units; never more than damaged', () => {
    expect(evaluate('appliance_subsidy', damaged(2, 1), undefined, { boilers: 1, heatPumps: 0 }).entitlement).toMatchObject({ amountYuan: 1000 });
    expect(evaluate('appliance_subsidy', damaged(2, 1), undefined, { boilers: 9, heatPumps: 9 }).entitlement).toMatchObject({ amountYuan: 7000 });
    expect(evaluate('appliance_subsidy', damaged(2, 1), undefined, { heatPumps: 0 }).entitlement).toMatchObject({ amountYuan: 2000 });
  });

  it('rates come from params', () => {
    expect(evaluate('appliance_subsidy', damaged(2, 1), { boilerYuan: 800, heatPumpYuan: 4000 }).entitlement).toMatchObject({ amountYuan: 5600 });
  });
});

describe('warm_winter: affected household', () => {
  it('affected → ¥1,000; not affected → nothing; not verified → unknown', () => {
    expect(evaluate('warm_winter', rural({ affected: true }))).toMatchObject({
      eligible: true,
      entitlement: { kind: 'cash', amountYuan: 1000 },
      reasons: [{ code: 'rules.affected', passed: true }],
    });
    expect(evaluate('warm_winter', urban({ affected: false }))).toMatchObject({ eligible: false, unknown: false, entitlement: null });
    expect(evaluate('warm_winter', urban())).toMatchObject({ eligible: false, unknown: true, reasons: [{ code: 'rules.unknown.affected', passed: false }] });
  });

  it('amount comes from params', () => {
    expect(evaluate('warm_winter', urban({ affected: true }), { amountYuan: 1500 }).entitlement).toMatchObject({ amountYuan: 1500 });
  });
});

describe('building_materials: rural house graded D or C', () => {
  it('D → 2 t rebar + 20 t sand; C → 5 t sand', () => {
    expect(evaluate('building_materials', rural({ safetyGrade: 'D' }))).toMatchObject({
      eligible: true,
      entitlement: {
        kind: 'materials',
        items: [
          { material: 'rebar', tonnes: 2 },
          { material: 'sand', tonnes: 20 },
        ],
      },
    });
    const c = evaluate('building_materials', rural({ safetyGrade: 'C' }));
    expect(c.entitlement).toEqual({ kind: 'materials', items: [{ material: 'sand', tonnes: 5 }] });
    expect(c.reasons).toContainEqual({ code: 'rules.safetyGradeCD', passed: true, params: { grade: 'C' } });
  });

  it.each(['A', 'B'] as const)('rural grade %s → not eligible', (grade) => {
    const r = evaluate('building_materials', rural({ safetyGrade: grade }));
    expect(r).toMatchObject({ eligible: false, unknown: false, entitlement: null });
    expect(r.reasons).toContainEqual({ code: 'rules.safetyGradeCD', passed: false, params: { grade } });
  });

  it('urban D → not eligible', () => {
    expect(evaluate('building_materials', urban({ safetyGrade: 'D' }))).toMatchObject({ eligible: false, unknown: false });
  });

  it('no appraisal yet → unknown for a rural house, decided for an urban flat', () => {
    expect(evaluate('building_materials', rural())).toMatchObject({ eligible: false, unknown: true, reasons: [{ code: 'rules.rural', passed: true }, { code: 'rules.unknown.safetyGrade', passed: false }] });
    expect(evaluate('building_materials', urban())).toMatchObject({ eligible: false, unknown: false });
    expect(evaluate('building_materials', rural({ safetyGrade: 'E' as never }))).toMatchObject({ unknown: true });
  });

  it('materials come from params, and the entitlement is a copy', () => {
    const params = { D: [{ material: 'rebar' as const, tonnes: 3 }], C: [{ material: 'sand' as const, tonnes: 6 }] };
    const r = evaluate('building_materials', rural({ safetyGrade: 'D' }), params);
    expect(r.entitlement).toEqual({ kind: 'materials', items: [{ material: 'rebar', tonnes: 3 }] });
    if (r.entitlement?.kind === 'materials') r.entitlement.items[0]!.tonnes = 99;
    expect(params.D[0]!.tonnes).toBe(3);
  });
});

describe('an unknown kind', () => {
  it('is unknown for the rules that need it and ignored by those that do not', () => {
    const odd = { kind: 'houseboat', groundFloorFlooded: true, affected: true } as unknown as HouseholdFacts;
    expect(evaluate('heating_fee_waiver', odd)).toMatchObject({ eligible: false, unknown: true });
    expect(codes(evaluate('heating_fee_waiver', odd))).toContain('rules.unknown.kind');
    expect(evaluate('warm_winter', odd)).toMatchObject({ eligible: true });
  });
});

describe('householdEligibility: what I may receive, and what the server decides on', () => {
  it('qualifies on verified facts', () => {
    const p = preview(urban(), urban({ groundFloorFlooded: true, affected: true }));
    expect(p.heating_fee_waiver.preview.outcome).toBe('qualifies');
    expect(p.heating_fee_waiver.verified.eligible).toBe(true);
    expect(p.warm_winter.preview).toMatchObject({ outcome: 'qualifies', entitlement: { amountYuan: 1000 } });
  });

  it('uses the stored params it is given, per programme', () => {
    const facts = urban({ groundFloorFlooded: true, damagedBoilers: 1, damagedHeatPumps: 0, repairImpossible: true, affected: true });
    const p = preview(facts, facts, { warm_winter: { amountYuan: 2000 }, appliance_subsidy: { boilerYuan: 800, heatPumpYuan: 4000 } });
    expect(p.warm_winter.verified.entitlement).toMatchObject({ amountYuan: 2000 });
    expect(p.appliance_subsidy.verified.entitlement).toMatchObject({ amountYuan: 800 });
    expect(p.property_fee_waiver.verified).toMatchObject({ eligible: true, entitlement: { years: 3 } });
    expect(p.building_materials.verified.eligible).toBe(false);
  });

  it('may qualify when only the declared facts say so (awaiting verification)', () => {
    const p = preview(rural({ safetyGrade: 'D' }), rural());
    expect(p.building_materials.preview.outcome).toBe('may_qualify');
    expect(p.building_materials.declared.eligible).toBe(true);
    expect(p.building_materials.verified.eligible).toBe(false);
    expect(p.building_materials.preview.reasons).toContainEqual({ code: 'rules.unknown.safetyGrade', passed: false });
    expect(p.building_materials.preview.entitlement).toMatchObject({ kind: 'materials' });
  });

  it('a verified fact overrides the declared one', () => {
    const p = preview(urban({ groundFloorFlooded: true }), urban({ groundFloorFlooded: false }));
    expect(p.heating_fee_waiver.preview).toMatchObject({ outcome: 'not_qualified', entitlement: null });
    expect(p.heating_fee_waiver.preview.reasons).toContainEqual({ code: 'rules.groundFloorFlooded', passed: false });
  });

  it('nothing declared or verified → not qualified, with the missing facts named', () => {
    const p = preview(urban(), urban());
    for (const code of PROGRAMME_CODES) expect(p[code].preview.outcome, code).toBe('not_qualified');
    expect(p.warm_winter.preview.reasons).toEqual([{ code: 'rules.unknown.affected', passed: false }]);
  });

  it('the applicant declared 2 boilers, 1 verified: qualifies on the verified one', () => {
    const p = preview(urban({ damagedBoilers: 2, repairImpossible: true }), urban({ damagedBoilers: 1, damagedHeatPumps: 0, repairImpossible: true }));
    expect(p.appliance_subsidy.preview).toMatchObject({ outcome: 'qualifies', entitlement: { amountYuan: 1000 } });
  });

  it('the unit request narrows the verified entitlement', () => {
    const facts: FactsPair = { declared: urban(), verified: urban({ damagedBoilers: 2, damagedHeatPumps: 1, repairImpossible: true }) };
    const r = householdEligibility({ facts, programme: configured('appliance_subsidy'), request: { boilers: 1, heatPumps: 0 } });
    expect(r.verified.entitlement).toMatchObject({ amountYuan: 1000 });
  });

  it('stored params that do not parse: unavailable, never computed from the defaults', () => {
    const p = preview(urban({ groundFloorFlooded: true, affected: true }), urban({ groundFloorFlooded: true, affected: true }), { warm_winter: null });
    expect(p.warm_winter.available).toBe(false);
    expect(p.warm_winter.verified).toEqual({ eligible: false, unknown: false, reasons: [{ code: PROGRAMME_UNAVAILABLE, passed: false }], entitlement: null });
    expect(p.warm_winter.declared.eligible).toBe(false);
    expect(p.warm_winter.preview).toMatchObject({ outcome: 'not_qualified', entitlement: null });
    // The other programmes are untouched.
    expect(p.heating_fee_waiver).toMatchObject({ available: true, preview: { outcome: 'qualifies' } });
  });

  it('isOffered: switched on and with params that parse', () => {
    expect(isOffered({ active: true, params: { amountYuan: 1000 } })).toBe(true);
    expect(isOffered({ active: true, params: {} })).toBe(true);
    expect(isOffered({ active: false, params: { amountYuan: 1000 } })).toBe(false);
    expect(isOffered({ active: true, params: null })).toBe(false);
  });

  it('overlayFacts keeps declared facts only where nothing is verified', () => {
    expect(overlayFacts(rural({ affected: true, safetyGrade: 'C' }), rural({ safetyGrade: 'B', affected: undefined }))).toEqual(
      rural({ affected: true, safetyGrade: 'B' }),
    );
  });
});

describe('application fields and answersSchema', () => {
  it('every label and hint is a key under apply.fields; names are unique', () => {
    for (const code of PROGRAMME_CODES) {
      const fields = PROGRAMMES[code].applicationFields;
      expect(new Set(fields.map((f) => f.name)).size).toBe(fields.length);
      for (const f of fields) {
        expect(f.labelKey).toMatch(/^apply\.fields\.\w+$/);
        if (f.hintKey) expect(f.hintKey).toMatch(/^apply\.fields\.\w+$/);
      }
    }
  });

  it('appliance_subsidy: counts are coerced from form strings; the invoice is required', () => {
    const s = answersSchema('appliance_subsidy');
    expect(s.parse({ boilers: '1', heatPumps: '0', invoice: 'upl_123', extra: 'dropped' })).toEqual({ boilers: 1, heatPumps: 0, invoice: 'upl_123' });
    const noInvoice = s.safeParse({ boilers: '1', heatPumps: '0', invoice: '' });
    expect(noInvoice.success).toBe(false);
    expect(noInvoice.error?.issues.map((i) => i.path.join('.'))).toEqual(['invoice']);
  });

  it.each([['', 'blank'], ['abc', 'not a number'], ['1.5', 'a fraction'], ['-1', 'negative'], ['21', 'above the form maximum']])(
    'boilers %j (%s) is refused',
    (value) => {
      const r = answersSchema('appliance_subsidy').safeParse({ boilers: value, heatPumps: '1', invoice: 'u' });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(['boilers']);
    },
  );

  it('asking for zero units in total is refused with a message key', () => {
    const r = answersSchema('appliance_repair').safeParse({ boilers: '0', heatPumps: '0' });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([expect.objectContaining({ path: ['boilers'], message: AT_LEAST_ONE_UNIT })]);
  });

  it('with facts, the counts are capped at the household damage', () => {
    const s = answersSchema('appliance_subsidy', urban({ damagedBoilers: 1, damagedHeatPumps: 0 }));
    expect(s.safeParse({ boilers: '1', heatPumps: '0', invoice: 'u' }).success).toBe(true);
    expect(s.safeParse({ boilers: '2', heatPumps: '0', invoice: 'u' }).success).toBe(false);
    expect(s.safeParse({ boilers: '1', heatPumps: '1', invoice: 'u' }).success).toBe(false);
  });

  it('units held elsewhere (the other programme, or already repaired) come off the cap, never below 0; the field maximum says the same', () => {
    const facts = urban({ damagedBoilers: 2, damagedHeatPumps: 1 });
    const held = { boilers: 1, heatPumps: 3 };
    const s = answersSchema('appliance_subsidy', facts, held);
    expect(s.safeParse({ boilers: '1', heatPumps: '0', invoice: 'u' }).success).toBe(true);
    expect(s.safeParse({ boilers: '2', heatPumps: '0', invoice: 'u' }).success).toBe(false);
    expect(s.safeParse({ boilers: '1', heatPumps: '1', invoice: 'u' }).success).toBe(false);
    const [boilers, heatPumps] = PROGRAMMES.appliance_subsidy.applicationFields;
    expect([fieldMax(boilers!, facts, held), fieldMax(heatPumps!, facts, held)]).toEqual([1, 0]);
    expect([fieldMax(boilers!, facts), fieldMax(heatPumps!, facts)]).toEqual([2, 1]);
    // Unknown damage keeps the field's own maximum.
    expect(fieldMax(boilers!, urban({}), held)).toBe(boilers!.max);
  });

  it('appliance_repair: preferred time is optional; blank means not given', () => {
    expect(answersSchema('appliance_repair').parse({ boilers: '1', heatPumps: '0', preferredTime: '  ' })).toEqual({ boilers: 1, heatPumps: 0 });
    expect(answersSchema('appliance_repair').parse({ boilers: '1', heatPumps: '0', preferredTime: ' 周末上午 ' })).toMatchObject({ preferredTime: '周末上午' });
  });

  it('waivers: an optional note, limited in length; warm_winter: nothing', () => {
    expect(answersSchema('heating_fee_waiver').parse({})).toEqual({});
    expect(answersSchema('property_fee_waiver').parse({ note: '一楼被淹' })).toEqual({ note: '一楼被淹' });
    expect(answersSchema('property_fee_waiver').safeParse({ note: 'x'.repeat(501) }).success).toBe(false);
    expect(answersSchema('warm_winter').parse({ anything: 1 })).toEqual({});
  });

  it('requestFromAnswers feeds evaluate', () => {
    const answers = answersSchema('appliance_subsidy').parse({ boilers: '1', heatPumps: '0', invoice: 'u' });
    const req = requestFromAnswers(answers);
    expect(req).toEqual({ boilers: 1, heatPumps: 0 });
    expect(evaluate('appliance_subsidy', urban({ damagedBoilers: 2, damagedHeatPumps: 1, repairImpossible: true }), undefined, req).entitlement).toMatchObject({ amountYuan: 1000 });
    expect(requestFromAnswers(null)).toEqual({});
  });

  it('property: never throws on any input shape', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROGRAMME_CODES), fc.anything(), (code, input) => {
        answersSchema(code).safeParse(input);
        answersSchema(code, urban({ damagedBoilers: 1 })).safeParse(input);
      }),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------------------
// Properties over the whole fact space
// ---------------------------------------------------------------------------------------

const opt = <T,>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** Counts as they might arrive, valid or not (fc.double includes NaN, ±Infinity and -0). */
const anyCount = fc.oneof(fc.nat(12), fc.integer({ min: -5, max: 5 }), fc.double(), fc.integer());
const factsArb: fc.Arbitrary<HouseholdFacts> = fc.record({
  kind: fc.constantFrom('urban' as const, 'rural' as const),
  groundFloorFlooded: opt(fc.boolean()),
  safetyGrade: opt(fc.constantFrom(...SAFETY_GRADES)),
  damagedBoilers: opt(anyCount),
  damagedHeatPumps: opt(anyCount),
  affected: opt(fc.boolean()),
  repairImpossible: opt(fc.boolean()),
});
/** Same keys, any values at all: what a corrupted row or a bad cast could hand a rule. */
const wildFactsArb = fc.record(
  {
    kind: fc.anything(),
    groundFloorFlooded: fc.anything(),
    safetyGrade: fc.anything(),
    damagedBoilers: fc.anything(),
    damagedHeatPumps: fc.anything(),
    affected: fc.anything(),
    repairImpossible: fc.anything(),
  },
  { requiredKeys: [] },
) as unknown as fc.Arbitrary<HouseholdFacts>;
const requestArb = opt(fc.record({ boilers: opt(anyCount), heatPumps: opt(anyCount) }, { requiredKeys: [] }));
const codeArb = fc.constantFrom(...PROGRAMME_CODES);

/** A count as the rules read it: valid counts rounded down, anything else (unknown) as undefined. */
function validCount(v: unknown): number | undefined {
  return typeof v === 'number' && v >= 0 && v <= MAX_FACT_COUNT ? Math.floor(v) : undefined;
}

/** The missing (or invalid, hence unknown) facts filled with the values most favourable to eligibility. */
function fillFavourably(f: HouseholdFacts): HouseholdFacts {
  return {
    kind: f.kind,
    groundFloorFlooded: f.groundFloorFlooded ?? true,
    safetyGrade: f.safetyGrade ?? 'D',
    damagedBoilers: validCount(f.damagedBoilers) ?? 1,
    damagedHeatPumps: validCount(f.damagedHeatPumps) ?? 1,
    affected: f.affected ?? true,
    repairImpossible: f.repairImpossible ?? true,
  };
}

describe('properties', () => {
  it('evaluate never throws and its result is consistent, for any facts, params defaults and request', () => {
    fc.assert(
      fc.property(codeArb, fc.oneof(factsArb, wildFactsArb), requestArb, (code, facts, request) => {
        const r = evaluate(code, facts, undefined, request);
        expect(typeof r.eligible).toBe('boolean');
        expect(r.eligible && r.unknown).toBe(false);
        expect(r.entitlement === null).toBe(!r.eligible);
        expect(r.reasons.length).toBeGreaterThan(0);
        for (const reason of r.reasons) expect(reason.code).toMatch(/^rules\.[\w.]+$/);
        if (r.eligible) expect(r.reasons.every((x) => x.passed)).toBe(true);
        if (r.unknown) expect(r.reasons.some((x) => x.code.startsWith('rules.unknown.'))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('unknown means the missing facts could still make it eligible; a decided "no" stays no', () => {
    fc.assert(
      fc.property(codeArb, factsArb, (code: ProgrammeCode, facts) => {
        const r = evaluate(code, facts);
        if (r.eligible) return;
        const filled = evaluate(code, fillFavourably(facts));
        expect(filled.eligible).toBe(r.unknown);
      }),
      { numRuns: 2000 },
    );
  });

  it('appliance_subsidy: amount is a whole number between 0 and damaged × rate, and equals its breakdown', () => {
    const rate = fc.integer({ min: 0, max: 100_000 });
    fc.assert(
      fc.property(factsArb, requestArb, rate, rate, (facts, request, boilerYuan, heatPumpYuan) => {
        const r = evaluate('appliance_subsidy', facts, { boilerYuan, heatPumpYuan }, request);
        if (r.entitlement?.kind !== 'cash') return;
        const b = validCount(facts.damagedBoilers) ?? 0;
        const h = validCount(facts.damagedHeatPumps) ?? 0;
        expect(Number.isSafeInteger(r.entitlement.amountYuan)).toBe(true);
        expect(r.entitlement.amountYuan).toBeGreaterThanOrEqual(0);
        expect(r.entitlement.amountYuan).toBeLessThanOrEqual(b * boilerYuan + h * heatPumpYuan);
        expect(r.entitlement.amountYuan).toBe((r.entitlement.breakdown ?? []).reduce((s, l) => s + l.amountYuan, 0));
        for (const line of r.entitlement.breakdown ?? []) {
          const asked = line.item === 'boiler' ? request?.boilers : request?.heatPumps;
          if (typeof asked === 'number') expect(line.units).toBeLessThanOrEqual(Math.max(0, asked));
          expect(line.units).toBeLessThanOrEqual(line.item === 'boiler' ? b : h);
        }
        expect(facts.repairImpossible).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('appliance_repair: never more work orders than damaged units', () => {
    fc.assert(
      fc.property(factsArb, requestArb, (facts, request) => {
        const r = evaluate('appliance_repair', facts, undefined, request);
        if (r.entitlement?.kind !== 'repair') return;
        const { boilers, heatPumps } = r.entitlement.units;
        expect(boilers).toBeLessThanOrEqual(validCount(facts.damagedBoilers) ?? 0);
        expect(heatPumps).toBeLessThanOrEqual(validCount(facts.damagedHeatPumps) ?? 0);
        expect(boilers + heatPumps).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it('building_materials: eligible exactly for rural C/D houses', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const r = evaluate('building_materials', facts);
        const expected = facts.kind === 'rural' && (facts.safetyGrade === 'C' || facts.safetyGrade === 'D');
        expect(r.eligible).toBe(expected);
        if (r.entitlement?.kind === 'materials') {
          for (const item of r.entitlement.items) expect(item.tonnes).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('fee waivers: eligible exactly for urban flats with a verified flooded ground floor', () => {
    fc.assert(
      fc.property(fc.constantFrom('heating_fee_waiver' as const, 'property_fee_waiver' as const), factsArb, (code, facts) => {
        expect(evaluate(code, facts).eligible).toBe(facts.kind === 'urban' && facts.groundFloorFlooded === true);
      }),
    );
  });

  it('warm_winter: eligible exactly for verified affected households, always the same amount', () => {
    fc.assert(
      fc.property(factsArb, fc.integer({ min: 0, max: 10_000 }), (facts, amountYuan) => {
        const r = evaluate('warm_winter', facts, { amountYuan });
        expect(r.eligible).toBe(facts.affected === true);
        if (r.eligible) expect(r.entitlement).toMatchObject({ kind: 'cash', amountYuan });
      }),
    );
  });

  it('householdEligibility: verified = the rule on verified facts, declared = the rule on the overlay; preview follows from both', () => {
    fc.assert(
      fc.property(factsArb, factsArb, requestArb, (declared, verifiedRaw, request) => {
        const verified = { ...verifiedRaw, kind: declared.kind };
        for (const code of PROGRAMME_CODES) {
          const r = householdEligibility({ facts: { declared, verified }, programme: configured(code), request: request ?? undefined });
          const onVerified = evaluate(code, verified, undefined, request ?? undefined);
          const onOverlay = evaluate(code, overlayFacts(declared, verified), undefined, request ?? undefined);
          expect(r.available).toBe(true);
          expect(r.verified).toEqual(onVerified);
          expect(r.declared).toEqual(onOverlay);
          expect(r.preview.outcome).toBe(onVerified.eligible ? 'qualifies' : onOverlay.eligible ? 'may_qualify' : 'not_qualified');
          if (r.preview.outcome === 'not_qualified') expect(r.preview.entitlement).toBeNull();
        }
      }),
      { numRuns: 500 },
    );
  });

  it('householdEligibility: unparsable params are refused for every household, whatever the facts', () => {
    fc.assert(
      fc.property(wildFactsArb, wildFactsArb, codeArb, requestArb, (declared, verified, code, request) => {
        const r = householdEligibility({ facts: { declared, verified }, programme: configured(code, null), request: request ?? undefined });
        expect(r.available).toBe(false);
        expect(r.verified.eligible).toBe(false);
        expect(r.declared.eligible).toBe(false);
        expect(r.verified.entitlement).toBeNull();
        expect(r.verified.reasons).toEqual([{ code: PROGRAMME_UNAVAILABLE, passed: false }]);
        expect(r.preview.outcome).toBe('not_qualified');
      }),
      { numRuns: 300 },
    );
  });
});
