// Typed message keys, locales and named formats for every next-intl call (t('…') with a key
// that is not in messages/en.json fails the typecheck).
import type { IntlLocale } from '@/lib/i18n/locale';
import type { formats } from '@/lib/i18n/config';
import type messages from '@/messages/en.json';

declare module 'next-intl' {
  interface AppConfig {
    Locale: IntlLocale;
    Messages: typeof messages;
    Formats: typeof formats;
  }
}
