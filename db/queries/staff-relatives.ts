import 'server-only';
// A staff member's declared relatives and own ID number (conflict of interest, issue 9 item 7).
// Only keyed hashes and masked forms are stored here; which households they make a staff
// member step aside from is read with the session (db/queries/auth.ts sessionUserState).
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../client';
import { staffRelatives, users } from '../schema';

export async function declaredRelatives({ db, userId }: { db: DbOrTx; userId: string }) {
  return db
    .select({ idNumberHash: staffRelatives.idNumberHash, idNumberMasked: staffRelatives.idNumberMasked, relation: staffRelatives.relation, declaredAt: staffRelatives.declaredAt })
    .from(staffRelatives)
    .where(eq(staffRelatives.staffUserId, userId))
    .orderBy(asc(staffRelatives.declaredAt));
}

/** Adds a relative, or updates the relation of one declared before; true when it is new. */
export async function upsertRelative({ tx, userId, idNumberHash, idNumberMasked, relation }: { tx: Tx; userId: string; idNumberHash: string; idNumberMasked: string; relation: string }): Promise<boolean> {
  const before = await tx.select({ h: staffRelatives.idNumberHash }).from(staffRelatives).where(and(eq(staffRelatives.staffUserId, userId), eq(staffRelatives.idNumberHash, idNumberHash))).for('update');
  await tx
    .insert(staffRelatives)
    .values({ staffUserId: userId, idNumberHash, idNumberMasked, relation })
    .onConflictDoUpdate({ target: [staffRelatives.staffUserId, staffRelatives.idNumberHash], set: { relation } });
  return before.length === 0;
}

export async function deleteRelative({ tx, userId, idNumberHash }: { tx: Tx; userId: string; idNumberHash: string }): Promise<{ idNumberMasked: string } | null> {
  const [row] = await tx.delete(staffRelatives).where(and(eq(staffRelatives.staffUserId, userId), eq(staffRelatives.idNumberHash, idNumberHash))).returning({ idNumberMasked: staffRelatives.idNumberMasked });
  return row ?? null;
}

/** Whether the account already carries its own ID number (hash). */
export async function hasOwnIdNumber({ db, userId }: { db: DbOrTx; userId: string }): Promise<boolean> {
  const [row] = await db.select({ h: users.idNumberHash }).from(users).where(eq(users.id, userId));
  return Boolean(row?.h);
}

/** Records the account's own ID number once; false when it already had one (it is never replaced here). */
export async function setOwnIdNumberOnce({ tx, userId, idNumberHash, idNumberEnc }: { tx: Tx; userId: string; idNumberHash: string; idNumberEnc: string }): Promise<boolean> {
  const rows = await tx.update(users).set({ idNumberHash, idNumberEnc }).where(and(eq(users.id, userId), isNull(users.idNumberHash))).returning({ id: users.id });
  return rows.length > 0;
}
