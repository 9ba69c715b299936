// lib/id-rules.ts is imported by client components (live ID checks while typing): it must
// stay free of Node modules, or the phone's bundle gains a crypto polyfill (~140 kB gzipped).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as rules from '@/lib/id-rules';
import * as pii from '@/lib/pii';

describe('browser-safe ID and mobile rules', () => {
  it('import nothing from Node or from other modules', () => {
    const src = readFileSync(path.resolve(__dirname, '../../lib/id-rules.ts'), 'utf8');
    expect(src).not.toMatch(/^\s*import\s/m);
  });
  it('are the very functions lib/pii exports (one implementation)', () => {
    expect(pii.idNumberProblem).toBe(rules.idNumberProblem);
    expect(pii.mobileProblem).toBe(rules.mobileProblem);
    expect(pii.normaliseIdNumber).toBe(rules.normaliseIdNumber);
  });
});
