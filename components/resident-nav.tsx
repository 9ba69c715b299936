// The resident's sections, with the unread-message badge. Large touch targets; wraps onto a
// second line on phones rather than scrolling sideways, so every section stays in sight.
import Link from 'next/link';
import { useTranslations } from 'next-intl';

const ITEMS = [
  ['/resident', 'nav.home'],
  ['/resident/household', 'nav.household'],
  ['/resident/benefits', 'nav.benefits'],
  ['/resident/applications', 'nav.applications'],
  ['/resident/grievances', 'nav.grievances'],
] as const;

export function ResidentNav({ unread }: { unread: number }) {
  const t = useTranslations();
  return (
    <nav aria-label={t('nav.residentLabel')} className="relative -mx-4 mb-6 border-b border-slate-200 bg-white px-2">
      <ul className="flex flex-wrap">
        {ITEMS.map(([href, key]) => (
          <li key={href}>
            <Link href={href} className="inline-flex min-h-11 items-center whitespace-nowrap px-3 font-medium text-brand-700 hover:underline">
              {t(key)}
            </Link>
          </li>
        ))}
        <li>
          <Link href="/resident/notifications" className="inline-flex min-h-11 items-center gap-1 whitespace-nowrap px-3 font-medium text-brand-700 hover:underline">
            {t('nav.notifications')}
            {unread > 0 ? (
              <>
                <span aria-hidden="true" className="rounded-full bg-red-700 px-2 text-sm font-bold text-white">
                  {unread}
                </span>
                <span className="sr-only">{t('nav.unreadBadge', { count: unread })}</span>
              </>
            ) : null}
          </Link>
        </li>
      </ul>
    </nav>
  );
}
