// Only residents may enter /resident: anonymous visitors are sent to sign in, other roles get the 403 page.
import { requireRole } from '@/lib/session';
import { getDb } from '@/db/client';
import { unreadNotificationCount } from '@/db/queries/overview';
import { ResidentNav } from '@/components/resident-nav';

export default async function Layout({ children }: { children: React.ReactNode }) {
  const user = await requireRole('resident', '/resident');
  const unread = await unreadNotificationCount({ db: getDb(), userId: user.id });
  return (
    <>
      <ResidentNav unread={unread} />
      {children}
    </>
  );
}
