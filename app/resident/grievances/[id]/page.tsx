// One of my grievances: status and time limit, what I reported, the timeline (who as a role),
// and, when it is resolved, the rating that closes it; when closed, reopening within the reopen
// window (REOPEN_WINDOW_DAYS).
// Someone else's grievance answers 404, exactly like one that does not exist.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CheckCircle2 } from 'lucide-react';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { grievanceForViewer } from '@/db/queries/grievances';
import {getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { availableGrievanceActions, limitsOfDeadlines, limitsStartedAt, REOPEN_WINDOW_DAYS, reopenDaysLeft, reopenLastDay } from '@/lib/grievances';
import { requireRole } from '@/lib/session';
import { ClientMessages } from '@/components/client-messages';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { Card, PageTitle } from '@/components/ui';
import { Countdown } from '@/components/countdown';
import { GrievanceFacts, GrievancePhotos, GrievanceTimeline } from '@/components/grievances/grievance-summary';
import { RateForm, ReopenForm } from '../resident-forms';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('grievances.detail.title') };
}

export default async function GrievanceDetailPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ filed?: string; done?: string }> }) {
  const { id } = await params;
  const user = await requireRole('resident', `/resident/grievances/${encodeURIComponent(id)}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const db = getDb();
  const row = await grievanceForViewer({ db, viewer: user, grievanceId: id });
  if (!row) notFound();
  const [t, locale, format] = await Promise.all([getTranslations(), getUiLocale(), getFormatter()]);
  const { events, photos } = row;
  const { g } = row;
  const now = new Date();
  // The limits this grievance's own deadlines were set with (its category's at filing or at the
  // last reopening), not the category's today: an official may have changed them since.
  const limits = limitsOfDeadlines(g, limitsStartedAt(g.createdAt, events));
  const actions = availableGrievanceActions(g.status, 'resident');
  const daysLeft = g.status === 'closed' ? reopenDaysLeft(g.closedAt, now) : 0;
  const sp = await searchParams;
  const answerDays = { days: limits.respondDays };
  const confirmation =
    sp.filed === '1'
      ? t('grievances.filed', { reference: g.reference, ...answerDays })
      : sp.done === 'rated' && g.status === 'closed'
        ? t('grievances.rate.done')
        : sp.done === 'reopened' && g.status !== 'closed'
          ? t('grievances.reopen.done', answerDays)
          : null;

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <Link href="/resident/grievances" className="inline-flex min-h-11 items-center text-brand-700 underline">
          {t('grievances.detail.back')}
        </Link>
      </p>
      <PageTitle>{t(`grievances.category.${g.category}`)}</PageTitle>
      {confirmation ? (
        <div role="status" className="flex gap-2 rounded-lg border-l-4 border-green-700 bg-green-50 p-4 text-green-900">
          <CheckCircle2 aria-hidden="true" className="mt-1 h-5 w-5 shrink-0" />
          <p className="font-medium">{confirmation}</p>
        </div>
      ) : null}
      <GrievanceFacts g={g} placeName={locale === 'en' ? row.placeNameEn : row.placeName} now={now} limits={limits} />
      <GrievancePhotos photos={photos} />

      {actions.includes('close') ? (
        <Card title={t('grievances.rate.title')}>
          <p className="mb-4 text-slate-700">{t('grievances.rate.lead', { days: REOPEN_WINDOW_DAYS })}</p>
          <ClientMessages pick={CLIENT_MESSAGES.grievanceResident}>
            <RateForm grievanceId={g.id} version={g.version} />
          </ClientMessages>
        </Card>
      ) : null}

      {actions.includes('reopen') ? (
        <Card title={t('grievances.reopen.title')}>
          {daysLeft > 0 && g.closedAt ? (
            <>
              <p className="mb-2 flex flex-wrap items-center gap-2 text-slate-700">
                <Countdown daysLeft={daysLeft} label={t('grievances.reopen.countdown', { days: daysLeft })} />
                <span>{t('grievances.reopen.lastDay', { date: format.dateTime(reopenLastDay(g.closedAt), 'date') })}</span>
              </p>
              <p className="mb-4 text-slate-700">{t('grievances.reopen.lead')}</p>
              <ClientMessages pick={CLIENT_MESSAGES.grievanceResident}>
                <ReopenForm grievanceId={g.id} version={g.version} />
              </ClientMessages>
            </>
          ) : (
            <p className="text-slate-700">{t('grievances.reopen.closedWindow', { days: REOPEN_WINDOW_DAYS })}</p>
          )}
        </Card>
      ) : null}

      <GrievanceTimeline events={events} />
    </div>
  );
}
