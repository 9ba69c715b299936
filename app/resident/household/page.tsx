// "My household": register it (address from the place tree, flat or house), then see the
// address, the members and the declared damage with what a cadre has verified so far.
import type { Metadata } from 'next';
import Link from 'next/link';
import { CheckCircle2, Home, Pencil } from 'lucide-react';
import { getDb } from '@/db/client';
import { MEMBER_RELATIONS, accountIdentity, householdDetail, ownedHouseholdId, placeOptions, relationCode } from '@/db/queries/households';
import {getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { maskIdNumber, maskPhone } from '@/lib/pii';
import { openPii } from '@/lib/protect';
import { requireCapability } from '@/lib/session';
import { Card, EmptyState, PageTitle, buttonClass, secondaryButtonClass } from '@/components/ui';
import { ClientMessages } from '@/components/client-messages';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { FactsList } from '@/components/facts-list';
import { AddressLine } from '@/components/address';
import { CreateHouseholdForm } from './create-form';
import { Members } from './members';
import { factKeysFor } from '@/lib/facts';
import { ClaimOffer, findClaimOffer } from './claim/offer';
import { findPayeeAccount } from '@/db/queries/payments';
import { holderDiffersFromHead } from '@/lib/payee';
import { PayeeAccountCard } from '@/components/payee/payee-account-card';
import { savePayeeAccountOwnAction } from './payee-actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('household.title') };
}

function safeMask(enc: string | null, mask: (s: string) => string): string {
  if (!enc) return '';
  try {
    return mask(openPii(enc));
  } catch {
    return '****';
  }
}

