// The header on every page: the service and place name, who is signed in, language,
// large text and sign-out. The root layout passes the signed-in person in (components do not
// read the session); the switches are client components with the `header` messages only.
import Link from 'next/link';
import { Landmark } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { Role } from '@/lib/domain';
import { HOME_BY_ROLE } from '@/lib/permissions';
import { ClientMessages } from './client-messages';
import { LanguageSwitch, SignOutButton, TextSizeSwitch } from './header-controls';

export interface HeaderUser {
  name: string;
  role: Role;
}

export function SiteHeader({ user, largeText }: { user: HeaderUser | null; largeText: boolean }) {
  const t = useTranslations();
  return (
    <header className="bg-brand-700 text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-2">
        <Link href={user ? HOME_BY_ROLE[user.role] : '/'} className="flex min-h-11 items-center gap-2 font-bold">
          <Landmark aria-hidden="true" className="h-6 w-6" />
          <span>
            <span className="block text-base leading-tight">{t('header.service')}</span>
            <span className="block text-xs font-normal leading-tight text-brand-100">{t('header.place')}</span>
          </span>
        </Link>
        <nav aria-label={t('header.navLabel')} className="flex flex-wrap items-center gap-1">
          {user ? (
            <>
              <span className="px-2 text-sm" data-testid="signed-in-as">
                {user.name} · {t(`roles.${user.role}`)}
              </span>
              <Link href="/account/password" className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-lg px-3 text-sm font-medium hover:bg-white/10">
                {t('account.headerLink')}
              </Link>
            </>
          ) : (
            <Link href="/sign-in" className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-lg px-3 text-sm font-medium hover:bg-white/10">
              {t('header.signIn')}
            </Link>
          )}
          <ClientMessages pick={['header']}>
            <LanguageSwitch />
            <TextSizeSwitch large={largeText} />
            {user ? <SignOutButton /> : null}
          </ClientMessages>
        </nav>
      </div>
    </header>
  );
}
