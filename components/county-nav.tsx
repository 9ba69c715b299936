// The county official's sections (issue 10): approvals, the county-run programmes (settings,
// 免申即享 enrolment, stock, budgets, payments, waiver lists) and people. Each page checks its
// own capability; the links are the same for every official, and a page says plainly when a
// township-scoped official may only read it.
import { useTranslations } from 'next-intl';
import { SectionNav } from './section-nav';

const ITEMS = [
  ['/county', 'countyNav.home'],
  ['/county/dashboard', 'countyNav.dashboard'],
  ['/county/decisions', 'countyNav.decisions'],
  ['/county/programmes', 'countyNav.programmes'],
  ['/county/enrolment', 'countyNav.enrolment'],
  ['/county/stock', 'countyNav.stock'],
  ['/county/budgets', 'countyNav.budgets'],
  ['/county/payments', 'countyNav.payments'],
  ['/county/waivers', 'countyNav.waivers'],
  ['/county/grievances', 'countyNav.grievances'],
  ['/county/visits', 'countyNav.visits'],
  ['/county/staff', 'countyNav.staff'],
  ['/county/audit', 'countyNav.audit'],
] as const;

export function CountyNav() {
  const t = useTranslations();
  return <SectionNav label={t('countyNav.label')} items={ITEMS.map(([href, key]) => ({ href, text: t(key) }))} />;
}
