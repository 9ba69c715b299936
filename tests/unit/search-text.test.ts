// The staff searches (work queue, household list) say when an ID number typed can be no one's,
// instead of searching for it and finding nothing (server/queue/search-token.ts idSearchProblem).
import { describe, expect, it } from 'vitest';
import { createRng, fakeIdNumber, idCheckChar } from '@/lib/pii';
import { idSearchProblem } from '@/server/queue/search-token';

const rng = createRng(20261201);
const ids = Array.from({ length: 50 }, () => fakeIdNumber(rng, { regionCode: '130681', minYear: 1930, maxYear: 2010 }));
const otherCheck = (id: string) => {
  const right = idCheckChar(id.slice(0, 17));
  return id.slice(0, 17) + (right === '0' ? '1' : '0');
};

describe('idSearchProblem', () => {
  it('lets a valid ID number be searched, however it was typed', () => {
    for (const id of ids) {
      expect(idSearchProblem(id), id).toBeNull();
      expect(idSearchProblem(` ${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14).toLowerCase()} `), id).toBeNull();
      // Full-width digits from a Chinese input method.
      expect(idSearchProblem(id.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))), id).toBeNull();
    }
  });

  it('names a wrong check character, and a date of birth that is not a real one', () => {
    for (const id of ids) {
      expect(idSearchProblem(otherCheck(id)), id).toBe('checksum');
      expect(idSearchProblem(` ${otherCheck(id).toLowerCase()} `), id).toBe('checksum');
      const month13 = `${id.slice(0, 10)}13${id.slice(12, 17)}`;
      expect(idSearchProblem(month13 + idCheckChar(month13)), id).toBe('birthdate');
    }
  });

  it('never lets a single mistyped digit through as a search that finds nothing', () => {
    for (const id of ids.slice(0, 10)) {
      for (let i = 0; i < 18; i++) {
        for (const c of '0123456789X') {
          if (c === id[i] || (c === 'X' && i < 17)) continue;
          const typo = id.slice(0, i) + c + id.slice(i + 1);
          expect(idSearchProblem(typo), typo).not.toBeNull();
        }
      }
    }
  });

  it('leaves names, mobile numbers and other lengths of digits to the search as before', () => {
    for (const typed of ['张', '欧阳秀', 'Zhang', '13800000001', '+86 138 0000 0001', '13068119900101', `${ids[0]!}1`, ids[0]!.slice(0, 17), '', '   ']) {
      expect(idSearchProblem(typed), typed).toBeNull();
    }
  });
});
