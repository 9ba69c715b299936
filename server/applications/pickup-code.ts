import 'server-only';
// The code a household shows at the distribution point to pick up approved materials.
import { randomInt } from 'node:crypto';

// No 0/O, 1/I: read aloud and typed on a phone without mistakes.
const PICKUP_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newPickupCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += PICKUP_ALPHABET[randomInt(PICKUP_ALPHABET.length)];
  return s;
}

/** A code as the voucher shows it (grouped ABCD-EFGH) or as its QR encodes it (ABCDEFGH). */
export const PICKUP_CODE_PATTERN = new RegExp(`^[${PICKUP_ALPHABET}]{8}$`);

/**
 * What a cadre typed or a scanner pasted, as stored: upper case, without spaces or hyphens.
 * Null when it cannot be a code at all (wrong length or a letter the alphabet leaves out);
 * such input is a typing mistake, not a guess, and is not counted against the rate limit.
 */
export function normalisePickupCode(input: string): string | null {
  const code = input.normalize('NFKC').toUpperCase().replace(/[\s\-‐-―]/g, '');
  return PICKUP_CODE_PATTERN.test(code) ? code : null;
}
