// Only the official role may enter /county: anonymous visitors are sent to sign in, other roles
// get the 403 page. Every county page gets the section navigation. After the page has answered,
// lapsed pickup vouchers give their stock back when a sweep is due (server/handouts/expire-pickups.ts).
import { after } from 'next/server';
import { getDb } from '@/db/client';
import { requireRole } from '@/lib/session';
import { pickupSweepDue, sweepLapsedPickupsIfDue } from '@/server/handouts/expire-pickups';
import { CountyNav } from '@/components/county-nav';

export default async function Layout({ children }: { children: React.ReactNode }) {
  await requireRole('official', '/county');
  if (pickupSweepDue()) after(() => sweepLapsedPickupsIfDue(getDb()));
  return (
    <>
      <CountyNav />
      {children}
    </>
  );
}