export default async function HouseholdPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const user = await requireCapability('household:manage_own', '/resident/household');
  const [t, locale] = await Promise.all([getTranslations(), getUiLocale()]);
  const db = getDb();
  const { saved } = await searchParams;
  const householdId = await ownedHouseholdId({ db, userId: user.id });

  if (!householdId) {
    // A household a cadre kept for this person (代办) is claimed, not registered twice: then
    // the claim is all this page offers.
    const offer = await findClaimOffer(user.id);
    if (offer) {
      return (
        <div className="mx-auto max-w-xl space-y-6">
          <PageTitle>{t('household.title')}</PageTitle>
          <ClaimOffer offer={offer} />
        </div>
      );
    }
    // The account's own name and ID become the head of household.
    const me = await accountIdentity({ db, userId: user.id });
    const places = await placeOptions({ db });
    return (
      <div className="mx-auto max-w-xl space-y-6">
        <PageTitle lead={t('household.create.lead')}>{t('household.create.title')}</PageTitle>
        <Card>
          <ClientMessages pick={CLIENT_MESSAGES.household}>
            <CreateHouseholdForm places={places} headName={me?.realName ?? user.name} headIdMasked={safeMask(me?.idNumberEnc ?? null, maskIdNumber)} />
          </ClientMessages>
        </Card>
      </div>
    );
  }

  const detail = await householdDetail({ db, householdId });
  if (!detail) return null;
  const { household: hh, chain, facts, members, photos } = detail;
  const payee = await findPayeeAccount({ db, householdId });
  const placeName = (p: { name: string; nameEn: string }) => (locale === 'en' ? p.nameEn : p.name);
  const keys = factKeysFor(hh.kind);
  const shownFacts = keys
    .map((k) => facts.find((f) => f.key === k))
    .filter((f): f is NonNullable<typeof f> => f !== undefined && (f.declaredValue !== null || f.verifiedValue !== null));

  return (
    <div className="space-y-6">
      <PageTitle lead={t('household.lead')}>{t('household.title')}</PageTitle>
      {saved === 'damage' || saved === 'created' ? (
        <p role="status" className="flex items-start gap-2 rounded-lg border-l-4 border-green-700 bg-green-50 p-3 text-green-900">
          <CheckCircle2 aria-hidden="true" className="mt-1 h-5 w-5 shrink-0" />
          <span>{t(saved === 'damage' ? 'household.saved.damage' : 'household.saved.created')}</span>
        </p>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t('household.address.title')}>
          <dl className="space-y-2">
            <div>
              <dt className="text-sm text-slate-600">{t('household.address.place')}</dt>
              <dd className="font-medium">{chain.filter((p) => p.level !== 'county').map(placeName).join(' · ')}</dd>
            </div>
            {hh.building || hh.unitNo || hh.floor != null || hh.addressDetail ? (
              <div>
                <dt className="text-sm text-slate-600">{t('household.address.detail')}</dt>
                <dd className="font-medium">
                  <AddressLine address={hh} />
                </dd>
              </div>
            ) : null}
            <div>
              <dt className="text-sm text-slate-600">{t('household.kind.label')}</dt>
              <dd className="flex items-center gap-2 font-medium">
                <Home aria-hidden="true" className="h-4 w-4" />
                {t(`household.kind.${hh.kind}`)}
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{t('household.head.label')}</dt>
              <dd className="font-medium">
                {hh.headName} · {safeMask(hh.headIdNumberEnc, maskIdNumber)}
                {hh.headPhoneEnc ? ` · ${safeMask(hh.headPhoneEnc, maskPhone)}` : ''}
              </dd>
            </div>
          </dl>
        </Card>

        <Card
          title={t('household.damage.title')}
          action={
            <Link href="/resident/household/damage" className={shownFacts.length > 0 ? secondaryButtonClass : buttonClass}>
              <Pencil aria-hidden="true" className="h-4 w-4" />
              {shownFacts.length > 0 ? t('household.damage.edit') : t('household.damage.declare')}
            </Link>
          }
        >
          {shownFacts.length > 0 ? (
            <>
              <p className="mb-2 text-sm text-slate-600">{t('household.damage.note')}</p>
              <FactsList facts={shownFacts} />
            </>
          ) : (
            <EmptyState>{t('household.damage.none')}</EmptyState>
          )}
          <h3 className="mt-4 font-semibold">{t('household.photos.title', { count: photos.length })}</h3>
          {photos.length > 0 ? (
            <ul className="mt-2 grid grid-cols-3 gap-2 sm:grid-cols-4">
              {photos.map((p, n) => (
                <li key={p.id}>
                  <a href={`/api/uploads/${p.id}`} target="_blank" rel="noopener" className="block min-h-11 overflow-hidden rounded border border-slate-200">
                    {p.mime === 'application/pdf' ? (
                      <span className="flex h-24 items-center justify-center text-sm underline">{t('upload.openFile', { n: n + 1 })}</span>
                    ) : (
                      // A private, per-person file: served by /api/uploads with no-store, never optimised or cached.
                      <img src={`/api/uploads/${p.id}`} alt={t('upload.thumbAlt', { n: n + 1 })} className="h-24 w-full object-cover" />
                    )}
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-slate-700">{t('household.photos.none')}</p>
          )}
        </Card>
      </div>

      <Card title={t('household.members.title')}>
        <ClientMessages pick={CLIENT_MESSAGES.household}>
          <Members
            relations={[...MEMBER_RELATIONS]}
            members={members.map((m) => ({
              id: m.id,
              name: m.name,
              relation: relationCode(m.relation),
              relationText: m.relation,
              birthYear: m.birthYear,
              idMasked: m.idNumberEnc ? safeMask(m.idNumberEnc, maskIdNumber) : null,
              forHousehold: m.forHousehold,
            }))}
          />
        </ClientMessages>
      </Card>

      <ClientMessages pick={CLIENT_MESSAGES.payee}>
        <PayeeAccountCard account={payee} holderDiffers={payee ? holderDiffersFromHead(payee.holderName, hh.headName) : false} headName={hh.headName} action={savePayeeAccountOwnAction} />
      </ClientMessages>
    </div>
  );
}
