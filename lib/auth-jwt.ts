// The session cookie's encoding: exactly next-auth v4's own (`next-auth/jwt` encode/decode — a
// JWE with "dir" / A256GCM under a key derived from the secret by HKDF-SHA256 with the same
// info string), so cookies issued either way read either way. The one difference: the derived
// key is computed once per secret and salt instead of on every call. next-auth derives it twice
// per signed-in request (decoding the cookie, then encoding the renewed one), and that HKDF was
// about 3 % of the server's CPU under load (docs/performance.md).
import hkdf from '@panva/hkdf';
import { EncryptJWT, jwtDecrypt } from 'jose';
import type { JWT, JWTDecodeParams, JWTEncodeParams } from 'next-auth/jwt';
import { randomUUID } from 'node:crypto';

const DEFAULT_MAX_AGE_S = 30 * 24 * 60 * 60;
const keys = new Map<string, Promise<Uint8Array>>();

function derivedKey(secret: string | Buffer, salt: string): Promise<Uint8Array> {
  const id = `${salt}\u0000${typeof secret === 'string' ? secret : secret.toString('base64')}`;
  let key = keys.get(id);
  if (!key) {
    key = hkdf('sha256', secret, salt, `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ''}`, 32);
    // One secret (and at most a few salts) per process: the map stays tiny.
    keys.set(id, key);
  }
  return key;
}

export async function encodeSessionToken({ token, secret, maxAge = DEFAULT_MAX_AGE_S, salt = '' }: JWTEncodeParams): Promise<string> {
  const nowS = Math.floor(Date.now() / 1000);
  return new EncryptJWT({ ...token })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt()
    .setExpirationTime(nowS + maxAge)
    .setJti(randomUUID())
    .encrypt(await derivedKey(secret, salt));
}

export async function decodeSessionToken({ token, secret, salt = '' }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, await derivedKey(secret, salt), { clockTolerance: 15 });
  return payload as JWT;
}
