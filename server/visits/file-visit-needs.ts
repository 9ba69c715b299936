import 'server-only';
// The needs a cadre found on a visit become a grievance in one step: filed on behalf of the
// visited household through the one grievance use case (server/grievances/file-grievance.ts:
// its transaction, references, deadlines, audit and notices), about the household's place,
// its text the visit's needs followed by the visit's marker, so the visit finds the
// grievance again and a reader of the grievance sees where it came from. A visit whose needs
// were filed already answers with that grievance instead of filing a second one.
import type { Db } from '@/db/client';
import { findReachableVisit, grievancesFromVisit, visitMarker } from '@/db/queries/visits';
import type { GrievanceCategory } from '@/lib/domain';
import { AppError } from '@/lib/errors';
import { MAX_DESCRIPTION_LENGTH } from '@/lib/grievances';
import type { Actor } from '@/lib/permissions';
import { fileGrievance } from '../grievances/file-grievance';

export async function fileVisitNeeds({
  db,
  actor,
  visitId,
  category,
  ip,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  visitId: string;
  category: GrievanceCategory;
  ip: string | null;
  now?: Date;
}): Promise<{ id: string; reference: string; created: boolean }> {
  const found = await findReachableVisit({ db, actor, visitId });
  if (!found) throw new AppError('not_found:visit');
  const needs = found.visit.needs.trim();
  if (!needs) throw new AppError('invalid:visit_needs');
  const [already] = await grievancesFromVisit({ db, householdId: found.visit.householdId, visitId });
  if (already) return { id: already.id, reference: already.reference, created: false };
  const marker = `\n\n${visitMarker(visitId)} ${found.visit.visitedOn} (${found.visit.round})`;
  const description = `${Array.from(needs).slice(0, MAX_DESCRIPTION_LENGTH - marker.length).join('')}${marker}`;
  return fileGrievance({ db, actor, placeId: found.placeId, category, description, onBehalfOf: found.visit.householdId, ip, now });
}
