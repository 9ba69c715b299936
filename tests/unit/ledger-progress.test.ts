// What the export buttons count while a ledger downloads (lib/ledger/progress.ts): rows from the
// CSV's line feeds however the chunks fall, the announced total, and the server's file name.
import { describe, expect, it } from 'vitest';
import { contentDisposition } from '@/lib/ledger/response';
import { byteSize, countLineBreaks, filenameFromDisposition, fractionDone, parseExpectedRows, rowsSoFar } from '@/lib/ledger/progress';

const enc = new TextEncoder();

describe('counting a CSV download', () => {
  it('counts every row after the header, wherever the chunks are cut (even inside a character)', () => {
    const file = enc.encode('\uFEFF序号,户主\r\n1,张*明\r\n2,欧阳**\r\n3,李*\r\n');
    for (const cut of [1, 2, 5, 7, 13, file.length - 1]) {
      const breaks = countLineBreaks(file.slice(0, cut)) + countLineBreaks(file.slice(cut));
      expect(rowsSoFar({ format: 'csv', bytes: file.length, lineBreaks: breaks, expectedRows: null })).toBe(3);
    }
  });

  it('says 0 rows before the header line is complete, and never more than announced', () => {
    expect(rowsSoFar({ format: 'csv', bytes: 3, lineBreaks: 0, expectedRows: null })).toBe(0);
    expect(rowsSoFar({ format: 'csv', bytes: 99, lineBreaks: 12, expectedRows: 5 })).toBe(5);
  });

  it('gives a fraction only for CSV with a total', () => {
    expect(fractionDone({ format: 'csv', bytes: 1, lineBreaks: 51, expectedRows: 100 })).toBe(0.5);
    expect(fractionDone({ format: 'csv', bytes: 1, lineBreaks: 1, expectedRows: 0 })).toBe(1);
    expect(fractionDone({ format: 'csv', bytes: 1, lineBreaks: 51, expectedRows: null })).toBeNull();
    expect(fractionDone({ format: 'xlsx', bytes: 1, lineBreaks: 0, expectedRows: 100 })).toBeNull();
    expect(rowsSoFar({ format: 'xlsx', bytes: 1, lineBreaks: 0, expectedRows: 100 })).toBeNull();
  });

  it('reads X-Ledger-Rows as a whole number or nothing', () => {
    expect(parseExpectedRows('250000')).toBe(250000);
    expect(parseExpectedRows(' 3 ')).toBe(3);
    for (const v of [null, '', '-1', '1.5', 'abc', '1e9', '99999999999']) expect(parseExpectedRows(v)).toBeNull();
  });

  it('sizes bytes for a person', () => {
    expect(byteSize(900)).toEqual({ value: 900, unit: 'byte' });
    expect(byteSize(1536)).toEqual({ value: 1.5, unit: 'kilobyte' });
    expect(byteSize(5 * 1024 * 1024)).toEqual({ value: 5, unit: 'megabyte' });
  });
});

describe('the file name the server gave', () => {
  it('round-trips the Chinese name the ledger routes send', () => {
    for (const name of ['排查台账-2026-11-30-明文.csv', "a'b(c)*.xlsx", '刁窝镇-物资台账.xlsx']) expect(filenameFromDisposition(contentDisposition(name))).toBe(name);
  });

  it('falls back to the plain filename, and never returns a path', () => {
    expect(filenameFromDisposition('attachment; filename="ledger.csv"')).toBe('ledger.csv');
    expect(filenameFromDisposition('attachment; filename=ledger.csv')).toBe('ledger.csv');
    expect(filenameFromDisposition("attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd")).toBe('.._.._etc_passwd');
    expect(filenameFromDisposition("attachment; filename*=UTF-8''%E0%A4%A; filename=\"x.csv\"")).toBe('x.csv');
    expect(filenameFromDisposition(null)).toBeNull();
    expect(filenameFromDisposition('inline')).toBeNull();
  });
});
