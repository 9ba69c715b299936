// The layer rule in eslint.config.js really refuses what CONVENTIONS "Layout" forbids, and
// lets through what it allows: each case lints a small piece of code as if it lived at a path
// in the project, with the project's own config and import resolver.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RULE = 'boundaries/dependencies';

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The boundary errors ESLint reports for `code` placed at `file`. */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  if (!result) throw new Error('ESLint returned no result');
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal, 'the code must parse').toEqual([]);
  return result.messages.filter((m) => m.ruleId === RULE && m.severity === 2).map((m) => m.message);
}

/** An import of `target` (an `@/` path) that the code also uses, so no other rule objects. */
const importing = (...targets: string[]) =>
  targets.map((t, i) => `import * as m${i} from '${t}';`).join('\n') + `\nexport const used = [${targets.map((_, i) => `m${i}`).join(', ')}];\n`;

/** The rule can only judge an import that resolves: a vanished target would pass silently. */
function assertExists(alias: string) {
  const base = path.join(ROOT, alias.replace(/^@\//, ''));
  const found = ['.ts', '.tsx', '/index.ts'].some((ext) => existsSync(base + ext));
  expect(found, `${alias} must exist for this test to mean anything`).toBe(true);
}

/** Any one use case under server/, whatever the layer is named today. */
function someService(): string {
  const walk = (dir: string): string | undefined => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        const found = walk(full);
        if (found) return found;
      } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts')) return full;
    }
    return undefined;
  };
  const file = walk(path.join(ROOT, 'server'));
  if (!file) throw new Error('no use case under server/');
  return '@/' + path.relative(ROOT, file).replace(/\.tsx?$/, '').split(path.sep).join('/');
}

describe('layer boundaries (eslint-plugin-boundaries)', { timeout: 60_000 }, () => {
  describe('refused', () => {
    it('a component importing a query module from db/', async () => {
      assertExists('@/db/queries/cases');
      const errors = await boundaryErrors('components/cases/example.tsx', importing('@/db/queries/cases'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain('@/db/queries/cases');
    });

    it('a component importing server-only glue (the session)', async () => {
      assertExists('@/lib/session');
      expect(await boundaryErrors('components/example.tsx', importing('@/lib/session'))).toHaveLength(1);
    });

    it('a domain module (the category of lib/workflow.ts) importing the database client', async () => {
      assertExists('@/db/client');
      // A new file under lib/ is domain unless eslint.config.js lists it as glue.
      for (const file of ['lib/workflow.ts', 'lib/some-new-rule.ts']) {
        const errors = await boundaryErrors(file, importing('@/db/client'));
        expect(errors, file).toHaveLength(1);
        expect(errors[0]).toContain('@/db/client');
      }
    });

    it('a domain module importing the framework', async () => {
      const errors = await boundaryErrors('lib/permissions.ts', `import 'server-only';\nexport const x = 1;\n`);
      expect(errors).toHaveLength(1);
    });

    it("one audience's route importing another audience's route files", async () => {
      assertExists('@/app/resident/layout');
      const errors = await boundaryErrors('app/cadre/x/page.tsx', importing('@/app/resident/layout'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain('@/app/resident/layout');
    });

    it('a route handler importing drizzle-orm (no SQL outside db/)', async () => {
      for (const source of ['drizzle-orm', 'drizzle-orm/pg-core', 'pg', '@electric-sql/pglite']) {
        const errors = await boundaryErrors('app/api/x/route.ts', importing(source));
        expect(errors, source).toHaveLength(1);
      }
    });

    it('a use case importing drizzle-orm, a route, a component or next-auth’s configuration', async () => {
      assertExists('@/components/ui');
      expect(await boundaryErrors('server/example/do-thing.ts', importing('drizzle-orm'))).toHaveLength(1);
      expect(await boundaryErrors('server/example/do-thing.ts', importing('@/components/ui'))).toHaveLength(1);
      expect(await boundaryErrors('server/example/do-thing.ts', importing('@/app/resident/layout'))).toHaveLength(1);
      // lib/auth.ts calls the sign-in use case, so a use case importing it would close a cycle.
      assertExists('@/lib/auth');
      expect(await boundaryErrors('server/example/do-thing.ts', importing('@/lib/auth'))).toHaveLength(1);
    });

    it('db/ importing a use case', async () => {
      const service = someService();
      expect(await boundaryErrors('db/queries/example.ts', importing(service))).toHaveLength(1);
    });
  });

  describe('allowed', () => {
    it('a page importing a use case, a query module and the database client', async () => {
      const service = someService();
      assertExists('@/db/queries/cases');
      expect(await boundaryErrors('app/cadre/x/page.tsx', importing(service, '@/db/queries/cases', '@/db/client'))).toEqual([]);
    });

    it('a component importing the domain and other components', async () => {
      assertExists('@/lib/workflow');
      expect(await boundaryErrors('components/example.tsx', importing('@/lib/workflow', '@/lib/domain', '@/components/ui'))).toEqual([]);
    });

    it('a use case importing db/client, a query module and lib/', async () => {
      expect(await boundaryErrors('server/example/do-thing.ts', importing('@/db/client', '@/db/queries/cases', '@/lib/permissions', '@/lib/log'))).toEqual([]);
    });

    it('db/ importing drizzle-orm and the domain', async () => {
      expect(await boundaryErrors('db/queries/example.ts', importing('drizzle-orm', '@/lib/domain', '../client'))).toEqual([]);
    });

    it('a route importing its own audience’s files', async () => {
      expect(await boundaryErrors('app/resident/x/page.tsx', importing('@/app/resident/layout'))).toEqual([]);
    });
  });
});
