// File a grievance for a household, on its behalf (代办): the resident's own form with the
// cadre's action; the household's place is chosen already.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { placeOptionsInScope } from '@/db/queries/assist';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { maskName } from '@/lib/pii';
import { ClientMessages } from '@/components/client-messages';
import { Card, PageTitle, secondaryButtonClass } from '@/components/ui';
import { FileGrievanceForm } from '@/components/grievances/file-form';
import { assistFileGrievanceAction } from '../../household-actions';
import { loadAssistHousehold } from '../load';

type Props = { params: Promise<{ householdId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('cadreAssist.grievance.title') };
}

export default async function AssistGrievancePage({ params }: Props) {
  const { householdId } = await params;
  const { user, hh, recused } = await loadAssistHousehold(householdId, 'grievance:file_on_behalf', `/cadre/assist/${householdId}/grievance`);
  const [t, places] = await Promise.all([getTranslations(), placeOptionsInScope({ db: getDb(), scopePaths: user.placePaths })]);
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <PageTitle lead={t('cadreAssist.grievance.lead', { name: maskName(hh.headName) })}>{t('cadreAssist.grievance.title')}</PageTitle>
      <Link href={`/cadre/assist/${hh.id}`} className={secondaryButtonClass}>
        {t('cadreAssist.back')}
      </Link>
      {recused ? (
        <p className="rounded-lg bg-slate-100 p-3 text-slate-800">{t('cadreAssist.household.recused')}</p>
      ) : (
        <Card>
          <ClientMessages pick={CLIENT_MESSAGES.grievanceFile}>
            <FileGrievanceForm places={places} defaultPlaceId={hh.placeId} action={assistFileGrievanceAction} householdId={hh.id} onBehalf />
          </ClientMessages>
        </Card>
      )}
    </div>
  );
}
