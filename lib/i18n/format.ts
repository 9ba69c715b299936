// Date and number formatting outside React (tests, scripts) with exactly the app's settings:
// China Standard Time and the named formats of lib/i18n/config.ts. Components use next-intl's
// useFormatter / getFormatter, which carry the same settings.
import { createFormatter } from 'next-intl';
import type { Locale } from '@/lib/domain';
import { TIME_ZONE, formatsFor } from './config';
import { intlLocale } from './locale';

export function formatterFor(locale: Locale) {
  return createFormatter({ locale: intlLocale(locale), timeZone: TIME_ZONE, formats: formatsFor(locale) });
}

/** 2023年11月21日 / 21 Nov 2023, in China Standard Time. */
export function formatDate(locale: Locale, d: Date | string | number): string {
  return formatterFor(locale).dateTime(new Date(d), 'date');
}
