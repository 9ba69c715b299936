import type { Metadata, Viewport } from 'next';
import { cookies } from 'next/headers';
import './globals.css';
import {getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { getCurrentUser } from '@/lib/session';
import { IDLE_TIMEOUT_S } from '@/lib/auth';
import { env } from '@/lib/env';
import { ClientMessages } from '@/components/client-messages';
import { SiteHeader } from '@/components/site-header';
import { SessionKeeper } from '@/components/session-keeper';
import { NotSetUp } from '@/components/not-set-up';
import { getDb } from '@/db/client';
import { isSetUp } from '@/db/queries/setup';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: { default: t('header.service'), template: `%s · ${t('header.service')}` }, description: t('home.lead') };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#163f75' };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, t, jar, user, setUp] = await Promise.all([getUiLocale(), getTranslations(), cookies(), getCurrentUser(), isSetUp({ db: getDb() })]);
  const largeText = jar.get('textsize')?.value === 'large';
  return (
    <html lang={locale} className={largeText ? 'text-large' : undefined}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2">
          {t('common.skipToContent')}
        </a>
        {env().demo ? (
          // Demo mode must be impossible to miss: a deployment that forgot DATABASE_URL runs it.
          <p data-testid="demo-banner" className="bg-amber-200 px-4 py-1.5 text-center text-sm font-semibold text-amber-950">
            {t('common.demoBanner')}
          </p>
        ) : null}
        <SiteHeader user={user ? { name: user.name, role: user.role } : null} largeText={largeText} />
        <main id="main" className="mx-auto max-w-6xl px-4 py-6">
          {/* Messages for app/error.tsx only: pages wrap their own client components in ClientMessages with the namespaces those use. */}
          <ClientMessages pick={['errors.errorPage']}>{setUp ? children : <NotSetUp />}</ClientMessages>
        </main>
        <footer className="mx-auto max-w-6xl px-4 pb-8 pt-4 text-sm text-slate-600">{t('common.footer')}</footer>
        {user ? (
          <ClientMessages pick={['session']}>
            <SessionKeeper idleSeconds={IDLE_TIMEOUT_S[user.role]} />
          </ClientMessages>
        ) : null}
      </body>
    </html>
  );
}
