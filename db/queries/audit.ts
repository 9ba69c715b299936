import 'server-only';
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { applications, auditEvents, type NewAuditEvent } from '../schema';
import type { AuditAction } from '@/lib/audit/actions';
import { firstBrokenAuditRow } from './audit-log';

/** One event; its action must be a name of the registry (lib/audit/actions.ts), so the log can say it in words. */
export type AuditInput = Pick<NewAuditEvent, 'actorId' | 'actorRole' | 'entity' | 'entityId' | 'success' | 'ip' | 'details'> & { action: AuditAction };

/** Append one audit event. Call it with the transaction of the change it records (TRUST I1). */
export async function writeAudit({ db, event }: { db: DbOrTx; event: AuditInput }): Promise<void> {
  await db.insert(auditEvents).values(event);
}

/** The id of the first row whose stored hash or link does not match, or null when the log is intact (db/queries/audit-log.ts). */
export async function verifyAuditChain({ db }: { db: DbOrTx }): Promise<number | null> {
  return (await firstBrokenAuditRow({ db }))?.id ?? null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The references (ZZ-2026-000123) of the cases with these ids, for the audit log's rows about
 * cases. An id that is not a case's (or not a uuid at all: the column is text) is simply absent.
 */
export async function applicationReferences({ db, ids }: { db: DbOrTx; ids: readonly string[] }): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id) => UUID.test(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: applications.id, reference: applications.reference }).from(applications).where(inArray(applications.id, wanted));
  return new Map(rows.map((r) => [r.id, r.reference]));
}
