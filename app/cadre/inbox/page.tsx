// The cadre's inbox: notices written when something in their places needs them (a grievance
// filed, an objection lodged on a notice, a returned case sent again), newest first in keyset
// pages, each in the reader's language (the row keeps a kind and parameters, not a sentence).
// Unread ones say so in words and an icon. Opening one marks it read and goes to what it is
// about. Open objections waiting for an answer are summarised at the top.
import type { Metadata } from 'next';
import Link from 'next/link';
import { BellDot, CheckCheck, ChevronRight, MailOpen } from 'lucide-react';
import { getDb } from '@/db/client';
import { openObjectionsPage } from '@/db/queries/cadre-objections';
import { inboxPage, unreadStaffNotifications } from '@/db/queries/staff-notifications';
import { getFormatter, getTranslations } from 'next-intl/server';
import { loose, type LooseTranslate } from '@/lib/i18n/loose';
import { noticeValues } from '@/lib/i18n/notification-values';
import { requireCapability } from '@/lib/session';
import { Card, EmptyState, PageTitle, secondaryButtonClass } from '@/components/ui';
import { decodeTimeCursor, encodeCursor } from '@/lib/url-cursor';
import { markAllStaffNotificationsReadAction, openStaffNotificationAction } from './actions';

// A plain <form action> ignores what its action returns; the builder's actions return a result.
type FormAction = (formData: FormData) => Promise<void>;
const markAllReadForm = markAllStaffNotificationsReadAction as unknown as FormAction;
const openForm = openStaffNotificationAction as unknown as FormAction;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('cadreInbox.title') };
}

/** The sentence for one notice, with its programme or category translated and any days it names. */
function noticeText(t: LooseTranslate, has: (key: string) => boolean, kind: string, raw: unknown): string {
  // The kind is stored with the notice ('staff.grievanceFiled'), so the key is checked at run time.
  const key = `cadreInbox.kinds.${kind.replace(/^staff\./, '')}`;
  if (!kind.startsWith('staff.') || !has(key)) return t('cadreInbox.unknownKind');
  return t(key, noticeValues(t, kind, raw));
}

export default async function CadreInboxPage({ searchParams }: { searchParams: Promise<{ after?: string }> }) {
  const user = await requireCapability('notifications:read_own', '/cadre/inbox');
  const after = decodeTimeCursor((await searchParams).after);
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  const db = getDb();
  const [{ rows, next }, unread, objections] = await Promise.all([
    inboxPage({ db, userId: user.id, after }),
    unreadStaffNotifications({ db, userId: user.id }),
    openObjectionsPage({ db, scopePaths: user.placePaths, viewerId: user.id, limit: 3 }),
  ]);
  const has = (k: string) => (t.has as (key: string) => boolean)(k);

  return (
    <div className="space-y-6">
      <PageTitle lead={t('cadreInbox.lead')}>{t('cadreInbox.title')}</PageTitle>
      <Card title={t('cadreInbox.objections.title')}>
        {objections.rows.length === 0 ? (
          <p className="text-slate-700">{t('cadreInbox.objections.empty')}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {objections.rows.map((o) => (
              <li key={o.id}>
                <Link href={`/cadre/cases/${o.applicationId}`} className="flex min-h-11 items-center gap-2 py-1 text-brand-700 underline">
                  <span className="font-mono text-sm">{o.reference}</span>
                  <span className="text-slate-700 no-underline">{format.dateTime(o.createdAt, 'date')}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-2">
          <Link href="/cadre/objections" className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
            {t('cadreInbox.objections.all')}
          </Link>
        </p>
      </Card>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="font-medium text-slate-800" role="status">
          {unread > 0 ? t('cadreInbox.unreadCount', { count: unread }) : t('cadreInbox.allRead')}
        </p>
        {unread > 0 ? (
          <form action={markAllReadForm}>
            <button type="submit" className={secondaryButtonClass}>
              <CheckCheck aria-hidden="true" className="h-5 w-5" />
              {t('cadreInbox.markAll')}
            </button>
          </form>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <EmptyState>{after ? t('cadreInbox.noMore') : t('cadreInbox.empty')}</EmptyState>
      ) : (
        <ul aria-label={t('cadreInbox.listLabel')} className="space-y-3">
          {rows.map((n) => {
            const isUnread = !n.readAt;
            return (
              <li key={n.id} data-unread={isUnread ? 'true' : 'false'} className={`rounded-xl border bg-white p-4 shadow-sm ${isUnread ? 'border-l-4 border-brand-700 border-y-slate-200 border-r-slate-200' : 'border-slate-200'}`}>
                <p className="mb-1 flex flex-wrap items-center gap-2 text-sm">
                  {isUnread ? (
                    <span className="inline-flex items-center gap-1 rounded-full bg-brand-50 px-2 py-0.5 font-semibold text-brand-700">
                      <BellDot aria-hidden="true" className="h-4 w-4" />
                      {t('cadreInbox.unread')}
                    </span>
                  ) : (
                    <span className="inline-flex items-center gap-1 text-slate-600">
                      <MailOpen aria-hidden="true" className="h-4 w-4" />
                      {t('cadreInbox.read')}
                    </span>
                  )}
                  <time dateTime={n.createdAt.toISOString()} className="text-slate-600">
                    {format.dateTime(n.createdAt, 'dateTime')}
                  </time>
                </p>
                <p id={`notice-${n.id}`} className={isUnread ? 'font-semibold text-slate-900' : 'text-slate-800'}>
                  {noticeText(loose(t), has, n.kind, n.params)}
                </p>
                {n.link || isUnread ? (
                  <form action={openForm} className="mt-2">
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" aria-describedby={`notice-${n.id}`} className="inline-flex min-h-11 items-center gap-1 rounded-lg px-1 font-medium text-brand-700 underline hover:text-brand-800">
                      {n.link ? t('cadreInbox.open') : t('cadreInbox.markRead')}
                      {n.link ? <ChevronRight aria-hidden="true" className="h-4 w-4" /> : null}
                    </button>
                  </form>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {next ? (
        <p>
          <Link href={`/cadre/inbox?after=${encodeCursor([next.at, next.id])}`} className={secondaryButtonClass}>
            {t('cadreInbox.loadMore')}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
