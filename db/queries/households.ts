import 'server-only';
// A household as its owner (the resident) registers and keeps it: the address from the
// place tree, the members, and the damage they declare. Declarations never touch what a
// cadre verified: `verifiedValue` is written only by the verification step.
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../client';
import { householdFacts, householdMembers, households, places, users, type Household } from '../schema';
import { writeAudit } from './audit';
import { householdUploads, pruneHouseholdUploads, householdUploadIds, type UploadActor } from './uploads';
import { AppError, pgErrorCode, PG_UNIQUE_VIOLATION } from '@/lib/errors';
import { placeWithin } from '@/lib/permissions';
import { lookupHash, sealPii } from '@/lib/protect';
import type { FactKey, HouseholdKind, PlaceLevel, SafetyGrade } from '@/lib/domain';

export type HouseholdActor = UploadActor;

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

export async function householdKind({ db, householdId }: { db: DbOrTx; householdId: string }): Promise<HouseholdKind | null> {
  const [row] = await db.select({ kind: households.kind }).from(households).where(eq(households.id, householdId));
  return row?.kind ?? null;
}

/** Whether the actor may change this household: its owner, or staff whose places cover it. */
async function lockHousehold(tx: Tx, householdId: string, actor: HouseholdActor): Promise<Household> {
  const [row] = await tx
    .select({ household: households, placePath: places.path })
    .from(households)
    .innerJoin(places, eq(households.placeId, places.id))
    .where(eq(households.id, householdId))
    .for('update', { of: households });
  if (!row) throw new AppError('not_found:household');
  const allowed = actor.role === 'resident' ? row.household.ownerUserId === actor.id : placeWithin(row.placePath, actor.placePaths);
  if (!allowed) throw new AppError('not_found:household');
  return row.household;
}

/** Everything the household page shows. The caller has checked who may see it. */
export async function householdDetail({ db, householdId }: { db: DbOrTx; householdId: string }) {
  const [hh] = await db.select().from(households).where(eq(households.id, householdId));
  if (!hh) return null;
  const [place] = await db.select({ path: places.path }).from(places).where(eq(places.id, hh.placeId));
  const ids = (place?.path ?? '').split('/').filter(Boolean).map(Number);
  const chainRows = ids.length ? await db.select({ id: places.id, name: places.name, nameEn: places.nameEn, level: places.level }).from(places).where(inArray(places.id, ids)) : [];
  const chain = ids.map((id) => chainRows.find((r) => r.id === id)).filter((p): p is NonNullable<typeof p> => Boolean(p));
  const facts = await db.select().from(householdFacts).where(eq(householdFacts.householdId, householdId));
  const members = await db
    .select({ id: householdMembers.id, name: householdMembers.name, relation: householdMembers.relation, birthYear: householdMembers.birthYear, idNumberEnc: householdMembers.idNumberEnc })
    .from(householdMembers)
    .where(eq(householdMembers.householdId, householdId))
    .orderBy(asc(householdMembers.createdAt), asc(householdMembers.id));
  const photos = await householdUploads({ db, householdId, kind: 'damage_photo' });
  return { household: hh, chain, facts, members, photos };
}

export interface NewHouseholdInput {
  placeId: number;
  kind: HouseholdKind;
  addressDetail: string;
  building: string | null;
  unitNo: string | null;
  floor: number | null;
}

/**
 * Registers the resident's own household with them as head: name, ID number (already
 * encrypted and hashed on their account) and phone are copied from the account. One
 * household per owner, and one per head's ID number (both unique in the database).
 */
export async function createOwnHousehold({ db, actor, input, ip }: { db: Db; actor: HouseholdActor; input: NewHouseholdInput; ip: string | null }): Promise<{ id: string }> {
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx.select().from(users).where(eq(users.id, actor.id));
      if (!user || user.role !== 'resident') throw new AppError('forbidden:household');
      if (!user.idNumberHash || !user.idNumberEnc) throw new AppError('invalid:no_id_number');
      const [place] = await tx.select({ id: places.id, level: places.level }).from(places).where(eq(places.id, input.placeId));
      if (!place || (place.level !== 'village' && place.level !== 'compound')) throw new AppError('invalid:place');
      const [mine] = await tx.select({ id: households.id }).from(households).where(eq(households.ownerUserId, user.id));
      if (mine) throw new AppError('duplicate:household');
      // A cadre may already keep a household with this head for them (代办): they link it.
      const [kept] = await tx.select({ id: households.id }).from(households).where(eq(households.headIdNumberHash, user.idNumberHash));
      if (kept) throw new AppError('duplicate:household_head');
      const [hh] = await tx
        .insert(households)
        .values({
          ownerUserId: user.id,
          headName: user.realName,
          headIdNumberHash: user.idNumberHash,
          headIdNumberEnc: user.idNumberEnc,
          headPhoneEnc: user.phoneEnc,
          placeId: place.id,
          kind: input.kind,
          addressDetail: input.addressDetail,
          building: input.kind === 'urban' ? input.building : null,
          unitNo: input.kind === 'urban' ? input.unitNo : null,
          floor: input.kind === 'urban' ? input.floor : null,
          createdBy: user.id,
        })
        .returning({ id: households.id });
      await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'household.create', entity: 'household', entityId: hh!.id, success: true, ip, details: { placeId: place.id, kind: input.kind } } });
      return { id: hh!.id };
    });
  } catch (err) {
    // A second tab or a double click: the household exists already (owner or head ID unique).
    if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) throw new AppError('duplicate:household');
    throw err;
  }
}

