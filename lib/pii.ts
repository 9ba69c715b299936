// Personal data helpers (TRUST.md P1, P2, P4, V2, V3): validating, normalising, masking,
// encrypting and hashing national ID and mobile numbers, plus synthetic people for demo seeds.
// Pure: no environment access; keys are passed in by the caller (lib/env.ts owns the secrets).
// Nothing in here puts a plaintext value into an error message, so errors are safe to log.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

// Validation and normalisation live in lib/id-rules.ts (safe for the browser); re-exported here.
export { normaliseIdNumber, normaliseMobile, ID_MIN_BIRTH_DATE, idCheckChar, idNumberProblem, isValidIdNumber, birthDateFromId, mobileProblem, isValidMobile } from './id-rules';
export type { IdNumberProblem, IdCheckOptions, MobileProblem } from './id-rules';
import { canonical, idCheckChar, normaliseIdNumber, normaliseMobile } from './id-rules';
import { addCalendarDays, calendarDaysBetween, cstDate, cstDayStart, fromCstDate } from './time';

// ---------------------------------------------------------------------------------------------
// Masking (P2): what every page shows unless a staff member deliberately reveals the value
// ---------------------------------------------------------------------------------------------

/** `110105199001011234` → `110105********1234`. Anything not 18 characters shows at most its last 4. */
export function maskIdNumber(s: string): string {
  const id = normaliseIdNumber(s);
  const chars = Array.from(id);
  if (chars.length === 18) return `${id.slice(0, 6)}********${id.slice(14)}`;
  return maskAllButLast4(chars);
}

/** `13800000001` → `138****0001`. Anything not 11 digits shows at most its last 4. */
export function maskPhone(s: string): string {
  const m = normaliseMobile(s);
  if (/^\d{11}$/.test(m)) return `${m.slice(0, 3)}****${m.slice(7)}`;
  return maskAllButLast4(Array.from(m));
}

function maskAllButLast4(chars: string[]): string {
  if (chars.length < 8) return '*'.repeat(chars.length);
  return '*'.repeat(chars.length - 4) + chars.slice(-4).join('');
}

const LATIN_LETTER = /\p{Script=Latin}/u;
const NAME_SEPARATOR = /^[\s·'’\-.]$/u;

/**
 * Chinese names keep the first and last character: `张三明` → `张*明`, `张三` → `张*`,
 * `欧阳娜娜` → `欧**娜`; a middle dot stays visible (`买买提·艾力` → `买**·*力`).
 * Latin names keep the first letter of each word: `John Smith` → `J*** S****`.
 * A single character is fully masked.
 */
export function maskName(s: string): string {
  const name = s.normalize('NFKC').trim().replace(/\s+/gu, ' ');
  let chars = Array.from(name);
  if (chars.length === 0) return '';
  if (chars.some((c) => LATIN_LETTER.test(c))) {
    let atWordStart = true;
    return chars
      .map((c) => {
        if (NAME_SEPARATOR.test(c)) {
          atWordStart = true;
          return c;
        }
        const out = atWordStart ? c : '*';
        atWordStart = false;
        return out;
      })
      .join('');
  }
  // Chinese names: spaces typed between characters carry no meaning.
  chars = chars.filter((c) => !/\s/u.test(c));
  if (chars.length <= 1) return '*'.repeat(chars.length);
  const last = chars.length - 1;
  return chars.map((c, i) => (i === 0 || (i === last && chars.length > 2) || c === '·' ? c : '*')).join('');
}

// ---------------------------------------------------------------------------------------------
// Encryption at rest (P1): AES-256-GCM, self-describing `v1.<keyId>.<iv>.<ciphertext>.<tag>`
// ---------------------------------------------------------------------------------------------

export type PiiCryptoErrorCode = 'bad_key' | 'malformed' | 'unknown_key' | 'tampered';

/** Thrown by the crypto helpers. The message never contains plaintext, ciphertext or key material. */
export class PiiCryptoError extends Error {
  readonly code: PiiCryptoErrorCode;
  constructor(code: PiiCryptoErrorCode, message: string) {
    super(message);
    this.name = 'PiiCryptoError';
    this.code = code;
  }
}

export interface PiiKey {
  /** Short id stored beside every value so keys can rotate: letters, digits, `_` and `-` only. */
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

const FORMAT_VERSION = 'v1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const B64URL = /^[A-Za-z0-9_-]*$/;

function assertAesKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== 32) throw new PiiCryptoError('bad_key', 'PII encryption key must be 32 bytes');
}

/**
 * Strict base64url decoding. Node's decoder ignores stray characters and the unused low bits
 * of the last character, so two different strings can decode to the same bytes; insisting on
 * the canonical encoding makes every changed character of a stored value detectable.
 */
function fromB64url(part: string): Buffer | null {
  if (!B64URL.test(part)) return null;
  const buf = Buffer.from(part, 'base64url');
  return buf.toString('base64url') === part ? buf : null;
}

/** The associated data binds the format version and key id into the tag. */
function aad(keyId: string): Buffer {
  return Buffer.from(`${FORMAT_VERSION}.${keyId}`, 'utf8');
}

export function encryptPii(plain: string, key: PiiKey): string {
  if (!KEY_ID.test(key.id)) throw new PiiCryptoError('bad_key', 'PII key id must be 1–32 characters of A–Z, a–z, 0–9, _ or -');
  assertAesKey(key.key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(key.id));
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [FORMAT_VERSION, key.id, iv.toString('base64url'), ct.toString('base64url'), tag.toString('base64url')].join('.');
}

/**
 * Decrypts a value from `encryptPii`, choosing the key by the id stored in the value, so a
 * keyring holding the old and the new key reads both during a rotation.
 * Throws PiiCryptoError: 'malformed' | 'unknown_key' | 'bad_key' | 'tampered'.
 */
