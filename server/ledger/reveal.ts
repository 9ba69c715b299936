import 'server-only';
// The one rule every ledger export applies before its audit row is written: a reveal needs the
// `pii:reveal` capability and a reason of 4..200 characters; the audit row then says so
// (`revealed: true` and the reason — never a value). The route checks the same first
// (lib/ledger/route.ts); this is the use case's own guard, so no caller can skip it.
import { AppError } from '@/lib/errors';
import { parseRevealReason } from '@/lib/ledger/reveal';
import { can, type Actor } from '@/lib/permissions';

/** Asked for by a staff member: personal data in clear, with the reason they gave. */
export interface LedgerReveal {
  reason: string;
}

export type RevealAuditDetails = { revealed: false } | { revealed: true; reason: string };

/** Throws forbidden:pii or invalid:reason; otherwise the details the export's audit row carries. */
export function ledgerRevealDetails(actor: Actor, reveal: LedgerReveal | null | undefined): RevealAuditDetails {
  if (!reveal) return { revealed: false };
  if (!can(actor.role, 'pii:reveal')) throw new AppError('forbidden:pii');
  const parsed = parseRevealReason(reveal.reason);
  if (!parsed.ok) throw new AppError('invalid:reason');
  return { revealed: true, reason: parsed.reason };
}
