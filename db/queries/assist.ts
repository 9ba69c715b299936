import 'server-only';
// Rows behind assisted service (代办): households a cadre keeps for a resident with no account,
// and the resident's later claim of one. The claim needs no table of its own: users.id_number_hash
// is unique, so the only person who can ever claim a kept household is the account whose hash is
// the head's; the request is the audit row 'household.claim_requested' (found through
// audit_events_entity_idx), a cadre's refusal of it the row 'household.claim_declined', and the
// confirmation a conditional UPDATE of owner_user_id.
// Plain reads and row writes; who may do what is the use cases' (server/households/).
import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../client';
import { auditEvents, households, places, users } from '../schema';
import { placeInScope, whereReachable } from './scope';
import type { PlaceOption } from './households';
import type { Actor } from '@/lib/permissions';
import { CLAIM_DECLINE_REASONS, type ClaimDeclineReason, type PlaceLevel } from '@/lib/domain';

export const CLAIM_REQUESTED = 'household.claim_requested';
export const CLAIM_DECLINED = 'household.claim_declined';

/**
 * The places a cadre may register a household at (villages and compounds inside their places),
 * with the townships above them so the cascading picker can start there.
 */
export async function placeOptionsInScope({ db, scopePaths }: { db: DbOrTx; scopePaths: readonly string[] }): Promise<PlaceOption[]> {
  const paths = scopePaths.filter((p) => p.length > 0);
  if (paths.length === 0) return [];
  // An ancestor of an assigned place: its path is a prefix of the assigned path (a handful of rows).
  const ancestors = or(...paths.map((p) => sql`starts_with(${p}, ${places.path})`));
  return db
    .select({ id: places.id, parentId: places.parentId, level: places.level, name: places.name, nameEn: places.nameEn })
    .from(places)
    .where(and(inArray(places.level, ['township', 'village', 'compound']), or(placeInScope(paths), ancestors)))
    .orderBy(asc(places.id));
}

/** The place, if it lies inside these paths; null otherwise (or when it does not exist). */
export async function findPlaceInScope({ db, placeId, scopePaths }: { db: DbOrTx; placeId: number; scopePaths: readonly string[] }): Promise<{ id: number; level: PlaceLevel; path: string } | null> {
  const [row] = await db
    .select({ id: places.id, level: places.level, path: places.path })
    .from(places)
    .where(and(eq(places.id, placeId), placeInScope(scopePaths)));
  return row ?? null;
}

/** A household inside the actor's reach, as the assist pages need it; null when out of reach or absent. */
export async function findAssistHousehold({ db, actor, householdId }: { db: DbOrTx; actor: Actor; householdId: string }) {
  const [row] = await db
    .select({
      id: households.id,
      headName: households.headName,
      kind: households.kind,
      placeId: households.placeId,
      ownerUserId: households.ownerUserId,
      createdBy: households.createdBy,
      version: households.version,
      placeName: places.name,
      placeNameEn: places.nameEn,
    })
    .from(households)
    .innerJoin(places, eq(households.placeId, places.id))
    .where(and(eq(households.id, householdId), whereReachable(actor)));
  return row ?? null;
}

/** The household with this head kept by a cadre (no owner account yet), or null. */
export async function findKeptHouseholdByHead({ db, idNumberHash }: { db: DbOrTx; idNumberHash: string }) {
  const [row] = await db
    .select({ id: households.id, headName: households.headName, kind: households.kind, placeId: households.placeId, placeName: places.name, placeNameEn: places.nameEn, createdAt: households.createdAt })
    .from(households)
    .innerJoin(places, eq(households.placeId, places.id))
    .where(and(eq(households.headIdNumberHash, idNumberHash), isNull(households.ownerUserId)));
  return row ?? null;
}

