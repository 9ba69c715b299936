import 'server-only';
// Reads that every signed-in page runs (the session check, the unread count, the resident's
// household and applications) as prepared queries: Drizzle builds the SQL text once per
// database handle instead of on every call, and PostgreSQL plans the named statement once per
// connection. Building the SQL was ~8 % of the server's CPU in a profile under load, and G4 of
// the bench measured these reads at 1.4× the same SQL through raw `pg` (docs/performance.md).
// Inside a transaction the query is prepared on the transaction's own connection each time.
import type { DbOrTx } from '../client';

interface Preparable<R> {
  prepare(name: string): { execute(values?: Record<string, unknown>): Promise<R> };
}

export function preparedRead<P extends Record<string, unknown>, R>(name: string, build: (db: DbOrTx) => Preparable<R>): (db: DbOrTx, values: P) => Promise<R> {
  const byDb = new WeakMap<object, { execute(values?: Record<string, unknown>): Promise<R> }>();
  return (db, values) => {
    if ('rollback' in db) return build(db).prepare(name).execute(values);
    let q = byDb.get(db);
    if (!q) {
      q = build(db).prepare(name);
      byDb.set(db, q);
    }
    return q.execute(values);
  };
}
