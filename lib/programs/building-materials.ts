// 建材补助 (建材大集): free building materials for rural houses appraised as dangerous — grade D
// (dangerous as a whole): 2 t rebar + 20 t sand; grade C (partly dangerous): 5 t sand. Picked
// up at a distribution point against stock, after a public notice. The point is chosen when
// the pickup is arranged, not on the application.

import { z } from 'zod';
import { TONNES_MAX } from './limits';
import { MATERIALS, type Material } from '@/lib/domain';
import { allOf, deepFreeze, condition, gradeFact, kindFact } from './kit';
import type { ProgrammeDefinition } from './types';

export interface MaterialItem {
  material: Material;
  tonnes: number;
}

/** Materials per eligible grade. A and B houses get nothing. */
export interface BuildingMaterialsParams {
  D: MaterialItem[];
  C: MaterialItem[];
}

const items = z
  .array(z.object({ material: z.enum(MATERIALS), tonnes: z.number().positive().max(TONNES_MAX) }))
  .min(1)
  .max(MATERIALS.length)
  .refine((list) => new Set(list.map((i) => i.material)).size === list.length, { message: 'duplicate_material' });

const buildingMaterialsParamsSchema = z.object({ D: items, C: items });

const ELIGIBLE_GRADES = ['C', 'D'] as const;

export const buildingMaterials: ProgrammeDefinition<BuildingMaterialsParams> = {
  code: 'building_materials',
  needsApplication: true,
  noticeDays: 7,
  defaultParams: deepFreeze({
    D: [
      { material: 'rebar', tonnes: 2 },
      { material: 'sand', tonnes: 20 },
    ],
    C: [{ material: 'sand', tonnes: 5 }],
  }),
  paramsSchema: buildingMaterialsParamsSchema,
  applicationFields: deepFreeze([
    { name: 'note', type: 'text', max: 500, required: false, labelKey: 'apply.fields.note', hintKey: 'apply.fields.noteHint' },
  ]),
  evaluate(facts, params) {
    const kind = kindFact(facts.kind);
    const grade = gradeFact(facts.safetyGrade);
    return allOf(
      [
        condition('rules.rural', kind === undefined ? undefined : kind === 'rural', 'kind'),
        condition(
          'rules.safetyGradeCD',
          grade === undefined ? undefined : (ELIGIBLE_GRADES as readonly string[]).includes(grade),
          'safetyGrade',
          grade === undefined ? undefined : { grade },
        ),
      ],
      // Copies, so a caller that edits the entitlement cannot change the params.
      () => ({ kind: 'materials', items: (grade === 'D' ? params.D : params.C).map((i) => ({ material: i.material, tonnes: i.tonnes })) }),
    );
  },
};
