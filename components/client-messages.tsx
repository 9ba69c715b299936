// Server component around client components that translate: hands them the current locale and
// only the message namespaces named here (not the whole catalogue). Put it in the page or
// layout as close as possible around the client components; list what they call t() on.
import type { ReactNode } from 'react';
import {getMessages } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { pickMessages, type MessagePath } from '@/lib/i18n/pick';
import { IntlProvider } from './intl-provider';

export async function ClientMessages({ pick, children }: { pick: readonly MessagePath[]; children: ReactNode }) {
  const [locale, messages] = await Promise.all([getUiLocale(), getMessages()]);
  return (
    <IntlProvider locale={locale} messages={pickMessages(messages, pick)}>
      {children}
    </IntlProvider>
  );
}
