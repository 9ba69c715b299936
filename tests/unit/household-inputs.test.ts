// The household forms' number fields: a whole number outside the allowed range is refused with
// its own key, whose sentence states the range (from the same constants), not with the
// "please enter a number" sentence meant for something that is not a number at all.
import { describe, expect, it } from 'vitest';
import { createTranslator } from 'next-intl';
import { intlLocale } from '@/lib/i18n/locale';
import zh from '@/messages/zh-CN.json';
import en from '@/messages/en.json';
import { addMemberInput, floorField } from '@/server/households/form-inputs';
import { BIRTH_YEAR_MIN, FLOOR_MAX, FLOOR_MIN, birthYearMax, rangeValues } from '@/lib/field-limits';

const keysOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, field?: string) =>
  r.success ? [] : r.error!.issues.filter((i) => field === undefined || i.path[0] === field).map((i) => i.message);

describe('floor', () => {
  it('refuses a whole number out of range, and floor 0, with the range key', () => {
    for (const v of ['0', '100', '-5', String(FLOOR_MAX + 1), String(FLOOR_MIN - 1)]) expect(keysOf(floorField.safeParse(v)), v).toEqual(['household.errors.floorRange']);
  });
  it('refuses what is not a whole number with the number key', () => {
    for (const v of ['abc', '1.5', '一楼']) expect(keysOf(floorField.safeParse(v)), v).toEqual(['household.errors.floor']);
  });
  it('takes the bounds and a blank', () => {
    expect(floorField.parse(String(FLOOR_MIN))).toBe(FLOOR_MIN);
    expect(floorField.parse(String(FLOOR_MAX))).toBe(FLOOR_MAX);
    expect(floorField.parse(' ')).toBeUndefined();
  });
});

describe('a member\'s year of birth', () => {
  const member = (birthYear: string) => addMemberInput.safeParse({ name: '王小明', relation: 'child', birthYear });
  it('refuses 4 digits out of range with the range key', () => {
    for (const v of ['1800', '2030', String(birthYearMax() + 1), String(BIRTH_YEAR_MIN - 1)]) expect(keysOf(member(v), 'birthYear'), v).toEqual(['household.errors.birthYearRange']);
  });
  it('refuses what is not a year with the number key', () => {
    expect(keysOf(member('19五6'), 'birthYear')).toEqual(['household.errors.birthYear']);
  });
  it('takes a year in range', () => {
    expect(member('1956').success).toBe(true);
    expect(member(String(birthYearMax())).success).toBe(true);
  });
});

describe('the range sentences', () => {
  it('state the validator\'s bounds in both languages, a year without a thousands separator', () => {
    for (const [locale, messages] of [['zh-CN', zh], ['en', en]] as const) {
      const t = createTranslator({ locale: intlLocale(locale), messages, onError: (e) => { throw e; } });
      const floor = t('household.errors.floorRange', rangeValues('floor'));
      expect(floor).toContain(String(FLOOR_MIN));
      expect(floor).toContain(String(FLOOR_MAX));
      const year = t('household.errors.birthYearRange', rangeValues('birthYear', new Date('2026-06-01T00:00:00Z')));
      expect(year).toContain(String(BIRTH_YEAR_MIN));
      expect(year).toContain('2026');
      expect(year).not.toContain('1,900');
    }
  });
});

describe('birthYearMax', () => {
  it('is the year in China Standard Time', () => {
    expect(birthYearMax(new Date('2025-12-31T16:30:00Z'))).toBe(2026); // 00:30 on 1 Jan in Beijing
    expect(birthYearMax(new Date('2025-12-31T15:30:00Z'))).toBe(2025);
  });
});
