import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { auditEvents, type NewAuditEvent } from '../schema';

export type AuditInput = Pick<NewAuditEvent, 'actorId' | 'actorRole' | 'action' | 'entity' | 'entityId' | 'success' | 'ip' | 'details'>;

/** Append one audit event. Call it with the transaction of the change it records (TRUST I1). */
export async function writeAudit({ db, event }: { db: DbOrTx; event: AuditInput }): Promise<void> {
  await db.insert(auditEvents).values(event);
}

/**
 * Recomputes the hash chain (same expression as the insert trigger in migration 0001, with
 * `at` in UTC so the session's TimeZone does not matter) and returns the id of
 * the first row whose stored hash or link does not match, or null when the log is intact.
 */
export async function verifyAuditChain({ db }: { db: DbOrTx }): Promise<number | null> {
  const rows = await db.execute<{ id: number; ok: boolean }>(sql`
    SELECT id,
      hash = encode(sha256(convert_to(prev_hash || '|' || ((to_jsonb(a) - 'hash' - 'prev_hash') || jsonb_build_object('at', to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')))::text, 'UTF8')), 'hex')
      AND prev_hash = coalesce(lag(hash) OVER (ORDER BY id), 'genesis') AS ok
    FROM audit_events a ORDER BY id`);
  const bad = rows.rows.find((r) => !r.ok);
  return bad ? Number(bad.id) : null;
}
