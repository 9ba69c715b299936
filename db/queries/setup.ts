import 'server-only';
// Rows for the production set-up (scripts/setup.ts with its --places import,
// scripts/create-official.ts): reference programmes, places by division code, the first
// official. Plain reads and row writes; the checks live in server/setup/*.
import { and, count, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { places, programmes, userPlaces, users } from '../schema';
import type { PlaceLevel } from '@/lib/domain';
import type { ProgrammeCode } from '@/lib/domain';

export interface ProgrammeRow {
  code: ProgrammeCode;
  nameZh: string;
  nameEn: string;
  params: unknown;
  needsApplication: boolean;
  noticeDays: number;
}

/** Inserts the programmes that are missing; an existing row (maybe edited by an official) is left as it is. Returns the codes inserted. */
export async function insertMissingProgrammes({ db, rows }: { db: DbOrTx; rows: ProgrammeRow[] }): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db.insert(programmes).values(rows).onConflictDoNothing({ target: programmes.code }).returning({ code: programmes.code });
  return inserted.map((r) => r.code);
}

/** What a start needs to serve: at least one place and one active official. */
export async function setupState({ db }: { db: DbOrTx }): Promise<{ places: number; officials: number; programmes: number }> {
  const [p] = await db.select({ n: count() }).from(places);
  const [o] = await db.select({ n: count() }).from(users).where(and(eq(users.role, 'official'), eq(users.active, true)));
  const [g] = await db.select({ n: count() }).from(programmes);
  return { places: Number(p?.n ?? 0), officials: Number(o?.n ?? 0), programmes: Number(g?.n ?? 0) };
}

export async function placeByCode({ db, code }: { db: DbOrTx; code: string }) {
  const [row] = await db.select({ id: places.id, path: places.path, level: places.level, name: places.name, nameEn: places.nameEn, parentId: places.parentId }).from(places).where(eq(places.code, code)).limit(1);
  return row ?? null;
}

export async function insertPlace({ db, place }: { db: DbOrTx; place: { code: string; level: PlaceLevel; name: string; nameEn: string; parent: { id: number; path: string } | null } }) {
  const [row] = await db
    .insert(places)
    .values({ code: place.code, level: place.level, name: place.name, nameEn: place.nameEn, parentId: place.parent?.id ?? null, path: 'pending' })
    .returning({ id: places.id });
  const id = row!.id;
  const path = `${place.parent?.path ?? '/'}${id}/`;
  await db.update(places).set({ path }).where(eq(places.id, id));
  return { id, path };
}

export async function renamePlace({ db, id, name, nameEn }: { db: DbOrTx; id: number; name: string; nameEn: string }): Promise<void> {
  await db.update(places).set({ name, nameEn }).where(eq(places.id, id));
}

/** A new staff account that must choose its own password at first sign-in. */
export async function insertFirstOfficial({
  db,
  account,
}: {
  db: DbOrTx;
  account: { realName: string; phoneHash: string; phoneEnc: string; passwordHash: string; placeId: number | null };
}): Promise<string> {
  const [row] = await db
    .insert(users)
    .values({ role: 'official', realName: account.realName, phoneHash: account.phoneHash, phoneEnc: account.phoneEnc, passwordHash: account.passwordHash, mustChangePassword: true })
    .returning({ id: users.id });
  if (account.placeId != null) await db.insert(userPlaces).values({ userId: row!.id, placeId: account.placeId });
  return row!.id;
}

/** The county (the root place), used when an official is created without --place. */
export async function rootPlace({ db }: { db: DbOrTx }) {
  const [row] = await db.select({ id: places.id }).from(places).where(sql`${places.parentId} IS NULL`).orderBy(places.id).limit(1);
  return row ?? null;
}

// Once a database has a place and an active official it stays set up, so the answer is kept
// after the first yes and the check (two EXISTS probes that stop at the first row) runs only until then.
let setUpSeen = false;

/** Whether the portal can serve: at least one place and one active official (app/layout.tsx shows a "not set up yet" page otherwise). */
export async function isSetUp({ db }: { db: DbOrTx }): Promise<boolean> {
  if (setUpSeen) return true;
  const result = await db.execute<{ ok: boolean }>(
    sql`select (exists (select 1 from ${places}) and exists (select 1 from ${users} where ${users.role} = 'official' and ${users.active})) as ok`,
  );
  setUpSeen = result.rows[0]?.ok === true;
  return setUpSeen;
}
