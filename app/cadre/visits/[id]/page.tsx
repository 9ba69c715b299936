// One visit in the cadre's places: household (masked), date, round, who visited (named in full,
// as staff are on every other staff page), findings, needs, photos; and the needs' grievance:
// the one already filed from this visit, or the one-step form that files it. A visit outside the
// cadre's places answers 404.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CheckCircle2 } from 'lucide-react';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { grievanceLimitsByCategory } from '@/db/queries/programme-settings';
import { findReachableVisit, grievancesFromVisit, visitPhotos } from '@/db/queries/visits';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { sharedGrievanceLimits } from '@/lib/grievances';
import { can } from '@/lib/permissions';
import { maskName } from '@/lib/pii';
import { fromCstDate } from '@/lib/time';
import { requireCapability } from '@/lib/session';
import { ClientMessages } from '@/components/client-messages';
import { GrievancePhotos } from '@/components/grievances/grievance-summary';
import { StatusBadge } from '@/components/status-badge';
import { Card, PageTitle } from '@/components/ui';
import { NeedsForm } from './needs-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('cadreVisits.detail.title') };
}

export default async function VisitPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> }) {
  const { id } = await params;
  const user = await requireCapability('visit:record', `/cadre/visits/${encodeURIComponent(id)}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const db = getDb();
  const row = await findReachableVisit({ db, actor: user, visitId: id });
  if (!row) notFound();
  const { visit } = row;
  const [t, locale, format, photos, filed, limits, { done }] = await Promise.all([
    getTranslations(),
    getUiLocale(),
    getFormatter(),
    visitPhotos({ db, visitId: visit.id }),
    grievancesFromVisit({ db, householdId: visit.householdId, visitId: visit.id }),
    grievanceLimitsByCategory({ db }),
    searchParams,
  ]);
  // The grievance gets the limits of the kind chosen in the form: days only when every kind has the same.
  const shared = sharedGrievanceLimits(limits);
  const confirmation = done === 'recorded' ? t('cadreVisits.detail.recorded') : done === 'filed' && filed.length > 0 ? t('cadreVisits.needs.filed', { reference: filed[0]!.reference }) : null;
  const mayFile = can(user.role, 'grievance:file_on_behalf') && row.ownerUserId !== user.id;

  return (
    <div className="space-y-6">
      <p>
        <Link href="/cadre/visits" className="inline-flex min-h-11 items-center text-brand-700 underline">
          {t('cadreVisits.back')}
        </Link>
      </p>
      <PageTitle>
        {t('cadreVisits.detail.heading', { round: visit.round, name: maskName(row.headName) })}
      </PageTitle>
      {confirmation ? (
        <div role="status" className="flex gap-2 rounded-lg border-l-4 border-green-700 bg-green-50 p-4 text-green-900">
          <CheckCircle2 aria-hidden="true" className="mt-1 h-5 w-5 shrink-0" />
          <p className="font-medium">{confirmation}</p>
        </div>
      ) : null}
      <Card>
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
          <div>
            <dt className="text-sm text-slate-600">{t('cadreVisits.detail.place')}</dt>
            <dd className="font-medium text-slate-900">{locale === 'en' ? row.placeNameEn : row.placeName}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t('cadreVisits.detail.date')}</dt>
            <dd className="font-medium text-slate-900">{format.dateTime(fromCstDate(visit.visitedOn), 'date')}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t('cadreVisits.detail.round')}</dt>
            <dd className="font-medium text-slate-900">{t('cadreVisits.round', { round: visit.round })}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t('cadreVisits.detail.by')}</dt>
            <dd className="font-medium text-slate-900">{row.cadreName}</dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-sm text-slate-600">{t('cadreVisits.detail.findings')}</dt>
            <dd className="whitespace-pre-line text-slate-900">{visit.findings}</dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-sm text-slate-600">{t('cadreVisits.detail.needs')}</dt>
            <dd className="whitespace-pre-line text-slate-900">{visit.needs || t('cadreVisits.detail.noNeeds')}</dd>
          </div>
        </dl>
      </Card>
      <GrievancePhotos photos={photos} />
      {visit.needs ? (
        <Card title={t('cadreVisits.needs.title')}>
          {filed.length > 0 ? (
            <ul className="space-y-2">
              {filed.map((g) => (
                <li key={g.id} className="flex flex-wrap items-center gap-3">
                  <Link href={`/cadre/grievances/${g.id}`} className="inline-flex min-h-11 items-center font-mono text-brand-700 underline">
                    {g.reference}
                  </Link>
                  <StatusBadge kind="grievance" status={g.status} label={t(`cadreGrievances.status.${g.status}`)} />
                </li>
              ))}
            </ul>
          ) : mayFile ? (
            <>
              <p className="mb-4 text-slate-700">{shared ? t('cadreVisits.needs.lead', { respondDays: shared.respondDays, resolveDays: shared.resolveDays }) : t('cadreVisits.needs.leadPerKind')}</p>
              <ClientMessages pick={CLIENT_MESSAGES.cadreVisitNeeds}>
                <NeedsForm visitId={visit.id} />
              </ClientMessages>
            </>
          ) : (
            <p className="text-slate-700">{t('errors.forbidden')}</p>
          )}
        </Card>
      ) : null}
    </div>
  );
}
