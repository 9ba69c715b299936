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
