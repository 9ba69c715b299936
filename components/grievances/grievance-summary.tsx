// The facts of one grievance and its timeline, shared by the resident's and the cadre's detail
// pages. Who acted is shown as a role, never a staff member's name; a grievance a cadre filed
// for the household (代办) says so on its first step.
import type { ReactNode } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import type { GrievanceCategory } from '@/lib/domain';
import type { DeadlineFields, GrievanceLimits } from '@/lib/grievances';
import { loose } from '@/lib/i18n/loose';
import { stepTakenForHousehold } from '@/lib/on-behalf';
import { Card } from '@/components/ui';
import { StatusBadge } from '@/components/status-badge';
import { Timeline } from '@/components/timeline';
import { DeadlineChip } from './deadline-chip';

/** What the detail pages show of a grievance (the grievance row is a superset). */
export interface GrievanceView extends DeadlineFields {
  reference: string;
  category: GrievanceCategory;
  createdAt: Date;
  reopenCount: number;
  rating: number | null;
  description: string;
}

export interface TimelineEvent {
  id: number;
  at: Date;
  actorRole: string;
  action: string;
  note: string | null;
}

/** `statusKeys`: 'grievances.status' for the resident's words, 'cadreGrievances.status' for staff. */
export function GrievanceFacts({ g, placeName, now, extra, statusKeys = 'grievances.status', limits }: { g: GrievanceView; placeName: string; now: Date; extra?: ReactNode; statusKeys?: 'grievances.status' | 'cadreGrievances.status'; limits?: GrievanceLimits }) {
  const t = useTranslations();
  const format = useFormatter();
  const row = (label: string, value: ReactNode) => (
    <div className="py-2 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-slate-600">{label}</dt>
      <dd className="font-medium text-slate-900 sm:col-span-2">{value}</dd>
    </div>
  );
  return (
    <Card>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <StatusBadge kind="grievance" status={g.status} label={loose(t)(`${statusKeys}.${g.status}`)} />
        <DeadlineChip g={g} now={now} limits={limits} />
        {g.reopenCount > 0 ? <span className="text-sm text-slate-700">{t('grievances.detail.reopenCount', { count: g.reopenCount })}</span> : null}
      </div>
      <dl className="divide-y divide-slate-100">
        {row(t('grievances.detail.reference'), <span className="font-mono">{g.reference}</span>)}
        {row(t('grievances.detail.category'), t(`grievances.category.${g.category}`))}
        {row(t('grievances.detail.place'), placeName)}
        {row(t('grievances.detail.filedOn'), format.dateTime(g.createdAt, 'dateTime'))}
        {g.status === 'open' || g.status === 'reopened' ? row(t('grievances.detail.respondBy'), format.dateTime(g.respondBy, 'dateTime')) : null}
        {g.status === 'open' || g.status === 'reopened' || g.status === 'responded' ? row(t('grievances.detail.resolveBy'), format.dateTime(g.resolveBy, 'dateTime')) : null}
        {g.rating ? row(t('grievances.detail.yourRating'), t('grievances.detail.ratingValue', { rating: g.rating })) : null}
        {row(t('grievances.detail.description'), <span className="whitespace-pre-wrap font-normal">{g.description}</span>)}
      </dl>
      {extra}
    </Card>
  );
}

export function GrievanceTimeline({ events }: { events: TimelineEvent[] }) {
  const t = useTranslations();
  const tl = loose(t);
  const format = useFormatter();
  return (
    <Card title={t('grievances.detail.timeline')}>
      {events.length === 0 ? (
        // No step yet: a sentence, not an empty box.
        <p className="text-slate-700">{t('grievances.detail.noSteps')}</p>
      ) : (
        <Timeline
          label={t('grievances.detail.timeline')}
          steps={events.map((e) => ({
            key: e.id,
            when: format.dateTime(e.at, 'dateTime'),
            title: tl(`grievances.events.${e.action}`),
            who: stepTakenForHousehold('grievance', e) ? t('cadreAssist.timeline.onBehalf') : tl(`roles.${e.actorRole}`),
            reason: e.note ? <span className="whitespace-pre-wrap">{e.note}</span> : undefined,
            tone: e.action === 'reopen' ? 'warn' : 'done',
          }))}
        />
      )}
    </Card>
  );
}

export function GrievancePhotos({ photos }: { photos: { id: string; mime: string }[] }) {
  const t = useTranslations();
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
