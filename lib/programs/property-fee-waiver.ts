// 物业费减免: property fee waived for `years` years (3 in the source) for urban households whose
// ground floor flooded. Fulfilled by sending the list to the property company.

import { z } from 'zod';
import { YEARS_MAX, YEARS_MIN } from './limits';
import { allOf, deepFreeze, boolFact, condition, kindFact } from './kit';
import type { ProgrammeDefinition } from './types';

export interface PropertyFeeWaiverParams {
  years: number;
}

const propertyFeeWaiverParamsSchema = z.object({ years: z.number().int().min(YEARS_MIN).max(YEARS_MAX) });

export const propertyFeeWaiver: ProgrammeDefinition<PropertyFeeWaiverParams> = {
  code: 'property_fee_waiver',
  needsApplication: true,
  noticeDays: 0,
  defaultParams: deepFreeze({ years: 3 }),
  paramsSchema: propertyFeeWaiverParamsSchema,
  applicationFields: deepFreeze([
    { name: 'note', type: 'text', max: 500, required: false, labelKey: 'apply.fields.note', hintKey: 'apply.fields.noteHint' },
  ]),
  evaluate(facts, params) {
    const kind = kindFact(facts.kind);
    const flooded = boolFact(facts.groundFloorFlooded);
    return allOf(
      [
        condition('rules.urban', kind === undefined ? undefined : kind === 'urban', 'kind'),
        condition('rules.groundFloorFlooded', flooded, 'groundFloorFlooded'),
      ],
      () => ({ kind: 'waiver', years: params.years }),
    );
  },
};
