// The facts vocabulary (lib/facts.ts): keys per household kind, value parsing, formatting, and
// the stored rows → the facts the rules read.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FACT_KEYS, SAFETY_GRADES, type FactKey } from '@/lib/domain';
import { MAX_FACT_COUNT, declaredValues, factKeysFor, factsFromRows, formatFactValue, parseFactValue } from '@/lib/facts';

describe('factKeysFor', () => {
  it('a flat is asked about flooding, a house about its appraisal grade; the rest for both, in FACT_KEYS order', () => {
    expect(factKeysFor('urban')).toEqual(['groundFloorFlooded', 'damagedBoilers', 'damagedHeatPumps', 'affected', 'repairImpossible']);
    expect(factKeysFor('rural')).toEqual(['safetyGrade', 'damagedBoilers', 'damagedHeatPumps', 'affected', 'repairImpossible']);
    for (const kind of ['urban', 'rural'] as const) {
      const keys = factKeysFor(kind);
      expect(FACT_KEYS.filter((k) => keys.includes(k))).toEqual(keys);
    }
  });
});

describe('parseFactValue', () => {
  it('accepts only values that fit the fact', () => {
    expect(parseFactValue('groundFloorFlooded', 'true')).toBe(true);
    expect(parseFactValue('affected', 'false')).toBe(false);
    expect(parseFactValue('affected', 'yes')).toBeNull();
    expect(parseFactValue('safetyGrade', 'D')).toBe('D');
    expect(parseFactValue('safetyGrade', 'E')).toBeNull();
    expect(parseFactValue('damagedBoilers', '2')).toBe(2);
    expect(parseFactValue('damagedBoilers', '-1')).toBeNull();
    expect(parseFactValue('damagedBoilers', '1.5')).toBeNull();
    expect(parseFactValue('damagedBoilers', '101')).toBeNull();
    expect(parseFactValue('damagedHeatPumps', '')).toBeNull();
    expect(parseFactValue('damagedHeatPumps', ' 3 ')).toBe(3);
    expect(parseFactValue('affected', true)).toBe(true);
    expect(parseFactValue('damagedBoilers', 4)).toBe(4);
    expect(parseFactValue('damagedBoilers', null)).toBeNull();
    expect(parseFactValue('damagedBoilers', {})).toBeNull();
  });

  it('property: a parsed value is a valid fact and parses back to itself', () => {
    const keyArb = fc.constantFrom(...FACT_KEYS);
    fc.assert(
      fc.property(keyArb, fc.oneof(fc.string(), fc.integer({ min: -5, max: 200 }).map(String), fc.constantFrom('true', 'false', ...SAFETY_GRADES), fc.anything()), (key: FactKey, raw) => {
        const v = parseFactValue(key, raw);
        if (v === null) return;
        if (key === 'safetyGrade') expect(SAFETY_GRADES).toContain(v);
        else if (key === 'damagedBoilers' || key === 'damagedHeatPumps') expect(Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_FACT_COUNT).toBe(true);
        else expect(typeof v).toBe('boolean');
        expect(parseFactValue(key, v)).toEqual(v);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('formatFactValue', () => {
  const t = (key: string) => `<${key}>`;
  it('yes/no, a grade by name, counts as digits, unknown for no value', () => {
    expect(formatFactValue(t, 'affected', true)).toBe('<common.yes>');
    expect(formatFactValue(t, 'affected', false)).toBe('<common.no>');
    expect(formatFactValue(t, 'safetyGrade', 'C')).toBe('<facts.grade.C>');
    expect(formatFactValue(t, 'damagedBoilers', 2)).toBe('2');
    expect(formatFactValue(t, 'damagedBoilers', null)).toBe('<facts.unknown>');
    expect(formatFactValue(t, 'damagedBoilers', undefined)).toBe('<facts.unknown>');
  });
});

describe('declaredValues', () => {
  const base = { damagedBoilers: 0, damagedHeatPumps: 0, repairImpossible: true, affected: true };
  it('urban writes flooding, never a grade; rural the grade, never flooding', () => {
    expect(declaredValues('urban', { ...base, groundFloorFlooded: true, safetyGrade: 'D' })).toEqual({ damagedBoilers: 0, damagedHeatPumps: 0, repairImpossible: false, affected: true, groundFloorFlooded: true });
    expect(declaredValues('rural', { ...base, groundFloorFlooded: true, safetyGrade: 'D' })).toEqual({ damagedBoilers: 0, damagedHeatPumps: 0, repairImpossible: false, affected: true, safetyGrade: 'D' });
  });

  it('"cannot be repaired" only with a damaged unit; a withdrawn grade is null', () => {
    expect(declaredValues('urban', { ...base, damagedBoilers: 1 }).repairImpossible).toBe(true);
    expect(declaredValues('urban', { ...base, damagedBoilers: 0 }).repairImpossible).toBe(false);
    expect(declaredValues('rural', { ...base, safetyGrade: null }).safetyGrade).toBeNull();
    expect('safetyGrade' in declaredValues('rural', base)).toBe(false);
  });
});

describe('factsFromRows', () => {
  it('splits declared and verified values; null is not known; the kind is on both', () => {
    const f = factsFromRows('rural', [
      { key: 'safetyGrade', declaredValue: 'D', verifiedValue: 'C' },
      { key: 'affected', declaredValue: true, verifiedValue: null },
      { key: 'damagedBoilers', declaredValue: null, verifiedValue: 1 },
    ]);
    expect(f.declared).toEqual({ kind: 'rural', safetyGrade: 'D', affected: true });
    expect(f.verified).toEqual({ kind: 'rural', safetyGrade: 'C', damagedBoilers: 1 });
  });
});
