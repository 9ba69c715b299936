import 'server-only';
// The upload route's write, once the bytes are checked and stored (lib/upload-check.ts,
// lib/storage.ts): the target checked again under the same transaction that inserts the row
// and its audit event, so a record that left the actor's reach in between is not written to.
// When this refuses or throws, the route deletes the stored file.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { insertUpload, type StoredFile } from '@/db/queries/uploads';
import type { UploadKind } from '@/lib/domain';
import type { Actor } from '@/lib/permissions';
import { checkUploadTarget, type TargetDecision, type UploadTargetInput } from './check-upload-target';

export async function storeUpload({
  db,
  actor,
  kind,
  target,
  file,
  ip,
}: {
  db: Db;
  actor: Actor;
  kind: UploadKind;
  target: UploadTargetInput;
  file: StoredFile;
  ip: string | null;
}): Promise<{ status: 'stored'; id: string } | Exclude<TargetDecision, { status: 'allow' }>> {
  return db.transaction(async (tx) => {
    const decision = await checkUploadTarget({ db: tx, actor, kind, target });
    if (decision.status !== 'allow') return decision;
    const { id } = await insertUpload({ tx, row: { ownerUserId: actor.id, kind, ...file, target: decision.target } });
    await writeAudit({
      db: tx,
      event: { actorId: actor.id, actorRole: actor.role, action: 'upload.create', entity: 'upload', entityId: id, success: true, ip, details: { kind, mime: file.mime, size: file.sizeBytes, sha256: file.sha256, householdId: decision.target.householdId, applicationId: decision.target.applicationId, grievanceId: decision.target.grievanceId } },
    });
    return { status: 'stored', id };
  });
}
