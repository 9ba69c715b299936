import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type z } from 'zod';
import { COMMON_PASSWORDS, isCommonPassword } from '@/lib/common-passwords';
import {
  VALIDATION_MESSAGE_KEYS,
  formSchema,
  idNumberSchema,
  mobileSchema,
  passwordSchema,
  realNameSchema,
  reasonSchema,
} from '@/lib/validators';

const SCHEMAS = { idNumber: idNumberSchema, mobile: mobileSchema, password: passwordSchema, realName: realNameSchema, reason: reasonSchema };

/** The message keys of a failed parse (and that the parse failed). */
function keysOf(schema: z.ZodType, input: unknown): string[] {
  const r = schema.safeParse(input);
  expect(r.success).toBe(false);
  return r.success ? [] : r.error.issues.map((i) => i.message);
}

describe('every schema (V1)', () => {
  const knownKeys = new Set<string>(VALIDATION_MESSAGE_KEYS);

  it('never throws on arbitrary values, and every failure carries a known validation.* key', () => {
    for (const [name, schema] of Object.entries(SCHEMAS)) {
      fc.assert(
        fc.property(fc.oneof(fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true }), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme', maxLength: 600 })), (input) => {
          const r = schema.safeParse(input);
          if (!r.success) {
            expect(r.error.issues.length, name).toBeGreaterThan(0);
            for (const issue of r.error.issues) {
              expect(issue.message.startsWith('validation.'), `${name}: ${issue.message}`).toBe(true);
              expect(knownKeys.has(issue.message), `${name}: ${issue.message}`).toBe(true);
            }
          }
        }),
        { numRuns: 500 },
      );
    }
  });

  it('turns arbitrary form shapes into known message keys, never an exception', () => {
    const form = formSchema(SCHEMAS);
    fc.assert(
      fc.property(fc.oneof(fc.dictionary(fc.constantFrom(...Object.keys(SCHEMAS), 'extra'), fc.anything()), fc.anything()), (input) => {
        const r = form.safeParse(input);
        if (!r.success) {
          for (const issue of r.error.issues) expect(knownKeys.has(issue.message), issue.message).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reports a missing field as required and a non-string as invalidType', () => {
    for (const [name, schema] of Object.entries(SCHEMAS)) {
      expect(keysOf(schema, undefined)).toEqual([`validation.${name}.required`]);
      expect(keysOf(schema, null)).toEqual([`validation.${name}.required`]);
      expect(keysOf(schema, '')).toEqual([`validation.${name}.required`]);
      expect(keysOf(schema, 42)).toEqual(['validation.invalidType']);
      expect(keysOf(schema, {})).toEqual(['validation.invalidType']);
    }
  });

  it('never puts the typed value into an error (P4: errors get logged)', () => {
    const r = idNumberSchema.safeParse('110105194912310021');
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error)).not.toContain('110105194912310021');
    const p = passwordSchema.safeParse('Password');
    expect(JSON.stringify(p.error)).not.toContain('Password');
  });
});

describe('idNumberSchema', () => {
  it('accepts and normalises a valid number', () => {
    expect(idNumberSchema.parse('11010519491231002x')).toBe('11010519491231002X');
    expect(idNumberSchema.parse(' 110105 19491231 002X ')).toBe('11010519491231002X');
  });

  it('names the problem', () => {
    expect(keysOf(idNumberSchema, '1101051949123100')).toEqual(['validation.idNumber.format']);
    expect(keysOf(idNumberSchema, '110105194902300024')).toEqual(['validation.idNumber.birthdate']);
    expect(keysOf(idNumberSchema, '110105194912310021')).toEqual(['validation.idNumber.checksum']);
    expect(keysOf(idNumberSchema, '   ')).toEqual(['validation.idNumber.required']);
  });
});

describe('mobileSchema', () => {
  it('accepts and normalises', () => {
    expect(mobileSchema.parse('138 0000 0001')).toBe('13800000001');
    expect(mobileSchema.parse('+86-138-0000-0001')).toBe('13800000001');
  });

  it('names the problem', () => {
    expect(keysOf(mobileSchema, '1380000000')).toEqual(['validation.mobile.format']);
    expect(keysOf(mobileSchema, '12800000001')).toEqual(['validation.mobile.prefix']);
  });
});

