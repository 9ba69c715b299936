import 'server-only';
// The portal language of this request in a server component (see lib/i18n/locale.ts).
import { getLocale } from 'next-intl/server';
import type { Locale } from '@/lib/domain';
import { uiLocale } from './locale';

export async function getUiLocale(): Promise<Locale> {
  return uiLocale(await getLocale());
}
