// Members and declared damage of a household, recorded by a cadre on its behalf (代办): the
// resident's own forms (components/household/*) with the cadre's actions.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { MEMBER_RELATIONS, householdDetail, relationCode } from '@/db/queries/households';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { maskIdNumber, maskName } from '@/lib/pii';
import { openPii } from '@/lib/protect';
import { ClientMessages } from '@/components/client-messages';
import { Card, PageTitle, secondaryButtonClass } from '@/components/ui';
import { Members } from '@/components/household/members';
import { DamageForm } from '@/components/household/damage-form';
import { damageDefaults } from '@/components/household/damage-defaults';
import { assistAddMemberAction, assistDeclareAction, assistRemoveMemberAction } from '../../household-actions';
import { loadAssistHousehold } from '../load';

type Props = { params: Promise<{ householdId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('cadreAssist.details.title') };
}

function masked(enc: string | null): string | null {
  if (!enc) return null;
  try {
    return maskIdNumber(openPii(enc));
  } catch {
    return '****';
  }
}

export default async function AssistDetailsPage({ params }: Props) {
  const { householdId } = await params;
  const { user, hh, recused, stopNote } = await loadAssistHousehold(householdId, 'household:manage_in_place', `/cadre/assist/${householdId}/household`);
  const t = await getTranslations();
  const back = `/cadre/assist/${hh.id}`;
  const detail = await householdDetail({ db: getDb(), householdId: hh.id });
  if (!detail) return null;
  const heading = (
    <PageTitle lead={t('cadreAssist.details.lead', { name: maskName(hh.headName) })}>{t('cadreAssist.details.title')}</PageTitle>
  );
  if (recused) {
    return (
      <div className="mx-auto max-w-2xl space-y-6">
        {heading}
        <p className="rounded-lg bg-slate-100 p-3 text-slate-800">{t(stopNote)}</p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      {heading}
      <Link href={back} className={secondaryButtonClass}>
        {t('cadreAssist.back')}
      </Link>
      <Card title={t('household.members.title')}>
        <ClientMessages pick={CLIENT_MESSAGES.household}>
          <Members
            householdId={hh.id}
            actions={{ add: assistAddMemberAction, remove: assistRemoveMemberAction }}
            relations={[...MEMBER_RELATIONS]}
            members={detail.members.map((m) => ({ id: m.id, name: maskName(m.name), relation: relationCode(m.relation), relationText: m.relation, birthYear: m.birthYear, idMasked: masked(m.idNumberEnc) }))}
          />
        </ClientMessages>
      </Card>
      <Card title={t('household.damage.formTitle')}>
        <ClientMessages pick={CLIENT_MESSAGES.damage}>
          <DamageForm
            kind={hh.kind}
            householdId={hh.id}
            defaults={damageDefaults(detail.facts)}
            // The photos this cadre took: a declaration keeps or drops only its own author's photos.
            photos={detail.photos.filter((p) => p.ownerUserId === user.id).map((p) => ({ id: p.id, mime: p.mime }))}
            action={assistDeclareAction}
            savedHref={`${back}?saved=damage`}
            backHref={back}
            onBehalf
          />
        </ClientMessages>
      </Card>
    </div>
  );
}
