// The damage form's starting values from a household's facts (declared first, else verified):
// computed on the server for the resident's page and for a cadre's on the household's behalf.
import type { DamageDefaults } from './damage-form';

export function damageDefaults(facts: readonly { key: string; declaredValue: unknown; verifiedValue: unknown }[]): DamageDefaults {
  const value = (key: string): unknown => {
    const f = facts.find((x) => x.key === key);
    return f?.declaredValue ?? f?.verifiedValue ?? undefined;
  };
  const yesNo = (v: unknown) => (v === true ? 'yes' : v === false ? 'no' : '') as DamageDefaults['affected'];
  const grade = value('safetyGrade');
  return {
    groundFloorFlooded: yesNo(value('groundFloorFlooded')),
    safetyGrade: typeof grade === 'string' ? grade : facts.some((f) => f.key === 'safetyGrade') ? 'none' : '',
    damagedBoilers: typeof value('damagedBoilers') === 'number' ? String(value('damagedBoilers')) : '0',
    damagedHeatPumps: typeof value('damagedHeatPumps') === 'number' ? String(value('damagedHeatPumps')) : '0',
    repairImpossible: value('repairImpossible') === true,
    affected: yesNo(value('affected')),
  };
}
