import 'server-only';
// Households as rows: the address from the place tree, the members, the declared damage.
// Plain reads and row writes; who may change what, and the rules of a declaration, are the
// use cases' (server/households/). `verifiedValue` is written only by the verification step.
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx, Tx } from '../client';
import { auditEvents, householdFacts, householdMembers, households, places, users, type Household, type NewHousehold } from '../schema';
import { whereReachable } from './scope';
import { householdUploads } from './uploads';
import type { Actor } from '@/lib/permissions';
import type { FactKey, HouseholdKind, PlaceLevel } from '@/lib/domain';
import type { FactValue } from '@/lib/facts';
import { recordedForHousehold } from '@/lib/on-behalf';

/** Places a household can be registered at, and their parents, for the cascading picker. */
export interface PlaceOption {
  id: number;
  parentId: number | null;
  level: PlaceLevel;
  name: string;
  nameEn: string;
}

export async function placeOptions({ db }: { db: DbOrTx }): Promise<PlaceOption[]> {
  return db
    .select({ id: places.id, parentId: places.parentId, level: places.level, name: places.name, nameEn: places.nameEn })
    .from(places)
    .where(inArray(places.level, ['township', 'village', 'compound']))
    .orderBy(asc(places.id));
}

/** The account's own name and sealed ID number: they become the head of the household. */
export async function accountIdentity({ db, userId }: { db: DbOrTx; userId: string }) {
  const [row] = await db.select({ realName: users.realName, idNumberEnc: users.idNumberEnc }).from(users).where(eq(users.id, userId));
  return row ?? null;
}

/** The household the resident owns, or null (a resident has at most one). */
export async function ownedHouseholdId({ db, userId }: { db: DbOrTx; userId: string }): Promise<string | null> {
  const [row] = await db.select({ id: households.id }).from(households).where(eq(households.ownerUserId, userId)).limit(1);
  return row?.id ?? null;
}

/** The household's owner account (null: none, e.g. created by a cadre for a resident without a phone), for conflict-of-interest checks. The caller has resolved the household within the actor's reach. */
export async function householdOwnerId({ db, householdId }: { db: DbOrTx; householdId: string }): Promise<{ ownerUserId: string | null } | null> {
  const [row] = await db.select({ ownerUserId: households.ownerUserId }).from(households).where(eq(households.id, householdId)).limit(1);
  return row ?? null;
}

/** Everything the household page shows. The caller has checked who may see it. */
export async function householdDetail({ db, householdId }: { db: DbOrTx; householdId: string }) {
  const [hh] = await db.select().from(households).where(eq(households.id, householdId));
  if (!hh) return null;
  const [place] = await db.select({ path: places.path }).from(places).where(eq(places.id, hh.placeId));
  const ids = (place?.path ?? '').split('/').filter(Boolean).map(Number);
  const chainRows = ids.length ? await db.select({ id: places.id, name: places.name, nameEn: places.nameEn, level: places.level }).from(places).where(inArray(places.id, ids)) : [];
  const chain = ids.map((id) => chainRows.find((r) => r.id === id)).filter((p): p is NonNullable<typeof p> => Boolean(p));
  const factRows = await db
    .select({ fact: householdFacts, declarerRole: factDeclarers.role })
    .from(householdFacts)
    .leftJoin(factDeclarers, eq(householdFacts.declaredBy, factDeclarers.id))
    .where(eq(householdFacts.householdId, householdId));
  const memberRows = await db
    .select({ id: householdMembers.id, name: householdMembers.name, relation: householdMembers.relation, birthYear: householdMembers.birthYear, idNumberEnc: householdMembers.idNumberEnc })
    .from(householdMembers)
    .where(eq(householdMembers.householdId, householdId))
    .orderBy(asc(householdMembers.createdAt), asc(householdMembers.id));
  const adderRoles = await memberAdderRoles({ db, householdId });
  const photos = await householdUploads({ db, householdId, kind: 'damage_photo' });
  const hasOwner = hh.ownerUserId !== null;
  // What a cadre recorded for the household (代办) says so, to the household and to the cadre.
  const facts = factRows.map((r) => ({ ...r.fact, declaredForHousehold: r.fact.declaredValue !== null && recordedForHousehold(r.declarerRole, { hasOwner }) }));
  const members = memberRows.map((m) => ({ ...m, forHousehold: recordedForHousehold(adderRoles.get(m.id), { hasOwner }) }));
  return { household: hh, chain, facts, members, photos };
}

