import 'server-only';
import type { DbOrTx } from '../client';
import { auditEvents, type NewAuditEvent } from '../schema';
import { firstBrokenAuditRow } from './audit-log';

export type AuditInput = Pick<NewAuditEvent, 'actorId' | 'actorRole' | 'action' | 'entity' | 'entityId' | 'success' | 'ip' | 'details'>;

/** Append one audit event. Call it with the transaction of the change it records (TRUST I1). */
export async function writeAudit({ db, event }: { db: DbOrTx; event: AuditInput }): Promise<void> {
  await db.insert(auditEvents).values(event);
}

/** The id of the first row whose stored hash or link does not match, or null when the log is intact (db/queries/audit-log.ts). */
export async function verifyAuditChain({ db }: { db: DbOrTx }): Promise<number | null> {
  return (await firstBrokenAuditRow({ db }))?.id ?? null;
}
