// Every staff search (work queue, household list, the visit's household search, the county's
// staff list) says what is wrong with a typed number instead of searching for it and finding
// nothing: lib/search-text.ts, asked by the field in the browser and again by each search route.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng, fakeIdNumber, idCheckChar, isValidMobile, maskIdNumber, maskPhone } from '@/lib/pii';
import { SEARCH_TEXT_PROBLEMS, isSearchEcho, searchTextMessages, searchTextProblem } from '@/lib/search-text';

const rng = createRng(20261201);
const ids = Array.from({ length: 50 }, () => fakeIdNumber(rng, { regionCode: '130681', minYear: 1930, maxYear: 2010 }));
const otherCheck = (id: string) => {
  const right = idCheckChar(id.slice(0, 17));
  return id.slice(0, 17) + (right === '0' ? '1' : '0');
};
const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

describe('searchTextProblem', () => {
  it('is safe for the browser: it imports only the ID rules, which import nothing', () => {
    const src = readFileSync(path.resolve(__dirname, '../../lib/search-text.ts'), 'utf8');
    const imports = [...src.matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    expect(imports).toEqual(['./id-rules']);
  });

  it('lets a valid ID number be searched, however it was typed', () => {
    for (const id of ids) {
      expect(searchTextProblem(id), id).toBeNull();
      expect(searchTextProblem(` ${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14).toLowerCase()} `), id).toBeNull();
      expect(searchTextProblem(`${id.slice(0, 6)}-${id.slice(6, 14)}-${id.slice(14)}`), id).toBeNull();
      // Full-width digits from a Chinese input method.
      expect(searchTextProblem(fullWidth(id)), id).toBeNull();
    }
  });

  it('names a wrong check character, and a date of birth that is not a real one', () => {
    for (const id of ids) {
      expect(searchTextProblem(otherCheck(id)), id).toBe('checksum');
      expect(searchTextProblem(` ${otherCheck(id).toLowerCase()} `), id).toBe('checksum');
      const month13 = `${id.slice(0, 10)}13${id.slice(12, 17)}`;
      expect(searchTextProblem(month13 + idCheckChar(month13)), id).toBe('birthdate');
    }
    // Born tomorrow (in China), or before 1900: no one we hold.
    const now = new Date('2026-12-01T04:00:00Z');
    const tomorrow = '13068120261202123';
    expect(searchTextProblem(tomorrow + idCheckChar(tomorrow), { now })).toBe('birthdate');
    const old = '13068118991231123';
    expect(searchTextProblem(old + idCheckChar(old), { now })).toBe('birthdate');
  });

  it('never lets a single mistyped digit through as a search that finds nothing', () => {
    for (const id of ids.slice(0, 10)) {
      for (let i = 0; i < 18; i++) {
        for (const c of '0123456789X') {
          if (c === id[i] || (c === 'X' && i < 17)) continue;
          const typo = id.slice(0, i) + c + id.slice(i + 1);
          expect(searchTextProblem(typo), typo).not.toBeNull();
        }
      }
    }
  });

  it('says a mobile number has 11 digits and an ID number 18 when digits are neither', () => {
    const id = ids[0]!;
    for (const typed of [id.slice(0, 17), `${id}1`, '1380000000', '138000000011', '13068119900101', '1', '123456', ' 138 0000 000 ', fullWidth('1380000000'), '130681198003012310000']) {
      expect(searchTextProblem(typed), typed).toBe('length');
    }
  });

  it('leaves names, mobile numbers and everything else to the search as before', () => {
    for (const typed of ['张', '欧阳秀', 'Zhang', 'Zhang 3', '张3', '13800000001', '138 0000 0001', '138-0000-0001', '+86 138 0000 0001', '0086 13800000001', fullWidth('13800000001'), '19912345678', '', '   ', ids[0]!, '1'.repeat(65)]) {
      expect(searchTextProblem(typed), typed).toBeNull();
    }
  });

  it('says 11 digits are no mobile number unless they start with 1 and a second digit of 3 to 9: the rule of registration and sign-in', () => {
    for (let two = 10; two <= 99; two++) {
      const typed = `${two}123456789`;
      expect(searchTextProblem(typed), typed).toBe(isValidMobile(typed) ? null : 'prefix');
      expect(searchTextProblem(typed), typed).toBe(/^1[3-9]/.test(typed) ? null : 'prefix');
    }
    for (const typed of ['12345678901', '10012345678', '010 1234 5678', '+86 120 0000 0001', '0086-11000000001', fullWidth('12000000001')]) {
      expect(searchTextProblem(typed), typed).toBe('prefix');
    }
  });

  it('calls out an asterisk, which stands for a hidden character: a masked number or name finds no one', () => {
    const id = ids[0]!;
    for (const typed of [maskIdNumber(id), maskPhone('13800000002'), '138****0002', '张*国', '＊', ` ${maskIdNumber(id).toLowerCase()} `]) {
      expect(searchTextProblem(typed), typed).toBe('masked');
    }
  });

  it('lets the echo of the current search through unchanged, and checks it once edited', () => {
    const id = ids[1]!;
    const echo = maskIdNumber(id);
    expect(searchTextProblem(echo, { echo })).toBeNull();
    expect(searchTextProblem(`  ${echo} `, { echo })).toBeNull();
    expect(isSearchEcho(echo, echo)).toBe(true);
    // Edited: a last character changed, or another search's echo.
    expect(searchTextProblem(`${echo.slice(0, -1)}${echo.endsWith('1') ? '2' : '1'}`, { echo })).toBe('masked');
    expect(searchTextProblem('138****0002', { echo })).toBe('masked');
    // Replaced with a number or a name: checked and searched as typed.
    expect(searchTextProblem(otherCheck(id), { echo })).toBe('checksum');
    expect(searchTextProblem('13800000002', { echo })).toBeNull();
    expect(searchTextProblem('张', { echo: '张' })).toBeNull();
    // No echo (no search shown) is never matched by an empty field.
    expect(isSearchEcho('', '')).toBe(false);
  });

  it('has a sentence for every problem, in both languages', () => {
    for (const file of ['zh-CN', 'en']) {
      const messages = JSON.parse(readFileSync(path.resolve(__dirname, `../../messages/${file}.json`), 'utf8')) as { searchCheck: Record<string, string> };
      const said = searchTextMessages((key) => messages.searchCheck[key.slice('searchCheck.'.length)]!);
      expect(Object.keys(said).sort()).toEqual([...SEARCH_TEXT_PROBLEMS].sort());
      for (const p of SEARCH_TEXT_PROBLEMS) expect(said[p], `${file} ${p}`).toMatch(/\S/);
    }
  });
});