const factDeclarers = alias(users, 'fact_declarer');

/**
 * Who added each member of the household, as the role they acted in (a member row keeps no
 * author, its audit event does): a cadre's addition was made for the household.
 */
export async function memberAdderRoles({ db, householdId }: { db: DbOrTx; householdId: string }): Promise<Map<string, string | null>> {
  const rows = await db
    .select({ memberId: sql<string | null>`${auditEvents.details} ->> 'memberId'`, actorRole: auditEvents.actorRole })
    .from(auditEvents)
    .where(and(eq(auditEvents.entity, 'household'), eq(auditEvents.entityId, householdId), eq(auditEvents.action, 'household.member_add'), eq(auditEvents.success, true)))
    .orderBy(desc(auditEvents.id))
    .limit(200);
  return new Map(rows.filter((e) => e.memberId).map((e) => [e.memberId!, e.actorRole]));
}

export const MEMBER_RELATIONS = ['spouse', 'child', 'parent', 'grandchild', 'sibling', 'other'] as const;
export type MemberRelation = (typeof MEMBER_RELATIONS)[number];
/** Relations stored as Chinese words by earlier data (the demo seed), read as codes. */
const LEGACY_RELATIONS: Record<string, MemberRelation> = { 配偶: 'spouse', 子女: 'child', 父母: 'parent', 孙辈: 'grandchild', 兄弟姐妹: 'sibling', 其他: 'other' };

export function relationCode(stored: string): MemberRelation | null {
  if ((MEMBER_RELATIONS as readonly string[]).includes(stored)) return stored as MemberRelation;
  return LEGACY_RELATIONS[stored] ?? null;
}

// ---------------------------------------------------------------------------------------
// Row reads and writes for the use cases in server/households/ (no policy here)
// ---------------------------------------------------------------------------------------

/** The resident's own household as the actions need it, or null when they have none. */
export async function findOwnedHousehold({ db, userId }: { db: DbOrTx; userId: string }): Promise<{ id: string; kind: HouseholdKind } | null> {
  const [row] = await db.select({ id: households.id, kind: households.kind }).from(households).where(eq(households.ownerUserId, userId)).limit(1);
  return row ?? null;
}

/**
 * Locks the household for a change, scoped by the actor (lib/permissions.ts's record rule as
 * SQL): null when it does not exist or lies outside the actor's reach, alike.
 */
export async function lockReachableHousehold({ tx, actor, householdId }: { tx: Tx; actor: Actor; householdId: string }): Promise<Household | null> {
  const [row] = await tx
    .select({ household: households })
    .from(households)
    .innerJoin(places, eq(households.placeId, places.id))
    .where(and(eq(households.id, householdId), whereReachable(actor)))
    .for('update', { of: households });
  return row?.household ?? null;
}

