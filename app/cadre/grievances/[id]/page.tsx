// One grievance in the cadre's places: what was reported, by whom (masked), the timeline, and
// the next step (answer, then mark solved), each with a required note. A grievance outside the
// cadre's places answers 404, exactly like one that does not exist.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CheckCircle2 } from 'lucide-react';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { grievanceForViewer } from '@/db/queries/grievances';
import { findGrievanceLimit } from '@/db/queries/programme-settings';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { availableGrievanceActions } from '@/lib/grievances';
import { maskName } from '@/lib/pii';
import { requireCapability } from '@/lib/session';
import { ClientMessages } from '@/components/client-messages';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { Card, PageTitle } from '@/components/ui';
import { EscalationNote } from '@/components/grievances/grievance-pieces';
import { GrievanceFacts, GrievancePhotos, GrievanceTimeline } from '@/components/grievances/grievance-summary';
import { HandleForm } from './handle-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('grievances.detail.title') };
}

export default async function CadreGrievancePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> }) {
  const { id } = await params;
  const user = await requireCapability('grievance:handle', `/cadre/grievances/${encodeURIComponent(id)}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const db = getDb();
  const row = await grievanceForViewer({ db, viewer: user, grievanceId: id });
  if (!row) notFound();
  const [t, locale, format, limits] = await Promise.all([getTranslations(), getUiLocale(), getFormatter(), findGrievanceLimit({ db, category: row.g.category })]);
  const { events, photos } = row;
  const { g } = row;
  const [next] = availableGrievanceActions(g.status, 'cadre');
  const ownHousehold = row.householdOwnerId === user.id;
  const { done } = await searchParams;
  const confirmation = done === 'responded' && g.status !== 'open' ? t('cadreGrievances.respond.done') : done === 'resolved' && g.status !== 'responded' ? t('cadreGrievances.resolve.done') : null;
  // Filed from a visit's needs (server/visits/file-visit-needs.ts): its text carries the visit's marker.
  const fromVisit = g.onBehalf ? /#visit:([0-9a-f-]{36})/.exec(g.description)?.[1] : undefined;
  const who = row.householdHeadName ? (
    <p className="mt-3 text-slate-700">
      {t('cadreGrievances.who', { name: maskName(row.householdHeadName) })}
      {g.onBehalf ? ` · ${t('cadreGrievances.onBehalf')}` : ''}
      {fromVisit ? (
        <>
          {' · '}
          <Link href={`/cadre/visits/${fromVisit}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
            {t('cadreVisits.detail.title')}
          </Link>
        </>
      ) : null}
    </p>
  ) : null;

  return (
    <div className="space-y-6">
      <p>
        <Link href="/cadre/grievances" className="inline-flex min-h-11 items-center text-brand-700 underline">
          {t('cadreGrievances.back')}
        </Link>
      </p>
      <PageTitle>
        {t(`grievances.category.${g.category}`)} · {locale === 'en' ? row.placeNameEn : row.placeName}
      </PageTitle>
      {confirmation ? (
        <div role="status" className="flex gap-2 rounded-lg border-l-4 border-green-700 bg-green-50 p-4 text-green-900">
          <CheckCircle2 aria-hidden="true" className="mt-1 h-5 w-5 shrink-0" />
          <p className="font-medium">{confirmation}</p>
        </div>
      ) : null}
      {g.escalatedAt ? <EscalationNote heading={t('countyGrievances.escalatedOn', { date: format.dateTime(g.escalatedAt, 'dateTime') })} note={g.escalationNote} /> : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="space-y-6">
          <GrievanceFacts g={g} placeName={locale === 'en' ? row.placeNameEn : row.placeName} now={new Date()} extra={who} statusKeys="cadreGrievances.status" limits={limits ?? undefined} />
          <GrievancePhotos photos={photos} />
          {next === 'respond' || next === 'resolve' ? (
            ownHousehold ? (
              <Card>
                <p className="text-slate-700">{t('errors.forbidden')}</p>
              </Card>
            ) : (
              <Card title={t(`cadreGrievances.${next}.title`)}>
                <p className="mb-4 text-slate-700">{t(`cadreGrievances.${next}.lead`)}</p>
                <ClientMessages pick={CLIENT_MESSAGES.grievanceCadre}>
                  <HandleForm key={`${next}-${g.version}`} mode={next} grievanceId={g.id} version={g.version} />
                </ClientMessages>
              </Card>
            )
          ) : (
            <Card>
              <p className="text-slate-700">{g.status === 'resolved' ? t('cadreGrievances.waitingResident') : g.status === 'closed' ? t('cadreGrievances.closed') : t('cadreGrievances.noAction')}</p>
            </Card>
          )}
        </div>
        <GrievanceTimeline events={events} />
      </div>
    </div>
  );
}
