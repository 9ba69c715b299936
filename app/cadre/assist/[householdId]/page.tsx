// A household in the cadre's places, as assisted service (代办) sees it: who keeps it, a claim
// waiting for the cadre to check the person's ID card (confirm or refuse), and what the cadre
// can do for the household (once its head has claimed it, only a grievance).
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CheckCircle2 } from 'lucide-react';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { findAssistHousehold, latestClaimEvent, pendingClaim } from '@/db/queries/assist';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { maskName, maskPhone } from '@/lib/pii';
import { can, keepingRefusal } from '@/lib/permissions';
import { openPii } from '@/lib/protect';
import { requireCapability } from '@/lib/session';
import { ClientMessages } from '@/components/client-messages';
import { RevealForm } from '@/components/households/household-forms';
import { Card, PageTitle, secondaryButtonClass } from '@/components/ui';
import { ConfirmClaimForm, DeclineClaimForm } from './confirm-claim';
import { revealPiiAction } from '@/app/cadre/households/[id]/actions';
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
  const [t, format, locale, claim, lastEvent] = await Promise.all([
    getTranslations(),
    getFormatter(),
    getUiLocale(),
    pendingClaim({ db, actor: user, householdId }),
    hh.ownerUserId === null ? latestClaimEvent({ db, householdId }) : null,
  ]);
  const refused = keepingRefusal(user, { ownerUserId: hh.ownerUserId, householdId });
  const recused = refused !== null && refused !== 'conflict:household_claimed';
  const claimed = refused === 'conflict:household_claimed';
  const links = (
    [
      ['household', t('cadreAssist.household.details')],
      ['apply', t('cadreAssist.household.apply')],
      ['grievance', t('cadreAssist.household.grievance')],
    ] as const
  ).filter(([path]) => !claimed || path === 'grievance');
  let claimantPhone = '';
  if (claim) {
    try {
      claimantPhone = maskPhone(openPii(claim.phoneEnc));
    } catch {
      claimantPhone = '****';
    }
  }

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
          <p className="mb-3 text-sm text-slate-700">{t(claimed ? 'cadreAssist.household.claimedStop' : 'cadreAssist.household.onBehalfNote')}</p>
          <ul className="grid gap-2 sm:grid-cols-3">
            {links.map(([path, label]) => (
              <li key={path}>
                <Link href={`/cadre/assist/${hh.id}/${path}`} className={`${secondaryButtonClass} w-full`}>
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      )}

      {saved === 'declined' ? (
        <p role="status" className="rounded-lg border-l-4 border-green-700 bg-green-50 p-3 text-green-900">
          {t('cadreAssist.claim.declined')}
        </p>
      ) : null}
      {claim ? (
        <Card title={t('cadreAssist.claim.pendingTitle')}>
          <p className="mb-3 text-slate-800">{t('cadreAssist.claim.pending')}</p>
          {/* What the cadre checks against the ID card in front of them, masked like every name and
              number on staff pages (TRUST P2); a registered name unlike the head's is flagged. */}
          <dl className="mb-3 grid gap-2 sm:grid-cols-2">
            <div>
              <dt className="text-sm text-slate-600">{t('cadreAssist.claim.claimant')}</dt>
              <dd className="font-medium">{maskName(claim.realName)}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{t('cadreAssist.claim.phone')}</dt>
              <dd className="font-medium">{claimantPhone}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{t('cadreAssist.claim.registered')}</dt>
              <dd>{format.dateTime(claim.registeredAt, 'dateTime')}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{t('cadreAssist.claim.asked')}</dt>
              <dd>{format.dateTime(claim.at, 'dateTime')}</dd>
            </div>
          </dl>
          {/* To ask the person to come in with the ID card, the cadre calls them: the full number is
              revealed with a reason and audited, like a household's own phone (one reveal path). */}
          {!recused && can(user.role, 'pii:reveal') ? (
            <div className="mb-3">
              <ClientMessages pick={CLIENT_MESSAGES.cadreAssist}>
                <RevealForm action={revealPiiAction} householdId={hh.id} field="claimantPhone" fieldLabel={t('cadreHouseholds.reveal.field.claimantPhone')} />
              </ClientMessages>
            </div>
          ) : null}
          {claim.realName.trim() !== hh.headName.trim() ? (
            <p role="note" className="mb-3 rounded-lg border-l-4 border-amber-600 bg-amber-50 p-3 text-amber-950">
              {t('cadreAssist.claim.nameDiffers', { head: maskName(hh.headName) })}
            </p>
          ) : null}
          {recused ? (
            <p className="text-slate-700">{t('cadreAssist.household.recused')}</p>
          ) : (
            <ClientMessages pick={CLIENT_MESSAGES.cadreAssist}>
              <ConfirmClaimForm householdId={hh.id} />
              <DeclineClaimForm householdId={hh.id} />
            </ClientMessages>
          )}
        </Card>
      ) : lastEvent?.kind === 'declined' ? (
        <p className="rounded-lg bg-slate-100 p-3 text-slate-800">
          {t('cadreAssist.claim.lastDeclined', { date: format.dateTime(lastEvent.at, 'dateTime'), reason: t(`cadreAssist.claim.reasons.${lastEvent.reason}`) })}
        </p>
      ) : null}
    </div>
  );
}
