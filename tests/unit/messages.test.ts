// Both languages hold every key, and every key the code asks for exists in both.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import zh from '@/messages/zh-CN.json';
import en from '@/messages/en.json';
import { lookup, type Messages } from '@/lib/i18n-core';

const flat = (o: Messages, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [p + k] : flat(v, `${p}${k}.`)));
const root = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return ['node_modules', '.next', '.data', 'e2e', 'tests'].includes(name) ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('message catalogues', () => {
  const zhKeys = new Set(flat(zh as Messages));
  const enKeys = new Set(flat(en as Messages));

  it('have the same keys in Chinese and English', () => {
    expect([...zhKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !zhKeys.has(k))).toEqual([]);
  });

  it('have no empty sentence', () => {
    for (const k of zhKeys) expect(lookup(zh as Messages, k)?.trim(), k).toBeTruthy();
    for (const k of enKeys) expect(lookup(en as Messages, k)?.trim(), k).toBeTruthy();
  });

  it('contain every literal key the code translates', () => {
    const missing: string[] = [];
    for (const dir of ['app', 'components', 'lib']) {
      for (const file of sourceFiles(path.join(root, dir))) {
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
          const key = m[1]!;
          if (!zhKeys.has(key) || !enKeys.has(key)) missing.push(`${path.relative(root, file)}: ${key}`);
        }
        // Template keys such as t(`status.${s}`): the fixed prefix must be a namespace.
        for (const m of text.matchAll(/\bt\(\s*`([a-zA-Z0-9_.]+)\.\$\{/g)) {
          const prefix = m[1]!;
          if (![...zhKeys].some((k) => k.startsWith(`${prefix}.`))) missing.push(`${path.relative(root, file)}: ${prefix}.*`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
