import 'server-only';
// The one loop behind every "all rows in keyset batches" export generator in db/queries/: a
// ledger of a township can hold a million rows, so an export reads it a batch at a time and
// never holds more than one batch in memory. Edit here if the paging rule itself changes.

/** A page that already knows where the next one starts: it read one row past its limit. */
export interface KeysetPage<Row, Cursor> {
  rows: readonly Row[];
  next: Cursor | null;
}

function checkBatch(batch: number) {
  // A batch of 0 would ask for empty pages forever (or never advance the cursor).
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`keyset batch must be a positive integer, got ${batch}`);
}

/**
 * Every row of pages that carry their own next cursor (`{ rows, next }`), in order; stops when
 * a page says there is no next one. Use this when the cursor cannot be rebuilt from a row (a
 * sort key computed in SQL) or when the page function already read one row ahead, which
 * spares the empty query after an exactly full last page.
 */
export async function* keysetPages<Row, Cursor>({
  fetchPage,
  batch,
}: {
  fetchPage: (after: Cursor | null, limit: number) => Promise<KeysetPage<Row, Cursor>>;
  batch: number;
}): AsyncGenerator<Row> {
  checkBatch(batch);
  let after: Cursor | null = null;
  for (;;) {
    const page: KeysetPage<Row, Cursor> = await fetchPage(after, batch);
    yield* page.rows;
    // An empty page with a cursor would ask for the same page again.
    if (page.next === null || page.rows.length === 0) return;
    after = page.next;
  }
}

/**
 * Every row of pages of at most `batch` rows, in order; the next page starts after
 * `cursorOf(last row)`, and the walk stops at the first page shorter than `batch` (an exactly
 * full last page costs one more, empty, query).
 */
export function keysetRows<Row, Cursor>({
  fetchPage,
  cursorOf,
  batch,
}: {
  fetchPage: (after: Cursor | null, limit: number) => Promise<readonly Row[]>;
  cursorOf: (row: Row) => Cursor;
  batch: number;
}): AsyncGenerator<Row> {
  return keysetPages<Row, Cursor>({
    batch,
    fetchPage: async (after, limit) => {
      const rows = await fetchPage(after, limit);
      const last = rows.at(-1);
      return { rows, next: rows.length < limit || last === undefined ? null : cursorOf(last) };
    },
  });
}
