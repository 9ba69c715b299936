// Migrations and the guards that live in the database itself (TRUST I3, I4, I5), on a real
// PostgreSQL server: append-only audit log, its hash chain, the household × programme unique
// constraint under concurrency, and the stock/budget CHECK constraints.
import { makeHousehold, pgErrorOf, rejection, useTestDatabase } from './helpers';
import { is, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { openDb } from '@/db/client';
import { applyMigrations, MIGRATIONS_FOLDER } from '@/db/migrate';
import { verifyAuditChain, writeAudit } from '@/db/queries/audit';
import type { AuditAction } from '@/lib/audit/actions';
import * as schema from '@/db/schema';

/** Rows only these tests write, under names outside the audit registry (lib/audit/actions.ts): the triggers take any name. */
const testAction = (name: string) => name as AuditAction;

const t = useTestDatabase();

/** How many migrations db/migrations holds (its journal), so adding one does not break this test. */
const MIGRATION_COUNT = (JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;

const schemaTables = Object.values(schema as Record<string, unknown>)
  .flatMap((v) => (is(v, PgTable) ? [getTableConfig(v).name] : []))
  .sort();

async function q<R extends Record<string, unknown> = Record<string, unknown>>(text: string, params: unknown[] = []) {
  return (await t.pool.query<R>(text, params)).rows;
}

/** A fingerprint of everything the migrations create: tables, columns, constraints, triggers, indexes, sequences. */
async function catalogFingerprint(): Promise<string> {
  const rows = await q<{ kind: string; n: string }>(`
    SELECT 'table' AS kind, count(*)::text AS n FROM information_schema.tables WHERE table_schema = 'public'
    UNION ALL SELECT 'column', count(*)::text FROM information_schema.columns WHERE table_schema = 'public'
    UNION ALL SELECT 'constraint', count(*)::text FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public'
    UNION ALL SELECT 'trigger', count(*)::text FROM pg_trigger WHERE NOT tgisinternal
    UNION ALL SELECT 'index', count(*)::text FROM pg_indexes WHERE schemaname = 'public'
    UNION ALL SELECT 'sequence', count(*)::text FROM information_schema.sequences WHERE sequence_schema = 'public'
    UNION ALL SELECT 'migration', count(*)::text FROM drizzle.__drizzle_migrations`);
  return rows.map((r) => `${r.kind}=${r.n}`).join(' ');
}

async function lastAuditRow() {
  const [row] = await q<{ id: string; json: string }>(`SELECT id, row_to_json(a)::text AS json FROM audit_events a ORDER BY id DESC LIMIT 1`);
  return row!;
}

/** Runs statements with the user triggers of audit_events disabled (as the superuser), in one transaction. */
async function withAuditTriggersDisabled(fn: (query: (text: string, params?: unknown[]) => Promise<unknown>) => Promise<void>) {
  const c = await t.pool.connect();
  try {
    await c.query('BEGIN');
    await c.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
    await fn((text, params) => c.query(text, params));
    await c.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    c.release();
  }
}

/** What a server backend is waiting for right now (null: running, or gone). */
async function backendWait(pid: number): Promise<string | null> {
  const [row] = await q<{ wait_event: string | null }>(`SELECT wait_event FROM pg_stat_activity WHERE pid = $1`, [pid]);
  return row?.wait_event ?? null;
}

/** Polls `check` until it holds (true) or about 5 s pass (false). */
async function waitFor(check: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 250; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}

async function insertProgramme(code: (typeof schema.programmes.$inferInsert)['code']) {
  await t.db.insert(schema.programmes).values({ code, nameZh: code, nameEn: code, params: {} }).onConflictDoNothing();
}

let refNo = 0;
const nextRef = () => `IT-${process.pid}-${++refNo}`;

describe('migrations', () => {
  it('create every table of db/schema.ts, the audit triggers and the reference sequences on an empty database', async () => {
    const tables = (await q<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`)).map((r) => r.table_name);
    expect(schemaTables.length).toBeGreaterThanOrEqual(25);
    expect(tables).toEqual(schemaTables);
    for (const name of ['places', 'users', 'sign_in_throttle', 'households', 'applications', 'audit_events', 'stock_levels', 'budgets']) expect(tables).toContain(name);

    const triggers = (await q<{ tgname: string }>(`SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_events'::regclass AND NOT tgisinternal ORDER BY tgname`)).map((r) => r.tgname);
    expect(triggers).toEqual(['audit_events_chain_trg', 'audit_events_no_truncate', 'audit_events_no_update']);
    const seqs = (await q<{ sequence_name: string }>(`SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public'`)).map((r) => r.sequence_name);
    expect(seqs).toEqual(expect.arrayContaining(['application_ref_seq', 'grievance_ref_seq']));
    const [journal] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
    expect(journal!.n).toBe(MIGRATION_COUNT);
  });

  it('running them again is a no-op', async () => {
    const before = await catalogFingerprint();
    await applyMigrations(t.db, 'postgres');
    await applyMigrations(t.db, 'postgres');
    expect(await catalogFingerprint()).toBe(before);
  });
});

describe('audit_events is append-only (I5)', () => {
  it('refuses UPDATE, DELETE and TRUNCATE with the trigger error and leaves the row as it was', async () => {
    await writeAudit({ db: t.db, event: { action: testAction('test.append_only'), entity: 'test', entityId: '1', success: true, ip: '127.0.0.1', details: { n: 1 } } });
    const row = await lastAuditRow();

    const cases: [op: string, run: () => Promise<unknown>][] = [
      ['UPDATE', () => t.pool.query(`UPDATE audit_events SET details = '{"n":2}' WHERE id = $1`, [row.id])],
      ['UPDATE', () => t.db.update(schema.auditEvents).set({ success: false }).where(sql`${schema.auditEvents.id} = ${Number(row.id)}`)],
      ['DELETE', () => t.pool.query(`DELETE FROM audit_events WHERE id = $1`, [row.id])],
      ['DELETE', () => t.pool.query(`DELETE FROM audit_events`)],
      ['TRUNCATE', () => t.pool.query(`TRUNCATE audit_events`)],
      ['TRUNCATE', () => t.pool.query(`TRUNCATE audit_events RESTART IDENTITY CASCADE`)],
    ];
    for (const [op, run] of cases) {
      const err = await rejection(run());
      expect(err.code, op).toBe('42501');
      expect(err.message).toBe(`audit_events is append-only: ${op} refused`);
      expect(await lastAuditRow()).toEqual(row);
    }
    const [n] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events`);
    expect(n!.n).toBeGreaterThan(0);
  });
});

describe('audit hash chain (I5)', () => {
  it('verifies after several events, points at exactly the altered row, then at the row after a deleted one', async () => {
    for (let i = 0; i < 4; i++) {
      await writeAudit({ db: t.db, event: { actorRole: 'official', action: testAction('test.chain'), entity: 'application', entityId: `a-${i}`, success: true, ip: '10.0.0.1', details: { i, amount: 100 * i } } });
    }
    // Several events in one transaction, as a workflow step writes them (I1).
    await t.db.transaction(async (tx) => {
      for (let i = 4; i < 7; i++) await writeAudit({ db: tx, event: { action: testAction('test.chain'), entity: 'application', entityId: `a-${i}`, success: i % 2 === 0, ip: null, details: { i } } });
    });
    expect(await verifyAuditChain({ db: t.db })).toBeNull();

    const ids = (await q<{ id: string }>(`SELECT id FROM audit_events WHERE action = 'test.chain' ORDER BY id`)).map((r) => Number(r.id));
    expect(ids).toHaveLength(7);
    const target = ids[2]!;
    const [original] = await q<{ details: unknown }>(`SELECT details FROM audit_events WHERE id = $1`, [target]);

    // Someone with superuser rights edits history behind the triggers' back.
    await withAuditTriggersDisabled(async (run) => {
      await run(`UPDATE audit_events SET details = jsonb_set(details, '{amount}', '999999') WHERE id = $1`, [target]);
    });
    const triggersOn = await q<{ tgenabled: string }>(`SELECT tgenabled FROM pg_trigger WHERE tgrelid = 'audit_events'::regclass AND NOT tgisinternal`);
    expect(triggersOn.every((r) => r.tgenabled === 'O')).toBe(true);
    expect(await verifyAuditChain({ db: t.db })).toBe(target);

    // Putting the original back restores the chain (the hash covers the content, nothing else).
    await withAuditTriggersDisabled(async (run) => {
      await run(`UPDATE audit_events SET details = $2 WHERE id = $1`, [target, JSON.stringify(original!.details)]);
    });
    expect(await verifyAuditChain({ db: t.db })).toBeNull();

    // A removed row: the verifier names the row that followed it.
    const removed = ids[4]!;
    // As JSON text from the server, so the timestamp keeps its microseconds.
    const [saved] = await q<{ json: string }>(`SELECT row_to_json(a)::text AS json FROM audit_events a WHERE id = $1`, [removed]);
    await withAuditTriggersDisabled(async (run) => {
      await run(`DELETE FROM audit_events WHERE id = $1`, [removed]);
    });
    expect(await verifyAuditChain({ db: t.db })).toBe(ids[5]);
    await withAuditTriggersDisabled(async (run) => {
      await run(`INSERT INTO audit_events SELECT * FROM json_populate_record(NULL::audit_events, $1)`, [saved!.json]);
    });
    expect(await verifyAuditChain({ db: t.db })).toBeNull();
  });

  it('still verifies when the reading session uses another time zone (dumps, psql, other servers)', async () => {
    await writeAudit({ db: t.db, event: { action: testAction('test.tz'), entity: 'test', success: true, details: { at: 'utc session' } } });
    for (const zone of ['Asia/Shanghai', 'America/Los_Angeles', 'UTC']) {
      const bad = await t.db.transaction(async (tx) => {
        await tx.execute(sql.raw(`SET LOCAL TIME ZONE '${zone}'`));
        return verifyAuditChain({ db: tx });
      });
      expect(bad, zone).toBeNull();
    }
    // …and rows written by a session in another zone verify from the default one.
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL TIME ZONE 'Asia/Shanghai'`);
      await writeAudit({ db: tx, event: { action: testAction('test.tz'), entity: 'test', success: true, details: { at: 'cst session' } } });
    });
    expect(await verifyAuditChain({ db: t.db })).toBeNull();
  });

  it('stays a valid chain when concurrent inserts take their ids in one order and the chain lock in another', async () => {
    // Connection A starts its insert and pauses (pg_sleep inside the row) before the trigger
    // runs; connection B inserts and commits meanwhile. The test first makes sure that really
    // happened (A seen asleep mid-insert, B done before A), then that the chain, ordered by id
    // as the verifier reads it, still holds: the trigger takes the id again under its lock.
    const a = await t.pool.connect();
    const b = await t.pool.connect();
    try {
      const pidA = (await a.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      let aDone = false;
      const tag = `race-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      // No RETURNING: since migration 0006 a row is parked until its transaction commits, and the
      // id is the one the chain gives it then; the ids are read back by the rows' own tag.
      const slow = a
        .query(`INSERT INTO audit_events (action, entity, success, details) VALUES ('test.race', 'test', true, jsonb_build_object('slow', pg_sleep(0.5)::text, 'tag', $1::text))`, [tag])
        .finally(() => {
          aDone = true;
        });
      expect(await waitFor(async () => (await backendWait(pidA)) === 'PgSleep')).toBe(true);
      await b.query(`INSERT INTO audit_events (action, entity, success, details) VALUES ('test.race', 'test', true, jsonb_build_object('fast', true, 'tag', $1::text))`, [tag]);
      // B committed while A was still inside its insert: the two really overlapped.
      expect(aDone).toBe(false);
      await slow;
      const rows = (await b.query<{ id: string; fast: boolean }>(`SELECT id, details ? 'fast' AS fast FROM audit_events WHERE details ->> 'tag' = $1`, [tag])).rows;
      expect(rows).toHaveLength(2);
      const fastId = Number(rows.find((r) => r.fast)!.id);
      const slowId = Number(rows.find((r) => !r.fast)!.id);
      // B committed (and so was chained) first, so it comes first in id order too.
      expect(fastId).toBeLessThan(slowId);
    } finally {
      a.release();
      b.release();
    }
    expect(await verifyAuditChain({ db: t.db })).toBeNull();
  });

  it('stays a valid chain with N writers whose transactions are all open at once, none holding the chain lock before its commit', async () => {
    // N writers on N connections of their own. Each opens its transaction, waits until all N
    // are open, writes one audit row, then waits until all N have written. At that moment the
    // test looks at the server's locks: since migration 0006 a row is chained at commit, so no
    // writer may hold the chain's advisory lock (7426001) yet, though all N are mid-transaction
    // with their audit row written. Then all commit at once and queue for the lock in turn.
    const N = 12;
    const run = `race-${Date.now()}`;
    const pool = new pg.Pool({ connectionString: t.url, max: N });
    const db = drizzle(pool, { schema });
    const pids: number[] = [];
    let arrived = 0;
    let wrote = 0;
    let openAll!: () => void;
    let allWrote!: () => void;
    let commitAll!: () => void;
    const allOpen = new Promise<void>((resolve) => (openAll = resolve));
    const allWritten = new Promise<void>((resolve) => (allWrote = resolve));
    const mayCommit = new Promise<void>((resolve) => (commitAll = resolve));
    const writers = Promise.all(
      Array.from({ length: N }, (_, i) =>
        db.transaction(async (tx) => {
          const res = await tx.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`);
          pids.push(res.rows[0]!.pid);
          if (++arrived === N) openAll();
          await withTimeout(allOpen, 10_000, 'not every writer could open its transaction');
          await writeAudit({ db: tx, event: { action: testAction('test.race.n'), entity: 'test', entityId: run, success: true, details: { i } } });
          if (++wrote === N) allWrote();
          await withTimeout(mayCommit, 10_000, 'the test never let the writers commit');
        }),
      ),
    );
    try {
      await withTimeout(allWritten, 10_000, 'not every writer could write its audit row');
      const { rows } = await t.pool.query<{ in_tx: number; chain_locks: number }>(
        `SELECT (SELECT count(*) FROM pg_stat_activity WHERE pid = ANY($1) AND xact_start IS NOT NULL)::int AS in_tx,
                (SELECT count(*) FROM pg_locks WHERE pid = ANY($1) AND locktype = 'advisory' AND objid = 7426001 AND granted)::int AS chain_locks`,
        [pids],
      );
      expect(new Set(pids).size).toBe(N);
      expect(rows[0]!.in_tx).toBe(N);
      expect(rows[0]!.chain_locks).toBe(0);
      commitAll();
      await writers;
    } finally {
      commitAll();
      await writers.catch(() => {});
      await pool.end();
    }
    const [written] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'test.race.n' AND entity_id = $1`, [run]);
    expect(written!.n).toBe(N);
    const [parked] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM audit_pending`);
    expect(parked!.n).toBe(0);
    expect(await verifyAuditChain({ db: t.db })).toBeNull();
  });
});

