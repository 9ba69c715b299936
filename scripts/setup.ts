// `npm run setup [-- --places <file.csv>]`: makes a real PostgreSQL ready to serve. Applies the
// migrations, inserts the six programmes that are missing (never touching one that exists, so
// settings an official changed survive), and, with --places, imports the place tree (see
// server/setup/import-places.ts and docs/examples/places.csv). Running it twice changes nothing.
// Runs under `tsx --conditions=react-server` so that 'server-only' modules load outside Next.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EnvError, env } from '../lib/env';
import { closeDb, dbKind, getDb } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { setupState } from '../db/queries/setup';
import { installProgrammes } from '../server/setup/install-programmes';
import { importPlaces, parsePlacesCsv, PlaceImportError } from '../server/setup/import-places';

export function setupAdvice(state: { places: number; officials: number; programmes: number }): string | null {
  if (state.places > 0 && state.officials > 0 && state.programmes > 0) return null;
  const steps: string[] = [];
  if (state.programmes === 0) steps.push('npm run setup');
  if (state.places === 0) steps.push('npm run setup -- --places docs/examples/places.csv   (or your own file with the same columns)');
  if (state.officials === 0) steps.push('npm run create-official -- --phone <mobile> --name <name> [--place <division code>]');
  return (
    `[setup] This database is not set up yet (${state.programmes} programmes, ${state.places} places, ${state.officials} active officials), ` +
    `so the portal shows a "not set up yet" page. With the same DATABASE_URL and secrets, run in order:\n  ${steps.join('\n  ')}\n` +
    'then reload the portal (no restart needed) and sign in with the one-time password create-official prints (see README, "Production set-up, step by step").'
  );
}

async function main() {
  const { values } = parseArgs({ options: { places: { type: 'string' } } });
  try {
    env();
  } catch (err) {
    console.error(err instanceof EnvError ? err.message : err);
    process.exit(1);
  }
  const db = getDb();
  await applyMigrations(db, dbKind());
  const added = await installProgrammes({ db });
  console.log(added.length > 0 ? `[setup] programmes added: ${added.join(', ')}` : '[setup] programmes: all six present, none changed');
  if (values.places) {
    try {
      const outcome = await importPlaces({ db, rows: parsePlacesCsv(readFileSync(values.places, 'utf8')) });
      console.log(`[setup] places from ${values.places}: ${outcome.added} added, ${outcome.renamed} renamed, ${outcome.unchanged} unchanged`);
    } catch (err) {
      if (!(err instanceof PlaceImportError)) throw err;
      console.error(`[setup] ${values.places} was not imported (nothing was written):\n  ${err.errors.join('\n  ')}`);
      process.exitCode = 1;
    }
  }
  const advice = setupAdvice(await setupState({ db }));
  console.log(advice ?? '[setup] ready: places, programmes and an official are present. `npm start` serves the portal.');
}

const isMain = process.argv[1]?.endsWith('setup.ts') ?? false;
if (isMain) {
  main()
    .then(() => closeDb())
    .catch(async (err: unknown) => {
      console.error('[setup] failed:', err instanceof Error ? err.message : err);
      await closeDb().catch(() => {});
      process.exit(1);
    });
}