export function decryptPii(stored: string, keys: Readonly<Record<string, Buffer>>): string {
  const parts = stored.split('.');
  if (parts.length !== 5 || parts[0] !== FORMAT_VERSION) throw new PiiCryptoError('malformed', 'Not an encrypted PII value (v1)');
  const [, keyId = '', ivPart = '', ctPart = '', tagPart = ''] = parts;
  if (!KEY_ID.test(keyId)) throw new PiiCryptoError('malformed', 'Encrypted PII value has an invalid key id');
  const iv = fromB64url(ivPart);
  const ct = fromB64url(ctPart);
  const tag = fromB64url(tagPart);
  if (!iv || iv.length !== IV_BYTES || !ct || !tag || tag.length !== TAG_BYTES) {
    throw new PiiCryptoError('malformed', 'Encrypted PII value is malformed');
  }
  // Own properties only: a key id such as "constructor" must not reach Object.prototype.
  const key = Object.hasOwn(keys, keyId) ? keys[keyId] : undefined;
  if (!key) throw new PiiCryptoError('unknown_key', `No PII key with id "${keyId}" in the keyring`);
  assertAesKey(key);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(keyId));
    decipher.setAuthTag(tag);
    // fatal: invalid UTF-8 cannot come out of a value that passed the tag, but fail loudly if it does.
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat([decipher.update(ct), decipher.final()]));
  } catch {
    throw new PiiCryptoError('tampered', 'Encrypted PII value failed authentication (altered, or wrong key)');
  }
}

/**
 * Keyed hash for lookup and uniqueness: HMAC-SHA-256 (hex) of the normalised value, so
 * `11010519491231002x` and `11010519491231002X`, or `138 0000 0001` and `13800000001`, match.
 */
export function hashPii(value: string, hmacKey: Buffer): string {
  if (!Buffer.isBuffer(hmacKey) || hmacKey.length < 32) throw new PiiCryptoError('bad_key', 'PII hash key must be at least 32 bytes');
  return createHmac('sha256', hmacKey).update(canonical(value), 'utf8').digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Synthetic people for demo seeds (deterministic from a seed; never real persons)
// ---------------------------------------------------------------------------------------------

/** Callable (`rng()` is `rng.next()`), so it also serves code that wants a plain `() => number`. */
export interface Rng {
  (): number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: small, fast, good enough for demo data; the same seed gives the same sequence. */
export function createRng(seed: number): Rng {
  let a = (Number.isFinite(seed) ? Math.trunc(seed) : 0) >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError('pick needs a non-empty list');
    return items[int(0, items.length - 1)] as T;
  };
  return Object.assign(() => next(), { next, int, pick });
}

export interface FakeIdOptions {
  /** 6-digit administrative division code, e.g. '130681' = 涿州市. */
  regionCode: string;
  minYear: number;
  maxYear: number;
  /** The 17th digit is odd for men and even for women. Random when omitted. */
  sex?: 'male' | 'female';
  /** Birth dates never fall after this day (China Standard Time). Defaults to now. */
  now?: Date;
}

/** A synthetic ID number that passes every check (shape, real birth date, check digit). */
export function fakeIdNumber(rng: Rng, opts: FakeIdOptions): string {
  const { regionCode, minYear, maxYear } = opts;
  if (!/^[1-9]\d{5}$/.test(regionCode)) throw new RangeError('regionCode must be 6 digits');
  if (!Number.isInteger(minYear) || !Number.isInteger(maxYear) || minYear < 1900 || minYear > maxYear) {
    throw new RangeError('need integer years with 1900 <= minYear <= maxYear');
  }
  const first = fromCstDate(`${minYear}-01-01`);
  const today = cstDayStart(opts.now ?? new Date());
  const endOfRange = fromCstDate(`${maxYear}-12-31`);
  const last = endOfRange < today ? endOfRange : today;
  if (last < first) throw new RangeError('minYear is after today');
  const birth = addCalendarDays(first, rng.int(0, calendarDaysBetween(last, first)));
  const ymd = cstDate(birth).replace(/-/g, '');
  const order = rng.int(0, 99);
  const sexDigit = opts.sex === 'male' ? rng.pick([1, 3, 5, 7, 9]) : opts.sex === 'female' ? rng.pick([0, 2, 4, 6, 8]) : rng.int(0, 9);
  const first17 = `${regionCode}${ymd}${String(order).padStart(2, '0')}${sexDigit}`;
  return first17 + idCheckChar(first17);
}

/** Mobile-virtual-operator prefixes (170/171): valid shape, and a seed must never send them SMS. */
const FAKE_MOBILE_PREFIXES = ['170', '171'] as const;

export function fakeMobile(rng: Rng): string {
  let digits = '';
  for (let i = 0; i < 8; i++) digits += String(rng.int(0, 9));
  return rng.pick(FAKE_MOBILE_PREFIXES) + digits;
}

// Common surnames (roughly the most frequent hundred) and everyday given-name characters.
const SURNAMES = Array.from(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝',
);
const GIVEN_CHARS = Array.from(
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国玉文辉鹏宇浩然子轩欣怡梓涵思雨晨阳佳琪嘉俊峰志红海波春梅雪丹凤立新永健小龙云飞德胜淑珍金芝晓东振',
);

/** A synthetic Chinese name: a common surname and one or two given-name characters. */
export function fakeChineseName(rng: Rng): string {
  const given = rng.int(1, 2);
  let name = rng.pick(SURNAMES);
  for (let i = 0; i < given; i++) name += rng.pick(GIVEN_CHARS);
  return name;
}
