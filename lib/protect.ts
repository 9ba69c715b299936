// Personal data at rest (TRUST P1): encrypt/decrypt/hash with the keys from the environment.
// The algorithms are in lib/pii.ts; this file only binds them to this process's keys.
import { decryptPii, encryptPii, hashPii } from './pii';
import { env } from './env';

export function sealPii(plain: string): string {
  const { activeId, keys } = env().piiKeys;
  return encryptPii(plain, { id: activeId, key: keys[activeId]! });
}

export function openPii(stored: string): string {
  return decryptPii(stored, env().piiKeys.keys);
}

export function lookupHash(value: string): string {
  return hashPii(value, env().piiHmacKey);
}
