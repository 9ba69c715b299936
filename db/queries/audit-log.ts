import 'server-only';
// Reading the audit log (issue 11 item 3): the officials' search, newest first in keyset pages by
// id (audit_events_actor_id_idx, audit_events_action_id_idx, audit_events_entity_idx and the
// primary key serve the filters), the same rows streamed for an export, and the chain check.
// Who may read it is decided by the page and the use case, not here.
import { and, desc, eq, gte, inArray, like, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { applications, auditEvents, households, users } from '../schema';
import { maskName } from '@/lib/pii';
import { keysetPages } from './keyset';

export interface AuditFilters {
  /** Accounts whose actions to show (resolved from a phone number or a name by `findAuditActors`). */
  actorIds?: readonly string[];
  /** An action name, or a family of them when it ends with '.' ('pii.' = every reveal). */
  action?: string;
  entity?: string;
  entityId?: string;
  /** Inclusive start and exclusive end instants. */
  from?: Date;
  to?: Date;
  outcome?: 'ok' | 'refused';
}

export interface AuditRow {
  id: number;
  at: Date;
  actorId: string | null;
  /** Staff by name (they act in office); a resident masked (TRUST P2: 张*明), on the page and in the export. */
  actorName: string | null;
  actorRole: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  success: boolean;
  ip: string | null;
  details: unknown;
}

function conditions(f: AuditFilters): SQL[] {
  const c: SQL[] = [];
  if (f.actorIds) c.push(f.actorIds.length ? inArray(auditEvents.actorId, [...f.actorIds]) : sql`false`);
  if (f.action) c.push(f.action.endsWith('.') ? like(auditEvents.action, `${f.action.replace(/[\\%_]/g, (m) => `\\${m}`)}%`) : eq(auditEvents.action, f.action));
  if (f.entity) c.push(eq(auditEvents.entity, f.entity));
  if (f.entityId) c.push(eq(auditEvents.entityId, f.entityId));
  if (f.from) c.push(gte(auditEvents.at, f.from));
  if (f.to) c.push(lt(auditEvents.at, f.to));
  if (f.outcome) c.push(eq(auditEvents.success, f.outcome === 'ok'));
  return c;
}

/** One page, newest first: rows with id below `beforeId`; `more` when another page follows. */
export async function searchAuditLog({ db, filters, beforeId, limit = 50 }: { db: DbOrTx; filters: AuditFilters; beforeId?: number; limit?: number }): Promise<{ rows: AuditRow[]; more: boolean }> {
  const where = conditions(filters);
  if (beforeId !== undefined) where.push(lt(auditEvents.id, beforeId));
  const rows = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorId: auditEvents.actorId,
      actorName: users.realName,
      actorAccountRole: users.role,
      actorRole: auditEvents.actorRole,
      action: auditEvents.action,
      entity: auditEvents.entity,
      entityId: auditEvents.entityId,
      success: auditEvents.success,
      ip: auditEvents.ip,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(...where))
    .orderBy(desc(auditEvents.id))
    .limit(limit + 1);
  const shown = rows.slice(0, limit).map(({ actorAccountRole, ...r }) => ({ ...r, actorName: r.actorName !== null && actorAccountRole === 'resident' ? maskName(r.actorName) : r.actorName }));
  return { rows: shown, more: rows.length > limit };
}

/** Every matching row, newest first, fetched in keyset batches so a long log is never held in memory at once. */
export async function* auditLogRows({ db, filters, batch = 1000 }: { db: DbOrTx; filters: AuditFilters; batch?: number }): AsyncGenerator<AuditRow> {
  yield* keysetPages<AuditRow, number>({
    batch,
    fetchPage: async (beforeId, limit) => {
      const page = await searchAuditLog({ db, filters, beforeId: beforeId ?? undefined, limit });
      return { rows: page.rows, next: page.more ? (page.rows.at(-1)?.id ?? null) : null };
    },
  });
}

/** Accounts with this phone hash, or whose name starts with `namePrefix` (at most 50). */
export async function findAuditActors({ db, phoneHash, namePrefix }: { db: DbOrTx; phoneHash?: string; namePrefix?: string }): Promise<string[]> {
  if (phoneHash) return (await db.select({ id: users.id }).from(users).where(eq(users.phoneHash, phoneHash))).map((r) => r.id);
  if (namePrefix) {
    const escaped = namePrefix.replace(/[\\%_]/g, (m) => `\\${m}`);
    return (await db.select({ id: users.id }).from(users).where(like(users.realName, `${escaped}%`)).limit(50)).map((r) => r.id);
  }
  return [];
}

/** The id of the case with this reference (ZZ-2026-000123), or null. */
export async function findApplicationIdByReference({ db, reference }: { db: DbOrTx; reference: string }): Promise<string | null> {
  const [row] = await db.select({ id: applications.id }).from(applications).where(eq(applications.reference, reference));
  return row?.id ?? null;
}

/** The id of the household whose head has this ID-number hash, or null. */
export async function findHouseholdIdByHeadHash({ db, idNumberHash }: { db: DbOrTx; idNumberHash: string }): Promise<string | null> {
  const [row] = await db.select({ id: households.id }).from(households).where(eq(households.headIdNumberHash, idNumberHash));
  return row?.id ?? null;
}

/**
 * Recomputes the hash chain in the database (the expression of the insert trigger, migration
 * 0001, with `at` in UTC) and returns the first row whose stored hash or link does not match,
 * or null when the log is intact. Only the first bad id leaves the server, whatever the log's size.
 */
export async function firstBrokenAuditRow({ db }: { db: DbOrTx }): Promise<{ id: number; at: Date } | null> {
  const rows = await db.execute<{ id: string | number; at: string | Date }>(sql`
    SELECT id, at FROM (
      SELECT a.id, a.at,
        coalesce(a.hash = encode(sha256(convert_to(a.prev_hash || '|' || ((to_jsonb(a) - 'hash' - 'prev_hash') || jsonb_build_object('at', to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')))::text, 'UTF8')), 'hex')
          AND a.prev_hash = coalesce(lag(a.hash) OVER (ORDER BY a.id), 'genesis'), false) AS ok
      FROM audit_events a
    ) checked
    WHERE NOT ok
    ORDER BY id
    LIMIT 1`);
  const bad = rows.rows[0];
  return bad ? { id: Number(bad.id), at: new Date(bad.at) } : null;
}