export const MEMBER_RELATIONS = ['spouse', 'child', 'parent', 'grandchild', 'sibling', 'other'] as const;
export type MemberRelation = (typeof MEMBER_RELATIONS)[number];
/** Relations stored as Chinese words by earlier data (the demo seed), read as codes. */
const LEGACY_RELATIONS: Record<string, MemberRelation> = { 配偶: 'spouse', 子女: 'child', 父母: 'parent', 孙辈: 'grandchild', 兄弟姐妹: 'sibling', 其他: 'other' };

export function relationCode(stored: string): MemberRelation | null {
  if ((MEMBER_RELATIONS as readonly string[]).includes(stored)) return stored as MemberRelation;
  return LEGACY_RELATIONS[stored] ?? null;
}

export const MAX_MEMBERS = 20;

export type AddMemberResult = { status: 'ok'; id: string } | { status: 'duplicate_id' } | { status: 'too_many' };

/** Adds a member; an ID number is stored only encrypted and as a keyed hash. */
export async function addMember({
  db,
  actor,
  householdId,
  member,
  ip,
}: {
  db: Db;
  actor: HouseholdActor;
  householdId: string;
  member: { name: string; relation: MemberRelation; idNumber: string | null; birthYear: number | null };
  ip: string | null;
}): Promise<AddMemberResult> {
  return db.transaction(async (tx) => {
    const hh = await lockHousehold(tx, householdId, actor);
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(householdMembers).where(eq(householdMembers.householdId, householdId));
    if (n >= MAX_MEMBERS) return { status: 'too_many' } as const;
    const idHash = member.idNumber ? lookupHash(member.idNumber) : null;
    if (idHash) {
      if (idHash === hh.headIdNumberHash) return { status: 'duplicate_id' } as const;
      const [same] = await tx
        .select({ id: householdMembers.id })
        .from(householdMembers)
        .where(and(eq(householdMembers.householdId, householdId), eq(householdMembers.idNumberHash, idHash)))
        .limit(1);
      if (same) return { status: 'duplicate_id' } as const;
    }
    const [row] = await tx
      .insert(householdMembers)
      .values({ householdId, name: member.name, relation: member.relation, idNumberHash: idHash, idNumberEnc: member.idNumber ? sealPii(member.idNumber) : null, birthYear: member.birthYear })
      .returning({ id: householdMembers.id });
    await tx.update(households).set({ version: sql`${households.version} + 1` }).where(eq(households.id, householdId));
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'household.member_add', entity: 'household', entityId: householdId, success: true, ip, details: { memberId: row!.id, relation: member.relation, withIdNumber: Boolean(idHash) } } });
    return { status: 'ok', id: row!.id } as const;
  });
}

/** Removes a member of this household; a member id from another household is not found. */
export async function removeMember({ db, actor, householdId, memberId, ip }: { db: Db; actor: HouseholdActor; householdId: string; memberId: string; ip: string | null }): Promise<void> {
  await db.transaction(async (tx) => {
    await lockHousehold(tx, householdId, actor);
    const removed = await tx
      .delete(householdMembers)
      .where(and(eq(householdMembers.id, memberId), eq(householdMembers.householdId, householdId)))
      .returning({ id: householdMembers.id, relation: householdMembers.relation });
    if (removed.length === 0) throw new AppError('not_found:member');
    await tx.update(households).set({ version: sql`${households.version} + 1` }).where(eq(households.id, householdId));
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'household.member_remove', entity: 'household', entityId: householdId, success: true, ip, details: { memberId, relation: removed[0]!.relation } } });
  });
}

