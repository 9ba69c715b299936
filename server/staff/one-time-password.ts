import 'server-only';
// One-time passwords for accounts an official creates or resets: shown once, never stored in
// clear, and the account must change it at its first sign-in (users.must_change_password).
// 12 characters from an alphabet without look-alikes (0/O, 1/l/I), so it can be read aloud.
import { randomInt } from 'node:crypto';
import { hashPassword } from '@/lib/password';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function generateOneTimePassword(length = 12): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

export async function newOneTimePassword(): Promise<{ plain: string; hash: string }> {
  const plain = generateOneTimePassword();
  return { plain, hash: await hashPassword(plain) };
}
