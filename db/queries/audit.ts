import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { applications, auditEvents, grievances, households, places, users, type NewAuditEvent } from '../schema';
import type { AuditAction } from '@/lib/audit/actions';
import type { Role } from '@/lib/domain';
import { maskName } from '@/lib/pii';
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

/** What the audit log can say about the record a row is about, instead of its id. */
export type AuditRecordName =
  | { kind: 'application'; reference: string }
  | { kind: 'grievance'; reference: string }
  | { kind: 'household'; head: string; place: string; placeEn: string }
  | { kind: 'user'; name: string; role: Role };

/** The map key of a row's record: `entity:entityId`. */
export function auditRecordKey(entity: string, entityId: string): string {
  return `${entity}:${entityId}`;
}

/**
 * Names for the records a page of audit rows is about, one query per kind of record (at most
 * four for any page): cases and grievances by their reference, households by the head's masked
 * name and village, accounts by name (a resident's masked, as everywhere staff read them) and
 * role. Keyed by auditRecordKey. A row whose id matches nothing (deleted, or not a uuid: the
 * column is text) is absent and keeps its id.
 */
export async function auditRecordNames({ db, rows }: { db: DbOrTx; rows: readonly { entity: string; entityId: string | null }[] }): Promise<Map<string, AuditRecordName>> {
  /** The rows of `load` for the page's ids of that kind of record; no query when there are none. */
  async function lookUp<T>(entity: string, load: (ids: string[]) => Promise<T[]>): Promise<T[]> {
    const ids = [...new Set(rows.flatMap((r) => (r.entity === entity && r.entityId && UUID.test(r.entityId) ? [r.entityId] : [])))];
    return ids.length ? load(ids) : [];
  }
  const [apps, griefs, homes, people] = await Promise.all([
    lookUp('application', (ids) => db.select({ id: applications.id, reference: applications.reference }).from(applications).where(inArray(applications.id, ids))),
    lookUp('grievance', (ids) => db.select({ id: grievances.id, reference: grievances.reference }).from(grievances).where(inArray(grievances.id, ids))),
    lookUp('household', (ids) =>
      db
        .select({ id: households.id, head: households.headName, place: places.name, placeEn: places.nameEn })
        .from(households)
        .innerJoin(places, eq(places.id, households.placeId))
        .where(inArray(households.id, ids)),
    ),
    lookUp('user', (ids) => db.select({ id: users.id, name: users.realName, role: users.role }).from(users).where(inArray(users.id, ids))),
  ]);
  const out = new Map<string, AuditRecordName>();
  for (const a of apps) out.set(auditRecordKey('application', a.id), { kind: 'application', reference: a.reference });
  for (const g of griefs) out.set(auditRecordKey('grievance', g.id), { kind: 'grievance', reference: g.reference });
  for (const h of homes) out.set(auditRecordKey('household', h.id), { kind: 'household', head: maskName(h.head), place: h.place, placeEn: h.placeEn });
  for (const u of people) out.set(auditRecordKey('user', u.id), { kind: 'user', name: u.role === 'resident' ? maskName(u.name) : u.name, role: u.role });
  return out;
}
