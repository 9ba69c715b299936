// Shown on "My household" to a resident without one when a cadre keeps a household whose head
// has their ID number (代办): they claim it instead of registering a second one, and see where
// their claim stands (waiting for the in-person check of their ID card, or refused and why).
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { findKeptHouseholdByHead, latestClaimEvent } from '@/db/queries/assist';
import { accountForHousehold } from '@/db/queries/households';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { ClientMessages } from '@/components/client-messages';
import { Card } from '@/components/ui';
import { ClaimForm } from './claim-form';

/** The kept household this account may claim, and its latest claim event; null when there is none. */
export async function findClaimOffer(userId: string) {
  const db = getDb();
  const me = await accountForHousehold({ db, userId });
  if (!me?.idNumberHash) return null;
  const kept = await findKeptHouseholdByHead({ db, idNumberHash: me.idNumberHash });
  if (!kept) return null;
  const event = await latestClaimEvent({ db, householdId: kept.id });
  // Another account's events are not this person's business (only the head's account can ask, but an old one may be gone).
  return { kept, event: event?.userId === userId ? event : null };
}

export async function ClaimOffer({ offer }: { offer: NonNullable<Awaited<ReturnType<typeof findClaimOffer>>> }) {
  const { kept, event } = offer;
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getUiLocale()]);
  const place = locale === 'en' ? kept.placeNameEn : kept.placeName;
  return (
    <Card title={t('cadreAssist.claim.title')}>
      <p className="mb-3 text-slate-800">{t('cadreAssist.claim.lead', { place, date: format.dateTime(kept.createdAt, 'date') })}</p>
      {event?.kind === 'declined' ? (
        <p role="note" className="mb-3 rounded-lg border-l-4 border-amber-600 bg-amber-50 p-3 text-amber-950">
          {t('cadreAssist.claim.residentDeclined', { date: format.dateTime(event.at, 'date'), reason: t(`cadreAssist.claim.residentReasons.${event.reason}`), place })}
        </p>
      ) : null}
      <ClientMessages pick={CLIENT_MESSAGES.householdClaim}>
        <ClaimForm asked={event?.kind === 'asked'} again={event?.kind === 'declined'} place={place} />
      </ClientMessages>
    </Card>
  );
}
