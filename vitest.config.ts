// Three depths of tests (CONVENTIONS.md §12): pure units, integration on a real PostgreSQL
// server, and a smoke run of migrations + seed on the embedded PGlite.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { MOCKING_UNITS } from './tests/mocking-units';

const alias = { '@': fileURLToPath(new URL('.', import.meta.url)), 'server-only': fileURLToPath(new URL('./tests/server-only-stub.ts', import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      // Pure units share their workers' module cache (no isolation: about half the phase's time
      // went to importing the same modules again for every file); the files that replace
      // modules with vi.mock get a fresh module graph each, as they need.
      { resolve: { alias }, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], exclude: MOCKING_UNITS, environment: 'node', isolate: false } },
      { resolve: { alias }, test: { name: 'unit-mocked', include: MOCKING_UNITS, environment: 'node' } },
      {
        resolve: { alias },
        test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], globalSetup: ['tests/integration/global-setup.ts'], environment: 'node', fileParallelism: true, maxWorkers: 2, testTimeout: 30_000, hookTimeout: 60_000 },
      },
      {
        resolve: { alias },
        test: { name: 'pglite', include: ['tests/pglite/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 120_000 },
      },
    ],
  },
});
