// The keyset loop behind the ledger exports (db/queries/keyset.ts), against a fake table
// paged by id: every row once, in order, and no more queries than the stopping rule needs.
import { describe, expect, it } from 'vitest';
import { keysetPages, keysetRows } from '@/db/queries/keyset';

interface Row {
  id: number;
}

/** Rows 1..n sorted descending (newest first, like most ledgers), paged after an id. */
function fakeTable(n: number) {
  const rows: Row[] = Array.from({ length: n }, (_, i) => ({ id: n - i }));
  const calls: { after: number | null; limit: number }[] = [];
  const slice = (after: number | null, limit: number) => rows.filter((r) => after === null || r.id < after).slice(0, limit);
  return {
    calls,
    /** Exactly `limit` rows at most: the caller finds the end by a short page. */
    fetchRows: async (after: number | null, limit: number) => {
      calls.push({ after, limit });
      return slice(after, limit);
    },
    /** Reads one row ahead, like searchAuditLog or queuePage, and hands back the next cursor. */
    fetchPage: async (after: number | null, limit: number) => {
      calls.push({ after, limit });
      const ahead = slice(after, limit + 1);
      const page = ahead.slice(0, limit);
      return { rows: page, next: ahead.length > limit ? page.at(-1)!.id : null };
    },
  };
}

async function collect<T>(gen: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => n - i);

describe('keysetRows (pages of at most `batch` rows, cursor from the last row)', () => {
  it('keeps the order across pages and stops at the first short page', async () => {
    const t = fakeTable(7);
    const got = await collect(keysetRows({ fetchPage: t.fetchRows, cursorOf: (r) => r.id, batch: 3 }));
    expect(got.map((r) => r.id)).toEqual(ids(7));
    expect(t.calls).toEqual([
      { after: null, limit: 3 },
      { after: 5, limit: 3 },
      { after: 2, limit: 3 },
    ]);
  });

  it('after an exactly full last page asks once more, gets nothing, and stops', async () => {
    const t = fakeTable(6);
    const got = await collect(keysetRows({ fetchPage: t.fetchRows, cursorOf: (r) => r.id, batch: 3 }));
    expect(got.map((r) => r.id)).toEqual(ids(6));
    expect(t.calls.map((c) => c.after)).toEqual([null, 4, 1]);
  });

  it('yields nothing from an empty table after one query', async () => {
    const t = fakeTable(0);
    expect(await collect(keysetRows({ fetchPage: t.fetchRows, cursorOf: (r) => r.id, batch: 3 }))).toEqual([]);
    expect(t.calls).toHaveLength(1);
  });

  it('walks a batch of 1 row by row', async () => {
    const t = fakeTable(3);
    const got = await collect(keysetRows({ fetchPage: t.fetchRows, cursorOf: (r) => r.id, batch: 1 }));
    expect(got.map((r) => r.id)).toEqual([3, 2, 1]);
    expect(t.calls.map((c) => c.after)).toEqual([null, 3, 2, 1]);
  });

  it('reads one batch at a time, not the whole table up front', async () => {
    const t = fakeTable(10);
    const gen = keysetRows({ fetchPage: t.fetchRows, cursorOf: (r) => r.id, batch: 4 });
    expect((await gen.next()).value).toEqual({ id: 10 });
    expect(t.calls).toHaveLength(1);
    await gen.return(undefined);
  });

  it('refuses a batch that is not a positive integer', async () => {
    const t = fakeTable(3);
    await expect(collect(keysetRows({ fetchPage: t.fetchRows, cursorOf: (r) => r.id, batch: 0 }))).rejects.toThrow(RangeError);
    await expect(collect(keysetRows({ fetchPage: t.fetchRows, cursorOf: (r) => r.id, batch: 1.5 }))).rejects.toThrow(RangeError);
    expect(t.calls).toHaveLength(0);
  });
});

describe('keysetPages (pages that carry their own next cursor)', () => {
  it('keeps the order across pages', async () => {
    const t = fakeTable(7);
    expect((await collect(keysetPages({ fetchPage: t.fetchPage, batch: 3 }))).map((r) => r.id)).toEqual(ids(7));
    expect(t.calls.map((c) => c.after)).toEqual([null, 5, 2]);
  });

  it('stops after an exactly full last page without another query', async () => {
    const t = fakeTable(6);
    expect((await collect(keysetPages({ fetchPage: t.fetchPage, batch: 3 }))).map((r) => r.id)).toEqual(ids(6));
    expect(t.calls.map((c) => c.after)).toEqual([null, 4]);
  });

  it('yields nothing from an empty table', async () => {
    const t = fakeTable(0);
    expect(await collect(keysetPages({ fetchPage: t.fetchPage, batch: 3 }))).toEqual([]);
    expect(t.calls).toHaveLength(1);
  });

  it('walks a batch of 1 row by row', async () => {
    const t = fakeTable(3);
    expect((await collect(keysetPages({ fetchPage: t.fetchPage, batch: 1 }))).map((r) => r.id)).toEqual([3, 2, 1]);
    expect(t.calls.map((c) => c.after)).toEqual([null, 3, 2]);
  });

  it('stops on an empty page even if it names a next cursor, instead of asking for it forever', async () => {
    let calls = 0;
    const fetchPage = async () => {
      calls += 1;
      return { rows: [] as Row[], next: 42 };
    };
    expect(await collect(keysetPages({ fetchPage, batch: 5 }))).toEqual([]);
    expect(calls).toBe(1);
  });
});
