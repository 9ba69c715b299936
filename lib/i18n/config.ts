// next-intl settings shared by the server request config (lib/i18n/request.ts) and the client
// provider (components/intl-provider.tsx): the cookie, the time zone, the named formats and
// what a missing message shows. Edit here to add a named date or number format.
import type { Formats, IntlError } from 'next-intl';
import { IntlErrorCode } from 'next-intl';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '@/lib/domain';

/** Set by the header's language switch; there is no locale in the URL. */
export const LOCALE_COOKIE = 'locale';

/** Every date and time the portal shows is China Standard Time, wherever the browser is. */
export const TIME_ZONE = 'Asia/Shanghai';

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

export function localeOrDefault(v: unknown): Locale {
  return isLocale(v) ? v : DEFAULT_LOCALE;
}

/**
 * Named formats: format.dateTime(d, 'date'), format.number(n, 'yuan'). English spells months
 * short (21 Nov 2023, British order: see lib/i18n/locale.ts); the Chinese long form is already short (2023年11月21日).
 */
export function formatsFor(locale: Locale) {
  const month = locale === 'en' ? ('short' as const) : ('long' as const);
  return {
    dateTime: {
      date: { year: 'numeric', month, day: 'numeric' },
      // 2023年11月21日 14:05 / 21 Nov 2023, 14:05
      dateTime: { year: 'numeric', month, day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
    },
    number: {
      // ¥1,000 in both languages (narrowSymbol: English would otherwise print CN¥)
      yuan: { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol', maximumFractionDigits: 0, minimumFractionDigits: 0 },
      // 1,234.5: grouping, up to three decimals (tonnes), as toLocaleString wrote them
      plain: { maximumFractionDigits: 3 },
    },
  } satisfies Formats;
}

/** The shape of the named formats, for next-intl's types (types/next-intl.d.ts). */
export const formats = formatsFor(DEFAULT_LOCALE);

/** A missing or broken message is logged; the page still renders (with the key, below). */
export function onIntlError(error: IntlError): void {
  console.error(`[i18n] ${error.code}: ${error.originalMessage ?? error.message}`);
}

/** A missing key shows the key itself (and the catalogue test fails), never a blank. */
export function messageFallback({ namespace, key, error }: { namespace?: string; key: string; error: IntlError }): string {
  const path = namespace ? `${namespace}.${key}` : key;
  return error.code === IntlErrorCode.MISSING_MESSAGE ? path : `${path} (?)`;
}
