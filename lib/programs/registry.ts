// The registry of programme definitions, by code. Kept apart from index.ts so the modules
// index.ts re-exports (eligibility.ts) can read it without an import cycle.

import type { ProgrammeCode } from '@/lib/domain';
import { applianceRepair, type ApplianceRepairParams } from './appliance-repair';
import { applianceSubsidy, type ApplianceSubsidyParams } from './appliance-subsidy';
import { buildingMaterials, type BuildingMaterialsParams } from './building-materials';
import { heatingFeeWaiver, type HeatingFeeWaiverParams } from './heating-fee-waiver';
import { propertyFeeWaiver, type PropertyFeeWaiverParams } from './property-fee-waiver';
import type { ProgrammeDefinition } from './types';
import { warmWinter, type WarmWinterParams } from './warm-winter';

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

/** Each programme with its own params type (assignable to Record<ProgrammeCode, ProgrammeDefinition>). */
export const PROGRAMMES: { readonly [C in ProgrammeCode]: ProgrammeDefinition<ProgrammeParams[C]> } = Object.freeze({
  heating_fee_waiver: heatingFeeWaiver,
  property_fee_waiver: propertyFeeWaiver,
  appliance_repair: applianceRepair,
  appliance_subsidy: applianceSubsidy,
  warm_winter: warmWinter,
  building_materials: buildingMaterials,
});
