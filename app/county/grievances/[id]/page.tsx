// One grievance inside the official's places: what was reported, its deadlines, 督办 if any, the
// timeline, and the official's two actions while it is still open. Outside their places: 404.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CheckCircle2 } from 'lucide-react';
import { z } from 'zod';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { grievanceForViewer, grievancePlaceOptions } from '@/db/queries/grievances';
import { findGrievanceLimit } from '@/db/queries/programme-settings';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { ACTIVE_GRIEVANCE_STATUSES } from '@/lib/grievances';
import { placeWithin } from '@/lib/permissions';
import { maskName } from '@/lib/pii';
import { requireCapability } from '@/lib/session';
import { ClientMessages } from '@/components/client-messages';
import { Card, PageTitle } from '@/components/ui';
import { EscalationNote } from '@/components/grievances/grievance-pieces';
import { GrievanceFacts, GrievancePhotos, GrievanceTimeline } from '@/components/grievances/grievance-summary';
import { EscalateForm, ReassignForm } from './supervise-forms';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('grievances.detail.title') };
}

export default async function CountyGrievancePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> }) {
  const { id } = await params;
  const user = await requireCapability('grievance:supervise', `/county/grievances/${encodeURIComponent(id)}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const db = getDb();
  const row = await grievanceForViewer({ db, viewer: user, grievanceId: id });
  if (!row) notFound();
  const { g } = row;
  const [t, locale, format, limits, allPlaces] = await Promise.all([getTranslations(), getUiLocale(), getFormatter(), findGrievanceLimit({ db, category: g.category }), grievancePlaceOptions({ db })]);
  const { done } = await searchParams;
  const placeName = locale === 'en' ? row.placeNameEn : row.placeName;
  const active = ACTIVE_GRIEVANCE_STATUSES.includes(g.status);
  const choices = allPlaces
    .filter((p) => p.id !== g.placeId && placeWithin(p.path, user.placePaths))
    .map((p) => ({ id: p.id, label: `${'　'.repeat(Math.max(0, p.path.split('/').length - 4))}${locale === 'en' ? p.nameEn : p.name}` }));
  const confirmation = done === 'escalated' ? t('countyGrievances.escalate.done') : done === 'reassigned' ? t('countyGrievances.reassign.done', { place: placeName }) : null;

  return (
    <div className="space-y-6">
      <p>
        <Link href="/county/grievances" className="inline-flex min-h-11 items-center text-brand-700 underline">
          {t('countyGrievances.back')}
        </Link>
      </p>
      <PageTitle>
        {t(`grievances.category.${g.category}`)} · {placeName}
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
          <GrievanceFacts
            g={g}
            placeName={placeName}
            now={new Date()}
            extra={row.householdHeadName ? <p className="mt-3 text-slate-700">{t('cadreGrievances.who', { name: maskName(row.householdHeadName) })}</p> : null}
            statusKeys="cadreGrievances.status"
            limits={limits ?? undefined}
          />
          <GrievancePhotos photos={row.photos} />
          {active ? (
            <ClientMessages pick={CLIENT_MESSAGES.countyGrievances}>
              <Card title={t('countyGrievances.escalate.title')}>
                <EscalateForm key={`e-${g.version}`} grievanceId={g.id} version={g.version} />
              </Card>
              <Card title={t('countyGrievances.reassign.title')}>
                <ReassignForm key={`r-${g.version}`} grievanceId={g.id} version={g.version} places={choices} />
              </Card>
            </ClientMessages>
          ) : (
            <Card>
              <p className="text-slate-700">{t('countyGrievances.finished')}</p>
            </Card>
          )}
        </div>
        <GrievanceTimeline events={row.events} />
      </div>
    </div>
  );
}
