// What a request to reveal a ledger's personal data must carry (TRUST P2: masked by default,
// clear only deliberately, with a reason that goes into the audit row). Pure and client-safe:
// the export routes parse with it, the export buttons check the field with the same rule.
import { z } from 'zod';

/** Shortest and longest reason in characters, the same bounds as revealing one household's value (server/households/reveal-pii.ts). */
export const LEDGER_REVEAL_REASON_MIN = 4;
export const LEDGER_REVEAL_REASON_MAX = 200;

/** Counted in characters (code points), not UTF-16 units, so "联系核实" is four and an emoji is one. */
const length = (s: string) => Array.from(s).length;

export const revealReasonSchema = z
  .string()
  .trim()
  .refine((s) => length(s) >= LEDGER_REVEAL_REASON_MIN, { message: 'too_short' })
  .refine((s) => length(s) <= LEDGER_REVEAL_REASON_MAX, { message: 'too_long' });

export type RevealReasonProblem = 'missing' | 'too_short' | 'too_long';

/** The trimmed reason, or why it is refused. A value that is not a string (a file, nothing) is missing. */
export function parseRevealReason(value: unknown): { ok: true; reason: string } | { ok: false; problem: RevealReasonProblem } {
  if (typeof value !== 'string' || value.trim() === '') return { ok: false, problem: 'missing' };
  const parsed = revealReasonSchema.safeParse(value);
  if (parsed.success) return { ok: true, reason: parsed.data };
  return { ok: false, problem: parsed.error.issues[0]?.message === 'too_long' ? 'too_long' : 'too_short' };
}

export const LEDGER_FORMATS = ['csv', 'xlsx'] as const;
export type LedgerFileFormat = (typeof LEDGER_FORMATS)[number];

/** A path segment naming a ledger format, or null (the route answers 404). */
export function parseLedgerFormat(value: unknown): LedgerFileFormat | null {
  return typeof value === 'string' && (LEDGER_FORMATS as readonly string[]).includes(value) ? (value as LedgerFileFormat) : null;
}
