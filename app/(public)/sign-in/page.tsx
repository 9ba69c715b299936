import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { env } from '@/lib/env';
import { safeLocalPath } from '@/lib/auth';
import { getCurrentUser } from '@/lib/session';
import { HOME_BY_ROLE } from '@/lib/permissions';
import { SignInForm } from '@/components/sign-in-form';
import { ClientMessages } from '@/components/client-messages';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { Card, PageTitle } from '@/components/ui';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/lib/demo-accounts';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('auth.signIn.title') };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const t = await getTranslations();
  const { callbackUrl } = await searchParams;
  const user = await getCurrentUser();
  const target = safeLocalPath(callbackUrl) ?? '/home';
  if (user) redirect(target === '/home' ? HOME_BY_ROLE[user.role] : target);
  const demo = env().demo;
  const shown = DEMO_ACCOUNTS.filter((a) => ['resident', 'cadre', 'official'].includes(a.key));
  return (
    <div className="mx-auto max-w-md space-y-6">
      <PageTitle lead={t('auth.signIn.lead')}>{t('auth.signIn.title')}</PageTitle>
      <Card>
        <ClientMessages pick={CLIENT_MESSAGES.signIn}>
          <SignInForm callbackUrl={target} />
        </ClientMessages>
      </Card>
      <p className="text-slate-700">
        {t('register.noAccount')}{' '}
        <Link href="/register" className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
          {t('register.registerLink')}
        </Link>
      </p>
      {demo ? (
        <Card title={t('auth.demo.title')}>
          <p className="mb-2 text-slate-700">{t('auth.demo.lead', { password: DEMO_PASSWORD })}</p>
          <ul className="space-y-1">
            {shown.map((a) => (
              <li key={a.key} className="flex justify-between gap-2">
                <span>{t(`roles.${a.role}`)}</span>
                <span className="font-mono">{a.phone}</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
