// Brings the database up to date before the server opens it: migrations, then demo data when
// the database is empty and demo mode is on. Runs in the start script's own process, because
// PGlite does not lock its folder and two processes on one folder lose writes.
import { env } from '../lib/env';
import { closeDb, dbKind, getDb } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { seedDemo } from '../db/seed';

export async function prepareDatabase(): Promise<void> {
  const e = env();
  const started = Date.now();
  await applyMigrations(getDb(), dbKind());
  if (e.demo) {
    const outcome = await seedDemo(getDb());
    if (outcome.seeded) console.log(`[db] demo data seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    else if (outcome.reason === 'holds_other_data') {
      console.warn('[db] DEMO_MODE is on, but this database already holds records that are not the demo: no demo data was added. Unset DEMO_MODE for a real deployment.');
    }
  }
  console.log(`[db] ready (${dbKind() === 'pglite' ? `embedded PGlite in ${e.pgliteDir}` : 'PostgreSQL'})`);
}

const isMain = process.argv[1]?.endsWith("prepare-db.ts") ?? false;
if (isMain) {
  prepareDatabase()
    .then(() => closeDb())
    .catch(async (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      await closeDb().catch(() => {});
      process.exit(1);
    });
}
