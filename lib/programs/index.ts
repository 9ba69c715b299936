// Who qualifies for what (CONVENTIONS.md §4): the registry of programme rules. To add a
// programme: add its code to PROGRAMME_CODES in lib/domain.ts, write one file like the others,
// list it here, and add its 'rules.*' and 'apply.fields.*' messages.

import type { z } from 'zod';
import { PROGRAMME_CODES, type HouseholdFacts, type ProgrammeCode } from '@/lib/domain';
import { applianceRepair, type ApplianceRepairParams } from './appliance-repair';
import { applianceSubsidy, type ApplianceSubsidyParams } from './appliance-subsidy';
import { buildingMaterials, type BuildingMaterialsParams } from './building-materials';
import { buildAnswersSchema, type ApplicationAnswers } from './fields';
import { heatingFeeWaiver, type HeatingFeeWaiverParams } from './heating-fee-waiver';
import { propertyFeeWaiver, type PropertyFeeWaiverParams } from './property-fee-waiver';
import type { Eligibility, Entitlement, ProgrammeDefinition, Reason, UnitRequest } from './types';
import { warmWinter, type WarmWinterParams } from './warm-winter';

export type * from './types';
export { MAX_FACT_COUNT } from './kit';
export { AT_LEAST_ONE_UNIT, fieldMax, requestFromAnswers, type AnswerValue, type ApplicationAnswers } from './fields';
export type {
  ApplianceRepairParams,
  ApplianceSubsidyParams,
  BuildingMaterialsParams,
  HeatingFeeWaiverParams,
  PropertyFeeWaiverParams,
  WarmWinterParams,
};

export interface ProgrammeParams {
  heating_fee_waiver: HeatingFeeWaiverParams;
  property_fee_waiver: PropertyFeeWaiverParams;
  appliance_repair: ApplianceRepairParams;
  appliance_subsidy: ApplianceSubsidyParams;
  warm_winter: WarmWinterParams;
  building_materials: BuildingMaterialsParams;
}

/** Params as officials set them; a programme left out uses its defaults. */
export type ParamsByCode = { [C in ProgrammeCode]?: ProgrammeParams[C] };

/** Each programme with its own params type (assignable to Record<ProgrammeCode, ProgrammeDefinition>). */
export const PROGRAMMES: { readonly [C in ProgrammeCode]: ProgrammeDefinition<ProgrammeParams[C]> } = Object.freeze({
  heating_fee_waiver: heatingFeeWaiver,
  property_fee_waiver: propertyFeeWaiver,
  appliance_repair: applianceRepair,
  appliance_subsidy: applianceSubsidy,
  warm_winter: warmWinter,
  building_materials: buildingMaterials,
});

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

/** Run one programme's rule. Pass VERIFIED facts to decide; `request` = the applicant's unit counts. */
export function evaluate<C extends ProgrammeCode>(
  code: C,
  facts: HouseholdFacts,
  params?: ProgrammeParams[C],
  request?: UnitRequest,
): Eligibility {
  const def: ProgrammeDefinition<ProgrammeParams[C]> = PROGRAMMES[code];
  return def.evaluate(facts, params ?? def.defaultParams, request);
}

export function evaluateAll(facts: HouseholdFacts, paramsByCode?: ParamsByCode): Record<ProgrammeCode, Eligibility> {
  const out = {} as Record<ProgrammeCode, Eligibility>;
  for (const code of PROGRAMME_CODES) out[code] = evaluate(code, facts, paramsByCode?.[code]);
  return out;
}

/** The zod schema for a programme's application answers; with facts, unit counts are capped at the household's damage. */
export function answersSchema(code: ProgrammeCode, facts?: HouseholdFacts): z.ZodType<ApplicationAnswers> {
  return buildAnswersSchema(PROGRAMMES[code].applicationFields, facts);
}

export const PREVIEW_OUTCOMES = ['qualifies', 'may_qualify', 'not_qualified'] as const;
export type PreviewOutcome = (typeof PREVIEW_OUTCOMES)[number];

export interface PreviewItem {
  code: ProgrammeCode;
  outcome: PreviewOutcome;
  needsApplication: boolean;
  /**
   * qualifies: the rule on verified facts. may_qualify: the rule on verified facts (its
   * 'rules.unknown.*' reasons are what awaits verification). not_qualified: the rule on
   * declared facts overlaid with verified ones (so the resident sees the real reason).
   */
  reasons: Reason[];
  /** qualifies: what is granted; may_qualify: what would be granted if the declared facts are confirmed. */
  entitlement: Entitlement | null;
}

/** Declared facts with every verified fact on top: a verified fact always wins. */
export function overlayFacts(declared: HouseholdFacts, verified: HouseholdFacts): HouseholdFacts {
  const known = Object.fromEntries(Object.entries(verified).filter(([, v]) => v !== undefined)) as Partial<HouseholdFacts>;
  return { ...declared, ...known, kind: verified.kind ?? declared.kind };
}

/** "What I may receive": per programme, on verified facts first, then on what the resident declared. */
export function preview(
  declared: HouseholdFacts,
  verified: HouseholdFacts,
  paramsByCode?: ParamsByCode,
): Record<ProgrammeCode, PreviewItem> {
  const merged = overlayFacts(declared, verified);
  const out = {} as Record<ProgrammeCode, PreviewItem>;
  for (const code of PROGRAMME_CODES) {
    const needsApplication = PROGRAMMES[code].needsApplication;
    const onVerified = evaluate(code, verified, paramsByCode?.[code]);
    if (onVerified.eligible) {
      out[code] = { code, outcome: 'qualifies', needsApplication, reasons: onVerified.reasons, entitlement: onVerified.entitlement };
      continue;
    }
    const onMerged = evaluate(code, merged, paramsByCode?.[code]);
    out[code] = onMerged.eligible
      ? { code, outcome: 'may_qualify', needsApplication, reasons: onVerified.reasons, entitlement: onMerged.entitlement }
      : { code, outcome: 'not_qualified', needsApplication, reasons: onMerged.reasons, entitlement: null };
  }
  return out;
}
