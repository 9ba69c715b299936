// One page of the queue as the list component shows it: rows with masked names and words in the
// reader's language, and the links to the next page (HTML and JSON). Used by the page and by
// app/cadre/queue/more, so both give the same rows for the same URL.
import 'server-only';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { encodeQueueCursor, queuePage, type QueueRow } from '@/db/queries/queue';
import { caseStatusLabel } from '@/lib/case-status';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { maskName } from '@/lib/pii';
import type { SessionUser } from '@/lib/session';
import type { QueueItem, QueuePageData } from '@/components/cases/queue-list';
import { filterQuery, queueHref, resolveQueue, type QueueParams, type ResolvedQueue } from './params';

/** The filters of the URL for this cadre (resolve once, then load the page and the counts side by side). */
export function resolveFor(user: SessionUser, params: QueueParams): Promise<ResolvedQueue> {
  return resolveQueue({ db: getDb(), scopePaths: user.placePaths, params });
}

export async function loadQueuePage({ user, params, resolved }: { user: SessionUser; params: QueueParams; resolved: ResolvedQueue }): Promise<QueuePageData> {
  const db = getDb();
  const [{ rows, next }, t, format, locale] = await Promise.all([
    queuePage({ db, scopePaths: user.placePaths, filters: resolved.filters, after: resolved.after }),
    getTranslations(),
    getFormatter(),
    getUiLocale(),
  ]);
  const item = (r: QueueRow): QueueItem => {
    // An expired voucher or a repair closed with nothing repaired has its own word (lib/case-status.ts).
    const shown = caseStatusLabel(r.status, r.closing);
    const submitted = r.submittedAt ? format.dateTime(r.submittedAt, 'date') : null;
    return {
      id: r.id,
      reference: r.reference,
      head: maskName(r.headName),
      place: locale === 'en' ? r.placeNameEn : r.placeName,
      programme: t(`programmes.${r.programmeCode}.name`),
      status: shown,
      statusLabel: t(`status.${shown}`),
      submitted,
      when: submitted ? t('cadreQueue.row.submittedOn', { date: submitted }) : t('cadreQueue.row.notSent'),
      overdue: r.overdue,
    };
  };
  const query = filterQuery(params);
  const cursor = next ? encodeQueueCursor(next) : null;
  return {
    rows: rows.map(item),
    nextHref: cursor ? queueHref('/cadre/queue', { ...query, after: cursor }) : null,
    moreHref: cursor ? queueHref('/cadre/queue/more', { ...query, after: cursor }) : null,
  };
}
