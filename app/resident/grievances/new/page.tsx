// Report a new problem: category, place (default: the household's own compound or village),
// description. Filed in one step; the detail page then shows the reference and the timeline.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { grievancePlaceOptions } from '@/db/queries/grievances';
import { ownHousehold } from '@/db/queries/overview';
import { getTranslations } from 'next-intl/server';
import { requireCapability } from '@/lib/session';
import { ClientMessages } from '@/components/client-messages';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { PageTitle } from '@/components/ui';
import type { PickerPlace } from '@/components/place-picker';
import { FileGrievanceForm } from '../file-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('grievances.form.title') };
}

export default async function NewGrievancePage() {
  const user = await requireCapability('grievance:file_own', '/resident/grievances/new');
  const t = await getTranslations();
  const db = getDb();
  const [options, mine] = await Promise.all([grievancePlaceOptions({ db }), ownHousehold({ db, userId: user.id })]);
  const places: PickerPlace[] = options.map((p) => ({ id: p.id, parentId: p.parentId, level: p.level, name: p.name, nameEn: p.nameEn }));
  const fileable = new Set(options.filter((p) => p.level === 'village' || p.level === 'compound').map((p) => p.id));
  const defaultPlaceId = mine && fileable.has(mine.household.placeId) ? mine.household.placeId : null;

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p>
        <Link href="/resident/grievances" className="inline-flex min-h-11 items-center text-brand-700 underline">
          {t('grievances.detail.back')}
        </Link>
      </p>
      <PageTitle lead={t('grievances.form.lead')}>{t('grievances.form.title')}</PageTitle>
      <ClientMessages pick={CLIENT_MESSAGES.grievanceFile}>
        <FileGrievanceForm places={places} defaultPlaceId={defaultPlaceId} />
      </ClientMessages>
    </div>
  );
}
