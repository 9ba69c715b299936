// The request's language on the server: the `locale` cookie set by the header switch,
// else zh-CN. Server components call getI18n(); client components get messages through
// components/i18n-provider.tsx.
import 'server-only';
import { cookies } from 'next/headers';
import { cache } from 'react';
import type { Locale } from './domain';
import { DEFAULT_LOCALE } from './domain';
import { createTranslator, isLocale, type Messages, type Translate } from './i18n-core';
import zhCN from '../messages/zh-CN.json';
import en from '../messages/en.json';

export const CATALOGUES: Record<Locale, Messages> = { 'zh-CN': zhCN as Messages, en: en as Messages };
export const LOCALE_COOKIE = 'locale';

export const getLocale = cache(async (): Promise<Locale> => {
  const v = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(v) ? v : DEFAULT_LOCALE;
});

export const getI18n = cache(async (): Promise<{ locale: Locale; t: Translate; messages: Messages }> => {
  const locale = await getLocale();
  const messages = CATALOGUES[locale];
  return { locale, t: createTranslator(messages), messages };
});
