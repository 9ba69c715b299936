import 'server-only';
// The one rule every ledger export applies before its audit row is written: a reveal needs the
// `pii:reveal` capability and a reason of 4..200 characters; the audit row then says so
// (`revealed: true` and the reason — never a value). The route checks the same first
// (lib/ledger/route.ts); this is the use case's own guard, so no caller can skip it.
import type { DbOrTx } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { takeRateLimitSlot, type RateLimit } from '@/db/queries/rate-limit';
import { AppError } from '@/lib/errors';
import { parseRevealReason } from '@/lib/ledger/reveal';
import { can, type Actor } from '@/lib/permissions';

/**
 * Exports in clear per staff account and hour. One export can hold a whole township's heads and
 * phones, so a stolen staff account must not be able to pull the county's phone book in a loop:
 * the single reveals have their own allowance (REVEAL_LIMIT in server/households/reveal-pii.ts).
 * 30 leaves room for an official's real batch work (a waiver list per company and township).
 */
export const REVEALED_EXPORT_LIMIT: RateLimit = { bucket: 'pii.reveal.export', max: 30, windowSeconds: 3600 };

/** Asked for by a staff member: personal data in clear, with the reason they gave. */
export interface LedgerReveal {
  reason: string;
}

export type RevealAuditDetails = { revealed: false } | { revealed: true; reason: string };

/**
 * Throws forbidden:pii, invalid:reason, conflict:step_aside or rate_limited:reveal (the last two
 * refusals audited); otherwise the details the export's audit row carries. A slot is taken only
 * for a reveal that is allowed.
 */
export async function ledgerRevealDetails({
  db,
  actor,
  reveal,
  ip,
  holdsStepAsideHousehold,
  limit = REVEALED_EXPORT_LIMIT,
}: {
  db: DbOrTx;
  actor: Actor;
  reveal: LedgerReveal | null | undefined;
  ip: string | null;
  /**
   * For a file that goes to a third party whole (a bank file, a company's waiver list), where a
   * row cannot stay masked: does it hold a household the reader must step aside from (their own
   * or a declared relative's, lib/permissions.ts dutyConflict)? Then its clear copy is refused and
   * another member of staff exports it. Other ledgers keep such rows masked instead
   * (`householdOf` in server/ledger/route.ts).
   */
  holdsStepAsideHousehold?: (householdIds: readonly string[]) => Promise<boolean>;
  /** Tests pass a small limit; the service always uses REVEALED_EXPORT_LIMIT. */
  limit?: RateLimit;
}): Promise<RevealAuditDetails> {
  if (!reveal) return { revealed: false };
  if (!can(actor.role, 'pii:reveal')) throw new AppError('forbidden:pii');
  const parsed = parseRevealReason(reveal.reason);
  if (!parsed.ok) throw new AppError('invalid:reason');
  const refuse = async (refused: 'step_aside' | 'rate_limited') =>
    writeAudit({ db, event: { actorId: actor.id, actorRole: actor.role, action: 'export.reveal', entity: 'export', entityId: null, success: false, ip, details: { reason: parsed.reason, refused } } });
  const stepAside = actor.conflictHouseholdIds ?? [];
  if (holdsStepAsideHousehold && stepAside.length > 0 && (await holdsStepAsideHousehold(stepAside))) {
    await refuse('step_aside');
    throw new AppError('conflict:step_aside');
  }
  const slot = await takeRateLimitSlot({ db, limit, value: actor.id });
  if (!slot.allowed) {
    await refuse('rate_limited');
    throw new AppError('rate_limited:reveal');
  }
  return { revealed: true, reason: parsed.reason };
}
