// The resident's sections, with the unread-message badge (components/section-nav.tsx).
import { useTranslations } from 'next-intl';
import { SectionNav } from './section-nav';

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
    <SectionNav
      label={t('nav.residentLabel')}
      items={ITEMS.map(([href, key]) => ({ href, text: t(key) }))}
      inbox={{ href: '/resident/notifications', text: t('nav.notifications'), unread, unreadWords: t('nav.unreadBadge', { count: unread }) }}
    />
  );
}
