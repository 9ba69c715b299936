// What the browser's JavaScript may not pull in through imports: lib/time.ts and the time-zone
// library behind it (@date-fns/tz with date-fns: about 24 KB a page, G5 of the bench), and zod
// (about 110 KB a page) outside the one form that needs it. Server modules such as
// lib/workflow.ts and lib/grievances.ts import lib/time.ts, and lib/validators.ts builds zod
// schemas; a client module that takes one constant from them takes their whole import graph
// (that is how every resident page with a form came to carry the time-zone library, and 44 of
// the portal's 68 routes zod, for one number in lib/action-result.ts). Client code reads such
// constants from modules of constants (lib/refusals.ts, lib/field-limits.ts). Followed here:
// every 'use client' module under app/ and components/, through its local imports (type-only
// imports excepted; a 'use server' module of actions reaches the browser as references only).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const TIME_FILES = ['lib/time.ts'];
const TIME_PACKAGES = ['@date-fns/tz', 'date-fns'];
/**
 * The application form checks eligibility and the fields' limits as the person types, with the
 * programmes' own rules (lib/programs), whose settings are zod schemas: zod is allowed on that
 * form's pages, through those modules only.
 */
const ZOD_ALLOWED_THROUGH = 'lib/programs/';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? path.join(ROOT, spec.slice(2)) : path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Value imports and re-exports of a module (`import type` and `export type` carry no code). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) if (!m[1]) specs.push(m[2]!);
  return specs;
}

/** The forbidden things a module reaches, each with the chain of imports that reaches it. */
function reaches(entry: string, forbiddenFiles: string[] = TIME_FILES, forbiddenPackages: string[] = TIME_PACKAGES): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const stack: { file: string; chain: string[] }[] = [{ file: entry, chain: [path.relative(ROOT, entry)] }];
  while (stack.length > 0) {
    const { file, chain } = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of importsOf(file)) {
      if (spec.startsWith('@/') || spec.startsWith('.')) {
        const target = resolveLocal(file, spec);
        if (!target) continue;
        const rel = path.relative(ROOT, target);
        if (forbiddenFiles.includes(rel)) found.push([...chain, rel].join(' → '));
        // A 'use server' module reaches the browser as references to its actions, not as code.
        else if (!/^\s*['"]use server['"]/.test(readFileSync(target, 'utf8'))) stack.push({ file: target, chain: [...chain, rel] });
      } else if (forbiddenPackages.some((p) => spec === p || spec.startsWith(`${p}/`))) {
        found.push([...chain, spec].join(' → '));
      }
    }
  }
  return found;
}

const clientModules = [...walk(path.join(ROOT, 'app')), ...walk(path.join(ROOT, 'components'))].filter((f) => /^\s*['"]use client['"]/.test(readFileSync(f, 'utf8')));

describe('client modules', () => {
  it('are found (the walk sees the forms)', () => {
    expect(clientModules.length).toBeGreaterThan(20);
    expect(clientModules.map((f) => path.relative(ROOT, f))).toContain('components/grievances/action-problem.tsx');
  });

  it('never import lib/time.ts or the time-zone library, directly or through other modules', () => {
    expect(clientModules.flatMap((f) => reaches(f))).toEqual([]);
  });

  it('the check itself finds such a chain (lib/workflow.ts reaches lib/time.ts)', () => {
    expect(reaches(path.join(ROOT, 'lib/workflow.ts')).some((chain) => chain.endsWith('lib/time.ts'))).toBe(true);
  });

  it('reach zod only through the programmes\' rules (the application form)', () => {
    const chains = clientModules.flatMap((f) => reaches(f, [], ['zod']));
    expect(chains.filter((chain) => !chain.split(' → ').some((m) => m.startsWith(ZOD_ALLOWED_THROUGH)))).toEqual([]);
    // The allowance is used (else it would hide nothing and should go): the form does reach zod.
    expect(chains.some((chain) => chain.startsWith('components/apply/apply-form.tsx'))).toBe(true);
  });

  it('the check itself finds a chain to zod (lib/validators.ts imports it)', () => {
    expect(reaches(path.join(ROOT, 'lib/validators.ts'), [], ['zod'])).toEqual(['lib/validators.ts → zod']);
  });
});
