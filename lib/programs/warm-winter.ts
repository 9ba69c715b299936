// 温暖过冬费: a fixed sum (¥1,000) for every affected household. 免申即享: no application; an
// official enrols every eligible household in one action, paid in a payment batch.

import { z } from 'zod';
import { YUAN_MAX } from './limits';
import { allOf, deepFreeze, boolFact, condition } from './kit';
import type { ProgrammeDefinition } from './types';

export interface WarmWinterParams {
  amountYuan: number;
}

const warmWinterParamsSchema = z.object({ amountYuan: z.number().int().min(0).max(YUAN_MAX) });

export const warmWinter: ProgrammeDefinition<WarmWinterParams> = {
  code: 'warm_winter',
  needsApplication: false,
  noticeDays: 0,
  defaultParams: deepFreeze({ amountYuan: 1000 }),
  paramsSchema: warmWinterParamsSchema,
  applicationFields: deepFreeze([]),
  evaluate(facts, params) {
    return allOf([condition('rules.affected', boolFact(facts.affected), 'affected')], () => ({
      kind: 'cash',
      amountYuan: params.amountYuan,
      breakdown: [{ item: 'household', units: 1, rateYuan: params.amountYuan, amountYuan: params.amountYuan }],
    }));
  },
};
