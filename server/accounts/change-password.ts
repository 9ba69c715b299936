import 'server-only';
// Anyone changes their own password (issue 10 item 2), and an account created with a one-time
// password must do so first. The current password is checked (a slot of a per-account limit is
// taken before it is tested, so a stolen session cannot guess it quickly); the new one follows
// the registration rules (passwordSchema, checked by the action's input). In one transaction:
// new hash, flag cleared, every session of the account ended (this one too: the person signs
// in again with the new password, which also proves they know it), one audit event.
import type { Db } from '@/db/client';
import { passwordHashOf, setPasswordHash } from '@/db/queries/accounts';
import { writeAudit } from '@/db/queries/audit';
import { endSessions } from '@/db/queries/auth';
import { takeRateLimitSlot, type RateLimit } from '@/db/queries/rate-limit';
import type { Role } from '@/lib/domain';
import { hashPassword, verifyPassword } from '@/lib/password';

export const PASSWORD_CHANGES_PER_ACCOUNT: RateLimit = { bucket: 'account.password.user', max: 5, windowSeconds: 900 };

export type ChangePasswordOutcome = { status: 'ok' } | { status: 'wrong_current' } | { status: 'same_as_current' } | { status: 'rate_limited' };

export async function changePassword({
  db,
  actor,
  currentPassword,
  newPassword,
  ip,
}: {
  db: Db;
  actor: { id: string; role: Role };
  currentPassword: string;
  newPassword: string;
  ip: string | null;
}): Promise<ChangePasswordOutcome> {
  const audit = (success: boolean, details: Record<string, unknown> | null) =>
    writeAudit({ db, event: { actorId: actor.id, actorRole: actor.role, action: 'auth.change_password', entity: 'user', entityId: actor.id, success, ip, details } });

  const slot = await takeRateLimitSlot({ db, limit: PASSWORD_CHANGES_PER_ACCOUNT, value: actor.id });
  if (!slot.allowed) {
    await audit(false, { reason: 'rate_limited' });
    return { status: 'rate_limited' };
  }
  const stored = await passwordHashOf({ db, userId: actor.id });
  if (!(await verifyPassword(stored, currentPassword))) {
    await audit(false, { reason: 'wrong_current' });
    return { status: 'wrong_current' };
  }
  if (newPassword === currentPassword) return { status: 'same_as_current' };
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await setPasswordHash({ db: tx, userId: actor.id, passwordHash });
    await endSessions({ db: tx, userId: actor.id, reason: 'password_changed', actor });
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'auth.change_password', entity: 'user', entityId: actor.id, success: true, ip, details: null } });
  });
  return { status: 'ok' };
}
