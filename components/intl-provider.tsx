'use client';
// next-intl for a client subtree. Functions (onError, getMessageFallback) cannot cross from
// the server, so they are set here; the server side only hands the locale and the messages
// the subtree uses (components/client-messages.tsx picks them).
import type { ReactNode } from 'react';
import { NextIntlClientProvider, type AbstractIntlMessages } from 'next-intl';
import type { Locale } from '@/lib/domain';
import { TIME_ZONE, formatsFor, messageFallback, onIntlError } from '@/lib/i18n/config';
import { intlLocale } from '@/lib/i18n/locale';

export function IntlProvider({ locale, messages, children }: { locale: Locale; messages: AbstractIntlMessages; children: ReactNode }) {
  return (
    <NextIntlClientProvider locale={intlLocale(locale)} messages={messages} timeZone={TIME_ZONE} formats={formatsFor(locale)} onError={onIntlError} getMessageFallback={messageFallback}>
      {children}
    </NextIntlClientProvider>
  );
}