describe('passwordSchema (S1)', () => {
  it('accepts a reasonable password unchanged', () => {
    expect(passwordSchema.parse(' correct horse battery ')).toBe(' correct horse battery ');
    expect(passwordSchema.parse('涿州水后重建2023')).toBe('涿州水后重建2023');
  });

  it('refuses short and long passwords, counting characters as a person does', () => {
    expect(keysOf(passwordSchema, 'Abc12!x')).toEqual(['validation.password.tooShort']);
    expect(passwordSchema.safeParse('Abc12!xy').success).toBe(true);
    expect(passwordSchema.safeParse('𠀾𠀾𠀾𠀾𠀾𠀾𠀾a').success).toBe(true); // 8 characters, 15 UTF-16 units
    expect(keysOf(passwordSchema, '𠀾𠀾𠀾𠀾a')).toEqual(['validation.password.tooShort']);
    expect(passwordSchema.safeParse('aB3'.repeat(42) + 'xy').success).toBe(true); // 128
    expect(keysOf(passwordSchema, 'aB3'.repeat(43))).toEqual(['validation.password.tooLong']); // 129
    expect(keysOf(passwordSchema, 'x'.repeat(100_000))).toEqual(['validation.password.tooLong']);
  });

  it('refuses the common passwords of 8 characters or more, in any case', () => {
    for (const p of ['12345678', '123456789', 'woaini1314', 'qq123456', 'abc123456', 'password', 'iloveyou', 'PassWord', 'IloveYou', 'WOAINI1314', '1qaz2wsx', '5201314520']) {
      expect(keysOf(passwordSchema, p), p).toEqual(['validation.password.common']);
    }
    for (const p of COMMON_PASSWORDS) {
      if (Array.from(p).length < 8 || new Set(p).size === 1) continue;
      expect(keysOf(passwordSchema, p), p).toEqual(['validation.password.common']);
      expect(keysOf(passwordSchema, p.toUpperCase()), p).toEqual(['validation.password.common']);
    }
  });

  it('refuses one character repeated', () => {
    for (const p of ['aaaaaaaa', 'AaAaAaAa', '99999999999', '张张张张张张张张']) expect(keysOf(passwordSchema, p), p).toEqual(['validation.password.repeated']);
  });
});

describe('common password list', () => {
  it('is a few hundred lower-case entries including the Chinese favourites', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(200);
    for (const p of COMMON_PASSWORDS) expect(p).toBe(p.toLowerCase());
    for (const p of ['123456', '123456789', '111111', 'a123456', '5201314', 'woaini1314', 'qq123456', '88888888', '12345678', 'password', 'iloveyou', '000000', '666666', 'abc123456']) {
      expect(COMMON_PASSWORDS.has(p), p).toBe(true);
    }
    expect(isCommonPassword('QQ123456')).toBe(true);
    expect(isCommonPassword('a distinctive phrase')).toBe(false);
  });
});

describe('realNameSchema', () => {
  it('accepts Chinese, minority and Latin names, and tidies them', () => {
    expect(realNameSchema.parse('张三')).toBe('张三');
    expect(realNameSchema.parse(' 张 三 明 ')).toBe('张三明');
    expect(realNameSchema.parse('买买提·艾力')).toBe('买买提·艾力');
    expect(realNameSchema.parse('买买提・艾力')).toBe('买买提·艾力'); // katakana middle dot from an IME
    expect(realNameSchema.parse('买买提 · 艾力')).toBe('买买提·艾力');
    expect(realNameSchema.parse('John  Smith')).toBe('John Smith');
    expect(realNameSchema.parse('Ｊｏｈｎ Ｓｍｉｔｈ')).toBe('John Smith');
    expect(realNameSchema.parse("Mary-Jane O'Neil")).toBe("Mary-Jane O'Neil");
    expect(realNameSchema.parse('José Núñez')).toBe('José Núñez');
    expect(realNameSchema.parse('𠀾小明')).toBe('𠀾小明');
  });

  it('names the problem', () => {
    expect(keysOf(realNameSchema, '张')).toEqual(['validation.realName.tooShort']);
    expect(keysOf(realNameSchema, '张'.repeat(31))).toEqual(['validation.realName.tooLong']);
    expect(realNameSchema.safeParse('张'.repeat(30)).success).toBe(true);
    for (const bad of ['张三1', 'Zhang3', '张三!', '·张三', '张三·', '张··三', 'John--Smith', '<script>', '😀😀', '김철수']) {
      expect(keysOf(realNameSchema, bad), bad).toEqual(['validation.realName.characters']);
    }
  });
});

describe('reasonSchema', () => {
  it('trims and accepts 2–500 characters', () => {
    expect(reasonSchema.parse('  一楼进水，照片见附件  ')).toBe('一楼进水，照片见附件');
    expect(reasonSchema.parse('好的')).toBe('好的');
    expect(reasonSchema.safeParse('字'.repeat(500)).success).toBe(true);
  });

  it('names the problem', () => {
    expect(keysOf(reasonSchema, ' 好 ')).toEqual(['validation.reason.tooShort']);
    expect(keysOf(reasonSchema, '字'.repeat(501))).toEqual(['validation.reason.tooLong']);
    expect(keysOf(reasonSchema, ' \n\t ')).toEqual(['validation.reason.required']);
  });
});

describe('formSchema', () => {
  it('names each failing field by its path, and a body that is not an object as invalidType', () => {
    const form = formSchema({ idNumber: idNumberSchema, mobile: mobileSchema, reason: reasonSchema.optional() });
    const r = form.safeParse({ idNumber: '110105194912310021', mobile: '12800000001' });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
        ['idNumber', 'validation.idNumber.checksum'],
        ['mobile', 'validation.mobile.prefix'],
      ]);
    }
    const notAnObject = formSchema({ mobile: mobileSchema }).safeParse('mobile=13800000001');
    expect(notAnObject.success).toBe(false);
    if (!notAnObject.success) expect(notAnObject.error.issues.map((i) => i.message)).toEqual(['validation.invalidType']);
  });
});