/** Locks the household whose head has this ID number (any owner), for a claim. */
export async function lockHouseholdByHead({ tx, idNumberHash }: { tx: Tx; idNumberHash: string }) {
  const [row] = await tx
    .select({ id: households.id, ownerUserId: households.ownerUserId, placeId: households.placeId, headIdNumberHash: households.headIdNumberHash })
    .from(households)
    .where(eq(households.headIdNumberHash, idNumberHash))
    .for('update');
  return row ?? null;
}

/** The account's identity as a claim needs it. */
export async function claimantAccount({ db, userId }: { db: DbOrTx; userId: string }) {
  const [row] = await db.select({ id: users.id, role: users.role, active: users.active, realName: users.realName, idNumberHash: users.idNumberHash }).from(users).where(eq(users.id, userId));
  return row ?? null;
}

/**
 * The household's latest claim event: a request (who asked, when) or a cadre's refusal of one
 * (whose request, when, why); null when nobody has asked.
 */
export async function latestClaimEvent({ db, householdId }: { db: DbOrTx; householdId: string }): Promise<
  { kind: 'asked'; userId: string; at: Date } | { kind: 'declined'; userId: string; at: Date; reason: ClaimDeclineReason } | null
> {
  const [row] = await db
    .select({ action: auditEvents.action, actorId: auditEvents.actorId, at: auditEvents.at, details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.entity, 'household'), eq(auditEvents.entityId, householdId), inArray(auditEvents.action, [CLAIM_REQUESTED, CLAIM_DECLINED]), eq(auditEvents.success, true)))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  if (!row) return null;
  if (row.action === CLAIM_REQUESTED) return row.actorId ? { kind: 'asked', userId: row.actorId, at: row.at } : null;
  const d = (row.details ?? {}) as { claimantUserId?: unknown; reason?: unknown };
  const reason = CLAIM_DECLINE_REASONS.find((r) => r === d.reason) ?? 'not_verified';
  return typeof d.claimantUserId === 'string' ? { kind: 'declined', userId: d.claimantUserId, at: row.at, reason } : null;
}

/** The claim request waiting for a cadre (asked and not refused since): who asked and when; null when none. */
export async function latestClaimRequest({ db, householdId }: { db: DbOrTx; householdId: string }): Promise<{ userId: string; at: Date } | null> {
  const e = await latestClaimEvent({ db, householdId });
  return e?.kind === 'asked' ? { userId: e.userId, at: e.at } : null;
}

/**
 * The claim waiting on a kept household the actor reaches, as the cadre checks it against the
 * person's ID card: the name and the sealed phone number the account registered with, and when
 * it registered and asked; null when there is none.
 */
export async function pendingClaim({ db, actor, householdId }: { db: DbOrTx; actor: Actor; householdId: string }): Promise<{ userId: string; realName: string; phoneEnc: string; registeredAt: Date; at: Date } | null> {
  const hh = await findAssistHousehold({ db, actor, householdId });
  if (!hh || hh.ownerUserId !== null) return null;
  const req = await latestClaimRequest({ db, householdId });
  if (!req) return null;
  const [row] = await db
    .select({ id: users.id, realName: users.realName, phoneEnc: users.phoneEnc, registeredAt: users.createdAt })
    .from(users)
    .innerJoin(households, eq(households.headIdNumberHash, users.idNumberHash))
    .where(and(eq(users.id, req.userId), eq(households.id, householdId), eq(users.active, true)));
  return row ? { userId: row.id, realName: row.realName, phoneEnc: row.phoneEnc, registeredAt: row.registeredAt, at: req.at } : null;
}

/** Sets the owner only while the household has none; false when someone was set first. */
export async function setOwnerIfUnowned({ tx, householdId, userId }: { tx: Tx; householdId: string; userId: string }): Promise<boolean> {
  const rows = await tx
    .update(households)
    .set({ ownerUserId: userId, version: sql`${households.version} + 1` })
    .where(and(eq(households.id, householdId), isNull(households.ownerUserId)))
    .returning({ id: households.id });
  return rows.length === 1;
}
