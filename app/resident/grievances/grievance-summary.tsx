// The facts of one grievance and its timeline, shared by the resident's and the cadre's detail
// pages. Who acted is shown as a role, never a staff member's name.
import type { ReactNode } from 'react';
import type { Locale } from '@/lib/domain';
import { formatDateTime, type Translate } from '@/lib/i18n-core';
import { Card } from '@/components/ui';
import { StatusBadge } from '@/components/status-badge';
import { Timeline } from '@/components/timeline';
import type { Grievance } from '@/db/schema';
import { DeadlineChip } from './deadline-chip';

export interface TimelineEvent {
  id: number;
  at: Date;
  actorRole: string;
  action: string;
  note: string | null;
}

/** `statusKeys`: 'grievances.status' for the resident's words, 'cadreGrievances.status' for staff. */
export function GrievanceFacts({ t, locale, g, placeName, now, extra, statusKeys = 'grievances.status' }: { t: Translate; locale: Locale; g: Grievance; placeName: string; now: Date; extra?: ReactNode; statusKeys?: 'grievances.status' | 'cadreGrievances.status' }) {
  const row = (label: string, value: ReactNode) => (
    <div className="py-2 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-slate-600">{label}</dt>
      <dd className="font-medium text-slate-900 sm:col-span-2">{value}</dd>
    </div>
  );
  return (
    <Card>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <StatusBadge kind="grievance" status={g.status} label={t(`${statusKeys}.${g.status}`)} />
        <DeadlineChip t={t} g={g} now={now} />
        {g.reopenCount > 0 ? <span className="text-sm text-slate-700">{t('grievances.detail.reopenCount', { count: g.reopenCount })}</span> : null}
      </div>
      <dl className="divide-y divide-slate-100">
        {row(t('grievances.detail.reference'), <span className="font-mono">{g.reference}</span>)}
        {row(t('grievances.detail.category'), t(`grievances.category.${g.category}`))}
        {row(t('grievances.detail.place'), placeName)}
        {row(t('grievances.detail.filedOn'), formatDateTime(locale, g.createdAt))}
        {g.status === 'open' || g.status === 'reopened' ? row(t('grievances.detail.respondBy'), formatDateTime(locale, g.respondBy)) : null}
        {g.status === 'open' || g.status === 'reopened' || g.status === 'responded' ? row(t('grievances.detail.resolveBy'), formatDateTime(locale, g.resolveBy)) : null}
        {g.rating ? row(t('grievances.detail.yourRating'), t('grievances.detail.ratingValue', { rating: g.rating })) : null}
        {row(t('grievances.detail.description'), <span className="whitespace-pre-wrap font-normal">{g.description}</span>)}
      </dl>
      {extra}
    </Card>
  );
}

export function GrievanceTimeline({ t, locale, events }: { t: Translate; locale: Locale; events: TimelineEvent[] }) {
  return (
    <Card title={t('grievances.detail.timeline')}>
      <Timeline
        label={t('grievances.detail.timeline')}
        steps={events.map((e) => ({
          key: e.id,
          when: formatDateTime(locale, e.at),
          title: t(`grievances.events.${e.action}`),
          who: t(`roles.${e.actorRole}`),
          reason: e.note ? <span className="whitespace-pre-wrap">{e.note}</span> : undefined,
          tone: e.action === 'reopen' ? 'warn' : 'done',
        }))}
      />
    </Card>
  );
}

export function GrievancePhotos({ t, photos }: { t: Translate; photos: { id: string; mime: string }[] }) {
  if (photos.length === 0) return null;
  return (
    <Card title={t('grievances.detail.photos')}>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        {photos.map((p, i) => (
          <li key={p.id}>
            <a href={`/api/uploads/${p.id}`} target="_blank" rel="noopener" className="block overflow-hidden rounded-lg border border-slate-200">
              {p.mime === 'application/pdf' ? (
                <span className="flex min-h-24 items-center justify-center p-3 text-brand-700 underline">{t('grievances.detail.photo', { n: i + 1 })}</span>
              ) : (
                // A plain <img>: a private file must not pass through an image optimiser or a shared cache.
                <img src={`/api/uploads/${p.id}`} alt={t('grievances.detail.photo', { n: i + 1 })} className="aspect-square w-full object-cover" />
              )}
            </a>
          </li>
        ))}
      </ul>
    </Card>
  );
}
