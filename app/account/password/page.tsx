import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getUserForPasswordChange, PASSWORD_CHANGE_PATH } from '@/lib/session';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { ClientMessages } from '@/components/client-messages';
import { SignOutButton } from '@/components/header-controls';
import { Card, PageTitle } from '@/components/ui';
import { PasswordForm } from './password-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('account.password.title') };
}

/**
 * Change one's own password, for every role. An account created with a one-time password lands
 * here from every page (lib/session.ts) and can do nothing else until it has chosen one; the
 * header then shows no one signed in, so this page offers its own way to sign out.
 */
export default async function PasswordPage() {
  const user = await getUserForPasswordChange();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(PASSWORD_CHANGE_PATH)}`);
  const t = await getTranslations();
  return (
    <div className="mx-auto max-w-md space-y-6">
      <PageTitle lead={t('account.password.lead')}>{t('account.password.title')}</PageTitle>
      {user.mustChangePassword ? (
        <p role="status" className="rounded-lg border-l-4 border-amber-600 bg-amber-50 p-4 font-medium text-amber-950" data-testid="must-change-password">
          {t('account.password.mustChange', { name: user.name })}
        </p>
      ) : null}
      <Card>
        <ClientMessages pick={CLIENT_MESSAGES.accountPassword}>
          <PasswordForm />
        </ClientMessages>
      </Card>
      {user.mustChangePassword ? (
        <ClientMessages pick={['header']}>
          <div className="rounded-lg bg-brand-700 p-2 text-white">
            <SignOutButton />
          </div>
        </ClientMessages>
      ) : null}
    </div>
  );
}
