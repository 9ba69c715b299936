import 'server-only';
// One's own account: the stored password hash and setting a new one (server/accounts/change-password.ts).
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { users } from '../schema';

export async function passwordHashOf({ db, userId }: { db: DbOrTx; userId: string }): Promise<string | null> {
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.hash ?? null;
}

/** Stores a new password hash and clears the one-time-password flag. */
export async function setPasswordHash({ db, userId, passwordHash }: { db: DbOrTx; userId: string; passwordHash: string }): Promise<void> {
  await db.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, userId));
}
