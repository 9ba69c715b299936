// 壁挂炉/空气能热泵免费检修: free repair of flood-damaged wall-hung gas boilers and air-source heat
// pumps, one work order per unit. The applicant may ask for fewer units than were damaged.

import { z } from 'zod';
import { allOf, applianceConditions, deepFreeze } from './kit';
import type { ApplicationField, ProgrammeDefinition } from './types';

export type ApplianceRepairParams = Record<string, never>;

/** Largest count a form accepts for one kind of unit, before the household's own damage caps it. */
const MAX_UNITS_PER_KIND = 20;

export const unitFields: readonly ApplicationField[] = deepFreeze([
  { name: 'boilers', type: 'int', min: 0, max: MAX_UNITS_PER_KIND, required: true, labelKey: 'apply.fields.boilers', hintKey: 'apply.fields.boilersHint', maxFromFact: 'damagedBoilers' },
  { name: 'heatPumps', type: 'int', min: 0, max: MAX_UNITS_PER_KIND, required: true, labelKey: 'apply.fields.heatPumps', hintKey: 'apply.fields.heatPumpsHint', maxFromFact: 'damagedHeatPumps' },
]);

export const applianceRepair: ProgrammeDefinition<ApplianceRepairParams> = {
  code: 'appliance_repair',
  needsApplication: true,
  noticeDays: 0,
  defaultParams: deepFreeze({}),
  paramsSchema: z.strictObject({}),
  applicationFields: deepFreeze([
    ...unitFields,
    { name: 'preferredTime', type: 'text', max: 100, required: false, labelKey: 'apply.fields.preferredTime', hintKey: 'apply.fields.preferredTimeHint' },
  ]),
  evaluate(facts, _params, request) {
    const { units, conditions } = applianceConditions(facts, request);
    return allOf(conditions, () => ({ kind: 'repair', units }));
  },
};
