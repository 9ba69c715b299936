// The cadre's sections (issue 9), with the unread count of the staff inbox (components/section-nav.tsx).
import { useTranslations } from 'next-intl';
import { SectionNav } from './section-nav';

const ITEMS = [
  ['/cadre', 'cadreNav.home'],
  ['/cadre/queue', 'cadreNav.queue'],
  ['/cadre/dashboard', 'cadreNav.dashboard'],
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
    <SectionNav
      label={t('cadreNav.label')}
      items={ITEMS.map(([href, key]) => ({ href, text: t(key) }))}
      inbox={{ href: '/cadre/inbox', text: t('cadreNav.inbox'), unread, unreadWords: t('cadreNav.unread', { count: unread }) }}
    />
  );
}
