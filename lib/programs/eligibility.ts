// The one eligibility entry point: a household's facts and a programme as loaded from storage
// → what the rule says on what the resident declared (a preview) and on what a cadre verified
// (what the server decides on). Every page and every server decision goes through here, so
// they cannot disagree about a programme's parameters.
//
// Policy for stored parameters that do not parse (decided once, here): that is a configuration
// fault, not a reason to guess. The programme is UNAVAILABLE: residents are not offered it (it
// is treated like an inactive programme), nothing is computed from its default parameters, the
// staff case page shows it as not eligible with the reason 'rules.programmeUnavailable', and
// every server decision that needs the rule refuses. Defaults are only ever the seed's
// starting values, never a fallback.

import type { HouseholdFacts, ProgrammeCode } from '@/lib/domain';
import type { FactsPair } from '@/lib/facts';
import { PROGRAMMES, type ProgrammeParams } from './registry';
import type { Eligibility, Entitlement, ProgrammeDefinition, Reason, UnitRequest } from './types';

/** A programme's parameters as loaded: parsed, or null when the stored value does not parse. */
export type ConfiguredProgramme = { [C in ProgrammeCode]: { code: C; params: ProgrammeParams[C] | null } }[ProgrammeCode];

/** The reason shown when a programme's stored parameters do not parse (message key under 'rules'). */
export const PROGRAMME_UNAVAILABLE = 'rules.programmeUnavailable';

export const PREVIEW_OUTCOMES = ['qualifies', 'may_qualify', 'not_qualified'] as const;
export type PreviewOutcome = (typeof PREVIEW_OUTCOMES)[number];

export interface HouseholdEligibility {
  code: ProgrammeCode;
  /** false: the stored parameters do not parse; every answer below is "not eligible" and nothing was computed. */
  available: boolean;
  /** The rule on verified facts: what the server decides on. */
  verified: Eligibility;
  /** The rule on declared facts with every verified fact on top (a verified fact always wins): the resident's preview. */
  declared: Eligibility;
  /**
   * What the resident is told. qualifies: on verified facts. may_qualify: on declared facts,
   * and `reasons` are the verified ones (its 'rules.unknown.*' are what awaits verification).
   * not_qualified: `reasons` are the declared ones, so the resident sees the real reason.
   */
  preview: { outcome: PreviewOutcome; reasons: Reason[]; entitlement: Entitlement | null };
}

/** A programme residents may be offered: switched on, with parameters that parse. */
export function isOffered<P extends { active: boolean; params: unknown }>(p: P): p is P & { params: NonNullable<P['params']> } {
  return p.active && p.params !== null;
}

/** A programme a household applies for now (offered, and not paid without an application, 免申即享): the apply pages and every "apply" or "apply again" link. */
export function takesApplications<P extends { active: boolean; params: unknown; needsApplication: boolean }>(p: P): p is P & { params: NonNullable<P['params']> } {
  return isOffered(p) && p.needsApplication;
}

/** Declared facts with every verified fact on top: a verified fact always wins. */
export function overlayFacts(declared: HouseholdFacts, verified: HouseholdFacts): HouseholdFacts {
  const known = Object.fromEntries(Object.entries(verified).filter(([, v]) => v !== undefined)) as Partial<HouseholdFacts>;
  return { ...declared, ...known, kind: verified.kind ?? declared.kind };
}

function unavailable(): Eligibility {
  return { eligible: false, unknown: false, reasons: [{ code: PROGRAMME_UNAVAILABLE, passed: false }], entitlement: null };
}

function run(programme: ConfiguredProgramme & { params: NonNullable<ConfiguredProgramme['params']> }, facts: HouseholdFacts, request?: UnitRequest): Eligibility {
  // The union of per-code definitions collapses to one call; params was parsed by that code's schema.
  const def = PROGRAMMES[programme.code] as ProgrammeDefinition<unknown>;
  return def.evaluate(facts, programme.params, request);
}

/**
 * One household × one programme. `request` = the applicant's unit counts (appliance
 * programmes), from the application's answers; without it the whole damage counts.
 */
export function householdEligibility({ facts, programme, request }: { facts: FactsPair; programme: ConfiguredProgramme; request?: UnitRequest }): HouseholdEligibility {
  const { code, params } = programme;
  if (params === null) {
    const none = unavailable();
    return { code, available: false, verified: none, declared: none, preview: { outcome: 'not_qualified', reasons: none.reasons, entitlement: null } };
  }
  const configured = { code, params } as ConfiguredProgramme & { params: NonNullable<ConfiguredProgramme['params']> };
  const verified = run(configured, facts.verified, request);
  const declared = run(configured, overlayFacts(facts.declared, facts.verified), request);
  const preview = verified.eligible
    ? { outcome: 'qualifies' as const, reasons: verified.reasons, entitlement: verified.entitlement }
    : declared.eligible
      ? { outcome: 'may_qualify' as const, reasons: verified.reasons, entitlement: declared.entitlement }
      : { outcome: 'not_qualified' as const, reasons: declared.reasons, entitlement: null };
  return { code, available: true, verified, declared, preview };
}