/** What a household registered for an account copies from it. */
export async function accountForHousehold({ db, userId }: { db: DbOrTx; userId: string }) {
  const [row] = await db
    .select({ id: users.id, role: users.role, realName: users.realName, idNumberHash: users.idNumberHash, idNumberEnc: users.idNumberEnc, phoneEnc: users.phoneEnc, phoneHash: users.phoneHash })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

export async function findPlaceLevel({ db, placeId }: { db: DbOrTx; placeId: number }): Promise<{ id: number; level: PlaceLevel } | null> {
  const [row] = await db.select({ id: places.id, level: places.level }).from(places).where(eq(places.id, placeId));
  return row ?? null;
}

/** The household whose head has this ID number (a cadre may keep one for a resident: 代办), or null. */
export async function findHouseholdByHead({ db, idNumberHash }: { db: DbOrTx; idNumberHash: string }): Promise<{ id: string; ownerUserId: string | null } | null> {
  const [row] = await db.select({ id: households.id, ownerUserId: households.ownerUserId }).from(households).where(eq(households.headIdNumberHash, idNumberHash)).limit(1);
  return row ?? null;
}

export async function insertHousehold({ tx, values }: { tx: Tx; values: NewHousehold }): Promise<{ id: string }> {
  const [row] = await tx.insert(households).values(values).returning({ id: households.id });
  return row!;
}

/** Every change to a household moves its version (optimistic concurrency of the case pages). */
export async function bumpHouseholdVersion({ tx, householdId }: { tx: Tx; householdId: string }): Promise<void> {
  await tx.update(households).set({ version: sql`${households.version} + 1` }).where(eq(households.id, householdId));
}

export async function countMembers({ db, householdId }: { db: DbOrTx; householdId: string }): Promise<number> {
  const [row] = await db.select({ n: count() }).from(householdMembers).where(eq(householdMembers.householdId, householdId));
  return row?.n ?? 0;
}

export async function memberWithIdNumber({ db, householdId, idNumberHash }: { db: DbOrTx; householdId: string; idNumberHash: string }): Promise<boolean> {
  const [row] = await db
    .select({ id: householdMembers.id })
    .from(householdMembers)
    .where(and(eq(householdMembers.householdId, householdId), eq(householdMembers.idNumberHash, idNumberHash)))
    .limit(1);
  return Boolean(row);
}

export async function insertMember({ tx, values }: { tx: Tx; values: typeof householdMembers.$inferInsert }): Promise<{ id: string }> {
  const [row] = await tx.insert(householdMembers).values(values).returning({ id: householdMembers.id });
  return row!;
}

/** Deletes a member of this household; null when no such member is in it. */
export async function deleteMember({ tx, householdId, memberId }: { tx: Tx; householdId: string; memberId: string }): Promise<{ relation: string } | null> {
  const [row] = await tx
    .delete(householdMembers)
    .where(and(eq(householdMembers.id, memberId), eq(householdMembers.householdId, householdId)))
    .returning({ relation: householdMembers.relation });
  return row ?? null;
}

/** The declared value of each fact the household has a row for (null: declared, then withdrawn). */
export async function declaredFactValues({ db, householdId }: { db: DbOrTx; householdId: string }): Promise<Map<FactKey, unknown>> {
  const rows = await db.select({ key: householdFacts.key, declaredValue: householdFacts.declaredValue }).from(householdFacts).where(eq(householdFacts.householdId, householdId));
  return new Map(rows.map((r) => [r.key, r.declaredValue]));
}

/**
 * Writes one declared value (null withdraws it). Never touches `verifiedValue`: what a cadre
 * verified stays beside the new declaration until they verify again.
 */
export async function writeDeclaredFact({ tx, householdId, key, value, at, by }: { tx: Tx; householdId: string; key: FactKey; value: FactValue | null; at: Date; by: string }): Promise<void> {
  if (value === null) {
    await tx
      .update(householdFacts)
      .set({ declaredValue: null, declaredAt: at, declaredBy: by })
      .where(and(eq(householdFacts.householdId, householdId), eq(householdFacts.key, key)));
    return;
  }
  await tx
    .insert(householdFacts)
    .values({ householdId, key, declaredValue: value, declaredAt: at, declaredBy: by })
    .onConflictDoUpdate({ target: [householdFacts.householdId, householdFacts.key], set: { declaredValue: value, declaredAt: at, declaredBy: by } });
}
