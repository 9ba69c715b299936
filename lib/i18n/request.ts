// The request's language and messages for next-intl (wired in next.config.js): the `locale`
// cookie set by the header switch, else zh-CN. No locale routing: URLs never carry a language.
import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import zhCN from '@/messages/zh-CN.json';
import en from '@/messages/en.json';
import { LOCALE_COOKIE, TIME_ZONE, formatsFor, localeOrDefault, messageFallback, onIntlError } from './config';
import { intlLocale, uiLocale } from './locale';

/** The message catalogues by UI locale (also for a server action that is told its language, e.g. app/county/visits/actions.ts). */
export const CATALOGUES = { 'zh-CN': zhCN, en } as const;

export default getRequestConfig(async ({ locale: asked }) => {
  // A caller that names its language (getTranslations({ locale: 'zh-CN' }) for a ledger file's
  // Chinese headers, server/ledger/route.ts) gets it; otherwise the reader's choice.
  const locale = asked ? uiLocale(asked) : localeOrDefault((await cookies()).get(LOCALE_COOKIE)?.value);
  return {
    locale: intlLocale(locale),
    messages: CATALOGUES[locale],
    timeZone: TIME_ZONE,
    formats: formatsFor(locale),
    onError: onIntlError,
    getMessageFallback: messageFallback,
  };
});
