// Who qualifies for what (CONVENTIONS.md §4): the registry of programme rules. To add a
// programme: add its code to PROGRAMME_CODES in lib/domain.ts, write one file like the others,
// list it in registry.ts, and add its 'rules.*' and 'apply.fields.*' messages.

import type { z } from 'zod';
import { PROGRAMME_CODES, type HouseholdFacts, type ProgrammeCode } from '@/lib/domain';
import { buildAnswersSchema, type ApplicationAnswers } from './fields';
import { PROGRAMMES, type ProgrammeParams } from './registry';
import type { Eligibility, ProgrammeDefinition, UnitRequest } from './types';

export type * from './types';
export { AT_LEAST_ONE_UNIT, fieldMax, requestFromAnswers, type AnswerValue, type ApplicationAnswers } from './fields';
export { PROGRAMMES, type ProgrammeParams } from './registry';
export { repairFulfilledNoticeKind, repairOutcome, repairOutcomeOfEvent, type RepairOutcome } from './repair-outcome';
export type * from './registry';
export {
  householdEligibility,
  isOffered,
  overlayFacts,
  PREVIEW_OUTCOMES,
  PROGRAMME_UNAVAILABLE,
  takesApplications,
  type ConfiguredProgramme,
  type HouseholdEligibility,
  type PreviewOutcome,
} from './eligibility';

export function isProgrammeCode(value: unknown): value is ProgrammeCode {
  return (PROGRAMME_CODES as readonly unknown[]).includes(value);
}

/** Validate params read from storage or an official's edit. */
export function parseParams<C extends ProgrammeCode>(
  code: C,
  raw: unknown,
): { ok: true; params: ProgrammeParams[C] } | { ok: false; error: z.ZodError } {
  const def: ProgrammeDefinition<ProgrammeParams[C]> = PROGRAMMES[code];
  const parsed = def.paramsSchema.safeParse(raw);
  return parsed.success ? { ok: true, params: parsed.data } : { ok: false, error: parsed.error };
}

/**
 * Run one programme's rule with the params it was loaded with (there is no fallback to the
 * defaults: see lib/programs/eligibility.ts). Pass VERIFIED facts to decide; `request` = the
 * applicant's unit counts. Pages and server decisions go through householdEligibility.
 */
export function evaluate<C extends ProgrammeCode>(code: C, facts: HouseholdFacts, params: Readonly<ProgrammeParams[C]>, request?: UnitRequest): Eligibility {
  const def: ProgrammeDefinition<ProgrammeParams[C]> = PROGRAMMES[code];
  return def.evaluate(facts, params, request);
}

/** The zod schema for a programme's application answers; with facts, unit counts are capped at the household's damage less the units `held` elsewhere. */
export function answersSchema(code: ProgrammeCode, facts?: HouseholdFacts, held?: UnitRequest['heldElsewhere']): z.ZodType<ApplicationAnswers> {
  return buildAnswersSchema(PROGRAMMES[code].applicationFields, facts, held);
}
