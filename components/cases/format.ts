// Pure helpers shared by the staff case pages, the public notice board and the voucher:
// pickup-code grouping (notice countdowns are lib/time.ts `daysLeft`; the sentence for an
// action result is lib/action-result.ts `describeResult`). No server imports.

/** ABCDEFGH → ABCD-EFGH: groups of four, easier to read aloud and to type at the counter. */
export function groupPickupCode(code: string): string {
  return (code.match(/.{1,4}/g) ?? []).join('-');
}
