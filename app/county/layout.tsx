// Only the official role may enter /county: anonymous visitors are sent to sign in, other roles
// get the 403 page. Every county page gets the section navigation.
import { requireRole } from '@/lib/session';
import { CountyNav } from '@/components/county-nav';

export default async function Layout({ children }: { children: React.ReactNode }) {
  await requireRole('official', '/county');
  return (
    <>
      <CountyNav />
      {children}
    </>
  );
}
