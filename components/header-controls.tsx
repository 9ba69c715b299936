'use client';
// Header controls: language switch, large-text switch and sign-out. Preferences are cookies,
// so the server renders the next page in the chosen language and size.
import { useRouter } from 'next/navigation';
import { signOut } from 'next-auth/react';
import { Languages, LogOut, Type } from 'lucide-react';
import {useTranslations } from 'next-intl';
import { useUiLocale } from '@/lib/i18n/locale';

function setCookie(name: string, value: string) {
  document.cookie = `${name}=${value}; path=/; max-age=31536000; samesite=lax`;
}

const controlClass = 'inline-flex min-h-11 min-w-11 items-center justify-center gap-1 rounded-lg px-3 text-sm font-medium text-white hover:bg-white/10';

export function LanguageSwitch() {
  const t = useTranslations();
  const locale = useUiLocale();
  const router = useRouter();
  const next = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <button
      type="button"
      className={controlClass}
      lang={next}
      onClick={() => {
        setCookie('locale', next);
        router.refresh();
      }}
    >
      <Languages aria-hidden="true" className="h-4 w-4" />
      {t('header.switchLanguage')}
    </button>
  );
}

export function TextSizeSwitch({ large }: { large: boolean }) {
  const t = useTranslations();
  return (
    <button
      type="button"
      className={controlClass}
      aria-pressed={large}
      onClick={() => {
        setCookie('textsize', large ? 'normal' : 'large');
        document.documentElement.classList.toggle('text-large', !large);
        window.location.reload();
      }}
    >
      <Type aria-hidden="true" className="h-4 w-4" />
      {t('header.largeText')}
    </button>
  );
}

export function SignOutButton() {
  const t = useTranslations();
  return (
    <button type="button" className={controlClass} onClick={() => signOut({ callbackUrl: '/' })}>
      <LogOut aria-hidden="true" className="h-4 w-4" />
      {t('header.signOut')}
    </button>
  );
}
