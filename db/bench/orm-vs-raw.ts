// G4: what Drizzle adds on top of node-postgres for the portal's own reads. Each query is a
// db/queries function as the pages call it; its SQL text and parameters are captured through
// Drizzle's logger and then sent through raw `pg` on the same pool, alternating call by call.
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../schema';
import type { Db } from '../client';
import { residentApplications, residentHousehold } from '../queries/resident-applications';
import { verificationQueue } from '../queries/overview';
import { noticeBoard } from '../queries/notice';

export interface OrmVsRaw {
  name: string;
  sql: string;
  drizzleP50: number;
  rawP50: number;
  iterations: number;
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function ormVsRaw(url: string, ctx: { userId: string; householdId: string; townshipPath: string }, budgetMsPerQuery = 6000): Promise<OrmVsRaw[]> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const captured: { sql: string; params: unknown[] }[] = [];
  const logging = drizzle(pool, { schema, logger: { logQuery: (q, params) => captured.push({ sql: q, params }) } }) as unknown as Db;
  const db = drizzle(pool, { schema }) as unknown as Db;
  const cases: [string, (d: Db) => Promise<unknown>][] = [
    ['residentHousehold', (d) => residentHousehold({ db: d, userId: ctx.userId })],
    ['residentApplications', (d) => residentApplications({ db: d, householdId: ctx.householdId })],
    ['verificationQueue (township, 20)', (d) => verificationQueue({ db: d, scopePaths: [ctx.townshipPath] })],
    ['noticeBoard (first 500)', (d) => noticeBoard({ db: d })],
  ];
  const out: OrmVsRaw[] = [];
  try {
    for (const [name, run] of cases) {
      captured.length = 0;
      await run(logging);
      const statements = captured.slice();
      // Warm both paths (plans cached by the server, JIT in Node) before timing.
      for (let i = 0; i < 5; i++) {
        await run(db);
        for (const s of statements) await pool.query(s.sql, s.params);
      }
      const orm: number[] = [];
      const raw: number[] = [];
      const t0 = performance.now();
      while (performance.now() - t0 < budgetMsPerQuery && orm.length < 2000) {
        let s = performance.now();
        await run(db);
        orm.push(performance.now() - s);
        s = performance.now();
        for (const st of statements) await pool.query(st.sql, st.params);
        raw.push(performance.now() - s);
      }
      out.push({ name, sql: statements.map((s) => s.sql).join(';\n'), drizzleP50: p50(orm), rawP50: p50(raw), iterations: orm.length });
    }
  } finally {
    await pool.end();
  }
  return out;
}
