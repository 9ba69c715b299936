// Translation and formatting shared by server and client code. Messages live in
// messages/zh-CN.json and messages/en.json; keys are dotted paths ('auth.signIn.title').
import type { Locale } from './domain';
import { DEFAULT_LOCALE, LOCALES } from './domain';

export type Messages = { [key: string]: string | Messages };
export type Params = Record<string, string | number>;
export type Translate = (key: string, params?: Params) => string;

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

export function lookup(messages: Messages, key: string): string | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of key.split('.')) {
    if (!node || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** A missing key shows the key itself (and the catalogue test fails), never a blank. */
export function createTranslator(messages: Messages): Translate {
  return (key, params) => interpolate(lookup(messages, key) ?? key, params);
}

export function pickNamespaces(messages: Messages, namespaces: readonly string[]): Messages {
  const out: Messages = {};
  for (const ns of namespaces) if (messages[ns] !== undefined) out[ns] = messages[ns]!;
  return out;
}

const TZ = 'Asia/Shanghai';

/** 2023年11月21日 / 21 Nov 2023, always in China Standard Time. */
export function formatDate(locale: Locale, d: Date | string | number): string {
  const date = new Date(d);
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { timeZone: TZ, year: 'numeric', month: locale === 'en' ? 'short' : 'long', day: 'numeric' }).format(date);
}

export function formatDateTime(locale: Locale, d: Date | string | number): string {
  const date = new Date(d);
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { timeZone: TZ, year: 'numeric', month: locale === 'en' ? 'short' : 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(date);
}

/** ¥1,000 in both languages. */
export function formatYuan(amount: number): string {
  return `¥${Math.round(amount).toLocaleString('en-US')}`;
}

export function formatNumber(n: number): string {
  return n.toLocaleString('en-US');
}

export const defaultLocale = DEFAULT_LOCALE;
