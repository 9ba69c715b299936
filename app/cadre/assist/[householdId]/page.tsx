// A household in the cadre's places, as assisted service (代办) sees it: who keeps it, a claim
// waiting for confirmation, and what the cadre can do for the household.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CheckCircle2 } from 'lucide-react';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { findAssistHousehold, pendingClaim } from '@/db/queries/assist';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { maskName } from '@/lib/pii';
import { requireCapability } from '@/lib/session';
import { ClientMessages } from '@/components/client-messages';
import { Card, PageTitle, secondaryButtonClass } from '@/components/ui';
import { ConfirmClaimForm } from './confirm-claim';
import { UUID_TEXT } from '@/lib/validators';

type Props = { params: Promise<{ householdId: string }>; searchParams: Promise<{ saved?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('cadreAssist.household.title') };
}

export default async function AssistHouseholdPage({ params, searchParams }: Props) {
  const { householdId } = await params;
  const { saved } = await searchParams;
  const user = await requireCapability('household:manage_in_place', `/cadre/assist/${encodeURIComponent(householdId)}`);
  if (!UUID_TEXT.test(householdId)) notFound();
  const db = getDb();
  // Out of the cadre's places reads as absent: the same 404 as an id that does not exist.
  const hh = await findAssistHousehold({ db, actor: user, householdId });
  if (!hh) notFound();
  const [t, format, locale, claim] = await Promise.all([getTranslations(), getFormatter(), getUiLocale(), pendingClaim({ db, actor: user, householdId })]);
  const recused = user.conflictHouseholdIds?.includes(householdId) ?? false;

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageTitle lead={t('cadreAssist.household.lead')}>{t('cadreAssist.household.heading', { name: maskName(hh.headName) })}</PageTitle>
      {saved === 'created' ? (
        <p role="status" className="flex items-start gap-2 rounded-lg border-l-4 border-green-700 bg-green-50 p-3 text-green-900">
          <CheckCircle2 aria-hidden="true" className="mt-1 h-5 w-5 shrink-0" />
          <span>{t('cadreAssist.household.created')}</span>
        </p>
      ) : null}
      <Card>
        <dl className="grid gap-2 sm:grid-cols-2">
          <div>
            <dt className="text-sm text-slate-600">{t('cadreAssist.household.place')}</dt>
            <dd>{locale === 'en' ? hh.placeNameEn : hh.placeName}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t('cadreAssist.household.account')}</dt>
            <dd>{hh.ownerUserId ? t('cadreAssist.household.owned') : t('cadreAssist.household.kept')}</dd>
          </div>
        </dl>
        <Link href={`/cadre/households/${hh.id}`} className={`${secondaryButtonClass} mt-4`}>
          {t('cadreAssist.household.open')}
        </Link>
      </Card>

      {saved === 'claimed' ? (
        <p role="status" className="rounded-lg border-l-4 border-green-700 bg-green-50 p-3 text-green-900">
          {t('cadreAssist.claim.confirmed')}
        </p>
      ) : null}
      {saved === 'damage' ? (
        <p role="status" className="rounded-lg border-l-4 border-green-700 bg-green-50 p-3 text-green-900">
          {t('cadreAssist.household.savedDamage')}
        </p>
      ) : null}
      {recused ? (
        <p className="rounded-lg bg-slate-100 p-3 text-slate-800">{t('cadreAssist.household.recused')}</p>
      ) : (
        <Card title={t('cadreAssist.household.actions')}>
          <p className="mb-3 text-sm text-slate-700">{t('cadreAssist.household.onBehalfNote')}</p>
          <ul className="grid gap-2 sm:grid-cols-3">
            {(
              [
                ['household', t('cadreAssist.household.details')],
                ['apply', t('cadreAssist.household.apply')],
                ['grievance', t('cadreAssist.household.grievance')],
              ] as const
            ).map(([path, label]) => (
              <li key={path}>
                <Link href={`/cadre/assist/${hh.id}/${path}`} className={`${secondaryButtonClass} w-full`}>
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      )}

      {claim ? (
        <Card title={t('cadreAssist.claim.pendingTitle')}>
          <p className="mb-3 text-slate-800">{t('cadreAssist.claim.pending', { name: maskName(claim.realName), date: format.dateTime(claim.at, 'dateTime') })}</p>
          {recused ? (
            <p className="text-slate-700">{t('cadreAssist.household.recused')}</p>
          ) : (
            <ClientMessages pick={CLIENT_MESSAGES.cadreAssist}>
              <ConfirmClaimForm householdId={hh.id} />
            </ClientMessages>
          )}
        </Card>
      ) : null}
    </div>
  );
}
