// A programme's one-line summary with the amounts now in force (officials change them: issue 10
// item 3), for the public home page, the benefits page and the apply page. The sentences are
// 'programmes.<code>.summary' with the numbers as ICU arguments. Stored params that do not parse
// give null: the programme is not offered (lib/programs/eligibility.ts), and no number is made up.
import type { LooseTranslate } from '@/lib/i18n/loose';
import type { ProgrammeCode } from '@/lib/domain';
import { paramsToValues } from '@/lib/programme-settings';

export function programmeSummary(t: LooseTranslate, p: { code: ProgrammeCode; params: unknown }): string | null {
  if (p.params === null || p.params === undefined) return null;
  const v = paramsToValues(p.code, p.params);
  const key = `programmes.${p.code}.summary`;
  switch (p.code) {
    case 'appliance_subsidy':
      return t(key, { boiler: v.boilerYuan ?? 0, heatPump: v.heatPumpYuan ?? 0 });
    case 'warm_winter':
      return t(key, { amount: v.amountYuan ?? 0 });
    case 'property_fee_waiver':
      return t(key, { years: v.years ?? 0 });
    case 'building_materials': {
      const grade = (g: 'D' | 'C') =>
        (['rebar', 'sand'] as const)
          .filter((m) => v[`${g}_${m}`] != null)
          .map((m) => t(`countyProgrammes.summaryMaterial.${m}`, { tonnes: v[`${g}_${m}`]! }))
          .join(t('countyProgrammes.summaryAnd'));
      return t(key, { gradeD: grade('D'), gradeC: grade('C') });
    }
    default:
      return t(key);
  }
}
