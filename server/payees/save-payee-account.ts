import 'server-only';
// Captures or changes where a household's cash is paid (issue 10 item 6), by the resident of the
// household or a cadre of its place. One transaction: the household locked and scoped by the actor
// (elsewhere it does not exist), separation of duties for staff, the version the person saw, the
// number sealed like an ID number (only its last four digits stay readable), the audit row (never
// the number) and, when staff changed it, a notification to the household's owner so a card
// swapped behind a resident's back does not go unnoticed.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { lockReachableHousehold } from '@/db/queries/households';
import { enqueueNotification } from '@/db/queries/notifications';
import { findPayeeAccount, savePayeeAccountRow } from '@/db/queries/payments';
import { AppError } from '@/lib/errors';
import { accountLast4, holderDiffersFromHead } from '@/lib/payee';
import type { PayeeAccountInput } from '@/lib/payee-input';
import { can, dutyConflict, type Actor } from '@/lib/permissions';
import { sealPii } from '@/lib/protect';

export interface SavePayeeAccountDone {
  version: number;
  last4: string;
  /** The holder is not the head of household: allowed (a spouse's card), shown as a warning. */
  holderDiffers: boolean;
}

export async function savePayeeAccount({
  db,
  actor,
  householdId,
  expectedVersion,
  input,
  ip,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  householdId: string;
  /** null: the household had no account when the form was shown. */
  expectedVersion: number | null;
  input: PayeeAccountInput;
  ip: string | null;
  now?: Date;
}): Promise<SavePayeeAccountDone> {
  const ownCapability = actor.role === 'resident' ? 'household:manage_own' : 'household:manage_in_place';
  if (!can(actor.role, ownCapability)) throw new AppError('forbidden:payee_account');
  return db.transaction(async (tx) => {
    const hh = await lockReachableHousehold({ tx, actor, householdId });
    if (!hh) throw new AppError('not_found:household');
    const conflict = dutyConflict(actor, { ownerUserId: hh.ownerUserId, householdId });
    if (conflict) throw new AppError(`forbidden:${conflict}`);

    const before = await findPayeeAccount({ db: tx, householdId });
    const last4 = accountLast4(input.account);
    const saved = await savePayeeAccountRow({
      tx,
      householdId,
      expectedVersion,
      values: { kind: input.kind, bankName: input.bankName, holderName: input.holderName, accountEnc: sealPii(input.account), accountLast4: last4, capturedBy: actor.id, capturedRole: actor.role, capturedAt: now },
    });
    if (!saved) throw new AppError('conflict:payee_account');
    const holderDiffers = holderDiffersFromHead(input.holderName, hh.headName);
    await writeAudit({
      db: tx,
      event: {
        actorId: actor.id,
        actorRole: actor.role,
        action: before ? 'payee.change' : 'payee.capture',
        entity: 'household',
        entityId: householdId,
        success: true,
        ip,
        details: { kind: input.kind, last4, previousLast4: before?.last4 ?? null, holderDiffers },
      },
    });
    if (actor.role !== 'resident' && hh.ownerUserId) {
      await enqueueNotification({ db: tx, n: { userId: hh.ownerUserId, kind: 'payee.saved', params: { last4 }, link: '/resident/household' } });
    }
    return { version: saved.version, last4, holderDiffers };
  });
}
