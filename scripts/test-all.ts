// `npm test`: every test, cheapest first, stopping at the first failure:
// typecheck → lint → unit → integration on a real PostgreSQL (started here unless
// TEST_DATABASE_URL/DATABASE_URL is given) → migrations + seed smoke on PGlite → end-to-end
// in Chromium. Prints how long each phase took.
import { spawnSync } from 'node:child_process';

const phases: [string, string[]][] = [
  ['typecheck', ['npx', 'tsc', '--noEmit', '-p', '.']],
  ['lint', ['npx', 'eslint', '.']],
  ['unit', ['npx', 'vitest', 'run', '--project', 'unit', '--project', 'unit-mocked']],
  ['integration (PostgreSQL)', ['npx', 'tsx', 'scripts/with-postgres.ts', 'npx', 'vitest', 'run', '--project', 'integration']],
  ['smoke (PGlite)', ['npx', 'vitest', 'run', '--project', 'pglite']],
  ['end-to-end (Chromium)', ['npx', 'playwright', 'test']],
];

const only = process.argv.slice(2);
const timings: string[] = [];
const started = Date.now();
for (const [name, [cmd, ...args]] of phases) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  const t0 = Date.now();
  console.log(`\n━━ ${name} ━━`);
  const r = spawnSync(cmd!, args, { stdio: 'inherit', env: process.env });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  timings.push(`${name}: ${secs} s`);
  if (r.status !== 0) {
    console.error(`\n✗ ${name} failed after ${secs} s`);
    console.error(timings.join('\n'));
    process.exit(r.status ?? 1);
  }
}
console.log(`\n✓ all tests passed in ${((Date.now() - started) / 1000).toFixed(1)} s\n${timings.join('\n')}`);
