// `npm test`: every test, cheapest first, stopping at the first failure:
// typecheck, lint and the migrations + seed smoke on PGlite side by side → unit → integration
// on a real PostgreSQL (started here unless TEST_DATABASE_URL/DATABASE_URL is given) →
// end-to-end in Chromium. Prints how long each phase took.
//
// The first three leave a core idle when run alone (tsc and eslint use one each; the smoke's
// two files boot a PGlite each). Side by side they took 46 s instead of about 75 s on a warm
// machine, but 72 s on CI's fresh clone, where a cold tsc alone takes 36 s (decision 0014).
// Their output is printed whole, one after the other, once all three have finished. The later
// phases use every core themselves and run alone, with their output as it comes.
import { spawn } from 'node:child_process';

interface Phase {
  name: string;
  command: string[];
}

const groups: Phase[][] = [
  [
    { name: 'typecheck', command: ['npx', 'tsc', '--noEmit', '-p', '.'] },
    { name: 'lint', command: ['npx', 'eslint', '.'] },
    { name: 'smoke (PGlite)', command: ['npx', 'vitest', 'run', '--project', 'pglite'] },
  ],
  [{ name: 'unit', command: ['npx', 'vitest', 'run', '--project', 'unit', '--project', 'unit-mocked'] }],
  [{ name: 'integration (PostgreSQL)', command: ['npx', 'tsx', 'scripts/with-postgres.ts', 'npx', 'vitest', 'run', '--project', 'integration'] }],
  [{ name: 'end-to-end (Chromium)', command: ['npx', 'playwright', 'test'] }],
];

interface Outcome {
  phase: Phase;
  code: number;
  secs: string;
  /** What the phase printed, when it ran beside others (else it went straight to the terminal). */
  output: Buffer[];
}

function run(phase: Phase, alone: boolean): Promise<Outcome> {
  const t0 = Date.now();
  const [cmd, ...args] = phase.command;
  const output: Buffer[] = [];
  const child = spawn(cmd!, args, { stdio: alone ? 'inherit' : ['ignore', 'pipe', 'pipe'], env: process.env });
  child.stdout?.on('data', (b: Buffer) => output.push(b));
  child.stderr?.on('data', (b: Buffer) => output.push(b));
  return new Promise((resolve) => {
    const done = (code: number) => resolve({ phase, code, secs: ((Date.now() - t0) / 1000).toFixed(1), output });
    child.on('error', (err) => {
      output.push(Buffer.from(`${err.message}\n`));
      done(1);
    });
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

const only = process.argv.slice(2);
const timings: string[] = [];
const started = Date.now();
for (const group of groups) {
  const phases = group.filter((p) => !only.length || only.some((o) => p.name.startsWith(o)));
  if (!phases.length) continue;
  const alone = phases.length === 1;
  if (alone) console.log(`\n━━ ${phases[0]!.name} ━━`);
  else console.log(`\n━━ ${phases.map((p) => p.name).join(' · ')} (side by side) ━━`);
  const outcomes = await Promise.all(phases.map((p) => run(p, alone)));
  for (const o of outcomes) {
    if (!alone) {
      console.log(`\n━━ ${o.phase.name} ━━`);
      process.stdout.write(Buffer.concat(o.output));
    }
    timings.push(`${o.phase.name}: ${o.secs} s`);
  }
  const failed = outcomes.filter((o) => o.code !== 0);
  if (failed.length) {
    for (const o of failed) console.error(`\n✗ ${o.phase.name} failed after ${o.secs} s`);
    console.error(timings.join('\n'));
    process.exit(failed[0]!.code);
  }
}
console.log(`\n✓ all tests passed in ${((Date.now() - started) / 1000).toFixed(1)} s\n${timings.join('\n')}`);
