// The programmes' one-line summaries carry the amounts now in force (components/programme-summary.ts):
// after an official changes them, the home, benefits and apply pages say the new numbers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { PROGRAMME_CODES } from '@/lib/domain';
import { PROGRAMMES } from '@/lib/programs';
import { programmeSummary } from '@/components/programme-summary';

type Catalogue = { [key: string]: string | Catalogue };
const load = (file: string) => JSON.parse(readFileSync(path.join(process.cwd(), 'messages', file), 'utf8')) as Catalogue;

function translator(catalogue: Catalogue, locale: string) {
  return (key: string, values?: Record<string, string | number | Date>) => {
    let node: string | Catalogue | undefined = catalogue;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    if (typeof node !== 'string') throw new Error(`no message ${key}`);
    return String(new IntlMessageFormat(node, locale).format(values));
  };
}

const en = translator(load('en.json'), 'en');
const zh = translator(load('zh-CN.json'), 'zh-CN');

describe('programme summaries', () => {
  it('say the default amounts as the catalogues used to', () => {
    expect(programmeSummary(en, { code: 'warm_winter', params: PROGRAMMES.warm_winter.defaultParams })).toBe('Every affected household receives ¥1,000 to get through the winter.');
    expect(programmeSummary(zh, { code: 'appliance_subsidy', params: PROGRAMMES.appliance_subsidy.defaultParams })).toBe('受损设备无法修复的，新购壁挂炉每台补贴1,000元，空气能热泵每台补贴5,000元。');
    expect(programmeSummary(en, { code: 'building_materials', params: PROGRAMMES.building_materials.defaultParams })).toBe('Rural houses graded D receive 2 tonnes of steel rebar and 20 tonnes of sand; houses graded C receive 5 tonnes of sand.');
    expect(programmeSummary(zh, { code: 'building_materials', params: PROGRAMMES.building_materials.defaultParams })).toBe('农村D级危房户免费领取2吨钢筋和20吨沙子，C级危房户免费领取5吨沙子。');
  });

  it('follow the settings in force', () => {
    expect(programmeSummary(en, { code: 'warm_winter', params: { amountYuan: 1200 } })).toBe('Every affected household receives ¥1,200 to get through the winter.');
    expect(programmeSummary(en, { code: 'property_fee_waiver', params: { years: 1 } })).toBe('City flats whose ground floor was flooded pay no property fee for 1 year.');
    expect(programmeSummary(zh, { code: 'property_fee_waiver', params: { years: 5 } })).toBe('城区一楼进水的住户，免除5年物业费。');
    expect(programmeSummary(zh, { code: 'building_materials', params: { D: [{ material: 'sand', tonnes: 25 }], C: [{ material: 'rebar', tonnes: 1.5 }] } })).toBe('农村D级危房户免费领取25吨沙子，C级危房户免费领取1.5吨钢筋。');
  });

  it('make up no number when the stored params do not parse, and have a sentence for every programme', () => {
    expect(programmeSummary(en, { code: 'warm_winter', params: null })).toBeNull();
    for (const code of PROGRAMME_CODES) for (const t of [en, zh]) expect(programmeSummary(t, { code, params: PROGRAMMES[code].defaultParams })).toMatch(/\S/);
  });
});
