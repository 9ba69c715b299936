import 'server-only';
// An official resets a staff member's password: a new one-time password, shown once, to be
// changed at the next sign-in; every session of theirs ends at once. Their own password an
// official changes themselves (with the old one), not here.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { endSessions } from '@/db/queries/auth';
import { setUserPassword } from '@/db/queries/staff-admin';
import type { Actor } from '@/lib/permissions';
import { loadStaffOrThrow, notSelf } from './guard';
import { newOneTimePassword } from './one-time-password';

export async function resetStaffPassword({ db, actor, userId, ip }: { db: Db; actor: Actor; userId: string; ip: string | null }): Promise<{ oneTimePassword: string }> {
  notSelf(actor, userId);
  const otp = await newOneTimePassword();
  await db.transaction(async (tx) => {
    await loadStaffOrThrow({ tx, actor, userId });
    await setUserPassword({ tx, userId, passwordHash: otp.hash });
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'staff.password.reset', entity: 'user', entityId: userId, success: true, ip, details: null } });
    await endSessions({ db: tx, userId, reason: 'password_changed', actor });
  });
  return { oneTimePassword: otp.plain };
}
