// The household forms' inputs (members, declared damage), shared by the resident's own actions
// and a cadre's on a household's behalf (代办), so both check exactly the same things. zod
// schemas and the step from parsed input to a use case's arguments; no access decisions.
import { z } from 'zod';
import { SAFETY_GRADES, type HouseholdKind } from '@/lib/domain';
import type { Declaration } from '@/lib/facts';
import { birthDateFromId } from '@/lib/pii';
import { BIRTH_YEAR_MIN, FLOOR_MAX, FLOOR_MIN, birthYearMax } from '@/lib/field-limits';
import { formSchema, idNumberSchema, realNameSchema, wholeNumberField } from '@/lib/validators';
import type { FieldErrors } from '@/lib/action-result';
import { MEMBER_RELATIONS, type MemberRelation } from '@/db/queries/households';

/** Object-level checks run even when a field failed, so every error is reported at once (they must read the values defensively). */
const ALWAYS = { when: () => true };
const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);
const toArray = (v: unknown) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]);
const checkbox = (v: unknown) => v === 'on' || v === 'true' || v === true;

export const addMemberFields = {
  name: realNameSchema,
  relation: z.enum(MEMBER_RELATIONS, { error: 'household.errors.relationRequired' }),
  idNumber: z.preprocess(blankToUndefined, idNumberSchema.optional()),
  birthYear: wholeNumberField({ min: BIRTH_YEAR_MIN, max: () => birthYearMax(), notNumber: 'household.errors.birthYear', outOfRange: 'household.errors.birthYearRange' }),
};

function birthYearMatchesId(v: { idNumber?: unknown; birthYear?: unknown }, ctx: z.RefinementCtx) {
  if (typeof v.idNumber !== 'string' || typeof v.birthYear !== 'number') return;
  const born = birthDateFromId(v.idNumber);
  if (born && Number(born.slice(0, 4)) !== v.birthYear) ctx.addIssue({ code: 'custom', path: ['birthYear'], message: 'household.errors.birthYearMismatch' });
}

/** A member of the resident's own household. */
export const addMemberInput = formSchema(addMemberFields).superRefine(birthYearMatchesId, ALWAYS);
/** A member of a household named by id (a cadre's form, 代办). */
export const addMemberToHouseholdInput = formSchema({ ...addMemberFields, householdId: z.uuid({ error: 'validation.invalidType' }) }).superRefine(birthYearMatchesId, ALWAYS);

/** What add-member stores: without a birth year typed, the ID number says it. */
export function memberFromInput(input: { name: string; relation: MemberRelation; idNumber?: string; birthYear?: number }) {
  const born = input.idNumber ? birthDateFromId(input.idNumber) : null;
  return { name: input.name, relation: input.relation, idNumber: input.idNumber ?? null, birthYear: input.birthYear ?? (born ? Number(born.slice(0, 4)) : null) };
}

/** A flat's floor on a household form (the resident's and the cadre's 代办): floor 0 is refused with the range sentence, which says there is none. */
export const floorField = wholeNumberField({ min: FLOOR_MIN, max: FLOOR_MAX, notNumber: 'household.errors.floor', outOfRange: 'household.errors.floorRange' }).refine((n) => n !== 0, 'household.errors.floorRange');

export const MAX_DAMAGE_PHOTOS = 10;
const unitCount = z.preprocess(
  (v) => blankToUndefined(v) ?? 0,
  z.coerce.number({ error: 'household.errors.count' }).int('household.errors.count').min(0, 'household.errors.count').max(20, 'household.errors.count'),
);

export const declareFields = {
  groundFloorFlooded: z.preprocess(blankToUndefined, z.enum(['yes', 'no'], { error: 'household.errors.floodedRequired' }).optional()),
  safetyGrade: z.preprocess(blankToUndefined, z.enum([...SAFETY_GRADES, 'none'], { error: 'household.errors.gradeRequired' }).optional()),
  damagedBoilers: unitCount,
  damagedHeatPumps: unitCount,
  repairImpossible: z.preprocess(checkbox, z.boolean()),
  affected: z.enum(['yes', 'no'], { error: 'household.errors.affectedRequired' }),
  photos: z.preprocess(toArray, z.array(z.uuid({ error: 'household.errors.photos' })).max(MAX_DAMAGE_PHOTOS, 'household.errors.tooManyPhotos')),
};

type DeclareInput = z.output<z.ZodObject<typeof declareFields>>;

/**
 * The question asked depends on the kind of home: flats are asked about flooding, houses about
 * the appraisal. Returns the missing answers, or the declaration and its photos.
 */
export function declarationFromInput(kind: HouseholdKind, input: DeclareInput): { missing: FieldErrors } | { declaration: Declaration; photoIds: string[] } {
  const missing: FieldErrors = {};
  if (kind === 'urban' && !input.groundFloorFlooded) missing.groundFloorFlooded = ['household.errors.floodedRequired'];
  if (kind === 'rural' && !input.safetyGrade) missing.safetyGrade = ['household.errors.gradeRequired'];
  if (Object.keys(missing).length > 0) return { missing };
  return {
    photoIds: [...new Set(input.photos)],
    declaration: {
      groundFloorFlooded: input.groundFloorFlooded === undefined ? undefined : input.groundFloorFlooded === 'yes',
      safetyGrade: input.safetyGrade === undefined ? undefined : input.safetyGrade === 'none' ? null : input.safetyGrade,
      damagedBoilers: input.damagedBoilers,
      damagedHeatPumps: input.damagedHeatPumps,
      repairImpossible: input.repairImpossible,
      affected: input.affected === 'yes',
    },
  };
}
