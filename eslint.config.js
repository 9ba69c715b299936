// Lint rules: typescript-eslint's recommended set, Drizzle's guard against UPDATE or DELETE
// without WHERE (CONVENTIONS §13), and the layer boundaries (CONVENTIONS "Layout", issue 7):
//
//   routes (app/, one folder per audience) → services (server/) → domain (lib/) and data (db/)
//   components/ → domain only;  no SQL outside db/.
//
// Edit this file when a folder is added at the top level, when a new file under lib/ is
// glue rather than domain (add it to LIB_GLUE), or when the layering itself changes.
// tests/unit/lint-boundaries.test.ts proves that a forbidden import fails.
import path from 'node:path';
import tseslint from 'typescript-eslint';
import drizzle from 'eslint-plugin-drizzle';
import boundaries from 'eslint-plugin-boundaries';

const ROOT = import.meta.dirname;

// ---- lib/: two kinds of module ------------------------------------------------------------
// Domain: pure rules and vocabularies, client-safe. It imports only other domain modules (and
// packages such as zod or node:crypto), never a framework (next, next-auth, server-only).
// Listed for the reader; a file under lib/ that is in neither list is domain too, so a new
// module starts on the strict side and becomes glue only by being named below on purpose.
const LIB_DOMAIN = [
  'lib/action-result.ts',
  'lib/common-passwords.ts',
  'lib/demo-accounts.ts',
  'lib/domain.ts',
  'lib/errors.ts',
  'lib/facts.ts',
  'lib/grievances.ts',
  'lib/id-rules.ts',
  'lib/ledger/**',
  'lib/permissions.ts',
  'lib/pii.ts',
  'lib/programs/**',
  'lib/session-limits.ts',
  'lib/state-machine.ts',
  'lib/time.ts',
  'lib/validators.ts',
  'lib/workflow.ts',
];
// Glue: binds the app to its surroundings (environment, sessions, the action builder, files,
// logs, native modules). Server code (routes, services, data) may use it; components and the
// domain may not.
const LIB_GLUE = [
  'lib/actions.ts',
  'lib/auth-jwt.ts',
  'lib/client-address.ts',
  'lib/env.ts',
  'lib/ledger/export.ts',
  'lib/ledger/xlsx.ts',
  'lib/log.ts',
  'lib/notify.ts',
  'lib/password.ts',
  'lib/protect.ts',
  'lib/request-target.ts',
  'lib/session.ts',
  'lib/session-token.ts',
  'lib/storage.ts',
  'lib/upload-check.ts',
];
// next-auth's configuration: its authorize callback is the sign-in endpoint, so like a route
// it may call a use case (server/auth/sign-in.ts); routes and lib/session.ts import it, use
// cases may not (that would be a cycle).
const LIB_ENTRY = ['lib/auth.ts'];
// Messages and formatting: glue the components need as much as the server does.
const LIB_I18N = ['lib/i18n/**'];

// Tests may import anything (they arrange and inspect every layer); only the tests below may
// also touch the database drivers: integration tests arrange rows and read them back with
// Drizzle, migrations.test.ts and tests/pglite open their own pg / PGlite connections, and
// scripts/with-postgres.ts creates the test database on a throwaway server with pg, and
// scripts/hold-fresh-database.ts an empty one beside it for the first-start walk.
const TESTS = ['**/*.test.ts', '**/*.test.tsx', 'tests/**', 'e2e/**'];
const SQL_EXEMPT = ['tests/integration/**', 'tests/pglite/**', 'scripts/with-postgres.ts', 'scripts/hold-fresh-database.ts'];

const SQL_DRIVERS = ['drizzle-orm', 'pg', '@electric-sql/pglite'];
const FRAMEWORK = ['next', 'next-auth', 'server-only'];

// Route folders by audience; app/ itself (layout, error pages, /home) is the shared shell.
const AUDIENCES = { public: 'app/\\(public\\)', resident: 'app/resident', cadre: 'app/cadre', county: 'app/county', api: 'app/api' };

const element = (type) => ({ element: { type } });
const lib = (...categories) => ({ element: { type: 'lib' }, file: { categories } });
const anything = { module: { origin: ['local', 'external', 'core'] } };
const routeTargets = [element('services'), element('components'), element('data'), lib('domain', 'i18n', 'glue', 'entry')];

