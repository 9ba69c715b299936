import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { assignablePlaces } from '@/db/queries/staff-admin';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { requireCapability } from '@/lib/session';
import { ClientMessages } from '@/components/client-messages';
import { Card, PageTitle } from '@/components/ui';
import { CreateStaffForm, ImportStaffForm } from '../staff-forms';
import { placeOptions } from '../places';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('staff.new.title') };
}

/** Create one cadre or official account, or import many from a spreadsheet. */
export default async function NewStaffPage() {
  const user = await requireCapability('staff:manage', '/county/staff/new');
  const [t, locale, places] = await Promise.all([getTranslations(), getUiLocale(), assignablePlaces({ db: getDb(), actor: user })]);
  const options = placeOptions(places, locale);
  return (
    <div className="space-y-6">
      <p>
        <Link href="/county/staff" className="inline-flex min-h-11 items-center text-blue-800 underline">
          {t('staff.back')}
        </Link>
      </p>
      <PageTitle lead={t('staff.new.lead')}>{t('staff.new.title')}</PageTitle>
      <ClientMessages pick={CLIENT_MESSAGES.staffAdmin}>
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title={t('staff.new.one')}>
            <CreateStaffForm places={options} />
          </Card>
          <Card title={t('staff.import.title')}>
            <ImportStaffForm />
          </Card>
        </div>
      </ClientMessages>
    </div>
  );
}