/** What the damage form sends, already checked; undefined = the form did not ask (kind). */
export interface Declaration {
  groundFloorFlooded?: boolean;
  /** null = not appraised yet: no fact (a previous declaration is withdrawn). */
  safetyGrade?: SafetyGrade | null;
  damagedBoilers: number;
  damagedHeatPumps: number;
  repairImpossible: boolean;
  affected: boolean;
}

/** The facts a declaration writes for a household of this kind (urban: flooding; rural: grade). */
export function declaredValues(kind: HouseholdKind, d: Declaration): Partial<Record<FactKey, boolean | number | string | null>> {
  const out: Partial<Record<FactKey, boolean | number | string | null>> = {
    damagedBoilers: d.damagedBoilers,
    damagedHeatPumps: d.damagedHeatPumps,
    // "Cannot be repaired" means nothing without a damaged unit.
    repairImpossible: d.damagedBoilers + d.damagedHeatPumps > 0 ? d.repairImpossible : false,
    affected: d.affected,
  };
  if (kind === 'urban' && d.groundFloorFlooded !== undefined) out.groundFloorFlooded = d.groundFloorFlooded;
  if (kind === 'rural' && d.safetyGrade !== undefined) out.safetyGrade = d.safetyGrade;
  return out;
}

export type DeclareResult = { status: 'ok'; changed: FactKey[]; removedStorageKeys: string[] } | { status: 'bad_photos' };

/**
 * Records the household's declared damage: one upsert per fact (declaredValue, declaredAt,
 * declaredBy), never touching verifiedValue, so a change after verification leaves the
 * cadre's value in place beside the new declaration until they verify again. declaredAt moves
 * only when the value changed. The damage photos are set to `photoIds` (photos this person
 * removed in the form are deleted). One audit event 'household.declare'.
 */
export async function declareFacts({
  db,
  actor,
  householdId,
  declaration,
  photoIds,
  ip,
  now = new Date(),
}: {
  db: Db;
  actor: HouseholdActor;
  householdId: string;
  declaration: Declaration;
  photoIds: readonly string[];
  ip: string | null;
  now?: Date;
}): Promise<DeclareResult> {
  return db.transaction(async (tx) => {
    const hh = await lockHousehold(tx, householdId, actor);
    const known = await householdUploadIds({ db: tx, householdId, kind: 'damage_photo', ids: photoIds });
    if (photoIds.some((id) => !known.has(id))) return { status: 'bad_photos' } as const;

    const values = declaredValues(hh.kind, declaration);
    const existing = await tx.select({ key: householdFacts.key, declaredValue: householdFacts.declaredValue }).from(householdFacts).where(eq(householdFacts.householdId, householdId));
    const before = new Map(existing.map((r) => [r.key, r.declaredValue]));
    const changed: FactKey[] = [];
    for (const [key, value] of Object.entries(values) as [FactKey, boolean | number | string | null][]) {
      const prev = before.has(key) ? before.get(key) : undefined;
      if (prev !== undefined && JSON.stringify(prev) === JSON.stringify(value)) continue;
      if (value === null) {
        // "Not appraised yet": withdraw an earlier declaration; never create an empty fact.
        if (prev === undefined || prev === null) continue;
        await tx
          .update(householdFacts)
          .set({ declaredValue: null, declaredAt: now, declaredBy: actor.id })
          .where(and(eq(householdFacts.householdId, householdId), eq(householdFacts.key, key)));
      } else {
        await tx
          .insert(householdFacts)
          .values({ householdId, key, declaredValue: value, declaredAt: now, declaredBy: actor.id })
          .onConflictDoUpdate({ target: [householdFacts.householdId, householdFacts.key], set: { declaredValue: value, declaredAt: now, declaredBy: actor.id } });
      }
      changed.push(key);
    }
    const removedStorageKeys = await pruneHouseholdUploads({ db: tx, householdId, kind: 'damage_photo', ownerUserId: actor.id, keepIds: photoIds, actor, ip });
    if (changed.length > 0) await tx.update(households).set({ version: sql`${households.version} + 1` }).where(eq(households.id, householdId));
    await writeAudit({
      db: tx,
      event: { actorId: actor.id, actorRole: actor.role, action: 'household.declare', entity: 'household', entityId: householdId, success: true, ip, details: { changed: Object.fromEntries(changed.map((k) => [k, values[k] ?? null])), photos: photoIds.length, photosRemoved: removedStorageKeys.length } },
    });
    return { status: 'ok', changed, removedStorageKeys } as const;
  });
}
