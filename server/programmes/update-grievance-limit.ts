import 'server-only';
// An official changes the time limits of one grievance category (days to respond, days to
// resolve). County-wide officials only, on the version they saw, audited with before and after.
// Audited as programme.grievance_limit.update (the audit log's 'programme.' family). Grievances
// already filed keep the deadlines stored on them; the new limits apply from the
// next filing or reopening (server/grievances/).
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { findGrievanceLimit, updateGrievanceLimitIfVersion } from '@/db/queries/programme-settings';
import type { GrievanceCategory } from '@/lib/domain';
import { AppError } from '@/lib/errors';
import { checkGrievanceLimits } from '@/lib/grievances';
import { can, isCountyWide, type Actor } from '@/lib/permissions';

export type UpdateGrievanceLimitResult = { status: 'ok'; version: number } | { status: 'invalid'; fieldErrors: Record<string, string[]> };

export async function updateGrievanceLimit({
  db,
  actor,
  category,
  expectedVersion,
  respondDays,
  resolveDays,
  ip,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  category: GrievanceCategory;
  expectedVersion: number;
  respondDays: number;
  resolveDays: number;
  ip: string | null;
  now?: Date;
}): Promise<UpdateGrievanceLimitResult> {
  if (!can(actor.role, 'programme:configure') || !isCountyWide(actor)) throw new AppError('forbidden:programme_configure');
  const problems = checkGrievanceLimits({ respondDays, resolveDays });
  if (problems) return { status: 'invalid', fieldErrors: problems };
  return db.transaction(async (tx) => {
    const before = await findGrievanceLimit({ db: tx, category });
    if (!before) throw new AppError('not_found:grievance_limit');
    const after = await updateGrievanceLimitIfVersion({ tx, category, version: expectedVersion, patch: { respondDays, resolveDays, updatedBy: actor.id, updatedAt: now } });
    if (!after) throw new AppError('conflict:grievance_limit');
    await writeAudit({
      db: tx,
      event: {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'programme.grievance_limit.update',
        entity: 'grievance_limit',
        entityId: category,
        success: true,
        ip,
        details: { version: after.version, before: { respondDays: before.respondDays, resolveDays: before.resolveDays }, after: { respondDays, resolveDays } },
      },
    });
    return { status: 'ok' as const, version: after.version };
  });
}
