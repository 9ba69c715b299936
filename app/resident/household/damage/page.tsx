// Declaring the household's damage, with photos. Starts from what was declared before (or,
// where nothing was declared, from what a cadre verified).
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { householdDetail, ownedHouseholdId } from '@/db/queries/households';
import { getTranslations } from 'next-intl/server';
import { requireCapability } from '@/lib/session';
import { Card, PageTitle } from '@/components/ui';
import { ClientMessages } from '@/components/client-messages';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { damageDefaults } from '@/components/household/damage-defaults';
import { DamageForm } from './damage-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('household.damage.formTitle') };
}

export default async function DamagePage() {
  const user = await requireCapability('household:manage_own', '/resident/household/damage');
  const t = await getTranslations();
  const db = getDb();
  const householdId = await ownedHouseholdId({ db, userId: user.id });
  if (!householdId) redirect('/resident/household');
  const detail = await householdDetail({ db, householdId });
  if (!detail) redirect('/resident/household');
  const { household, facts, photos } = detail;

  const defaults = damageDefaults(facts);

  return (
    <div className="mx-auto max-w-xl space-y-6">
      <PageTitle lead={t('household.damage.formLead')}>{t('household.damage.formTitle')}</PageTitle>
      <Card>
        <ClientMessages pick={CLIENT_MESSAGES.damage}>
          <DamageForm kind={household.kind} householdId={household.id} defaults={defaults} photos={photos.filter((p) => p.ownerUserId === user.id).map((p) => ({ id: p.id, mime: p.mime }))} />
        </ClientMessages>
      </Card>
    </div>
  );
}
