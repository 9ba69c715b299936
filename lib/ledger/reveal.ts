// What a request to reveal a ledger's personal data must carry (TRUST P2: masked by default,
// clear only deliberately, with a reason that goes into the audit row). Pure and client-safe:
// the export routes parse with it, the export buttons check the field with the same rule.
// Plain code, not a zod schema: the buttons' pages would otherwise ship zod to the phone.

/** Shortest and longest reason in characters; revealing one household's value (server/households/reveal-pii.ts) checks its reason with the same rule. */
export const LEDGER_REVEAL_REASON_MIN = 4;
export const LEDGER_REVEAL_REASON_MAX = 200;

/** Counted in characters (code points), not UTF-16 units, so "联系核实" is four and an emoji is one. */
const length = (s: string) => Array.from(s).length;

export type RevealReasonProblem = 'missing' | 'too_short' | 'too_long';

/** The trimmed reason, or why it is refused. A value that is not a string (a file, nothing) is missing. */
export function parseRevealReason(value: unknown): { ok: true; reason: string } | { ok: false; problem: RevealReasonProblem } {
  const reason = typeof value === 'string' ? value.trim() : '';
  if (reason === '') return { ok: false, problem: 'missing' };
  const n = length(reason);
  if (n < LEDGER_REVEAL_REASON_MIN) return { ok: false, problem: 'too_short' };
  if (n > LEDGER_REVEAL_REASON_MAX) return { ok: false, problem: 'too_long' };
  return { ok: true, reason };
}

export const LEDGER_FORMATS = ['csv', 'xlsx'] as const;
export type LedgerFileFormat = (typeof LEDGER_FORMATS)[number];

/** A path segment naming a ledger format, or null (the route answers 404). */
export function parseLedgerFormat(value: unknown): LedgerFileFormat | null {
  return typeof value === 'string' && (LEDGER_FORMATS as readonly string[]).includes(value) ? (value as LedgerFileFormat) : null;
}
