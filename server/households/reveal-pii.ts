import 'server-only';
// A staff member reveals the full phone or ID number of a household inside their places, for
// one look, by giving a reason (TRUST P2: masked by default). Each reveal is audited in the
// same transaction that opens the value (action 'pii.reveal', entity household, details: the
// field and the reason — never the value), so a value is never shown without its audit row.
// Reveals are limited per staff account (REVEAL_LIMIT): the slot is taken in its own statement
// before the transaction, so refused attempts count too, and a refusal is audited; a stolen
// staff account cannot read a county's phone book one household at a time.
// 'claimantPhone' is the mobile number of the account whose claim waits on a kept household
// (代办): the cadre calls the person to bring their ID card in. It exists only while that claim
// waits (not once refused, nor once the household has an owner), and is opened the same way.
import type { Db, Tx } from '@/db/client';
import { pendingClaim } from '@/db/queries/assist';
import { writeAudit } from '@/db/queries/audit';
import { findReachableHouseholdPii } from '@/db/queries/cadre-households';
import { findSealedPayeeAccount } from '@/db/queries/payments';
import { takeRateLimitSlot, type RateLimit } from '@/db/queries/rate-limit';
import { isRevealField, type RevealField } from '@/lib/domain';
import { AppError } from '@/lib/errors';
import { parseRevealReason } from '@/lib/ledger/reveal';
import { can, dutyConflict, type Actor } from '@/lib/permissions';
import { openPii } from '@/lib/protect';

/** Shortest and longest reason in characters ("联系核实" is four): the ledger reveal's, one rule for both. */
export { LEDGER_REVEAL_REASON_MIN as REVEAL_REASON_MIN, LEDGER_REVEAL_REASON_MAX as REVEAL_REASON_MAX } from '@/lib/ledger/reveal';

/**
 * Reveals per staff account and hour. A cadre calling a few households back in a day needs a
 * handful; thirty an hour is generous for real work and far too slow to copy a village.
 */
export const REVEAL_LIMIT: RateLimit = { bucket: 'pii.reveal.account', max: 30, windowSeconds: 3600 };

export async function revealPii({
  db,
  actor,
  householdId,
  field,
  reason,
  ip,
  limit = REVEAL_LIMIT,
}: {
  db: Db;
  actor: Actor;
  householdId: string;
  field: RevealField;
  reason: string;
  ip: string | null;
  /** Tests pass a small limit; the service always uses REVEAL_LIMIT. */
  limit?: RateLimit;
}): Promise<{ field: RevealField; value: string }> {
  if (!can(actor.role, 'pii:reveal')) throw new AppError('forbidden:pii');
  if (!isRevealField(field)) throw new AppError('invalid:field');
  const checked = parseRevealReason(reason);
  if (!checked.ok) throw new AppError('invalid:reason');
  const why = checked.reason;

  const slot = await takeRateLimitSlot({ db, limit, value: actor.id });
  if (!slot.allowed) {
    await writeAudit({ db, event: { actorId: actor.id, actorRole: actor.role, action: 'pii.reveal', entity: 'household', entityId: householdId, success: false, ip, details: { field, reason: why, refused: 'rate_limited' } } });
    throw new AppError('rate_limited:reveal');
  }

  return db.transaction(async (tx) => {
    const hh = await findReachableHouseholdPii({ db: tx, actor, householdId });
    if (!hh) throw new AppError('not_found:household');
    // Nobody looks up their own household as staff (TRUST A3): it would read as a check that never happened.
    const conflict = dutyConflict(actor, { ownerUserId: hh.ownerUserId, householdId });
    if (conflict) throw new AppError(`forbidden:${conflict}`);
    const sealed = await sealedValue({ db: tx, actor, householdId, field, hh });
    if (!sealed) throw new AppError('not_found:value');
    const value = openPii(sealed);
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'pii.reveal', entity: 'household', entityId: householdId, success: true, ip, details: { field, reason: why } } });
    return { field, value };
  });
}

/** The sealed value a reveal opens, null when the household has none; for the claimant, not found unless a claim waits now. */
async function sealedValue({ db, actor, householdId, field, hh }: { db: Tx; actor: Actor; householdId: string; field: RevealField; hh: { phoneEnc: string | null; idNumberEnc: string | null } }): Promise<string | null> {
  switch (field) {
    case 'phone':
      return hh.phoneEnc;
    case 'idNumber':
      return hh.idNumberEnc;
    // The payee account (issue 10 item 6) is sealed like the ID number and revealed the same way.
    case 'payeeAccount':
      return findSealedPayeeAccount({ db, householdId });
    case 'claimantPhone': {
      const claim = await pendingClaim({ db, actor, householdId });
      if (!claim) throw new AppError('not_found:claim');
      return claim.phoneEnc;
    }
  }
}
