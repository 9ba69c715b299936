// The domain's closed vocabularies, shared by the schema, the rules, the workflow and the UI.
// Add a value here first; the database enums in db/schema.ts are built from these lists.

export const ROLES = ['resident', 'cadre', 'official'] as const;
export type Role = (typeof ROLES)[number];

export const PLACE_LEVELS = ['county', 'township', 'village', 'compound'] as const;
export type PlaceLevel = (typeof PLACE_LEVELS)[number];

export const HOUSEHOLD_KINDS = ['urban', 'rural'] as const;
export type HouseholdKind = (typeof HOUSEHOLD_KINDS)[number];

/**
 * The sealed values staff may reveal in full, each with a reason and an audit row
 * (server/households/reveal-pii.ts); the household page lists past reveals by these names.
 */
export const REVEAL_FIELDS = ['phone', 'idNumber', 'payeeAccount', 'claimantPhone'] as const;
export type RevealField = (typeof REVEAL_FIELDS)[number];

/** Why a cadre refuses a person's claim to a household kept for someone without an account. */
export const CLAIM_DECLINE_REASONS = ['not_head', 'not_verified'] as const;
export type ClaimDeclineReason = (typeof CLAIM_DECLINE_REASONS)[number];

export function isRevealField(v: unknown): v is RevealField {
  return typeof v === 'string' && (REVEAL_FIELDS as readonly string[]).includes(v);
}

/** House safety grade from an appraisal (房屋安全鉴定). C = partly dangerous, D = dangerous as a whole. */
export const SAFETY_GRADES = ['A', 'B', 'C', 'D'] as const;
export type SafetyGrade = (typeof SAFETY_GRADES)[number];

export const PROGRAMME_CODES = [
  'heating_fee_waiver',
  'property_fee_waiver',
  'appliance_repair',
  'appliance_subsidy',
  'warm_winter',
  'building_materials',
] as const;
export type ProgrammeCode = (typeof PROGRAMME_CODES)[number];

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'withdrawn',
  'recommended',
  'in_public_notice',
  'approved',
  'rejected',
  'appealed',
  'fulfilled',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const GRIEVANCE_CATEGORIES = [
  'garbage',
  'infrastructure',
  'heating',
  'elevator',
  'basement',
  'jobs',
  'loans',
  'other',
] as const;
export type GrievanceCategory = (typeof GRIEVANCE_CATEGORIES)[number];

export const GRIEVANCE_STATUSES = ['open', 'responded', 'resolved', 'closed', 'reopened'] as const;
export type GrievanceStatus = (typeof GRIEVANCE_STATUSES)[number];

/** How a cadre verified a fact. */
export const VERIFY_METHODS = ['visit', 'photo', 'appraisal'] as const;
export type VerifyMethod = (typeof VERIFY_METHODS)[number];

export const FACT_KEYS = [
  'groundFloorFlooded',
  'safetyGrade',
  'damagedBoilers',
  'damagedHeatPumps',
  'affected',
  'repairImpossible',
] as const;
export type FactKey = (typeof FACT_KEYS)[number];

/** A household's damage facts as the rules see them. `undefined` = not known (not declared / not verified). */
export interface HouseholdFacts {
  kind: HouseholdKind;
  groundFloorFlooded?: boolean;
  safetyGrade?: SafetyGrade;
  damagedBoilers?: number;
  damagedHeatPumps?: number;
  affected?: boolean;
  /** The damaged units cannot be repaired, or the household declined repair (subsidy instead). */
  repairImpossible?: boolean;
}

export const MATERIALS = ['rebar', 'sand'] as const;
export type Material = (typeof MATERIALS)[number];

export const UPLOAD_KINDS = ['damage_photo', 'invoice', 'evidence', 'visit_photo', 'grievance_photo'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
