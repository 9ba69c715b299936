// The settings forms' sentences name the limits the validators enforce: a limit changed in code
// (lib/programs/limits.ts, lib/programme-settings.ts, lib/grievances.ts) without its words
// would tell an official a range the form then refuses.
import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import zh from '@/messages/zh-CN.json';
import { RESOLVE_DAYS_MAX, RESPOND_DAYS_MAX } from '@/lib/grievances';
import { NOTICE_DAYS_MAX } from '@/lib/programme-settings';
import { TONNES_MAX, YEARS_MAX, YEARS_MIN, YUAN_MAX } from '@/lib/programs/limits';

type Tree = { [k: string]: string | Tree };

function message(catalogue: Tree, key: string): string {
  const found = key.split('.').reduce<string | Tree | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), catalogue);
  if (typeof found !== 'string') throw new Error(`no message ${key}`);
  return found;
}

/** The numbers a sentence names, as written (1,000,000 → 1000000). */
function numbersIn(sentence: string): number[] {
  return (sentence.match(/\d[\d,]*/g) ?? []).map((n) => Number(n.replace(/,/g, '')));
}

const LIMITS: [key: string, numbers: number[]][] = [
  ['countyProgrammes.errors.yuan', [0, YUAN_MAX]],
  ['countyProgrammes.errors.years', [YEARS_MIN, YEARS_MAX]],
  ['countyProgrammes.errors.tonnes', [0, TONNES_MAX]],
  ['countyProgrammes.errors.noticeDays', [0, NOTICE_DAYS_MAX]],
  ['countyProgrammes.fields.noticeDaysHint', [0, NOTICE_DAYS_MAX, 0]],
  ['countyProgrammes.errors.respondDays', [1, RESPOND_DAYS_MAX]],
  ['countyProgrammes.errors.resolveDays', [1, RESOLVE_DAYS_MAX]],
];

describe.each([
  ['zh-CN', zh as unknown as Tree],
  ['en', en as unknown as Tree],
])('the %s settings sentences', (_lang, catalogue) => {
  it.each(LIMITS)('%s names the limits the validator enforces', (key, numbers) => {
    expect(numbersIn(message(catalogue, key))).toEqual(numbers);
  });
});
