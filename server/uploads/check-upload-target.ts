import 'server-only';
// Where an upload may be filed: the kind is one the actor's role may upload
// (lib/permissions.ts UPLOAD_KIND_CAPABILITIES), it names the records its kind must be filed
// under, and each record is one the actor reaches (a resident: their own household /
// application / grievance; staff: inside their places). Records given together must belong
// together. A record the actor may not reach answers 'not_found', exactly as one that does
// not exist. Read-only: the upload route asks it before it reads the file, and
// store-upload.ts asks it again inside the transaction that writes the row.
import type { DbOrTx } from '@/db/client';
import { findReachableApplication, findReachableHousehold } from '@/db/queries/applications';
import { findReachableGrievance } from '@/db/queries/grievances';
import { householdOwnerId } from '@/db/queries/households';
import type { ResolvedTarget } from '@/db/queries/uploads';
import type { UploadKind } from '@/lib/domain';
import { dutyConflict, mayUploadKind, type Actor } from '@/lib/permissions';

export interface UploadTargetInput {
  householdId?: string | null;
  applicationId?: string | null;
  grievanceId?: string | null;
}

export type TargetDecision = { status: 'allow'; target: ResolvedTarget } | { status: 'invalid' } | { status: 'forbidden' } | { status: 'not_found' };

/** Which record each kind of upload must be filed under. */
const REQUIRES: Record<UploadKind, 'household' | 'household_or_application' | 'none'> = {
  damage_photo: 'household',
  visit_photo: 'household',
  invoice: 'household_or_application',
  evidence: 'household_or_application',
  // A grievance photo is usually taken before the grievance exists; the grievance form links it.
  grievance_photo: 'none',
};

export async function checkUploadTarget({ db, actor, kind, target }: { db: DbOrTx; actor: Actor; kind: UploadKind; target: UploadTargetInput }): Promise<TargetDecision> {
  const householdId = target.householdId ?? null;
  const applicationId = target.applicationId ?? null;
  const grievanceId = target.grievanceId ?? null;
  if (!mayUploadKind(actor.role, kind)) return { status: 'forbidden' };
  const need = REQUIRES[kind];
  if (need === 'household' && !householdId) return { status: 'invalid' };
  if (need === 'household_or_application' && !householdId && !applicationId) return { status: 'invalid' };
  if (kind !== 'grievance_photo' && grievanceId) return { status: 'invalid' };
  if (kind === 'damage_photo' && applicationId) return { status: 'invalid' };

  let resolvedHousehold: string | null = null;
  let owner: { ownerUserId: string | null } | null = null;
  if (householdId) {
    const hh = await findReachableHousehold({ db, actor, householdId });
    if (!hh) return { status: 'not_found' };
    resolvedHousehold = hh.id;
    owner = hh;
  }
  if (applicationId) {
    const app = await findReachableApplication({ db, actor, applicationId });
    if (!app) return { status: 'not_found' };
    if (resolvedHousehold && resolvedHousehold !== app.householdId) return { status: 'not_found' };
    resolvedHousehold = app.householdId;
  }
  if (grievanceId) {
    const gr = await findReachableGrievance({ db, actor, grievanceId });
    if (!gr) return { status: 'not_found' };
    if (resolvedHousehold && gr.g.householdId && resolvedHousehold !== gr.g.householdId) return { status: 'not_found' };
    resolvedHousehold ??= gr.g.householdId;
  }
  // A staff member who must step aside from the household (their own, or a declared relative's)
  // files nothing on its record: a photo or a piece of evidence is part of the case another
  // cadre verifies and an official decides on.
  if (actor.role !== 'resident' && resolvedHousehold) {
    owner ??= await householdOwnerId({ db, householdId: resolvedHousehold });
    if (!owner || dutyConflict(actor, { ownerUserId: owner.ownerUserId, householdId: resolvedHousehold })) return { status: 'forbidden' };
  }
  return { status: 'allow', target: { householdId: resolvedHousehold, applicationId, grievanceId } };
}
