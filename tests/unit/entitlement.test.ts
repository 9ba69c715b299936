import { describe, expect, it } from 'vitest';
import { sameEntitlement } from '@/lib/programs/entitlement';

describe('sameEntitlement', () => {
  it('ignores the order of object keys (jsonb keeps its own) but not of list items', () => {
    const frozen = JSON.parse('{"items":[{"tonnes":2,"material":"rebar"},{"tonnes":20,"material":"sand"}],"kind":"materials"}');
    expect(sameEntitlement(frozen, { kind: 'materials', items: [{ material: 'rebar', tonnes: 2 }, { material: 'sand', tonnes: 20 }] })).toBe(true);
    expect(sameEntitlement(frozen, { kind: 'materials', items: [{ material: 'sand', tonnes: 20 }, { material: 'rebar', tonnes: 2 }] })).toBe(false);
  });

  it('tells a different grant apart: amount, units, a key more or less, nothing', () => {
    expect(sameEntitlement({ kind: 'materials', items: [{ material: 'sand', tonnes: 5 }] }, { kind: 'materials', items: [{ material: 'rebar', tonnes: 2 }, { material: 'sand', tonnes: 20 }] })).toBe(false);
    expect(sameEntitlement({ kind: 'repair', units: { boilers: 1, heatPumps: 0 } }, { kind: 'repair', units: { boilers: 1, heatPumps: 1 } })).toBe(false);
    expect(sameEntitlement({ kind: 'waiver', years: 3 }, { kind: 'waiver', years: 3, season: true })).toBe(false);
    expect(sameEntitlement({ kind: 'cash', amountYuan: 1000 }, { kind: 'cash', amountYuan: 1000 })).toBe(true);
    expect(sameEntitlement({ kind: 'waiver', season: true }, null)).toBe(false);
    expect(sameEntitlement(null, undefined)).toBe(true);
  });
});