describe('one open application per household and programme (I4)', () => {
  it('refuses a second open application for the same pair, and takes a new one once the first is withdrawn or refused', async () => {
    await insertProgramme('warm_winter');
    await insertProgramme('heating_fee_waiver');
    const { household } = await makeHousehold(t.db);
    await t.db.insert(schema.applications).values({ reference: nextRef(), householdId: household.id, programmeCode: 'warm_winter' });
    const err = await rejection(t.db.insert(schema.applications).values({ reference: nextRef(), householdId: household.id, programmeCode: 'warm_winter' }));
    expect(err.code).toBe('23505');
    expect(err.constraint).toBe('applications_household_programme_open_uq');
    // Another programme for the same household is fine.
    await t.db.insert(schema.applications).values({ reference: nextRef(), householdId: household.id, programmeCode: 'heating_fee_waiver' });
    // Withdrawn, then refused: each time the pair is free for a new application; the old rows stay.
    await q(`UPDATE applications SET status = 'withdrawn' WHERE household_id = $1 AND programme_code = 'warm_winter'`, [household.id]);
    await t.db.insert(schema.applications).values({ reference: nextRef(), householdId: household.id, programmeCode: 'warm_winter', status: 'submitted', submittedAt: new Date() });
    await q(`UPDATE applications SET status = 'rejected' WHERE household_id = $1 AND programme_code = 'warm_winter' AND status = 'submitted'`, [household.id]);
    await t.db.insert(schema.applications).values({ reference: nextRef(), householdId: household.id, programmeCode: 'warm_winter' });
    // A refused case taken back into review (an appeal) while a new one is open: refused.
    const back = await rejection(q(`UPDATE applications SET status = 'appealed' WHERE household_id = $1 AND programme_code = 'warm_winter' AND status = 'rejected'`, [household.id]));
    expect(back.constraint).toBe('applications_household_programme_open_uq');
    const [n] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM applications WHERE household_id = $1`, [household.id]);
    expect(n!.n).toBe(4);
  });

  it('lets exactly one of two concurrent inserts from two connections succeed', async () => {
    await insertProgramme('appliance_repair');
    const { household } = await makeHousehold(t.db);
    const c1 = await t.pool.connect();
    const c2 = await t.pool.connect();
    try {
      const insert = `INSERT INTO applications (reference, household_id, programme_code) VALUES ($1, $2, 'appliance_repair')`;
      await c1.query('BEGIN');
      await c2.query('BEGIN');
      await c1.query(insert, [nextRef(), household.id]);
      const pid2 = (await c2.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const second = c2.query(insert, [nextRef(), household.id]).then(
        () => 'ok' as const,
        (e: unknown) => pgErrorOf(e),
      );
      // The second insert really waits on the first transaction's uncommitted index entry.
      let waiting = false;
      for (let i = 0; i < 50 && !waiting; i++) {
        const [row] = await q<{ wait_event_type: string | null }>(`SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1`, [pid2]);
        waiting = row?.wait_event_type === 'Lock';
        if (!waiting) await new Promise((r) => setTimeout(r, 20));
      }
      expect(waiting).toBe(true);
      await c1.query('COMMIT');
      const outcome = await second;
      await c2.query('ROLLBACK');
      expect(outcome).not.toBe('ok');
      expect(outcome).toMatchObject({ code: '23505', constraint: 'applications_household_programme_open_uq' });
    } finally {
      c1.release();
      c2.release();
    }
    const [n] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM applications WHERE household_id = $1 AND programme_code = 'appliance_repair'`, [household.id]);
    expect(n!.n).toBe(1);
  });

  it('lets exactly one of several simultaneous submissions through the pool succeed', async () => {
    await insertProgramme('appliance_subsidy');
    const { household } = await makeHousehold(t.db);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => t.db.insert(schema.applications).values({ reference: nextRef(), householdId: household.id, programmeCode: 'appliance_subsidy' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(pgErrorOf(r.reason).code).toBe('23505');
  });
});

describe('stock and budget CHECK constraints (I3)', () => {
  it('stock_levels refuses negative available, negative on hand, and available above on hand', async () => {
    const { place } = await makeHousehold(t.db);
    const [point] = await t.db.insert(schema.stockPoints).values({ name: '测试发放点', nameEn: 'Test point', placeId: place.id }).returning();
    await t.db.insert(schema.stockLevels).values({ pointId: point!.id, material: 'sand', onHandKg: 100, availableKg: 50 });
    const level = async () => (await q<{ on_hand_kg: string; available_kg: string }>(`SELECT on_hand_kg, available_kg FROM stock_levels WHERE point_id = $1`, [point!.id]))[0];
    const before = await level();

    const cases: [sqlText: string, constraints: string[]][] = [
      [`UPDATE stock_levels SET available_kg = available_kg - 51 WHERE point_id = $1`, ['stock_available_nonneg']],
      [`UPDATE stock_levels SET available_kg = 101 WHERE point_id = $1`, ['stock_available_le_on_hand']],
      // A negative on hand always breaks two rules; either one may be the one reported.
      [`UPDATE stock_levels SET on_hand_kg = -1, available_kg = 0 WHERE point_id = $1`, ['stock_on_hand_nonneg', 'stock_available_le_on_hand']],
      [`UPDATE stock_levels SET on_hand_kg = on_hand_kg - 101 WHERE point_id = $1`, ['stock_on_hand_nonneg', 'stock_available_le_on_hand']],
    ];
    for (const [text, constraints] of cases) {
      const err = await rejection(t.pool.query(text, [point!.id]));
      expect(err.code, text).toBe('23514');
      expect(constraints, text).toContain(err.constraint);
      expect(await level()).toEqual(before);
    }
    for (const values of [{ onHandKg: 10, availableKg: -1 }, { onHandKg: -1, availableKg: -1 }, { onHandKg: 10, availableKg: 11 }]) {
      const err = await rejection(t.db.insert(schema.stockLevels).values({ pointId: point!.id, material: 'rebar', ...values }));
      expect(err.code, JSON.stringify(values)).toBe('23514');
    }
    // Down to exactly zero is allowed.
    await t.pool.query(`UPDATE stock_levels SET available_kg = 0, on_hand_kg = 0 WHERE point_id = $1`, [point!.id]);
  });

  it('budgets refuses a negative remaining amount', async () => {
    await insertProgramme('building_materials');
    await t.db.insert(schema.budgets).values({ programmeCode: 'building_materials', totalYuan: 1000, remainingYuan: 10 });
    const err = await rejection(t.pool.query(`UPDATE budgets SET remaining_yuan = remaining_yuan - 11 WHERE programme_code = 'building_materials'`));
    expect(err.code).toBe('23514');
    expect(err.constraint).toBe('budgets_remaining_nonneg');
    const [row] = await q<{ remaining_yuan: string }>(`SELECT remaining_yuan FROM budgets WHERE programme_code = 'building_materials'`);
    expect(Number(row!.remaining_yuan)).toBe(10);
    await insertProgramme('property_fee_waiver');
    const err2 = await rejection(t.db.insert(schema.budgets).values({ programmeCode: 'property_fee_waiver', totalYuan: 1000, remainingYuan: -1 }));
    expect(err2).toMatchObject({ code: '23514', constraint: 'budgets_remaining_nonneg' });
    // Spending down to exactly zero is allowed.
    await t.pool.query(`UPDATE budgets SET remaining_yuan = 0 WHERE programme_code = 'building_materials'`);
  });
});

describe('a submitted case has its submission time (applications_submitted_has_time, migration 0027)', () => {
  const refused = { code: '23514', constraint: 'applications_submitted_has_time' };

  it('refuses an insert or an update to status submitted without submitted_at, and takes it with one', async () => {
    await insertProgramme('appliance_repair');
    await insertProgramme('heating_fee_waiver');
    const { household } = await makeHousehold(t.db);
    expect(await rejection(t.db.insert(schema.applications).values({ reference: nextRef(), householdId: household.id, programmeCode: 'appliance_repair', status: 'submitted' }))).toMatchObject(refused);
    expect(await rejection(q(`INSERT INTO applications (reference, household_id, programme_code, status, submitted_at) VALUES ($1, $2, 'appliance_repair', 'submitted', NULL)`, [nextRef(), household.id]))).toMatchObject(refused);

    // A draft sent without its time (first submission), then sent with it.
    const [draft] = await t.db.insert(schema.applications).values({ reference: nextRef(), householdId: household.id, programmeCode: 'appliance_repair' }).returning();
    expect(await rejection(q(`UPDATE applications SET status = 'submitted' WHERE id = $1`, [draft!.id]))).toMatchObject(refused);
    const sentAt = new Date('2026-10-01T02:00:00Z');
    await q(`UPDATE applications SET status = 'submitted', submitted_at = $2 WHERE id = $1`, [draft!.id, sentAt]);

    // Returned, then its time wiped as it is sent again (resubmission), or a case on notice sent
    // back to review (an upheld objection) with its time cleared: refused; keeping it is fine.
    await q(`UPDATE applications SET status = 'returned' WHERE id = $1`, [draft!.id]);
    expect(await rejection(q(`UPDATE applications SET status = 'submitted', submitted_at = NULL WHERE id = $1`, [draft!.id]))).toMatchObject(refused);
    await q(`UPDATE applications SET status = 'submitted' WHERE id = $1`, [draft!.id]);
    await q(`UPDATE applications SET status = 'in_public_notice' WHERE id = $1`, [draft!.id]);
    expect(await rejection(q(`UPDATE applications SET status = 'submitted', submitted_at = NULL WHERE id = $1`, [draft!.id]))).toMatchObject(refused);
    await q(`UPDATE applications SET status = 'submitted' WHERE id = $1`, [draft!.id]);
    // …and a submitted case cannot lose its time.
    expect(await rejection(t.db.update(schema.applications).set({ submittedAt: null }).where(sql`${schema.applications.id} = ${draft!.id}`))).toMatchObject(refused);
    const [row] = await q<{ status: string; submitted_at: Date }>(`SELECT status, submitted_at FROM applications WHERE id = $1`, [draft!.id]);
    expect(row).toEqual({ status: 'submitted', submitted_at: sentAt });

    // Every other state may be without it: a draft, and a never-submitted draft withdrawn.
    const [other] = await t.db.insert(schema.applications).values({ reference: nextRef(), householdId: household.id, programmeCode: 'heating_fee_waiver', status: 'draft' }).returning();
    await q(`UPDATE applications SET status = 'withdrawn' WHERE id = $1`, [other!.id]);
  });

  it('takes a 免申即享 case created approved without an application, and its hand-out, with submitted_at NULL', async () => {
    await insertProgramme('warm_winter');
    const { household } = await makeHousehold(t.db);
    const [run] = await t.db.insert(schema.enrolmentRuns).values({ programmeCode: 'warm_winter', enrolled: 1, amountYuan: 1000, programmeVersion: 1 }).returning();
    const now = new Date();
    const [enrolled] = await t.db
      .insert(schema.applications)
      .values({ reference: nextRef(), householdId: household.id, programmeCode: 'warm_winter', status: 'approved', version: 2, entitlement: { kind: 'cash', amountYuan: 1000 }, decidedAt: now, enrolmentRunId: run!.id })
      .returning();
    expect(enrolled!.submittedAt).toBeNull();
    await q(`UPDATE applications SET status = 'fulfilled', fulfilled_at = now() WHERE id = $1`, [enrolled!.id]);
    const [row] = await q<{ status: string; submitted_at: Date | null }>(`SELECT status, submitted_at FROM applications WHERE id = $1`, [enrolled!.id]);
    expect(row).toEqual({ status: 'fulfilled', submitted_at: null });
  });

  it('on a database migrated before 0027, gives a submitted row without its time the time of its last submission (else its creation) and then holds', async () => {
    // A fresh database on the same server, migrated up to 0026 only (a copy of the folder whose
    // journal stops there), as every database was before this migration.
    const name = `t_${Date.now().toString(36)}_m27`;
    await t.pool.query(`CREATE DATABASE ${name}`);
    const u = new URL(t.url);
    u.pathname = `/${name}`;
    const handle = openDb({ databaseUrl: u.toString() });
    const folder = mkdtempSync(path.join(tmpdir(), 'relief-m26-'));
    try {
      cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
      const journalPath = path.join(folder, 'meta', '_journal.json');
      const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
      const at = journal.entries.findIndex((e) => e.tag.startsWith('0027_'));
      expect(at).toBe(27);
      writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
      await migratePg(handle.db, { migrationsFolder: folder });

      const old = async <R extends Record<string, unknown>>(text: string, params: unknown[] = []) => (await (handle.db as unknown as { $client: pg.Pool }).$client.query<R>(text, params)).rows;
      for (const code of ['warm_winter', 'appliance_repair', 'heating_fee_waiver'] as const) await handle.db.insert(schema.programmes).values({ code, nameZh: code, nameEn: code, params: {} });
      const { household } = await makeHousehold(handle.db);
      const created = new Date('2026-09-01T00:00:00Z');
      const firstSent = new Date('2026-09-02T00:00:00Z');
      const sentAgain = new Date('2026-09-05T00:00:00Z');
      const sentAt = new Date('2026-09-03T00:00:00Z');
      const insert = `INSERT INTO applications (reference, household_id, programme_code, status, submitted_at, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`;
      const [withEvents] = await old<{ id: string }>(insert, [nextRef(), household.id, 'appliance_repair', 'submitted', null, created]);
      const [noEvents] = await old<{ id: string }>(insert, [nextRef(), household.id, 'heating_fee_waiver', 'submitted', null, created]);
      const [enrolled] = await old<{ id: string }>(insert, [nextRef(), household.id, 'warm_winter', 'approved', null, created]);
      const [fine] = await old<{ id: string }>(insert, [nextRef(), (await makeHousehold(handle.db)).household.id, 'appliance_repair', 'submitted', sentAt, created]);
      const event = `INSERT INTO application_events (application_id, at, actor_role, action, from_status, to_status) VALUES ($1, $2, 'resident', $3, $4, $5)`;
      await old(event, [withEvents!.id, firstSent, 'submit', 'draft', 'submitted']);
      await old(event, [withEvents!.id, new Date('2026-09-04T00:00:00Z'), 'return', 'submitted', 'returned']);
      await old(event, [withEvents!.id, sentAgain, 'resubmit', 'returned', 'submitted']);

      await applyMigrations(handle.db, 'postgres');
      const times = async (id: string) => (await old<{ submitted_at: Date | null }>(`SELECT submitted_at FROM applications WHERE id = $1`, [id]))[0]!.submitted_at;
      expect(await times(withEvents!.id)).toEqual(sentAgain);
      expect(await times(noEvents!.id)).toEqual(created);
      expect(await times(enrolled!.id)).toBeNull();
      expect(await times(fine!.id)).toEqual(sentAt);
      const [counted] = await old<{ n: number }>(`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
      expect(counted!.n).toBe(MIGRATION_COUNT);
      expect(await rejection(old(`UPDATE applications SET submitted_at = NULL WHERE id = $1`, [fine!.id]))).toMatchObject(refused);
    } finally {
      rmSync(folder, { recursive: true, force: true });
      await handle.close();
      await t.pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});
