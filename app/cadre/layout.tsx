// Only the cadre role may enter /cadre: anonymous visitors are sent to sign in, other roles get
// the 403 page. Every cadre page gets the section navigation with the inbox's unread count.
// After the page has answered, lapsed pickup vouchers give their stock back when a sweep is due
// (server/handouts/expire-pickups.ts; the county layout does the same).
import { after } from 'next/server';
import { getDb } from '@/db/client';
import { unreadStaffNotifications } from '@/db/queries/staff-notifications';
import { requireRole } from '@/lib/session';
import { CadreNav } from '@/components/cadre-nav';
import { pickupSweepDue, sweepLapsedPickupsIfDue } from '@/server/handouts/expire-pickups';

export default async function Layout({ children }: { children: React.ReactNode }) {
  const user = await requireRole('cadre', '/cadre');
  const unread = await unreadStaffNotifications({ db: getDb(), userId: user.id });
  if (pickupSweepDue()) after(() => sweepLapsedPickupsIfDue(getDb()));
  return (
    <>
      <CadreNav unread={unread} />
      {children}
    </>
  );
}
