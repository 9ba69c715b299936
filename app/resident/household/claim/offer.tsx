// Shown on "My household" to a resident without one when a cadre keeps a household whose head
// has their ID number (代办): they may claim it instead of registering a second one.
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { findKeptHouseholdByHead, latestClaimRequest } from '@/db/queries/assist';
import { accountForHousehold } from '@/db/queries/households';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { ClientMessages } from '@/components/client-messages';
import { Card } from '@/components/ui';
import { ClaimForm } from './claim-form';

/** Renders nothing when there is no kept household for the account's ID number. */
export async function ClaimOffer({ userId }: { userId: string }) {
  const db = getDb();
  const me = await accountForHousehold({ db, userId });
  if (!me?.idNumberHash) return null;
  const kept = await findKeptHouseholdByHead({ db, idNumberHash: me.idNumberHash });
  if (!kept) return null;
  const [t, format, locale, asked] = await Promise.all([getTranslations(), getFormatter(), getUiLocale(), latestClaimRequest({ db, householdId: kept.id })]);
  return (
    <Card title={t('cadreAssist.claim.title')}>
      <p className="mb-3 text-slate-800">
        {t('cadreAssist.claim.lead', { place: locale === 'en' ? kept.placeNameEn : kept.placeName, date: format.dateTime(kept.createdAt, 'date') })}
      </p>
      <ClientMessages pick={CLIENT_MESSAGES.householdClaim}>
        <ClaimForm asked={asked?.userId === userId} />
      </ClientMessages>
    </Card>
  );
}
