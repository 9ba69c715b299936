import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PiiCryptoError,
  birthDateFromId,
  createRng,
  decryptPii,
  encryptPii,
  fakeChineseName,
  fakeIdNumber,
  fakeMobile,
  hashPii,
  idCheckChar,
  idNumberProblem,
  isValidIdNumber,
  maskIdNumber,
  maskName,
  maskPhone,
  mobileProblem,
  normaliseIdNumber,
  normaliseMobile,
} from '@/lib/pii';
import { realNameSchema } from '@/lib/validators';

// The check digit computed here, independently of lib/pii.ts, straight from GB 11643 / ISO 7064
// MOD 11-2: weight of position i (1-based, counting the check digit as position 1 from the
// right) is 2^(i-1) mod 11; the check value makes the weighted sum ≡ 1 (mod 11).
function referenceCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}
const withCheck = (first17: string): string => first17 + referenceCheckChar(first17);

const NOW = new Date('2025-06-01T04:00:00Z');

/** Valid IDs: any 6-digit region, a real birth date 1900..2025-05-31, any 3-digit sequence. */
const validId = fc
  .record({
    region: fc.integer({ min: 110000, max: 999999 }),
    day: fc.integer({ min: 0, max: Math.floor((Date.UTC(2025, 4, 31) - Date.UTC(1900, 0, 1)) / 86_400_000) }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, day, seq }) => {
    const ymd = new Date(Date.UTC(1900, 0, 1) + day * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    return withCheck(`${region}${ymd}${String(seq).padStart(3, '0')}`);
  });

describe('national ID number (V2)', () => {
  it('accepts known valid numbers, including the published GB 11643 example', () => {
    expect(idNumberProblem('11010519491231002X', { now: NOW })).toBeNull();
    expect(idNumberProblem('11010519491231002x', { now: NOW })).toBeNull(); // lower-case x
    expect(referenceCheckChar('11010519491231002')).toBe('X');
    for (const first17 of ['13068119800229001', '11010519900101123', '13068120000229456', '44030119991231999', '65010219000101000']) {
      const id = withCheck(first17);
      expect(idNumberProblem(id, { now: NOW }), id).toBeNull();
      expect(isValidIdNumber(id, { now: NOW })).toBe(true);
      expect(idCheckChar(first17)).toBe(referenceCheckChar(first17));
    }
  });

  it('normalises spaces, dashes, full-width digits and a lower-case x', () => {
    expect(normaliseIdNumber(' 110105 19491231 002x ')).toBe('11010519491231002X');
    expect(normaliseIdNumber('110105-19491231-002X')).toBe('11010519491231002X');
    expect(normaliseIdNumber('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X');
    expect(isValidIdNumber('110105 19491231 002x', { now: NOW })).toBe(true);
  });

  it('reports the shape before anything else', () => {
    for (const s of ['', '1101051949123100', '1101051949123100211', '11010519491231002Y', 'X10105194912310021', '1101051949123100X2', 'abcdefghijklmnopqr', '1'.repeat(1000)]) {
      expect(idNumberProblem(s, { now: NOW }), s).toBe('format');
    }
  });

  it('rejects impossible or out-of-range birth dates even with a correct check digit', () => {
    const cases = [
      '13068119900230001', // 30 February
      '13068119901301001', // month 13
      '13068119900001001', // month 0
      '13068119900100001', // day 0
      '13068119900431001', // 31 April
      '13068119000229001', // 1900 was not a leap year
      '13068120230229001', // nor 2023
      '13068118991231001', // before 1900
      '13068120250602001', // after "today" (2025-06-01)
    ];
    for (const first17 of cases) expect(idNumberProblem(withCheck(first17), { now: NOW }), first17).toBe('birthdate');
    // The standard's other published example is born in 1880: its check digit is right, but
    // nobody that old is expected among residents.
    expect(referenceCheckChar('44052418800101001')).toBe('4');
    expect(idNumberProblem('440524188001010014', { now: NOW })).toBe('birthdate');
    // Leap days that do exist
    expect(idNumberProblem(withCheck('13068120000229001'), { now: NOW })).toBeNull();
    expect(idNumberProblem(withCheck('13068120240229001'), { now: NOW })).toBeNull();
  });

  it('judges "today" in China Standard Time', () => {
    const id = withCheck('13068120250602001'); // born 2 June 2025
    expect(idNumberProblem(id, { now: new Date('2025-06-01T15:59:59Z') })).toBe('birthdate'); // 23:59 on 1 June in Beijing
    expect(idNumberProblem(id, { now: new Date('2025-06-01T16:00:00Z') })).toBeNull(); // 00:00 on 2 June in Beijing
  });

  it('reports a wrong check digit as checksum', () => {
    const id = '11010519491231002X';
    for (const c of '0123456789') expect(idNumberProblem(id.slice(0, 17) + c, { now: NOW })).toBe('checksum');
  });

  it('rejects every single-character change of a valid number', () => {
    fc.assert(
      fc.property(validId, (id) => {
        expect(idNumberProblem(id, { now: NOW })).toBeNull();
        for (let i = 0; i < 18; i++) {
          for (const c of i === 17 ? '0123456789X' : '0123456789') {
            if (c === id[i]) continue;
            const changed = id.slice(0, i) + c + id.slice(i + 1);
            expect(idNumberProblem(changed, { now: NOW }), changed).not.toBeNull();
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('rejects every swap of two neighbouring different characters of a valid number', () => {
    fc.assert(
      fc.property(validId, (id) => {
        for (let i = 0; i < 17; i++) {
          if (id[i] === id[i + 1]) continue;
          const swapped = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
          expect(idNumberProblem(swapped, { now: NOW }), swapped).not.toBeNull();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads the birth date of a valid number only', () => {
    expect(birthDateFromId('11010519491231002X', { now: NOW })).toBe('1949-12-31');
    expect(birthDateFromId('110105194912310021', { now: NOW })).toBeNull();
    expect(birthDateFromId(withCheck('13068119900230001'), { now: NOW })).toBeNull();
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect([null, 'format', 'birthdate', 'checksum']).toContain(idNumberProblem(s));
      }),
    );
  });
});

describe('mobile number (V3)', () => {
  it('accepts 11 digits starting 13–19, after removing spaces, dashes and +86', () => {
    for (const s of ['13800000001', '19912345678', '138 0000 0001', '138-0000-0001', '+86 138 0000 0001', '0086-13800000001', '１３８００００００01']) {
      expect(mobileProblem(s), s).toBeNull();
      expect(normaliseMobile(s)).toBe(s.includes('199') ? '19912345678' : '13800000001');
    }
  });

  it('refuses the wrong length or characters as format, and a wrong start as prefix', () => {
    for (const s of ['', '1380000000', '138000000012', '1380000000a', 'abcdefghijk', '+1 13800000001', '86 13800000001x']) {
      expect(mobileProblem(s), s).toBe('format');
    }
    for (const s of ['12800000001', '10000000000', '23800000001', '03800000001']) expect(mobileProblem(s), s).toBe('prefix');
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => void expect([null, 'format', 'prefix']).toContain(mobileProblem(s))));
  });
});

describe('masking (P2)', () => {
  it('masks ID numbers as 6 + 8 stars + 4', () => {
    expect(maskIdNumber('110105199001011234')).toBe('110105********1234');
    expect(maskIdNumber('11010519491231002x')).toBe('110105********002X');
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber('1234567')).toBe('*******'); // too short to show anything
    expect(maskIdNumber('110105491231002')).toBe('***********1002'); // old 15-digit number
  });

  it('masks phone numbers as 3 + 4 stars + 4', () => {
    expect(maskPhone('13800000001')).toBe('138****0001');
    expect(maskPhone('+86 138 0000 0001')).toBe('138****0001');
    expect(maskPhone('123')).toBe('***');
  });

  it('masks Chinese names keeping the first and last character', () => {
    expect(maskName('张三明')).toBe('张*明');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('张')).toBe('*');
    expect(maskName(' 张 三 明 ')).toBe('张*明');
    expect(maskName('买买提·艾力')).toBe('买**·*力');
    expect(maskName('𠀾小明')).toBe('𠀾*明'); // a character outside the BMP counts once
    expect(maskName('')).toBe('');
  });

  it('masks Latin names keeping the first letter of each word', () => {
    expect(maskName('John Smith')).toBe('J*** S****');
    expect(maskName('Mary-Jane O’Neil')).toBe('M***-J*** O’N***');
    expect(maskName('Li')).toBe('L*');
  });

  it('never shows more than the visible part of any value', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const visible = (m: string) => Array.from(m).filter((c) => c !== '*').length;
        expect(visible(maskIdNumber(s))).toBeLessThanOrEqual(10);
        expect(visible(maskPhone(s))).toBeLessThanOrEqual(7);
      }),
    );
  });
});

describe('encryption at rest (P1)', () => {
  const oldKey = { id: 'k2024', key: randomBytes(32) };
  const newKey = { id: 'k2025', key: randomBytes(32) };
  const id = '11010519491231002X';

  it('round-trips, including empty and non-ASCII values', () => {
    for (const plain of [id, '', '张三明', '𠀾'.repeat(100)]) expect(decryptPii(encryptPii(plain, newKey), { k2025: newKey.key })).toBe(plain);
    fc.assert(fc.property(fc.string(), (plain) => decryptPii(encryptPii(plain, newKey), { k2025: newKey.key }) === plain));
  });

  it('writes a self-describing value with a fresh 12-byte IV and never the plaintext', () => {
    const a = encryptPii(id, newKey);
    const b = encryptPii(id, newKey);
    expect(a).not.toBe(b);
    const [version, keyId, iv, ct, tag] = a.split('.');
    expect(version).toBe('v1');
    expect(keyId).toBe('k2025');
    expect(Buffer.from(iv ?? '', 'base64url')).toHaveLength(12);
    expect(Buffer.from(ct ?? '', 'base64url')).toHaveLength(18);
    expect(Buffer.from(tag ?? '', 'base64url')).toHaveLength(16);
    expect(a).not.toContain(id);
    expect(iv).not.toBe(b.split('.')[2]);
  });

  it('detects any changed character of the IV, ciphertext or tag', () => {
    const stored = encryptPii(id, newKey);
    const parts = stored.split('.');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (const part of [2, 3, 4]) {
      const text = parts[part] ?? '';
      for (let i = 0; i < text.length; i++) {
        // Every other character at this position, including ones that differ only in the
        // unused low bits of the last base64 character.
        for (const c of alphabet) {
          if (c === text[i]) continue;
          const tampered = [...parts];
          tampered[part] = text.slice(0, i) + c + text.slice(i + 1);
          expect(() => decryptPii(tampered.join('.'), { k2025: newKey.key })).toThrow(PiiCryptoError);
        }
      }
    }
  });

  it('refuses a value moved to another key id, a truncated tag, and the wrong key', () => {
    const stored = encryptPii(id, newKey);
    const parts = stored.split('.');
    const relabelled = ['v1', 'k2024', ...parts.slice(2)].join('.');
    expect(() => decryptPii(relabelled, { k2024: newKey.key })).toThrow(expect.objectContaining({ code: 'tampered' }));
    const shortTag = [...parts.slice(0, 4), Buffer.from(parts[4] ?? '', 'base64url').subarray(0, 12).toString('base64url')].join('.');
    expect(() => decryptPii(shortTag, { k2025: newKey.key })).toThrow(expect.objectContaining({ code: 'malformed' }));
    expect(() => decryptPii(stored, { k2025: oldKey.key })).toThrow(expect.objectContaining({ code: 'tampered' }));
  });

  it('picks the key by id, so old and new keys can be read during a rotation', () => {
    const keyring = { k2024: oldKey.key, k2025: newKey.key };
    const before = encryptPii(id, oldKey);
    const after = encryptPii(id, newKey);
    expect(decryptPii(before, keyring)).toBe(id);
    expect(decryptPii(after, keyring)).toBe(id);
    expect(() => decryptPii(before, { k2025: newKey.key })).toThrow(expect.objectContaining({ code: 'unknown_key' }));
  });

  it('throws typed errors that never contain the plaintext', () => {
    const stored = encryptPii(id, newKey);
    for (const bad of ['', 'v1', id, 'v2.k2025.a.b.c', `v1.k2025.${'A'.repeat(16)}..${'A'.repeat(22)}`, stored.replace('v1.k2025', 'v1.constructor'), stored.replace('v1.k2025', 'v1.__proto__')]) {
      try {
        decryptPii(bad, { k2025: newKey.key });
        expect.unreachable(bad);
      } catch (e) {
        expect(e).toBeInstanceOf(PiiCryptoError);
        expect(String(e)).not.toContain(id);
      }
    }
  });

  it('refuses bad keys and key ids', () => {
    expect(() => encryptPii(id, { id: 'k1', key: randomBytes(16) })).toThrow(expect.objectContaining({ code: 'bad_key' }));
    expect(() => encryptPii(id, { id: 'a.b', key: randomBytes(32) })).toThrow(expect.objectContaining({ code: 'bad_key' }));
    expect(() => encryptPii(id, { id: '', key: randomBytes(32) })).toThrow(expect.objectContaining({ code: 'bad_key' }));
  });
});

describe('keyed hash (P1)', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);

  it('is stable, hex, and the same for every way of writing one value', () => {
    const h = hashPii('11010519491231002X', k1);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(hashPii('11010519491231002X', k1)).toBe(h);
    expect(hashPii('11010519491231002x', k1)).toBe(h);
    expect(hashPii(' 110105 19491231 002x', k1)).toBe(h);
    expect(hashPii('+86 138-0000-0001', k1)).toBe(hashPii('13800000001', k1));
  });

  it('depends on the key and on the value', () => {
    expect(hashPii('11010519491231002X', k1)).not.toBe(hashPii('11010519491231002X', k2));
    expect(hashPii('11010519491231002X', k1)).not.toBe(hashPii('110105194912310021', k1));
  });

  it('refuses a short key', () => {
    expect(() => hashPii('x', Buffer.alloc(0))).toThrow(PiiCryptoError);
  });
});

