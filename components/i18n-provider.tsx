'use client';
// Gives client components the current language and the message namespaces they need.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Locale } from '@/lib/domain';
import { createTranslator, type Messages, type Translate } from '@/lib/i18n-core';

const I18nContext = createContext<{ locale: Locale; t: Translate } | null>(null);

export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: Messages; children: ReactNode }) {
  const value = useMemo(() => ({ locale, t: createTranslator(messages) }), [locale, messages]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): { locale: Locale; t: Translate } {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
