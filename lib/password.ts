// Password hashing (TRUST S1): argon2id via @node-rs/argon2, which runs on libuv's thread
// pool, so hashing never blocks the event loop. Its default algorithm is argon2id.
import { hash, verify } from '@node-rs/argon2';

/** OWASP's argon2id floor: 19 MiB memory, 2 iterations, 1 lane. */
export const ARGON_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, ARGON_OPTIONS);
}

// A real hash of a random string, verified against when the phone number is unknown, so an
// unknown number costs the same time as a wrong password (TRUST S2).
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(stored: string | null, plain: string): Promise<boolean> {
  if (!stored) {
    dummyHash ??= hash(`no-such-user-${Math.random()}`, ARGON_OPTIONS);
    await verify(await dummyHash, plain).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}