describe('synthetic people for seeds', () => {
  it('is deterministic from the seed', () => {
    const run = (seed: number) => {
      const rng = createRng(seed);
      return [fakeIdNumber(rng, { regionCode: '130681', minYear: 1940, maxYear: 2005, now: NOW }), fakeMobile(rng), fakeChineseName(rng)];
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('always produces valid ID numbers within the requested years', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1900, max: 2025 }), fc.integer({ min: 0, max: 80 }), fc.constantFrom('male', 'female', undefined), (seed, minYear, span, sex) => {
        const maxYear = minYear + span;
        const rng = createRng(seed);
        for (let i = 0; i < 10; i++) {
          const id = fakeIdNumber(rng, { regionCode: '130681', minYear, maxYear, sex, now: NOW });
          expect(idNumberProblem(id, { now: NOW }), id).toBeNull();
          expect(id.slice(0, 6)).toBe('130681');
          const year = Number(id.slice(6, 10));
          expect(year).toBeGreaterThanOrEqual(minYear);
          expect(year).toBeLessThanOrEqual(Math.min(maxYear, 2025));
          if (sex) expect(Number(id[16]) % 2).toBe(sex === 'male' ? 1 : 0);
        }
      }),
    );
  });

  it('refuses impossible options', () => {
    const rng = createRng(1);
    expect(() => fakeIdNumber(rng, { regionCode: '13068', minYear: 1950, maxYear: 2000 })).toThrow(RangeError);
    expect(() => fakeIdNumber(rng, { regionCode: '130681', minYear: 2000, maxYear: 1950 })).toThrow(RangeError);
    expect(() => fakeIdNumber(rng, { regionCode: '130681', minYear: 1800, maxYear: 1950 })).toThrow(RangeError);
  });

  it('always produces valid mobile numbers in the virtual-operator ranges', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const rng = createRng(seed);
        for (let i = 0; i < 10; i++) {
          const m = fakeMobile(rng);
          expect(mobileProblem(m)).toBeNull();
          expect(m).toMatch(/^17[01]\d{8}$/);
        }
      }),
    );
  });

  it('always produces names of 2–3 Chinese characters that pass the real-name schema', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const rng = createRng(seed);
        for (let i = 0; i < 10; i++) {
          const name = fakeChineseName(rng);
          expect(name).toMatch(/^\p{Script=Han}{2,3}$/u);
          expect(realNameSchema.safeParse(name).success).toBe(true);
        }
      }),
    );
  });

  it('spreads values reasonably (no stuck generator)', () => {
    const rng = createRng(2024);
    const mobiles = new Set(Array.from({ length: 1000 }, () => fakeMobile(rng)));
    expect(mobiles.size).toBeGreaterThan(995);
    for (let i = 0; i < 1000; i++) {
      const x = i % 2 ? rng.next() : rng(); // callable too, for code that wants () => number
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});
