import 'server-only';
// Files a person's loose uploads (taken before the record existed: an invoice, appeal
// evidence) under an application, inside the transaction of the use case that sends it, so
// the case and its files are saved together or not at all. Used by server/applications/.
import type { Tx } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { usableUploadIds } from '@/db/queries/resident-applications';
import { attachUploads } from '@/db/queries/uploads';
import { AppError } from '@/lib/errors';
import type { UploadKind } from '@/lib/domain';
import type { Actor } from '@/lib/permissions';

/** Some of the upload ids named are not the person's own for this household: nothing was saved. */
export class UnusableUploads extends AppError {
  constructor(readonly ids: readonly string[]) {
    super('invalid:upload');
  }
}

/**
 * Every id must be the actor's own upload for this household: loose, or already on
 * `applicationId` (null: on any of the household's applications). Throws UnusableUploads
 * otherwise, so the caller's transaction rolls back.
 */
export async function assertUsableUploads(tx: Tx, { actor, ids, householdId, applicationId }: { actor: Actor; ids: readonly string[]; householdId: string; applicationId: string | null }): Promise<void> {
  if (ids.length === 0) return;
  const usable = await usableUploadIds({ db: tx, ids, userId: actor.id, householdId, applicationId });
  const bad = ids.filter((id) => !usable.has(id));
  if (bad.length > 0) throw new UnusableUploads(bad);
}

/** Files the actor's loose uploads of these kinds under the application, with one audit line; returns the ids filed. */
export async function fileUploadsUnder(
  tx: Tx,
  { actor, ids, applicationId, kinds, purpose, ip }: { actor: Actor; ids: readonly string[]; applicationId: string; kinds: readonly UploadKind[]; purpose?: string; ip: string | null },
): Promise<string[]> {
  if (ids.length === 0) return [];
  const linked = await attachUploads({ db: tx, ids, ownerUserId: actor.id, kinds, set: { applicationId } });
  if (linked.length > 0) {
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'upload.attach', entity: 'application', entityId: applicationId, success: true, ip, details: purpose ? { uploads: linked, purpose } : { uploads: linked } } });
  }
  return linked;
}
