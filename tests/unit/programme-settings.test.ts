// The programme settings form (lib/programme-settings.ts) and the grievance limits (lib/grievances.ts):
// typed strings become the params each programme's own schema validates, every problem lands on
// the field it concerns, the history names what changed, and deadlines follow the limits given.
import { describe, expect, it } from 'vitest';
import { PROGRAMME_CODES } from '@/lib/domain';
import { checkGrievanceLimits, deadlineDaysLeft, grievanceDeadlines } from '@/lib/grievances';
import { paramsToValues, parseSettings, SETTING_FIELDS, settingChanges, valuesToParams } from '@/lib/programme-settings';
import { PROGRAMMES } from '@/lib/programs';

const asTyped = (values: Record<string, number | null>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === null ? '' : String(v)]));

describe('programme settings as form fields', () => {
  it('round-trips every programme’s default params through the form', () => {
    for (const code of PROGRAMME_CODES) {
      const typed = asTyped(paramsToValues(code, PROGRAMMES[code].defaultParams));
      const parsed = parseSettings(code, typed);
      expect(parsed, code).toEqual({ ok: true, params: PROGRAMMES[code].defaultParams });
    }
  });

  it('reads numbers as people type them (thousands separators, spaces) and refuses anything else', () => {
    expect(parseSettings('warm_winter', { amountYuan: ' 1,500 ' })).toEqual({ ok: true, params: { amountYuan: 1500 } });
    expect(parseSettings('warm_winter', { amountYuan: '1500元' })).toEqual({ ok: false, fieldErrors: { amountYuan: ['countyProgrammes.errors.yuan'] } });
    expect(parseSettings('warm_winter', { amountYuan: '' })).toEqual({ ok: false, fieldErrors: { amountYuan: ['countyProgrammes.errors.yuan'] } });
    expect(parseSettings('warm_winter', { amountYuan: '1000001' })).toEqual({ ok: false, fieldErrors: { amountYuan: ['countyProgrammes.errors.yuan'] } });
    expect(parseSettings('property_fee_waiver', { years: '11' })).toEqual({ ok: false, fieldErrors: { years: ['countyProgrammes.errors.years'] } });
    expect(parseSettings('appliance_subsidy', { boilerYuan: '800', heatPumpYuan: '-1' })).toEqual({ ok: false, fieldErrors: { heatPumpYuan: ['countyProgrammes.errors.yuan'] } });
  });

  it('builds the materials lists from the tonnes given, and puts each problem on its own field', () => {
    expect(valuesToParams('building_materials', { D_rebar: '3', D_sand: '', C_rebar: '', C_sand: '4.5' })).toEqual({ D: [{ material: 'rebar', tonnes: 3 }], C: [{ material: 'sand', tonnes: 4.5 }] });
    // The second material of D is wrong: the error is on D_sand, not on the first field of the list.
    expect(parseSettings('building_materials', { D_rebar: '', D_sand: '0', C_rebar: '1', C_sand: '' })).toEqual({ ok: false, fieldErrors: { D_sand: ['countyProgrammes.errors.tonnes'] } });
    expect(parseSettings('building_materials', { D_rebar: '2', D_sand: '20', C_rebar: '', C_sand: '' })).toEqual({ ok: false, fieldErrors: { C_rebar: ['countyProgrammes.errors.materialsRequired'] } });
  });

  it('has no fields for the programmes with nothing to set, and accepts them empty', () => {
    expect(SETTING_FIELDS.appliance_repair).toEqual([]);
    expect(parseSettings('heating_fee_waiver', {})).toEqual({ ok: true, params: {} });
  });

  it('names what changed between two versions', () => {
    const before = { params: { D: [{ material: 'rebar', tonnes: 2 }], C: [{ material: 'sand', tonnes: 5 }] }, noticeDays: 7, active: true };
    const after = { params: { D: [{ material: 'rebar', tonnes: 2 }, { material: 'sand', tonnes: 20 }], C: [{ material: 'sand', tonnes: 5 }] }, noticeDays: 0, active: false };
    const changes = settingChanges('building_materials', before, after);
    expect(changes.map((c) => (c.kind === 'field' ? [c.field.name, c.from, c.to] : [c.kind, c.from, c.to]))).toEqual([
      ['D_sand', null, 20],
      ['noticeDays', 7, 0],
      ['active', true, false],
    ]);
    expect(settingChanges('warm_winter', { params: { amountYuan: 1000 }, noticeDays: 0, active: true }, { params: { amountYuan: 1000 }, noticeDays: 0, active: true })).toEqual([]);
  });
});

describe('grievance time limits', () => {
  it('counts the deadlines from the limits given (the defaults when none are)', () => {
    const at = new Date('2026-11-02T02:00:00Z');
    const day = 86_400_000;
    expect(grievanceDeadlines(at)).toEqual({ respondBy: new Date(at.getTime() + 3 * day), resolveBy: new Date(at.getTime() + 15 * day) });
    expect(grievanceDeadlines(at, { respondDays: 1, resolveDays: 30 })).toEqual({ respondBy: new Date(at.getTime() + day), resolveBy: new Date(at.getTime() + 30 * day) });
  });

  it('counts the days left from the day the time started, which the category limits say', () => {
    const filed = new Date('2026-11-02T02:00:00Z'); // 10:00 CST
    const limits = { respondDays: 1, resolveDays: 5 };
    const g = { status: 'open' as const, ...grievanceDeadlines(filed, limits), respondedAt: null };
    const sameDay = new Date('2026-11-02T04:00:00Z');
    // Filed today with one day to answer: tomorrow is the only day counted.
    expect(deadlineDaysLeft(g, sameDay, limits)).toEqual({ kind: 'respond', days: 1 });
    // Read with the default 3 days, the start would fall two days earlier and today would count too.
    expect(deadlineDaysLeft(g, sameDay)).toEqual({ kind: 'respond', days: 2 });
  });

  it('allows 1–30 days to respond, 1–90 to resolve, and never less time to resolve than to respond', () => {
    expect(checkGrievanceLimits({ respondDays: 3, resolveDays: 15 })).toBeNull();
    expect(checkGrievanceLimits({ respondDays: 30, resolveDays: 30 })).toBeNull();
    expect(checkGrievanceLimits({ respondDays: 0, resolveDays: 15 })).toEqual({ respondDays: ['countyProgrammes.errors.respondDays'] });
    expect(checkGrievanceLimits({ respondDays: 2.5, resolveDays: 91 })).toEqual({ respondDays: ['countyProgrammes.errors.respondDays'], resolveDays: ['countyProgrammes.errors.resolveDays'] });
    expect(checkGrievanceLimits({ respondDays: 10, resolveDays: 9 })).toEqual({ resolveDays: ['countyProgrammes.errors.resolveBeforeRespond'] });
    expect(checkGrievanceLimits({ respondDays: Number.NaN, resolveDays: 9 })).toEqual({ respondDays: ['countyProgrammes.errors.respondDays'] });
  });
});
