// Only the resident role may enter /resident: anonymous visitors are sent to sign in, other roles get the 403 page.
import { requireRole } from '@/lib/session';

export default async function Layout({ children }: { children: React.ReactNode }) {
  await requireRole('resident', '/resident');
  return <>{children}</>;
}
