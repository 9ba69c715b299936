// The catalogues: both languages hold the same keys with the same ICU arguments, every message
// parses, every key the code names exists and every key is used; English plurals come out right
// and English text carries no Chinese punctuation or building numbers.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { createTranslator } from 'next-intl';
import zh from '@/messages/zh-CN.json';
import en from '@/messages/en.json';
import { describableKeys } from '@/lib/action-result';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { pickMessages } from '@/lib/i18n/pick';
import { argumentsOf, flatKeys, lookup, type Messages } from './catalogue';

const root = path.resolve(__dirname, '../..');
const zhKeys = flatKeys(zh as Messages);
const enKeys = flatKeys(en as Messages);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return ['node_modules', '.next', '.data'].includes(name) ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.test.ts') ? [full] : [];
  });
}
const sources = ['app', 'components', 'lib', 'server', 'db'].flatMap((d) => {
  try {
    return sourceFiles(path.join(root, d)).map((file) => ({ file: path.relative(root, file), text: readFileSync(file, 'utf8') }));
  } catch {
    return [];
  }
});

describe('message catalogues', () => {
  it('have the same keys in Chinese and English', () => {
    expect(zhKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
    expect(enKeys.filter((k) => !zhKeys.includes(k))).toEqual([]);
  });

  it('have no empty sentence, and every message is valid ICU with the same arguments in both languages', () => {
    const problems: string[] = [];
    for (const k of enKeys) {
      const z = lookup(zh as Messages, k) ?? '';
      const e = lookup(en as Messages, k) ?? '';
      if (!z.trim() || !e.trim()) problems.push(`${k}: empty`);
      try {
        new IntlMessageFormat(z, 'zh-CN');
        new IntlMessageFormat(e, 'en');
        if (argumentsOf(z).join() !== argumentsOf(e).join()) problems.push(`${k}: arguments ${argumentsOf(z).join()} ≠ ${argumentsOf(e).join()}`);
      } catch (err) {
        problems.push(`${k}: ${(err as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('write English with English punctuation and no Chinese text', () => {
    // The language switch names the other language in that language: 中文.
    const bad = enKeys.filter((k) => k !== 'header.switchLanguage' && /[「」“”‘’\u4e00-\u9fff]/.test(lookup(en as Messages, k)!));
    expect(bad).toEqual([]);
  });

  it('contain every literal key the code translates, and every key describeResult answers with', () => {
    const missing: string[] = [];
    for (const { file, text } of sources) {
      for (const m of text.matchAll(/\b(?:t|tl|loose\(t\))\(\s*'([a-zA-Z0-9_.]+)'/g)) if (!enKeys.includes(m[1]!)) missing.push(`${file}: ${m[1]}`);
      // Template keys such as t(`status.${s}`): the fixed prefix must be a namespace.
      for (const m of text.matchAll(/\b(?:t|tl|loose\(t\))\(\s*`([a-zA-Z0-9_.]+)\.\$\{/g)) if (!enKeys.some((k) => k.startsWith(`${m[1]}.`))) missing.push(`${file}: ${m[1]}.*`);
    }
    for (const k of describableKeys()) if (!enKeys.includes(k)) missing.push(`describeResult: ${k}`);
    expect(missing).toEqual([]);
  });

  it('contain no key the code never names (literally, or under a `prefix.${…}` template)', () => {
    const all = sources.map((s) => s.text).join('\n');
    const prefixes = [...all.matchAll(/[`'"]([a-zA-Z0-9_.]+)\.\$\{/g)].map((m) => `${m[1]}.`);
    const unused = enKeys.filter((k) => !all.includes(`'${k}'`) && !all.includes(`"${k}"`) && !all.includes(`\`${k}\``) && !prefixes.some((p) => k.startsWith(p)));
    expect(unused).toEqual([]);
  });

  it('name only existing namespaces for client components', () => {
    for (const [name, paths] of Object.entries(CLIENT_MESSAGES)) for (const p of paths) expect(lookup(en as Messages, p) ?? (en as Messages)[p] ?? p.split('.').reduce<unknown>((n, part) => (n as Messages | undefined)?.[part], en), `${name}: ${p}`).toBeDefined();
  });
});

describe('English plurals', () => {
  const t = createTranslator({ locale: 'en-GB', messages: en });
  const tz = createTranslator({ locale: 'zh-CN', messages: zh });

  it('count days and messages in the singular for one', () => {
    expect(t('common.daysLeft', { days: 1 })).toBe('1 day left');
    expect(t('common.daysLeft', { days: 2 })).toBe('2 days left');
    expect(t('appeal.daysLeft', { days: 1 })).toBe('1 day left');
    expect(t('notifications.unreadCount', { count: 1 })).toBe('You have 1 unread message.');
    expect(t('notifications.unreadCount', { count: 3 })).toBe('You have 3 unread messages.');
    expect(t('grievances.deadline.respondIn', { days: 1 })).toBe('Answer due in 1 day');
    expect(t('notice.count', { count: 1 })).toBe('1 household on public notice.');
  });

  it('say "1 boiler", not "boiler(s)"', () => {
    expect(t('rules.entitlement.repair', { boilers: 1, heatPumps: 2 })).toBe('Free repair visit: 1 boiler, 2 heat pumps');
    expect(t('rules.entitlement.cashLine.boiler', { units: 1, rate: '1,000', amount: '1,000' })).toBe('1 boiler × ¥1,000 = ¥1,000');
    expect(enKeys.filter((k) => lookup(en as Messages, k)!.includes('(s)'))).toEqual([]);
  });

  it('leave Chinese as it was', () => {
    expect(tz('common.daysLeft', { days: 1 })).toBe('还剩 1 天');
  });
});

describe('pickMessages', () => {
  it('hands over only the namespaces named, nested ones included', () => {
    const picked = pickMessages(en, ['auth.signIn', 'errors.errorPage', 'header']);
    expect(Object.keys(picked).sort()).toEqual(['auth', 'errors', 'header']);
    expect(Object.keys(picked.errors as Messages)).toEqual(['errorPage']);
    expect((picked.auth as Messages).signIn).toEqual(en.auth.signIn);
    expect(JSON.stringify(picked).length).toBeLessThan(JSON.stringify(en).length / 10);
  });
});
