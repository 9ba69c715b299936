import 'server-only';
// Deactivate or reactivate a staff account. Deactivation ends every session at once (the next
// request finds the version changed and the account inactive); an official never deactivates
// themselves. Setting the state it already has is a conflict, not a second audit event.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { endSessions } from '@/db/queries/auth';
import { setUserActive } from '@/db/queries/staff-admin';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/permissions';
import { loadStaffOrThrow, notSelf } from './guard';

export async function setStaffActive({ db, actor, userId, active, ip }: { db: Db; actor: Actor; userId: string; active: boolean; ip: string | null }): Promise<void> {
  notSelf(actor, userId);
  await db.transaction(async (tx) => {
    await loadStaffOrThrow({ tx, actor, userId });
    if (!(await setUserActive({ tx, userId, active }))) throw new AppError(active ? 'conflict:already_active' : 'conflict:already_inactive');
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: active ? 'staff.reactivate' : 'staff.deactivate', entity: 'user', entityId: userId, success: true, ip, details: null } });
    await endSessions({ db: tx, userId, reason: active ? 'admin' : 'deactivated', actor });
  });
}
