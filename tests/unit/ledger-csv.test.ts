import { describe, expect, it } from 'vitest';
import { csvChunks, csvField, csvStream } from '@/lib/ledger/csv';
import { CLAIM_LEDGER, claim, type Claim } from './ledger-fixtures';

async function text(stream: ReadableStream<Uint8Array>): Promise<{ bytes: Uint8Array; text: string }> {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return { bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

async function csvOf(rows: Claim[], reveal = false): Promise<string> {
  let out = '';
  for await (const chunk of csvChunks(CLAIM_LEDGER, rows, { reveal })) out += chunk;
  return out;
}

describe('CSV ledger', () => {
  it('starts with a UTF-8 byte-order mark and keeps Chinese intact', async () => {
    const { bytes, text: csv } = await text(csvStream(CLAIM_LEDGER, [claim(1)]));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.startsWith('\uFEFF申请编号,姓名,手机号,乡镇（街道）,户数,金额（元）,审批日期,提交时间,备注\r\n')).toBe(true);
    expect(csv).toContain('刁窝镇');
    expect(csv).toContain('一楼进水，锅炉损坏');
  });

  it('ends every record with CRLF, writes numbers plainly and dates in China time', async () => {
    const csv = await csvOf([claim(1), claim(2, { amount: 1234567.5, decidedOn: null })]);
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(4); // header, two rows, and the empty string after the last CRLF
    expect(lines[3]).toBe('');
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    // 2023-11-21 17:05 UTC is 01:05 on 22 November in China; a calendar day does not move.
    expect(lines[1]).toBe('ZZ-2023-000001,张*明,138****0001,刁窝镇,1,1001.00,2023-11-21,2023-11-22 01:05,一楼进水，锅炉损坏');
    expect(lines[2]).toContain(',1234567.50,,2023-11-22 01:05,');
  });

  it('quotes fields as RFC 4180 says', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    expect(csvField('')).toBe('');
  });

  it('defuses text that a spreadsheet would run as a formula', async () => {
    for (const danger of ['=HYPERLINK("http://x","y")', '+86 138', '-2+3', '@SUM(A1)', '\tTAB', '\rCR']) {
      const field = csvField(danger);
      const unquoted = field.startsWith('"') ? field.slice(1, -1).replaceAll('""', '"') : field;
      expect(unquoted).toBe(`'${danger}`);
    }
    // A real negative number stays a number; the same characters as text do not.
    expect(csvField('-5', { isNumber: true })).toBe('-5');
    const csv = await csvOf([claim(1, { note: '=1+1', households: -1 })]);
    expect(csv).toContain(",-1,1001.00,");
    expect(csv).toContain(",'=1+1\r\n");
    expect(csv).not.toContain(',=1+1');
  });

  it('masks personal data unless the caller reveals it', async () => {
    expect(await csvOf([claim(1)])).toContain(',张*明,138****0001,');
    expect(await csvOf([claim(1)], true)).toContain(',张三明,13800000001,');
  });

  it('keeps the rows the caller must not see in clear masked in a revealed file, and only those', async () => {
    let out = '';
    const rows = [claim(1), claim(2, { name: '李四海', phone: '13900000002' })];
    for await (const chunk of csvChunks(CLAIM_LEDGER, rows, { reveal: true, keepMasked: (r) => r.name === '李四海' })) out += chunk;
    expect(out).toContain(',张三明,13800000001,');
    expect(out).toContain(',李*海,139****0002,');
    expect(out).not.toContain('李四海');
    // Without reveal the rule is never asked and every row is masked.
    out = '';
    for await (const chunk of csvChunks(CLAIM_LEDGER, rows, { keepMasked: () => false })) out += chunk;
    expect(out).toContain(',张*明,138****0001,');
  });

  it('pulls 250k rows from an async generator one chunk at a time', async () => {
    const total = 250_000;
    let produced = 0;
    let closed = false;
    async function* rows(): AsyncGenerator<Claim> {
      try {
        for (let i = 0; i < total; i++) {
          produced++;
          yield claim(i);
        }
      } finally {
        closed = true;
      }
    }
    const reader = csvStream(CLAIM_LEDGER, rows()).getReader();
    const decoder = new TextDecoder();
    let lines = 0;
    let maxChunk = 0;
    let first = true;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      maxChunk = Math.max(maxChunk, value.length);
      lines += decoder.decode(value, { stream: true }).split('\r\n').length - 1;
      if (first) {
        first = false;
        // Only the header has been asked for: no row has been read ahead of the consumer.
        expect(produced).toBeLessThanOrEqual(1);
      } else {
        // Each read pulls about one 64 KB chunk of rows, never the whole ledger.
        expect(produced).toBeLessThan(lines + 2_000);
      }
    }
    expect(lines).toBe(total + 1);
    expect(produced).toBe(total);
    expect(closed).toBe(true);
    expect(maxChunk).toBeLessThan(256 * 1024);
  }, 60_000);

  it('closes the row source when the download is cancelled', async () => {
    let closed = false;
    let produced = 0;
    async function* rows(): AsyncGenerator<Claim> {
      try {
        for (let i = 0; ; i++) {
          produced++;
          yield claim(i);
        }
      } finally {
        closed = true;
      }
    }
    const reader = csvStream(CLAIM_LEDGER, rows()).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(closed).toBe(true);
    expect(produced).toBeLessThan(5_000);
  });
});
