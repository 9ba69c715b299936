// 新购壁挂炉/热泵减免: money off a new boiler (¥1,000) or heat pump (¥5,000) for each damaged
// unit that cannot be repaired (or whose repair the household declined), up to the damaged
// count. Paid in a payment batch after a public notice.

import { z } from 'zod';
import { YUAN_MAX } from './limits';
import { allOf, applianceConditions, deepFreeze, boolFact, condition } from './kit';
import { unitFields } from './appliance-repair';
import type { CashLine, ProgrammeDefinition } from './types';

export interface ApplianceSubsidyParams {
  boilerYuan: number;
  heatPumpYuan: number;
}

const yuan = z.number().int().min(0).max(YUAN_MAX);
const applianceSubsidyParamsSchema = z.object({ boilerYuan: yuan, heatPumpYuan: yuan });

export const applianceSubsidy: ProgrammeDefinition<ApplianceSubsidyParams> = {
  code: 'appliance_subsidy',
  needsApplication: true,
  noticeDays: 7,
  defaultParams: deepFreeze({ boilerYuan: 1000, heatPumpYuan: 5000 }),
  paramsSchema: applianceSubsidyParamsSchema,
  applicationFields: deepFreeze([
    ...unitFields,
    { name: 'invoice', type: 'upload', required: true, labelKey: 'apply.fields.invoice', hintKey: 'apply.fields.invoiceHint' },
  ]),
  evaluate(facts, params, request) {
    const { units, conditions } = applianceConditions(facts, request);
    conditions.push(condition('rules.repairImpossible', boolFact(facts.repairImpossible), 'repairImpossible'));
    return allOf(conditions, () => {
      const breakdown: CashLine[] = [];
      if (units.boilers > 0) {
        breakdown.push({ item: 'boiler', units: units.boilers, rateYuan: params.boilerYuan, amountYuan: units.boilers * params.boilerYuan });
      }
      if (units.heatPumps > 0) {
        breakdown.push({ item: 'heatPump', units: units.heatPumps, rateYuan: params.heatPumpYuan, amountYuan: units.heatPumps * params.heatPumpYuan });
      }
      return { kind: 'cash', amountYuan: breakdown.reduce((sum, l) => sum + l.amountYuan, 0), breakdown };
    });
  },
};
