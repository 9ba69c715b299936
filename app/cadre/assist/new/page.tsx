// Assisted service (代办): register a household for a resident who has no account.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { placeOptionsInScope } from '@/db/queries/assist';
import { requireCapability } from '@/lib/session';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { ClientMessages } from '@/components/client-messages';
import { Card, PageTitle } from '@/components/ui';
import { AssistedHouseholdForm } from './create-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('cadreAssist.create.title') };
}

export default async function NewAssistedHouseholdPage() {
  const user = await requireCapability('household:manage_in_place', '/cadre/assist/new');
  const [t, places] = await Promise.all([getTranslations(), placeOptionsInScope({ db: getDb(), scopePaths: user.placePaths })]);
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <PageTitle lead={t('cadreAssist.create.lead')}>{t('cadreAssist.create.title')}</PageTitle>
      <Card>
        <ClientMessages pick={CLIENT_MESSAGES.cadreAssist}>
          <AssistedHouseholdForm places={places} />
        </ClientMessages>
      </Card>
    </div>
  );
}
