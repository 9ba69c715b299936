// The resident's inbox: every notification, newest first, in the reader's language (the row
// stores a message key and parameters, not a sentence). Unread ones say so in words and an
// icon, not only by colour. Opening one marks it read and goes to the case it is about.
import type { Metadata } from 'next';
import { BellDot, CheckCheck, ChevronRight, MailOpen } from 'lucide-react';
import { getDb } from '@/db/client';
import { listNotifications } from '@/db/queries/notifications';
import { getFormatter, getTranslations } from 'next-intl/server';
import { loose, type LooseTranslate } from '@/lib/i18n/loose';
import { noticeValues } from '@/lib/i18n/notification-values';
import { requireCapability } from '@/lib/session';
import { EmptyState, PageTitle, secondaryButtonClass } from '@/components/ui';
import { markAllReadAction, openNotificationAction } from './actions';

// A plain <form action> ignores what its action returns; the builder's actions return a result.
type FormAction = (formData: FormData) => Promise<void>;
const markAllReadForm = markAllReadAction as unknown as FormAction;
const openNotificationForm = openNotificationAction as unknown as FormAction;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('notifications.title') };
}

/** The sentence for one notification, with its programme, fact or category translated and any days it names. */
function notificationText(t: LooseTranslate, has: (key: string) => boolean, kind: string, raw: unknown): string {
  // The kind and its parameters are stored with the notification, so the key is checked at run time.
  const key = `notifications.kinds.${kind}`;
  if (!has(key)) return t('notifications.unknownKind');
  return t(key, noticeValues(t, kind, raw));
}

export default async function NotificationsPage() {
  const user = await requireCapability('notifications:read_own', '/resident/notifications');
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  const rows = await listNotifications({ db: getDb(), userId: user.id, limit: 100 });
  const unread = rows.filter((n) => !n.readAt).length;

  return (
    <div className="space-y-6">
      <PageTitle lead={t('notifications.lead')}>{t('notifications.title')}</PageTitle>
      {rows.length === 0 ? (
        <EmptyState>{t('notifications.empty')}</EmptyState>
      ) : (
        <>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="font-medium text-slate-800" role="status">
              {unread > 0 ? t('notifications.unreadCount', { count: unread }) : t('notifications.allRead')}
            </p>
            {unread > 0 ? (
              <form action={markAllReadForm}>
                <button type="submit" className={secondaryButtonClass}>
                  <CheckCheck aria-hidden="true" className="h-5 w-5" />
                  {t('notifications.markAll')}
                </button>
              </form>
            ) : null}
          </div>
          <ul aria-label={t('notifications.listLabel')} className="space-y-3">
            {rows.map((n) => {
              const isUnread = !n.readAt;
              const text = notificationText(loose(t), (k) => (t.has as (key: string) => boolean)(k), n.kind, n.params);
              return (
                <li
                  key={n.id}
                  data-unread={isUnread ? 'true' : 'false'}
                  className={`rounded-xl border bg-white p-4 shadow-sm ${isUnread ? 'border-l-4 border-brand-700 border-y-slate-200 border-r-slate-200' : 'border-slate-200'}`}
                >
                  <p className="mb-1 flex flex-wrap items-center gap-2 text-sm">
                    {isUnread ? (
                      <span className="inline-flex items-center gap-1 rounded-full bg-brand-50 px-2 py-0.5 font-semibold text-brand-700">
                        <BellDot aria-hidden="true" className="h-4 w-4" />
                        {t('notifications.unread')}
                      </span>
                    ) : (
                      <span className="inline-flex items-center gap-1 text-slate-600">
                        <MailOpen aria-hidden="true" className="h-4 w-4" />
                        {t('notifications.read')}
                      </span>
                    )}
                    <time dateTime={n.createdAt.toISOString()} className="text-slate-600">
                      {format.dateTime(n.createdAt, 'dateTime')}
                    </time>
                  </p>
                  <p id={`notification-${n.id}`} className={isUnread ? 'font-semibold text-slate-900' : 'text-slate-800'}>
                    {text}
                  </p>
                  {n.link || isUnread ? (
                    <form action={openNotificationForm} className="mt-2">
                      <input type="hidden" name="id" value={n.id} />
                      <button type="submit" aria-describedby={`notification-${n.id}`} className="inline-flex min-h-11 items-center gap-1 rounded-lg px-1 font-medium text-brand-700 underline hover:text-brand-800">
                        {n.link ? t('notifications.open') : t('notifications.markRead')}
                        {n.link ? <ChevronRight aria-hidden="true" className="h-4 w-4" /> : null}
                      </button>
                    </form>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
