// Builds the zod schema of a programme's application form from its declarative field list,
// so a new programme needs no new form code. Input is what a form posts (FormData strings,
// blanks, a checkbox's "on"); output is typed values.

import { z } from 'zod';
import type { HouseholdFacts } from '@/lib/domain';
import { countFact } from './kit';
import type { ApplicationField, UnitRequest } from './types';

export type AnswerValue = string | number | boolean;
export type ApplicationAnswers = Record<string, AnswerValue | undefined>;

/** Message key of the form-level error "ask for at least one unit". */
export const AT_LEAST_ONE_UNIT = 'apply.errors.atLeastOneUnit';
const DEFAULT_TEXT_MAX = 500;
const UPLOAD_ID_MAX = 200;

/** A form posts '' for an empty input and null for a missing one: both mean "not given". */
function blankToUndefined(v: unknown): unknown {
  return v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v;
}

function checkbox(v: unknown): unknown {
  if (v === undefined || v === null || v === '' || v === 'off' || v === 'false' || v === '0') return false;
  if (v === 'on' || v === 'true' || v === '1') return true;
  return v;
}

/** Which of the other programme's held units (UnitRequest `heldElsewhere`) a unit count field gives up. */
const HELD_KIND = { damagedBoilers: 'boilers', damagedHeatPumps: 'heatPumps' } as const;

/**
 * The largest value an int field accepts, narrowed by the household's own count when known,
 * less the units `held` elsewhere (taken by the other appliance programme or already repaired:
 * db/queries/handouts.ts unitsHeldByOtherProgramme), as the rule grants them (kit.ts freeUnits).
 */
export function fieldMax(field: ApplicationField, facts?: HouseholdFacts, held?: UnitRequest['heldElsewhere']): number | undefined {
  const damaged = field.maxFromFact && facts ? countFact(facts[field.maxFromFact]) : undefined;
  const fromFact = damaged === undefined ? undefined : Math.max(0, damaged - (countFact(held?.[HELD_KIND[field.maxFromFact!]]) ?? 0));
  if (fromFact === undefined) return field.max;
  return field.max === undefined ? fromFact : Math.min(field.max, fromFact);
}

function fieldSchema(field: ApplicationField, facts?: HouseholdFacts, held?: UnitRequest['heldElsewhere']): z.ZodType<AnswerValue | undefined> {
  switch (field.type) {
    case 'int': {
      let n = z.coerce.number().int();
      if (field.min !== undefined) n = n.min(field.min);
      const max = fieldMax(field, facts, held);
      if (max !== undefined) n = n.max(max);
      return z.preprocess(blankToUndefined, field.required ? n : n.optional());
    }
    case 'text': {
      let s = z.string().trim().max(field.max ?? DEFAULT_TEXT_MAX);
      if (field.required) s = s.min(1);
      return z.preprocess(blankToUndefined, field.required ? s : s.optional());
    }
    case 'upload': {
      // The id the upload endpoint returned; the upload itself is checked there (TRUST.md P3).
      const s = z.string().trim().min(1).max(UPLOAD_ID_MAX);
      return z.preprocess(blankToUndefined, field.required ? s : s.optional());
    }
    case 'boolean': {
      // A required checkbox must be ticked (e.g. a declaration).
      const b = field.required ? z.literal(true) : z.boolean();
      return z.preprocess(checkbox, b);
    }
  }
}

/** The answers schema for a list of fields; unit counts capped by `fieldMax`. Unknown keys are dropped. */
export function buildAnswersSchema(fields: readonly ApplicationField[], facts?: HouseholdFacts, held?: UnitRequest['heldElsewhere']): z.ZodType<ApplicationAnswers> {
  const shape: Record<string, z.ZodType<AnswerValue | undefined>> = {};
  for (const f of fields) shape[f.name] = fieldSchema(f, facts, held);
  const object = z.object(shape);
  const names = new Set(fields.map((f) => f.name));
  if (!names.has('boilers') || !names.has('heatPumps')) return object;
  return object.superRefine((answers, ctx) => {
    const total = Number(answers.boilers ?? 0) + Number(answers.heatPumps ?? 0);
    if (typeof answers.boilers === 'number' && typeof answers.heatPumps === 'number' && total < 1) {
      ctx.addIssue({ code: 'custom', path: ['boilers'], message: AT_LEAST_ONE_UNIT });
    }
  });
}

/** The unit counts in parsed answers, for `evaluate(..., request)`. */
export function requestFromAnswers(answers: ApplicationAnswers | null | undefined): UnitRequest {
  const out: UnitRequest = {};
  if (typeof answers?.boilers === 'number') out.boilers = answers.boilers;
  if (typeof answers?.heatPumps === 'number') out.heatPumps = answers.heatPumps;
  return out;
}
