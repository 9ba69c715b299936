import 'server-only';
// The checks every staff-administration use case shares: only officials act, and the person
// changed must be inside the acting official's scope (db/queries/staff-admin.ts), loaded in
// the same transaction as the change.
import type { DbOrTx } from '@/db/client';
import { findStaffInScope, type StaffRow } from '@/db/queries/staff-admin';
import { AppError } from '@/lib/errors';
import { can, type Actor } from '@/lib/permissions';

export function officialOnly(actor: Actor): void {
  if (!can(actor.role, 'staff:manage')) throw new AppError('forbidden:staff_manage');
}

export async function loadStaffOrThrow({ tx, actor, userId }: { tx: DbOrTx; actor: Actor; userId: string }): Promise<StaffRow> {
  officialOnly(actor);
  const row = await findStaffInScope({ db: tx, actor, userId });
  if (!row) throw new AppError('not_found:staff');
  return row;
}

/** An official never changes their own places or activity: that would raise or end their own scope. */
export function notSelf(actor: Actor, userId: string): void {
  if (actor.id === userId) throw new AppError('forbidden:own_account');
}
