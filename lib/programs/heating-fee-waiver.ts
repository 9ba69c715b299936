// 取暖费减免: this heating season's fee waived for urban households whose ground floor flooded.
// Fulfilled by sending the list to the heating company.

import { z } from 'zod';
import { allOf, deepFreeze, boolFact, condition, kindFact } from './kit';
import type { ProgrammeDefinition } from './types';

export type HeatingFeeWaiverParams = Record<string, never>;

export const heatingFeeWaiver: ProgrammeDefinition<HeatingFeeWaiverParams> = {
  code: 'heating_fee_waiver',
  needsApplication: true,
  noticeDays: 0,
  defaultParams: deepFreeze({}),
  paramsSchema: z.strictObject({}),
  applicationFields: deepFreeze([
    { name: 'note', type: 'text', max: 500, required: false, labelKey: 'apply.fields.note', hintKey: 'apply.fields.noteHint' },
  ]),
  evaluate(facts) {
    const kind = kindFact(facts.kind);
    const flooded = boolFact(facts.groundFloorFlooded);
    return allOf(
      [
        condition('rules.urban', kind === undefined ? undefined : kind === 'urban', 'kind'),
        condition('rules.groundFloorFlooded', flooded, 'groundFloorFlooded'),
      ],
      () => ({ kind: 'waiver', season: true }),
    );
  },
};
