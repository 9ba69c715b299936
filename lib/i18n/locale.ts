// The portal's two languages ('zh-CN', 'en': the cookie's values and what pages compare with)
// and the Intl locale next-intl formats with. English is British English, so dates read
// "21 Nov 2023" as UI.md asks; US English would write "Nov 21, 2023". Client-safe.
import { useLocale } from 'next-intl';
import type { Locale } from '@/lib/domain';
import { localeOrDefault } from './config';

const INTL_LOCALE = { 'zh-CN': 'zh-CN', en: 'en-GB' } as const satisfies Record<Locale, string>;

/** What next-intl is told (types/next-intl.d.ts). */
export type IntlLocale = (typeof INTL_LOCALE)[Locale];

/** The Intl locale for a portal language (for next-intl's request config and providers). */
export function intlLocale(locale: Locale): IntlLocale {
  return INTL_LOCALE[locale];
}

/** The portal language of an Intl locale next-intl reports. */
export function uiLocale(intl: string): Locale {
  return intl.startsWith('en') ? 'en' : localeOrDefault(intl);
}

/** The portal language in a client component. */
export function useUiLocale(): Locale {
  return uiLocale(useLocale());
}
