// Runs the county-scale generator against a database: fresh schema from the migrations, load
// without foreign keys, unique constraints and secondary indexes, then those recreated from
// their own definitions (so the end state is exactly the migrated schema and every key is
// checked in bulk), ANALYZE, and the figures. scripts/generate-county.ts is the command line.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { openDb } from '../client';
import { applyMigrations } from '../migrate';
import { generateCounty, type GenerateReport } from './county';
import { pgliteSink, postgresSink, type Sink } from './sink';

export type CountyTarget = { url: string } | { pgliteDir: string };

export interface CountyRun extends GenerateReport {
  counts: Record<string, number>;
  states: Record<string, number>;
  totalSeconds: number;
}

interface Saved {
  drop: string;
  create: string;
}

/** Foreign keys and unique constraints, then secondary indexes: taken off for the load. */
async function secondaryObjects(sink: Sink): Promise<{ fks: Saved[]; uniques: Saved[]; indexes: Saved[] }> {
  const cons = await sink.query<{ tbl: string; name: string; type: string; def: string }>(`
    SELECT c.conrelid::regclass::text AS tbl, c.conname AS name, c.contype AS type, pg_get_constraintdef(c.oid) AS def
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
    WHERE n.nspname = 'public' AND c.contype IN ('f', 'u') ORDER BY c.conname`);
  const idx = await sink.query<{ tbl: string; name: string; def: string }>(`
    SELECT i.tablename AS tbl, i.indexname AS name, i.indexdef AS def
    FROM pg_indexes i
    WHERE i.schemaname = 'public'
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = 'public'::regnamespace)
    ORDER BY i.indexname`);
  const alter = (tbl: string, rest: string) => `ALTER TABLE ${tbl} ${rest}`;
  return {
    fks: cons.filter((c) => c.type === 'f').map((c) => ({ drop: alter(c.tbl, `DROP CONSTRAINT "${c.name}"`), create: alter(c.tbl, `ADD CONSTRAINT "${c.name}" ${c.def}`) })),
    uniques: cons.filter((c) => c.type === 'u').map((c) => ({ drop: alter(c.tbl, `DROP CONSTRAINT "${c.name}"`), create: alter(c.tbl, `ADD CONSTRAINT "${c.name}" ${c.def}`) })),
    indexes: idx.map((i) => ({ drop: `DROP INDEX "${i.name}"`, create: i.def })),
  };
}

export const COUNTY_TABLES = [
  'places', 'users', 'user_places', 'programmes', 'stock_points', 'households', 'household_members', 'household_facts',
  'applications', 'application_events', 'objections', 'stock_movements', 'stock_levels', 'work_orders', 'payment_batches',
  'payment_items', 'budgets', 'budget_movements', 'visits', 'grievances', 'grievance_events', 'notifications', 'audit_events',
] as const;

export async function runCountyGeneration(
  target: CountyTarget,
  opts: { households: number; seed?: number; now?: Date; passwordHash: string; log?: (line: string) => void },
): Promise<CountyRun> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  let pglite: PGlite | null = null;
  if ('pgliteDir' in target) {
    mkdirSync(target.pgliteDir, { recursive: true });
    pglite = new PGlite(target.pgliteDir);
  }
  const sink = pglite ? pgliteSink(pglite) : await postgresSink((target as { url: string }).url);
  try {
    // Emptied by starting over: the audit log refuses TRUNCATE and DELETE by design, and a fresh
    // schema from the migrations is exactly what the app expects.
    await sink.query('DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    const handle = pglite ? openDb({ pglite }) : openDb({ databaseUrl: (target as { url: string }).url });
    try {
      await applyMigrations(handle.db, handle.kind);
    } finally {
      if (!pglite) await handle.close();
    }
    log(`schema migrated (${((performance.now() - started) / 1000).toFixed(1)} s)`);

    // Chain the generated audit rows as they are copied (migration 0006 would otherwise park each
    // one until the commit: millions of deferred trigger events).
    await sink.query("SET relief.audit_direct = 'on'");
    const saved = await secondaryObjects(sink);
    for (const s of [...saved.fks, ...saved.uniques, ...saved.indexes]) await sink.query(s.drop);

    const report = await generateCounty(sink, { households: opts.households, seed: opts.seed, now: opts.now, passwordHash: opts.passwordHash, log });

    const t0 = performance.now();
    for (const s of [...saved.indexes, ...saved.uniques]) await sink.query(s.create);
    log(`indexes and unique constraints rebuilt: ${saved.indexes.length + saved.uniques.length} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const t1 = performance.now();
    for (const s of saved.fks) await sink.query(s.create);
    log(`foreign keys added and checked: ${saved.fks.length} in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    const t2 = performance.now();
    await sink.query('ANALYZE');
    log(`ANALYZE in ${((performance.now() - t2) / 1000).toFixed(1)} s`);
    // Every place's dashboard figures computed once now rather than by the first page view.
    const t3 = performance.now();
    // The timing rollups (migration 0022) were kept by their triggers through the COPY; counted
    // again here from the loaded rows, one INSERT … SELECT each (the migration's backfill), so
    // the figures the bench reads are a full count by construction, like place_figures.
    await sink.query('SELECT place_figures_compute((SELECT array_agg(id) FROM places)); DELETE FROM place_figures_dirty; SELECT notice_entries_rebuild(); SELECT timing_rollups_rebuild();');
    log(`place figures, the notice board and the timing rollups computed in ${((performance.now() - t3) / 1000).toFixed(1)} s`);

    const counts: Record<string, number> = {};
    for (const t of COUNTY_TABLES) counts[t] = Number((await sink.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`))[0]?.n ?? 0);
    const states: Record<string, number> = {};
    for (const r of await sink.query<{ status: string; n: string }>('SELECT status::text AS status, count(*) AS n FROM applications GROUP BY 1 ORDER BY 1')) states[r.status] = Number(r.n);
    return { ...report, counts, states, totalSeconds: (performance.now() - started) / 1000 };
  } finally {
    await sink.close();
    if (pglite) await pglite.close();
  }
}
