// The unit files that replace modules with vi.mock. Vitest runs them in a project of their own
// ('unit-mocked'), each file with a fresh module graph; every other unit file shares its
// worker's modules ('unit', no isolation), which halves the phase. A mock set up in a shared
// worker would leak into the files after it, so tests/unit/mocking-units.test.ts fails when a
// file that mocks is missing here.
export const MOCKING_UNITS = [
  'tests/unit/actions.test.ts',
  'tests/unit/auth-callbacks.test.ts',
  'tests/unit/auth-helpers.test.ts',
  'tests/unit/health.test.ts',
  'tests/unit/session-token.test.ts',
  'tests/unit/session.test.ts',
  'tests/unit/staff-search-route.test.ts',
  'tests/unit/uuid-inputs.test.ts',
];
