import 'server-only';
// Staff accounts as an official manages them (issue 10 item 2): the scoped list, the scoped
// load of one account, and the row writes the use cases in server/staff/ are built from.
// "Inside the official's scope" for a person means: they hold at least one place, and every
// place they hold lies under the official's places — so a township official never manages a
// cadre who also works in another township.
import { and, asc, eq, gt, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { places, userPlaces, users } from '../schema';
import { pathWithin } from './scope';
import type { Actor } from '@/lib/permissions';
import { UUID_TEXT } from '@/lib/validators';

export const STAFF_PAGE_SIZE = 50;

// Drizzle leaves columns unqualified in a one-table select, where "id" inside a subquery would
// bind to the subquery's own table: the outer user's id is named in full.
const OUTER_USER_ID = sql`${sql.identifier('users')}.${sql.identifier('id')}`;

/** SQL: the staff member `userIdCol` holds a place and holds none outside the actor's places. */
function staffInScope(actor: Pick<Actor, 'placePaths'>, userIdCol: SQL = OUTER_USER_ID): SQL {
  const outside = pathWithin(places.path, actor.placePaths) ?? sql`true`;
  return sql`(exists (select 1 from ${userPlaces} up0 where up0.user_id = ${userIdCol})
    and not exists (select 1 from ${userPlaces} join ${places} on ${places.id} = ${userPlaces.placeId} where ${userPlaces.userId} = ${userIdCol} and not (${outside})))`;
}

const staffRole = inArray(users.role, ['cadre', 'official']);

export interface StaffRow {
  id: string;
  realName: string;
  phoneEnc: string;
  role: 'cadre' | 'official';
  active: boolean;
  mustChangePassword: boolean;
  places: { id: number; name: string; nameEn: string }[];
}

const placesAgg = sql<{ id: number; name: string; nameEn: string }[]>`coalesce((select json_agg(json_build_object('id', p.id, 'name', p.name, 'nameEn', p.name_en) order by p.path) from ${userPlaces} up join ${places} p on p.id = up.place_id where up.user_id = ${OUTER_USER_ID}), '[]'::json)`;

/**
 * One page of staff in the actor's scope, by (real name, id) — a keyset, so page 5,000 costs
 * what page 1 does. Search: a name prefix, or the keyed hash of a full phone number.
 */
export async function staffPage({
  db,
  actor,
  after,
  namePrefix,
  phoneHash,
  idNumberHash,
  limit = STAFF_PAGE_SIZE,
}: {
  db: DbOrTx;
  actor: Pick<Actor, 'placePaths'>;
  after?: { name: string; id: string } | null;
  namePrefix?: string | null;
  phoneHash?: string | null;
  idNumberHash?: string | null;
  limit?: number;
}): Promise<{ rows: StaffRow[]; next: { name: string; id: string } | null }> {
  const conds: (SQL | undefined)[] = [staffRole, staffInScope(actor)];
  if (namePrefix) conds.push(like(users.realName, `${namePrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (phoneHash) conds.push(eq(users.phoneHash, phoneHash));
  if (idNumberHash) conds.push(eq(users.idNumberHash, idNumberHash));
  if (after) conds.push(or(gt(users.realName, after.name), and(eq(users.realName, after.name), gt(users.id, after.id))));
  const rows = await db
    .select({ id: users.id, realName: users.realName, phoneEnc: users.phoneEnc, role: users.role, active: users.active, mustChangePassword: users.mustChangePassword, places: placesAgg })
    .from(users)
    .where(and(...conds))
    .orderBy(asc(users.realName), asc(users.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit) as StaffRow[];
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > limit && last ? { name: last.realName, id: last.id } : null };
}

/** One staff account in the actor's scope, or null (outside the scope reads as not found). */
export async function findStaffInScope({ db, actor, userId }: { db: DbOrTx; actor: Pick<Actor, 'placePaths'>; userId: string }): Promise<StaffRow | null> {
  if (!UUID_TEXT.test(userId)) return null;
  const [row] = await db
    .select({ id: users.id, realName: users.realName, phoneEnc: users.phoneEnc, role: users.role, active: users.active, mustChangePassword: users.mustChangePassword, places: placesAgg })
    .from(users)
    .where(and(eq(users.id, userId), staffRole, staffInScope(actor)))
    .limit(1);
  return (row as StaffRow | undefined) ?? null;
}

/** Places inside the actor's scope among these ids (what may be assigned). */
export async function placesInScope({ db, actor, placeIds }: { db: DbOrTx; actor: Pick<Actor, 'placePaths'>; placeIds: number[] }) {
  if (placeIds.length === 0) return [];
  return db
    .select({ id: places.id, name: places.name, nameEn: places.nameEn, code: places.code, path: places.path })
    .from(places)
    .where(and(inArray(places.id, placeIds), pathWithin(places.path, actor.placePaths) ?? sql`false`));
}

/** Places inside the actor's scope whose division code or name is one of these (the import resolves rows by them). */
export async function placesInScopeByCodeOrName({ db, actor, keys }: { db: DbOrTx; actor: Pick<Actor, 'placePaths'>; keys: string[] }) {
  if (keys.length === 0) return [];
  return db
    .select({ id: places.id, name: places.name, code: places.code, path: places.path })
    .from(places)
    .where(and(or(inArray(places.code, keys), inArray(places.name, keys)), pathWithin(places.path, actor.placePaths) ?? sql`false`));
}

/** Assignable places for the picker: the actor's scope, township and village levels first, capped. */
export async function assignablePlaces({ db, actor, limit = 500 }: { db: DbOrTx; actor: Pick<Actor, 'placePaths'>; limit?: number }) {
  return db
    .select({ id: places.id, name: places.name, nameEn: places.nameEn, level: places.level, path: places.path })
    .from(places)
    .where(and(inArray(places.level, ['county', 'township', 'village']), pathWithin(places.path, actor.placePaths) ?? sql`false`))
    .orderBy(asc(places.path))
    .limit(limit);
}

export async function insertStaffUser({ tx, values }: { tx: DbOrTx; values: typeof users.$inferInsert }): Promise<string> {
  const [row] = await tx.insert(users).values(values).returning({ id: users.id });
  return row!.id;
}

export async function addUserPlaces({ tx, userId, placeIds }: { tx: DbOrTx; userId: string; placeIds: number[] }): Promise<number> {
  if (placeIds.length === 0) return 0;
  const added = await tx
    .insert(userPlaces)
    .values(placeIds.map((placeId) => ({ userId, placeId })))
    .onConflictDoNothing()
    .returning({ placeId: userPlaces.placeId });
  return added.length;
}

export async function removeUserPlace({ tx, userId, placeId }: { tx: DbOrTx; userId: string; placeId: number }): Promise<boolean> {
  const gone = await tx.delete(userPlaces).where(and(eq(userPlaces.userId, userId), eq(userPlaces.placeId, placeId))).returning({ placeId: userPlaces.placeId });
  return gone.length > 0;
}

export async function setUserPassword({ tx, userId, passwordHash }: { tx: DbOrTx; userId: string; passwordHash: string }): Promise<void> {
  await tx.update(users).set({ passwordHash, mustChangePassword: true, failedSignIns: 0, lockedUntil: null }).where(eq(users.id, userId));
}

/** Conditional: false when the account already was in that state. */
export async function setUserActive({ tx, userId, active }: { tx: DbOrTx; userId: string; active: boolean }): Promise<boolean> {
  const done = await tx
    .update(users)
    .set({ active })
    .where(and(eq(users.id, userId), eq(users.active, !active)))
    .returning({ id: users.id });
  return done.length > 0;
}

/** Which of these phone hashes already belong to an account. */
export async function takenPhoneHashes({ db, phoneHashes }: { db: DbOrTx; phoneHashes: string[] }): Promise<Set<string>> {
  if (phoneHashes.length === 0) return new Set();
  const rows = await db.select({ h: users.phoneHash }).from(users).where(inArray(users.phoneHash, phoneHashes));
  return new Set(rows.map((r) => r.h));
}
