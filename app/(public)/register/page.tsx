import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/session';
import { HOME_BY_ROLE } from '@/lib/permissions';
import { PASSWORD_MIN_LENGTH } from '@/lib/field-limits';
import { Card, PageTitle } from '@/components/ui';
import { ClientMessages } from '@/components/client-messages';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { RegisterForm } from './register-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('register.title') };
}

export default async function RegisterPage() {
  const user = await getCurrentUser();
  if (user) redirect(HOME_BY_ROLE[user.role]);
  const t = await getTranslations();
  return (
    <div className="mx-auto max-w-md space-y-6">
      <PageTitle lead={t('register.lead')}>{t('register.title')}</PageTitle>
      <Card>
        <ClientMessages pick={CLIENT_MESSAGES.register}>
          <RegisterForm passwordMinLength={PASSWORD_MIN_LENGTH} />
        </ClientMessages>
      </Card>
      <p className="text-slate-700">
        {t('register.haveAccount')}{' '}
        <Link href="/sign-in" className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
          {t('register.signInLink')}
        </Link>
      </p>
    </div>
  );
}