export default tseslint.config(
  { ignores: ['.next/**', '.next-*/**', 'node_modules/**', '.data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', 'db/migrations/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { drizzle },
    rules: {
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    plugins: { boundaries },
    settings: {
      'boundaries/root-path': ROOT,
      // No ${…} templates in the policies below; building their data for every match costs seconds.
      'boundaries/legacy-templates': false,
      // Resolves `@/…` and extensionless .ts imports as TypeScript does (see the file).
      'import/resolver': { [path.join(ROOT, 'scripts/eslint-resolver.cjs')]: {} },
      // First match wins: an audience folder before app/ itself, glue before the lib/** default.
      'boundaries/elements-single-match': true,
      'boundaries/files-single-match': true,
      'boundaries/elements': [
        ...Object.entries(AUDIENCES).map(([audience, pattern]) => ({ type: `routes-${audience}`, pattern, partialMatch: false })),
        { type: 'routes-shared', pattern: 'app', partialMatch: false },
        { type: 'services', pattern: 'server', partialMatch: false },
        { type: 'components', pattern: 'components', partialMatch: false },
        { type: 'data', pattern: 'db', partialMatch: false },
        { type: 'lib', pattern: 'lib', partialMatch: false },
        { type: 'scripts', pattern: 'scripts', partialMatch: false },
        { type: 'tests', pattern: ['tests', 'e2e'], partialMatch: false },
      ],
      'boundaries/files': [
        { category: 'test', pattern: TESTS },
        { category: 'glue', pattern: LIB_GLUE },
        { category: 'entry', pattern: LIB_ENTRY },
        { category: 'i18n', pattern: LIB_I18N },
        { category: 'domain', pattern: LIB_DOMAIN },
        { category: 'domain', pattern: 'lib/**' },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          // Packages are checked too (the SQL drivers), and imports inside one folder as well
          // (lib/ holds both domain and glue).
          checkAllOrigins: true,
          checkInternals: true,
          message:
            '{{from.element.type}}{{#if from.file.categories}} ({{from.file.categories}}){{/if}} must not import {{dependency.source}} ({{#if to.element.type}}{{to.element.type}}{{#if to.file.categories}}, {{to.file.categories}}{{/if}}{{else}}package{{/if}}): see the layers in eslint.config.js and README "Layout".',
          // Later policies win over earlier ones.
          policies: [
            // Packages and Node built-ins, unless a policy further down forbids one.
            { allow: { to: { module: { origin: ['external', 'core'] } } } },
            // Files outside the layers (root config, proxy.ts, instrumentation.ts, types/),
            // tests and scripts wire everything together.
            { from: { element: { isUnknown: true } }, allow: { to: anything } },
            { from: element('scripts'), allow: { to: anything } },
            { from: { file: { categories: 'test' } }, allow: { to: anything } },

            // Routes: their own audience's folder, services, components, data, all of lib/.
            // Never another audience's routes nor the shared shell's: shared pieces live in components/.
            ...Object.keys(AUDIENCES).map((audience) => ({
              from: element(`routes-${audience}`),
              allow: { to: [element(`routes-${audience}`), ...routeTargets] },
            })),
            { from: element('routes-shared'), allow: { to: [element('routes-shared'), ...routeTargets] } },
            // Services: other services, data, lib/. Never routes or components.
            { from: element('services'), allow: { to: [element('services'), element('data'), lib('domain', 'i18n', 'glue')] } },
            // Components: other components, the domain, messages. Never db/, server/ or server glue.
            { from: element('components'), allow: { to: [element('components'), lib('domain', 'i18n')] } },
            // Data: db/ itself, the domain and glue (env, keys for personal data). Never services, routes, components.
            { from: element('data'), allow: { to: [element('data'), lib('domain', 'glue')] } },
            // Domain: only the domain.
            { from: lib('domain'), allow: { to: lib('domain') } },
            { from: lib('i18n'), allow: { to: lib('domain', 'i18n', 'glue') } },
            // Glue: lib/ and db/ (the session is read from the database). Never services, routes, components.
            { from: lib('glue'), allow: { to: [lib('domain', 'i18n', 'glue', 'entry'), element('data')] } },
            // next-auth's configuration: like a route, it may call use cases.
            { from: lib('entry'), allow: { to: [lib('domain', 'i18n', 'glue'), element('data'), element('services')] } },

            // No SQL outside db/: the drivers and the query builder only in db/ (and SQL_EXEMPT).
            {
              disallow: { to: { module: { source: SQL_DRIVERS } } },
              message: '{{dependency.source}}: only db/ runs SQL. Put the query in db/queries/ (services may use getDb, Db and Tx from db/client).',
            },
            { from: element('data'), allow: { to: { module: { source: SQL_DRIVERS } } } },
            { from: { file: { path: SQL_EXEMPT } }, allow: { to: { module: { source: SQL_DRIVERS } } } },
            // The domain stays pure: a module that needs the framework is glue (list it in LIB_GLUE).
            {
              from: lib('domain'),
              disallow: { to: { module: { source: FRAMEWORK } } },
              message: '{{from.file.path}} is a domain module and must not import {{dependency.source}}; if it is glue, list it in LIB_GLUE in eslint.config.js.',
            },
          ],
        },
      ],
    },
  },
  {
    // eslint-module-utils loads import resolvers with require(), so the resolver is CommonJS.
    files: ['scripts/eslint-resolver.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', exports: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
