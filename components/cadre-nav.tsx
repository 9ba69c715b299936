// The cadre's sections (issue 9), with the unread count of the staff inbox. Large touch targets;
// wraps onto a second line on phones rather than scrolling sideways, so every section stays in
// sight (as components/resident-nav.tsx does for residents).
import Link from 'next/link';
import { useTranslations } from 'next-intl';

const ITEMS = [
  ['/cadre', 'cadreNav.home'],
  ['/cadre/queue', 'cadreNav.queue'],
  ['/cadre/households', 'cadreNav.households'],
  ['/cadre/assist/new', 'cadreAssist.nav'],
  ['/cadre/visits', 'cadreNav.visits'],
  ['/cadre/grievances', 'cadreNav.grievances'],
  ['/cadre/handouts', 'cadreHandouts.nav'],
  ['/account/relatives', 'cadreNav.relatives'],
] as const;

export function CadreNav({ unread }: { unread: number }) {
  const t = useTranslations();
  return (
    <nav aria-label={t('cadreNav.label')} className="relative -mx-4 mb-6 border-b border-slate-200 bg-white px-2">
      <ul className="flex flex-wrap">
        {ITEMS.map(([href, key]) => (
          <li key={href}>
            <Link href={href} className="inline-flex min-h-11 items-center whitespace-nowrap px-3 font-medium text-brand-700 hover:underline">
              {t(key)}
            </Link>
          </li>
        ))}
        <li>
          <Link href="/cadre/inbox" className="inline-flex min-h-11 items-center gap-1 whitespace-nowrap px-3 font-medium text-brand-700 hover:underline">
            {t('cadreNav.inbox')}
            {unread > 0 ? (
              <>
                <span aria-hidden="true" className="rounded-full bg-red-700 px-2 text-sm font-bold text-white">
                  {unread >= 100 ? '99+' : unread}
                </span>
                <span className="sr-only">{t('cadreNav.unread', { count: unread })}</span>
              </>
            ) : null}
          </Link>
        </li>
      </ul>
    </nav>
  );
}
