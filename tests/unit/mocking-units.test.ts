import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { MOCKING_UNITS } from '../mocking-units';

it('every unit file that replaces a module runs isolated, and only those', () => {
  const dir = path.join(process.cwd(), 'tests/unit');
  const mocking = readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .filter((f) => /\bvi\s*\.\s*(mock|doMock|unmock|doUnmock|resetModules)\s*\(/.test(readFileSync(path.join(dir, f), 'utf8')))
    .map((f) => `tests/unit/${f}`)
    .sort();
  expect(mocking).toEqual([...MOCKING_UNITS].sort());
});
